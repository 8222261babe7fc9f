import Foundation
import Diagnostics
import FrontMatter

/// A URL pattern of one kind of page (`permalinks:` in site.yml), such as `/news/:slug/` or
/// `/:year/:month/:slug/`: literal text and tokens, read once and filled in per page.
struct URLPattern: Sendable, Equatable {
    enum Token: String, CaseIterable, Sendable {
        case year, month, day, slug, column
    }

    enum Part: Sendable, Equatable {
        case literal(String)
        case token(Token)
    }

    /// As written in site.yml.
    let text: String
    let parts: [Part]

    /// Whether a page's path depends on anything but its slug (an article's date or column).
    var usesMoreThanSlug: Bool {
        parts.contains { if case .token(let t) = $0 { return t != .slug } else { return false } }
    }

    /// Reads `text`, allowing `tokens`; the problem otherwise, as the middle of a message.
    static func parse(_ text: String, tokens: [Token]) -> Result<URLPattern, PatternProblem> {
        guard text.hasPrefix("/"), text.hasSuffix("/") else { return .failure(.ends) }
        if text.contains("..") || text.contains("//") || text.contains(where: { $0 == "?" || $0 == "#" || $0 == "\\" || $0.isWhitespace }) {
            return .failure(.character)
        }
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text.dropFirst())
        while let first = rest.first {
            guard first == ":" else {
                literal.append(first)
                rest = rest.dropFirst()
                continue
            }
            let name = rest.dropFirst().prefix { $0.isASCII && $0.isLetter }
            guard let token = Token(rawValue: String(name)), tokens.contains(token) else {
                return .failure(.unknownToken(":" + name))
            }
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            parts.append(.token(token))
            rest = rest.dropFirst(1 + name.count)
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        guard parts.contains(.token(.slug)) else { return .failure(.noSlug) }
        return .success(URLPattern(text: text, parts: parts))
    }

    /// The path of a page (under the site, without a leading `/`, ending in `/`). A `:column`
    /// with no column leaves out its segment, as Jekyll does with `:categories`.
    func path(slug: String, date: Date? = nil, column: String? = nil, timeZone: TimeZone = FrontMatter.defaultTimeZone) -> String {
        var out = ""
        var civil: CivilTime?
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .token(.slug): out += slug
            case .token(.column): out += column ?? ""
            case .token(let t):
                if civil == nil { civil = CivilTime(date ?? Date(timeIntervalSince1970: 0), timeZone: timeZone) }
                guard let c = civil else { continue }
                out += t == .year ? String(c.year) : t == .month ? two(c.month) : two(c.day)
            }
        }
        guard column?.isEmpty ?? true, parts.contains(.token(.column)) else { return out }
        // An empty `:column` segment: `a//b/` → `a/b/`.
        while let r = out.range(of: "//") { out.replaceSubrange(r, with: "/") }
        return out.hasPrefix("/") ? String(out.dropFirst()) : out
    }
}

/// What is wrong with a URL pattern.
enum PatternProblem: Error, Equatable {
    case ends, character, noSlug
    case unknownToken(Substring)
}

/// The URL patterns of the kinds whose URLs site.yml may set (`permalinks:`).
struct Permalinks: Sendable, Equatable {
    var article = Self.defaultPattern("/news/:slug/")
    var page = Self.defaultPattern("/:slug/")
    var column = Self.defaultPattern("/columns/:slug/")
    var tag = Self.defaultPattern("/tags/:slug/")

    /// The kinds `permalinks:` may name, with the tokens each may use.
    static let kinds: [(name: String, tokens: [URLPattern.Token])] = [
        ("article", [.year, .month, .day, .slug, .column]),
        ("page", [.slug]), ("column", [.slug]), ("tag", [.slug]),
    ]

    private static func defaultPattern(_ text: String) -> URLPattern {
        let tokens = kinds.first { $0.name == "article" }?.tokens ?? []
        if case .success(let p) = URLPattern.parse(text, tokens: tokens) { return p }
        return URLPattern(text: text, parts: [])
    }

    /// Reads `permalinks:` of site.yml, each problem a located error at its value.
    static func read(_ node: Node?, _ f: inout Fields) -> Permalinks {
        var result = Permalinks()
        guard let node, !node.isNull else { return result }
        guard case .map(let m, _) = node else {
            f.error("`permalinks` must be a map of kinds to URL patterns, e.g. `article: /:year/:month/:slug/`", at: node.location)
            return result
        }
        for entry in m.entries {
            guard let kind = kinds.first(where: { $0.name == entry.key }) else {
                var message = "`permalinks` has no kind `\(entry.key)`: expected one of " + kinds.map { "`\($0.name)`" }.joined(separator: ", ")
                if let near = nearest(entry.key, in: kinds.map(\.name)) { message += " (did you mean `\(near)`?)" }
                f.error(message, at: entry.keyLocation)
                continue
            }
            guard let text = f.string(entry.value, key: "permalinks.\(kind.name)") else { continue }
            let allowed = kind.tokens.map { "`:\($0.rawValue)`" }
            let listed = allowed.count == 1 ? allowed[0] : allowed.dropLast().joined(separator: ", ") + " or " + (allowed.last ?? "")
            switch URLPattern.parse(text, tokens: kind.tokens) {
            case .success(let p):
                switch kind.name {
                case "article": result.article = p
                case "page": result.page = p
                case "column": result.column = p
                default: result.tag = p
                }
            case .failure(let problem):
                let what: String
                switch problem {
                case .ends: what = "does not start and end with `/`: expected a path like `/news/:slug/`"
                case .character: what = "has `..`, `//`, `?`, `#`, `\\` or a space: expected a path like `/news/:slug/`"
                case .noSlug: what = "has no `:slug`: expected it once in the path, or two \(kind.name)s would share a URL"
                case .unknownToken(let t): what = "has an unknown token `\(t)`: expected \(listed)"
                }
                f.error("`permalinks.\(kind.name)` `\(text)` \(what)", at: entry.value.location)
            }
        }
        return result
    }
}

/// A page path written in front matter (`url:`, `aliases:`): `/2019/old-path/` → `2019/old-path/`.
enum SitePath {
    /// Paths the site's own files have, or lie under (`/page/2/`, `/assets/…`, the Traditional
    /// mirror's `/zh-hant/…`, kept whether the site has one or not, so that turning it on moves
    /// no page).
    static let reservedFiles: Set<String> = ["", "feed.xml", "sitemap.xml", "404.html", "index.html"]
    static let reservedFolders = ["assets/", "page/", Mirror.folder]

    /// The path without its leading `/`, or the problem with it.
    static func read(_ raw: String) -> Result<String, SitePathProblem> {
        guard raw.hasPrefix("/"), !raw.hasPrefix("//") else { return .failure(.start) }
        let path = String(raw.dropFirst())
        if path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." }) {
            return .failure(.dots)
        }
        if path.contains("//") || path.contains(where: { $0 == "?" || $0 == "#" || $0 == "\\" || $0.isWhitespace }) {
            return .failure(.character)
        }
        if reservedFiles.contains(path) || reservedFolders.contains(where: { path.hasPrefix($0) }) { return .failure(.reserved) }
        guard path.hasSuffix("/") || path.hasSuffix(".html") || path.hasSuffix(".htm") else { return .failure(.end) }
        return .success(path)
    }

    /// The file a page path is written to: `a/b/` → `a/b/index.html`; `a/b.html` stays.
    static func file(_ path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    /// The message for a problem with `raw`, written as `key`.
    static func message(_ problem: SitePathProblem, raw: String, key: String) -> String {
        let what: String
        switch problem {
        case .start: what = "does not start with `/`"
        case .dots: what = "has a `.` or `..` segment"
        case .character: what = "has `//`, `?`, `#`, `\\` or a space"
        case .end: what = "does not end with `/` or `.html`"
        case .reserved: what = "is the site's own (`/`, `/feed.xml`, `/sitemap.xml`, `/404.html`, `/assets/…`, `/page/…`, `/zh-hant/…`)"
        }
        return "`\(key)` `\(raw)` \(what): expected a path under the site like `/2019/old-path/` or `/2019/old-path.html`"
    }
}

enum SitePathProblem: Error {
    case start, dots, character, end, reserved
}

extension Fields {
    /// A page path (`url:`) with where it was written; nil after an error.
    mutating func sitePath(_ node: Node?, key: String) -> (String, SourceSpot)? {
        guard let node, let raw = string(node, key: key) else { return nil }
        let t = trimmingBlanks(raw)
        switch SitePath.read(t) {
        case .success(let path): return (path, spot(node.location))
        case .failure(let p):
            error(SitePath.message(p, raw: t, key: key), at: node.location)
            return nil
        }
    }

    /// A list of page paths (`aliases:`), each with where it was written.
    mutating func sitePaths(_ node: Node?, key: String) -> [(String, SourceSpot)] {
        guard let node, !node.isNull else { return [] }
        guard case .list(let items, _) = node else {
            return sitePath(node, key: key).map { [$0] } ?? []
        }
        return items.compactMap { sitePath($0, key: key) }
    }

    func spot(_ at: SourceLocation) -> SourceSpot {
        SourceSpot(line: at.line, column: at.column, lineText: sourceLine(at.line, in: source))
    }
}
