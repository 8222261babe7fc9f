/// A problem found in a user's file, located at `file:line:column`: the one type every part of
/// unionsite reports problems in, and `summary` and `description` the one place they become text.
///
/// Errors stop the build (exit 1, public/ untouched); warnings are printed and the build
/// goes on. Every message says what is wrong and what was expected.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    /// Whether the problem stops the build.
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// Path relative to the site root (`content/news/a.md`), or the site root's name; empty for
    /// a problem located in a text that has no file of its own (a piece of HTML, a template given
    /// as a string), which a caller places in its file.
    public var file: String
    /// 1-based; 0 when the problem is about the whole file.
    public var line: Int
    /// 1-based, in characters.
    public var column: Int
    /// What is wrong and what was expected.
    public var message: String
    /// The offending line, for the caret display; empty when there is none.
    public var sourceLine: String
    /// What the warnings of one kind share, for the summary that stands for them all; nil when
    /// the message itself is the kind (it has no varying parts).
    public var kind: Kind?

    /// A problem at `file:line:column`; a line of 0 places it in the whole file.
    public init(_ severity: Severity = .error, file: String, line: Int = 0, column: Int = 0, message: String,
                sourceLine: String = "", kind: Kind? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
        self.kind = kind
    }

    /// A kind of warning: the message with its varying parts (where, which link, how many
    /// characters) taken out, as the one-line summary of many says it.
    public struct Kind: Hashable, Sendable {
        /// "unknown key `weight`", read as "warning: unknown key `weight` in 300 files".
        public var headline: String
        /// For a front matter key no table knows, the key as written (`extra_keys:` silences it).
        public var unknownKeyName: String?

        /// A kind summed up as `headline`.
        public init(_ headline: String, unknownKeyName: String? = nil) {
            self.headline = headline
            self.unknownKeyName = unknownKeyName
        }
    }

    /// What groups this warning with others in the summary: its kind, or else its message.
    public var groupKey: String { kind?.headline ?? message }

    /// `file:line:col`, `file` when the problem is about the whole file, `line:col` when there is
    /// no file.
    public var place: String {
        guard line > 0 else { return file }
        return file.isEmpty ? "\(line):\(column)" : "\(file):\(line):\(column)"
    }

    /// `file:line:col: message` (with `warning: ` before warnings' messages).
    public var summary: String {
        let text = severity == .warning ? "warning: " + message : message
        let at = place
        return at.isEmpty ? text : "\(at): \(text)"
    }

    /// `summary`, then the offending line and a caret under the column when there is one:
    ///
    ///     content/news/a.md:3:3: missing `:` after key `作者`: expected `key: value`
    ///     3 | 作者 张三
    ///       |     ^
    public var description: String {
        guard !sourceLine.isEmpty, line > 0 else { return summary }
        return summary + "\n" + caretExcerpt(line: sourceLine, number: line, column: column)
    }

    /// This problem with `sourceLine` taken from line `line` of `source`, the whole text of its file.
    public func quoting(_ source: String) -> Diagnostic {
        var d = self
        d.sourceLine = lineText(line, of: source).map(String.init) ?? ""
        return d
    }
}
