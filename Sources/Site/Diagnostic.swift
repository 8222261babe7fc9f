import Diagnostics
import Template

/// A problem found in the site's sources: the one located problem type of the Diagnostics module,
/// named here so that the site's code and its users keep writing `Diagnostic`.
public typealias Diagnostic = Diagnostics.Diagnostic

extension Diagnostic.Kind {
    /// A top-level front matter key of an article, page or honoree that no table knows.
    public static func unknownKey(_ key: String, suggestion: String?) -> Diagnostic.Kind {
        Diagnostic.Kind("unknown key `\(key)`" + (suggestion.map { " (did you mean `\($0)`?)" } ?? ""), unknownKeyName: key)
    }
    /// A Markdown link to an address inside the site that no page or file has.
    public static let brokenLink = Diagnostic.Kind("link that points inside the site at nothing")
    /// A Markdown image inside the site that no file is copied to.
    public static let brokenImage = Diagnostic.Kind("image that points inside the site at nothing")
    /// Zero-width and control characters removed from a file's text.
    public static let invisibleCharacters = Diagnostic.Kind("invisible characters removed")
    /// (`check`) An honoree whose name no article mentions.
    public static let unmentionedHonoree = Diagnostic.Kind("honoree no article mentions")
    /// (`check`) A content file no article, page or honoree refers to.
    public static let unusedFile = Diagnostic.Kind("file no page uses")
    public static let imageWithoutAlt = Diagnostic.Kind("image without a description")
    public static let largeImage = Diagnostic.Kind("image larger than image_warn_mb")
    /// (`check`) A file of the site's templates/ that the built-in theme does not have and that does nothing.
    public static let unknownThemeFile = Diagnostic.Kind("file of templates/ that does nothing")
}

extension Diagnostic {
    /// A template error, named by its path under the site root.
    init(_ e: TemplateError, folder: String) {
        self = e.diagnostic
        file = e.template.isEmpty ? folder : "\(folder)/\(e.template)"
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
        Diagnostic(file: file, line: spot?.line ?? 0, column: spot?.column ?? 0, message: "").place
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
