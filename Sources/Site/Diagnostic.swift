import Diagnostics
import Template

/// A problem found in the site's sources, located at `file:line:column`.
///
/// Errors stop the build (exit 1, public/ untouched); warnings are printed and the build
/// goes on. Every message says what is wrong and what was expected.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// Path relative to the site root (`content/news/a.md`), or the site root's name.
    public var file: String
    /// 1-based; 0 when the problem is about the whole file.
    public var line: Int
    public var column: Int
    public var message: String
    /// The offending line, for the caret display; empty when there is none.
    public var sourceLine: String

    public init(_ severity: Severity = .error, file: String, line: Int = 0, column: Int = 0, message: String, sourceLine: String = "") {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `file:line:col: message` (with `warning: ` before warnings' messages).
    public var summary: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return "\(place): \(severity == .warning ? "warning: " : "")\(message)"
    }

    public var description: String {
        guard !sourceLine.isEmpty, line > 0 else { return summary }
        return summary + "\n" + caretExcerpt(line: sourceLine, number: line, column: column)
    }

    /// A template error, named by its path under the site root.
    init(_ e: TemplateError, folder: String) {
        self.init(file: e.template.isEmpty ? folder : "\(folder)/\(e.template)", line: e.line, column: e.column,
                  message: e.message, sourceLine: e.sourceLine)
    }
}

/// The line `line` (1-based) of `text`, without its line break ("" when there is none).
func sourceLine(_ line: Int, in text: String) -> String {
    lineText(line, of: text).map(String.init) ?? ""
}

/// Thrown when a build fails: every error found, and the warnings seen on the way.
public struct BuildFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
