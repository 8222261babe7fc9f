/// A position in the original file: 1-based line and 1-based column.
///
/// Lines count the opening `---` as line 1 and treat `\n`, `\r\n` and a lone `\r` each as one line
/// break. Columns count `Character`s of the BOM-stripped text (a CJK character is one column here;
/// only the caret drawn by `FrontMatterError.description(file:source:)` counts it as two).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1-based line number in the file.
    public var line: Int
    /// 1-based column, in `Character`s.
    public var column: Int

    /// Creates a location from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// File order: by line, then by column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}
