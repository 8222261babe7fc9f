#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read position in a block's UTF-8 bytes that knows its line, for the TOML and JSON readers:
/// they go forward only, so a location is the current line and a `Character` count within it.
struct ByteCursor {
    let b: UnsafeBufferPointer<UInt8>
    /// The block the bytes are of: strings are copied from it, which skips re-validating UTF-8.
    let base: Substring
    let firstLine: Int
    /// The next byte to read.
    var p = 0
    /// 0-based line of `p` within the block, and the offset that line starts at.
    var line = 0
    var lineStart = 0

    init(bytes: UnsafeBufferPointer<UInt8>, base: Substring, firstLine: Int) {
        self.b = bytes
        self.base = base
        self.firstLine = firstLine
    }

    var atEnd: Bool {
        @inline(__always) get { p >= b.count }
    }
    /// The byte at `p`, or 0 at the end.
    var peek: UInt8 {
        @inline(__always) get { p < b.count ? b[p] : 0 }
    }

    func byte(_ q: Int) -> UInt8 { q < b.count ? b[q] : 0 }

    /// The file location of byte `q`, which must be on the current line.
    func loc(_ q: Int) -> SourceLocation {
        SourceLocation(line: firstLine + line,
                       column: characterColumn(b, from: lineStart, to: min(max(q, lineStart), b.count), lineStart: lineStart))
    }

    /// The location of `p`.
    var here: SourceLocation { loc(p) }

    /// Steps over one line break at `p` (`\n`, `\r\n` or a lone `\r`); false when there is none.
    mutating func skipNewline() -> Bool {
        guard p < b.count else { return false }
        if b[p] == .lf {
            p += 1
        } else if b[p] == .cr {
            p += p + 1 < b.count && b[p + 1] == .lf ? 2 : 1
        } else {
            return false
        }
        line += 1
        lineStart = p
        return true
    }

    mutating func skipSpaces() {
        while p < b.count, b[p].isSpaceOrTab { p += 1 }
    }

    /// The text of bytes `from..<to` (whole characters).
    func text(_ from: Int, _ to: Int) -> String { sliceText(b, of: base, from, to) }

    /// The text from `q` to the next space, tab, line break, comma or closing bracket, cut to 30
    /// characters, for "found `…`" in messages.
    func word(at q: Int) -> String {
        var e = q
        while e < b.count {
            let c = b[e]
            if c.isSpaceOrTab || c == .lf || c == .cr || c == .comma || c == .rbracket || c == .rbrace { break }
            e += 1
        }
        if e == q {
            guard q < b.count else { return "" }
            e = q + (b[q] < 0x80 ? 1 : b[q] < 0xE0 ? 2 : b[q] < 0xF0 ? 3 : 4)
            e = min(e, b.count)
        }
        let s = text(q, e)
        return s.count > 30 ? String(s.prefix(30)) + "…" : s
    }

    /// What is at `q` for a message: "`x`", "the end of the line" or "the end of the front matter".
    func found(at q: Int) -> String {
        guard q < b.count else { return "the end of the front matter" }
        if b[q] == .lf || b[q] == .cr { return "the end of the line" }
        return "`\(word(at: q))`"
    }
}

extension ByteCursor {
    /// The offset of the first `quote`, backslash (when `escapes`), `\n` or `\r` at or after `from`
    /// (the end when none): the run of a string's text that needs no decoding, found with
    /// `memchr` because front matter strings (summaries above all) are long.
    func stringRun(from: Int, quote: UInt8, escapes: Bool) -> Int {
        scanStringRun(b, from: from, quote: quote, escapes: escapes)
    }
}

/// See `ByteCursor.stringRun`.
func scanStringRun(_ b: UnsafeBufferPointer<UInt8>, from: Int, quote: UInt8, escapes: Bool) -> Int {
    let n = b.count
    guard from < n, let base = b.baseAddress else { return n }
    func find(_ byte: UInt8, _ limit: Int) -> Int {
        guard limit > from, let hit = memchr(base + from, Int32(byte), limit - from) else { return limit }
        return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    }
    var stop = find(quote, n)
    if escapes { stop = find(.backslash, stop) }
    stop = find(.lf, stop)
    return find(.cr, stop)
}

/// How deep lists and maps may nest in front matter: far beyond what any page needs, and shallow
/// enough that reading a mangled file cannot exhaust a thread's stack.
let maxNesting = 64

/// The error for a list or map nested deeper than `maxNesting`.
func nestingError(_ at: SourceLocation) -> FrontMatterError {
    FrontMatterError(at: at, "lists and maps nested more than \(maxNesting) deep: expected at most \(maxNesting) levels")
}

/// Appends the UTF-8 of a code point.
func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
    out.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
}

/// The value of an ASCII hex digit.
func hexDigit(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: return UInt32(c - 0x30)
    case 0x41...0x46: return UInt32(c - 0x41 + 10)
    case 0x61...0x66: return UInt32(c - 0x61 + 10)
    default: return nil
    }
}

/// The text of bytes `from..<to` of `base`, whose UTF-8 is `b` (always whole characters' bytes).
/// Up to 15 bytes a String is stored inline: decoding costs less than the retains of slicing
/// `base`. Longer text is copied from `base`, which skips re-validating it.
@inline(__always)
func sliceText(_ b: UnsafeBufferPointer<UInt8>, of base: Substring, _ from: Int, _ to: Int) -> String {
    if to - from <= 15 {
        return String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self)
    }
    let u = base.utf8
    let start = u.index(u.startIndex, offsetBy: from)
    return String(Substring(u[start..<u.index(start, offsetBy: to - from)]))
}
