import Diagnostics

/// A syntax or render error in a template, located at the template's line and column.
///
/// Errors are values: tests compare them whole. They turn into text as the `Diagnostic` they
/// are (`name:line:col: message`, then the line and a caret under the column).
public struct TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The template's name as the loader knows it (e.g. `partials/header.html`).
    public var template: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int
    /// What is wrong and what was expected.
    public var message: String
    /// The text of the offending line, for the caret display.
    public var sourceLine: String

    public init(template: String, line: Int, column: Int, message: String, sourceLine: String = "") {
        self.template = template
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
    }

    /// This error as the one located problem type, named by the template's name.
    public var diagnostic: Diagnostic {
        Diagnostic(file: template, line: line, column: column, message: message, sourceLine: sourceLine)
    }

    /// `name:line:col: message`, without the source excerpt.
    public var summary: String { diagnostic.summary }

    /// `summary`, then the offending line and a caret under the column.
    public var description: String { diagnostic.description }
}

/// Finds the 1-based line and column of a UTF-8 byte offset in `source`, and the line's text.
func locate(offset: Int, in source: String) -> (line: Int, column: Int, text: String) {
    let utf8 = source.utf8
    let target = utf8.index(utf8.startIndex, offsetBy: min(max(offset, 0), utf8.count))
    var line = 1
    var lineStart = utf8.startIndex
    var i = utf8.startIndex
    while i < target {
        if utf8[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = utf8.index(after: i)
        }
        i = utf8.index(after: i)
    }
    var lineEnd = target
    while lineEnd < utf8.endIndex, utf8[lineEnd] != UInt8(ascii: "\n"), utf8[lineEnd] != UInt8(ascii: "\r") {
        lineEnd = utf8.index(after: lineEnd)
    }
    let prefix = String(decoding: utf8[lineStart..<target], as: UTF8.self)
    let text = String(decoding: utf8[lineStart..<lineEnd], as: UTF8.self)
    return (line, prefix.count + 1, text)
}
