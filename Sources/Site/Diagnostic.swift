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
    /// What the warnings of one kind share, for the summary that stands for them all; nil when
    /// the message itself is the kind (it has no varying parts).
    public var kind: Kind?

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

        public init(_ headline: String, unknownKeyName: String? = nil) {
            self.headline = headline
            self.unknownKeyName = unknownKeyName
        }

        /// A top-level front matter key of an article, page or honoree that no table knows.
        public static func unknownKey(_ key: String, suggestion: String?) -> Kind {
            Kind("unknown key `\(key)`" + (suggestion.map { " (did you mean `\($0)`?)" } ?? ""), unknownKeyName: key)
        }
        /// A Markdown link to an address inside the site that no page or file has.
        public static let brokenLink = Kind("link that points inside the site at nothing")
        /// A Markdown image inside the site that no file is copied to.
        public static let brokenImage = Kind("image that points inside the site at nothing")
        /// Zero-width and control characters removed from a file's text.
        public static let invisibleCharacters = Kind("invisible characters removed")
        /// (`check`) An honoree whose name no article mentions.
        public static let unmentionedHonoree = Kind("honoree no article mentions")
        /// (`check`) A content file no article, page or honoree refers to.
        public static let unusedFile = Kind("file no page uses")
    }

    /// What groups this warning with others in the summary: its kind, or else its message.
    public var groupKey: String { kind?.headline ?? message }

    /// `file:line:col`, or `file` when the problem is about the whole file.
    public var place: String { line > 0 ? "\(file):\(line):\(column)" : file }

    /// `file:line:col: message` (with `warning: ` before warnings' messages).
    public var summary: String {
        "\(place): \(severity == .warning ? "warning: " : "")\(message)"
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

/// Where a value was written, with its line's text, kept so that a later stage can point at it.
struct SourceSpot: Equatable, Sendable {
    var line: Int
    var column: Int
    var lineText: String
}

extension Diagnostic {
    /// A `slug:` another file set first: located at this file's `slug:` value (or the file when
    /// there is none to point at), naming where the other set it.
    static func slugTaken(_ slug: String, file: String, at spot: SourceSpot?, by other: String, advice: String) -> Diagnostic {
        Diagnostic(file: file, line: spot?.line ?? 0, column: spot?.column ?? 0,
                   message: "slug `\(slug)` is already used by \(other): \(advice)", sourceLine: spot?.lineText ?? "")
    }

    /// `file:line:column` of a spot, or the file alone.
    static func place(_ file: String, _ spot: SourceSpot?) -> String {
        spot.map { "\(file):\($0.line):\($0.column)" } ?? file
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

extension SiteConfig {
    /// `diagnostics` without the unknown-key warnings `extra_keys:` silences (matched without
    /// regard to case, as keys are).
    func silencing(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !extraKeys.isEmpty else { return diagnostics }
        return diagnostics.filter { d in d.kind?.unknownKeyName.map { !extraKeys.contains($0.lowercased()) } ?? true }
    }
}

extension SiteBuilder.Sources {
    /// Drops the unknown-key warnings `extra_keys:` silences, keeping `fileDiagnosticsStart` on
    /// the first of the news and page files' diagnostics.
    mutating func silenceExtraKeys() {
        guard !config.extraKeys.isEmpty else { return }
        let start = min(fileDiagnosticsStart, diagnostics.count)
        let head = config.silencing(Array(diagnostics[..<start]))
        diagnostics = head + config.silencing(Array(diagnostics[start...]))
        fileDiagnosticsStart = head.count
    }
}
