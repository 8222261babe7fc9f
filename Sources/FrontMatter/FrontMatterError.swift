import Diagnostics
/// A problem in a file's front matter: where it is and, in plain English, what was wrong and what
/// was expected.
///
/// Errors are values: the parser collects them (one per bad line where it can recover) and tests
/// compare them exactly. Each turns into text as the `Diagnostic` it is in its file
/// (`diagnostic(file:source:)`, printed by `description(file:source:)`).
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

    /// This error in `file`, whose whole text is `source`, as the one located problem type.
    public func diagnostic(file: String, source: String) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, message: message).quoting(source)
    }

    /// `line:column: message`.
    public var description: String { Diagnostic(file: "", line: line, column: column, message: message).description }

    /// Renders `file:line:column: message`, then the offending line of `source` (the whole file's
    /// text) and a caret under the column.
    public func description(file: String, source: String) -> String {
        diagnostic(file: file, source: source).description
    }
}
