extension FrontMatter {
    /// A file cut into its front matter block and its body.
    public struct Split: Equatable, Sendable {
        /// The lines between the opening and closing lines, with their original line endings;
        /// nil when the file does not start with `---`.
        public var block: Substring?
        /// The 1-based line number of the block's first line (2), or 1 without front matter.
        public var blockLine: Int
        /// Everything after the closing line (or the whole BOM-stripped text).
        public var body: Substring
        /// The 1-based line number on which `body` starts.
        public var bodyLine: Int
    }

    /// Cuts `text` into front matter and body.
    ///
    /// A UTF-8 BOM is skipped. Front matter opens with a line `---` as the very first line and
    /// closes at the next line `---` or `...` (trailing spaces and tabs allowed on both). Lines end
    /// with `\n`, `\r\n` or a lone `\r`. Without an opening line the whole text is the body. An
    /// opening line without a closing one is an error located at the opening line.
    public static func split(_ text: String) -> Result<Split, FrontMatterError> {
        var copy = text
        let cut = copy.withUTF8 { scanSplit($0) }
        let u = text.utf8
        func index(_ offset: Int) -> String.Index { u.index(u.startIndex, offsetBy: offset) }
        switch cut {
        case .absent(let bodyStart):
            return .success(Split(block: nil, blockLine: 1, body: text[index(bodyStart)...], bodyLine: 1))
        case .unterminated:
            return .failure(FrontMatterError(
                line: 1, column: 1,
                message: "front matter starts here but never ends: expected a line `---` after it"))
        case .found(let blockStart, let blockEnd, let bodyStart, let bodyLine):
            return .success(Split(block: text[index(blockStart)..<index(blockEnd)], blockLine: 2,
                                  body: text[index(bodyStart)...], bodyLine: bodyLine))
        }
    }

    private enum Cut {
        case absent(bodyStart: Int)
        case unterminated
        case found(blockStart: Int, blockEnd: Int, bodyStart: Int, bodyLine: Int)
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
        let first = lineEnd(start)
        guard isFence(start, first.end, UInt8(ascii: "-")) else { return .absent(bodyStart: start) }
        let blockStart = first.next
        var lineStart = blockStart
        var line = 2
        while lineStart < n {
            let l = lineEnd(lineStart)
            if isFence(lineStart, l.end, UInt8(ascii: "-")) || isFence(lineStart, l.end, UInt8(ascii: ".")) {
                return .found(blockStart: blockStart, blockEnd: lineStart, bodyStart: l.next, bodyLine: line + 1)
            }
            lineStart = l.next
            line += 1
        }
        return .unterminated
    }
}
