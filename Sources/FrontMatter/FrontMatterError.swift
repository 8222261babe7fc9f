/// A problem in a file's front matter: where it is and, in plain English, what was wrong and what
/// was expected.
///
/// Errors are values: the parser collects them (one per bad line where it can recover) and tests
/// compare them exactly. `description(file:source:)` turns one into the text a user sees.
public struct FrontMatterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line in the file (the opening `---` is line 1).
    public var line: Int
    /// 1-based column, in `Character`s of the line.
    public var column: Int
    /// What was wrong and what was expected.
    public var message: String

    /// Creates an error at a line and column.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// Creates an error at a location.
    public init(at location: SourceLocation, _ message: String) {
        self.init(line: location.line, column: location.column, message: message)
    }

    /// Where the error is.
    public var location: SourceLocation { SourceLocation(line: line, column: column) }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }

    /// Renders `file:line:column: message`, then the offending line of `source` (the whole file's
    /// text) and a caret under the column.
    ///
    /// The caret lines up in a terminal: East-Asian wide characters before the column count as two
    /// cells and tabs are copied as tabs.
    public func description(file: String, source: String) -> String {
        var out = "\(file):\(line):\(column): \(message)"
        guard let text = Self.line(line, of: source) else { return out }
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        var caret = ""
        var col = 1
        for ch in text {
            if col >= column { break }
            if ch == "\t" {
                caret.append("\t")
            } else {
                caret.append(String(repeating: " ", count: displayWidth(of: ch)))
            }
            col += 1
        }
        out += "\n\(gutter) | \(text)\n\(pad) | \(caret)^"
        return out
    }

    /// The text of 1-based line `number` in `source` (BOM stripped; `\n`, `\r\n`, `\r` end lines).
    static func line(_ number: Int, of source: String) -> Substring? {
        guard number >= 1 else { return nil }
        let u = source.utf8
        var start = u.startIndex
        if u.starts(with: [0xEF, 0xBB, 0xBF]) { start = u.index(start, offsetBy: 3) }
        var current = 1
        var i = start
        while i < u.endIndex {
            let c = u[i]
            if c == 0x0A || c == 0x0D {
                if current == number { return source[start..<i] }
                var next = u.index(after: i)
                if c == 0x0D, next < u.endIndex, u[next] == 0x0A { next = u.index(after: next) }
                current += 1
                start = next
                i = next
            } else {
                i = u.index(after: i)
            }
        }
        return current == number ? source[start..<u.endIndex] : nil
    }
}

/// Terminal cells a character takes: 2 for East-Asian wide and full-width characters (CJK,
/// kana, hangul, full-width forms such as `：`, most emoji), 0 for combining marks, else 1.
func displayWidth(of ch: Character) -> Int {
    guard let s = ch.unicodeScalars.first else { return 0 }
    let v = s.value
    if v < 0x1100 {
        if (0x0300...0x036F).contains(v) { return 0 }
        return 1
    }
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
         0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
         0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return 2
    case 0x200B...0x200F, 0xFE00...0xFE0F, 0x20D0...0x20FF:
        return 0
    default:
        return 1
    }
}
