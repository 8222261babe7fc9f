extension FrontMatter {
    /// A file cut into its front matter block and its body.
    public struct Split: Equatable, Sendable {
        /// The lines between the opening and closing lines, with their original line endings
        /// (for JSON, the object from its `{` to its `}`); nil when the file has no front matter.
        public var block: Substring?
        /// The 1-based line number of the block's first line (2; 1 for JSON), or 1 without front matter.
        public var blockLine: Int
        /// Everything after the closing line (or the whole BOM-stripped text).
        public var body: Substring
        /// The 1-based line number on which `body` starts.
        public var bodyLine: Int
        /// The language of `block`: YAML between `---` lines, TOML between `+++` lines, JSON.
        public var format: Format = .yaml
    }

    /// The language a front matter block is written in, told by its opening line.
    public enum Format: Equatable, Sendable {
        /// Between `---` lines.
        case yaml
        /// Between `+++` lines (Hugo).
        case toml
        /// A `{ … }` object at the very top of the file (Hugo).
        case json
    }

    /// Cuts `text` into front matter and body.
    ///
    /// A UTF-8 BOM is skipped. YAML front matter opens with a line `---` as the very first line and
    /// closes at the next line `---` or `...` (trailing spaces and tabs allowed on both); TOML opens
    /// and closes with `+++` lines; JSON is the object that opens with a `{` as the very first
    /// character, up to the `}` that closes it. Lines end with `\n`, `\r\n` or a lone `\r`.
    /// Without an opening line the whole text is the body. An opening without a close is an error
    /// located at the opening line.
    public static func split(_ text: String) -> Result<Split, FrontMatterError> {
        var copy = text
        let cut = copy.withUTF8 { scanSplit($0) }
        let u = text.utf8
        func index(_ offset: Int) -> String.Index { u.index(u.startIndex, offsetBy: offset) }
        switch cut {
        case .absent(let bodyStart):
            return .success(Split(block: nil, blockLine: 1, body: text[index(bodyStart)...], bodyLine: 1))
        case .unterminated(.json):
            return .failure(FrontMatterError(
                line: 1, column: 1,
                message: "front matter starts here but never ends: expected a `}` that closes this `{`"))
        case .unterminated(let format):
            let fence = format == .toml ? "+++" : "---"
            return .failure(FrontMatterError(
                line: 1, column: 1,
                message: "front matter starts here but never ends: expected a line `\(fence)` after it"))
        case .found(let blockStart, let blockEnd, let bodyStart, let bodyLine, let format):
            return .success(Split(block: text[index(blockStart)..<index(blockEnd)],
                                  blockLine: format == .json ? 1 : 2,
                                  body: text[index(bodyStart)...], bodyLine: bodyLine, format: format))
        }
    }

    private enum Cut {
        case absent(bodyStart: Int)
        case unterminated(Format)
        case found(blockStart: Int, blockEnd: Int, bodyStart: Int, bodyLine: Int, format: Format)
    }

    /// Finds the fences on raw bytes; never looks past the closing line.
    private static func scanSplit(_ b: UnsafeBufferPointer<UInt8>) -> Cut {
        let n = b.count
        var p = 0
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { p = 3 }
        let start = p
        guard let base = b.baseAddress else { return .absent(bodyStart: start) }
        func lineEnd(_ from: Int) -> (end: Int, next: Int) { scanLineEnd(base, from: from, count: n) }
        // True when b[from..<end] is `marker` (three times) followed only by spaces or tabs.
        func isFence(_ from: Int, _ end: Int, _ marker: UInt8) -> Bool {
            guard end - from >= 3, b[from] == marker, b[from + 1] == marker, b[from + 2] == marker
            else { return false }
            var q = from + 3
            while q < end {
                if b[q] != 0x20 && b[q] != 0x09 { return false }
                q += 1
            }
            return true
        }
        // `{{` and `{%` open template syntax (a shortcode, a Liquid tag), never a JSON object.
        if start < n, b[start] == UInt8(ascii: "{"),
           !(start + 1 < n && (b[start + 1] == UInt8(ascii: "{") || b[start + 1] == UInt8(ascii: "%"))) {
            return scanJSONObject(b, from: start)
        }
        let first = lineEnd(start)
        let format: Format
        if isFence(start, first.end, UInt8(ascii: "-")) {
            format = .yaml
        } else if isFence(start, first.end, UInt8(ascii: "+")) {
            format = .toml
        } else {
            return .absent(bodyStart: start)
        }
        let blockStart = first.next
        var lineStart = blockStart
        var line = 2
        while lineStart < n {
            let l = lineEnd(lineStart)
            let closes = format == .toml
                ? isFence(lineStart, l.end, UInt8(ascii: "+"))
                : isFence(lineStart, l.end, UInt8(ascii: "-")) || isFence(lineStart, l.end, UInt8(ascii: "."))
            if closes {
                return .found(blockStart: blockStart, blockEnd: lineStart, bodyStart: l.next, bodyLine: line + 1,
                              format: format)
            }
            lineStart = l.next
            line += 1
        }
        return .unterminated(format)
    }

    /// Finds the `}` that closes the object opening at `start` (strings skipped, braces and
    /// brackets counted); the body starts on the next line, or right after the `}` when text
    /// follows it on its line. Whether the object is valid JSON is the JSON reader's business.
    private static func scanJSONObject(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Cut {
        let n = b.count
        var depth = 0
        var p = start
        var line = 1
        var inString = false
        while p < n {
            let c = b[p]
            if inString {
                if c == 0x5C {
                    p += 2
                } else {
                    if c == 0x22 { inString = false }
                    if c == 0x0A { line += 1 }
                    p += 1
                }
                if inString { p = scanStringRun(b, from: p, quote: 0x22, escapes: true) }
                continue
            }
            switch c {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 {
                    let blockEnd = p + 1
                    var q = blockEnd
                    while q < n, b[q] == 0x20 || b[q] == 0x09 { q += 1 }
                    if q == n { return .found(blockStart: start, blockEnd: blockEnd, bodyStart: n, bodyLine: line + 1, format: .json) }
                    if b[q] == 0x0A {
                        return .found(blockStart: start, blockEnd: blockEnd, bodyStart: q + 1, bodyLine: line + 1, format: .json)
                    }
                    if b[q] == 0x0D {
                        let next = q + 1 < n && b[q + 1] == 0x0A ? q + 2 : q + 1
                        return .found(blockStart: start, blockEnd: blockEnd, bodyStart: next, bodyLine: line + 1, format: .json)
                    }
                    return .found(blockStart: start, blockEnd: blockEnd, bodyStart: blockEnd, bodyLine: line, format: .json)
                }
            case 0x0A: line += 1
            case 0x0D: if !(p + 1 < n && b[p + 1] == 0x0A) { line += 1 }
            default: break
            }
            p += 1
        }
        return .unterminated(.json)
    }
}
