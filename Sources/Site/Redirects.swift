import Foundation
import Template

/// Redirect pages (`aliases:`): a page at each old address that sends the reader on to the
/// article's or page's own, made in code as the feed is, so that a theme need not provide one.
extension SiteBuilder {
    /// The redirect pages of the site, in order: each article's aliases, then each page's.
    func redirects(_ site: Site, values: ValueBuilder) -> [OutputFile] {
        var files: [OutputFile] = []
        for i in site.articles.indices where !site.articles[i].aliases.isEmpty {
            for alias in site.articles[i].aliases {
                files.append(OutputFile(path: SitePath.file(alias),
                                        text: redirectPage(to: site.articles[i].path, title: site.articles[i].title, values: values)))
            }
        }
        for p in site.pages where !p.aliases.isEmpty {
            for alias in p.aliases {
                files.append(OutputFile(path: SitePath.file(alias), text: redirectPage(to: p.path, title: p.title, values: values)))
            }
        }
        return files
    }

    /// A minimal HTML5 page that refreshes to `path` at once, without script, and asks search
    /// engines to keep the target rather than it.
    func redirectPage(to path: String, title: String, values: ValueBuilder) -> String {
        let url = escapeHTML(values.url(path)), title = escapeHTML(title)
        return """
            <!DOCTYPE html>
            <html lang="\(escapeHTML(values.language))">
            <head>
            <meta charset="utf-8">
            <title>\(title)</title>
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(url)">
            <link rel="canonical" href="\(escapeHTML(values.permalink(path)))">
            </head>
            <body>
            <p><a href="\(url)">\(title)</a></p>
            </body>
            </html>

            """
    }

    /// The errors for `url:` and `aliases:` that give an address another page already has, and,
    /// when site.yml moves pages (`permalinks:`), for articles and pages whose pattern gives one
    /// (articles among themselves are settled with their slugs, `articleSlugs`).
    func redirectCollisions(_ site: Site) -> [Diagnostic] {
        // By index: a copy of each article (a retain per field) would cost more than the test.
        let hasURLs = site.articles.indices.contains { site.articles[$0].url != nil || !site.articles[$0].aliases.isEmpty }
            || site.pages.contains { $0.url != nil || !$0.aliases.isEmpty }
        let moved = site.config.permalinks != Permalinks()
        guard hasURLs || moved else { return [] }
        let values = ValueBuilder(site: site)
        var owners: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        func own(_ path: String, _ owner: String) {
            if owners[path] == nil { owners[path] = owner }
        }
        // The later pages of the lists (`page/2/` on) are not claimed one by one: a path is
        // looked up by its list and its number.
        func pages(_ count: Int) -> Int { max(1, (count + site.config.perPage - 1) / max(site.config.perPage, 1)) }
        var lists: [String: (pages: Int, name: String)] = ["": (pages(site.articles.count), "the list of articles")]
        for c in site.columns { lists[values.columnPath(c)] = (pages(c.articles.count), "the column `\(c.name)`") }
        for t in site.tags { lists[values.tagPath(t)] = (pages(t.articles.count), "the tag `\(t.name)`") }
        func owner(_ path: String) -> String? {
            if let owner = owners[path] { return owner }
            guard path.hasSuffix("/"), let r = path.range(of: "page/", options: .backwards),
                  let n = Int(path[r.upperBound...].dropLast()), n >= 2,
                  let list = lists[String(path[..<r.lowerBound])], n <= list.pages else { return nil }
            return "page \(n) of \(list.name)"
        }
        func claim(_ path: String, key: String, file: String, at spot: SourceSpot?) {
            if let other = owner(path) {
                diagnostics.append(.pathTaken(path, key: key, file: file, at: spot, by: other))
            } else {
                owners[path] = Diagnostic.place(file, spot)
            }
        }
        for fixed in ["tags/", "honors/"] { own(fixed, "the site itself") }
        for c in site.columns { own(values.columnPath(c), "the column `\(c.name)`") }
        for t in site.tags { own(values.tagPath(t), "the tag `\(t.name)`") }
        if !site.honorees.isEmpty {
            for h in site.honorees { own(values.honoreePath(h), h.file) }
            for g in site.roll.honors { own(values.honorPath(g), "the honor `\(g.title)`") }
            for y in site.roll.years { own(values.yearPath(y.year), "the honors of \(y.year)") }
        }
        for p in site.pages where p.url == nil {
            if moved, let other = owner(p.path) {
                diagnostics.append(.patternURLTaken(p.path, file: p.file, at: p.slugSpot, by: other))
            } else {
                own(p.path, p.file)
            }
        }
        // Two articles' equal `url:`s were reported with the slugs: only the first is claimed.
        var articleURLs = Set<String>()
        for i in site.articles.indices {
            if let url = site.articles[i].url, articleURLs.insert(url).inserted {
                claim(url, key: "url", file: site.articles[i].file, at: site.articles[i].urlSpot)
            }
        }
        var articlePaths = Set<String>()
        for i in site.articles.indices where site.articles[i].url == nil {
            let path = site.articles[i].path
            if moved, !articlePaths.contains(path), let other = owner(path) {
                diagnostics.append(.patternURLTaken(path, file: site.articles[i].file, at: site.articles[i].slugSpot, by: other))
            } else {
                own(path, site.articles[i].file)
                if moved { articlePaths.insert(path) }
            }
        }
        for p in site.pages {
            if let url = p.url { claim(url, key: "url", file: p.file, at: p.urlSpot) }
        }
        for i in site.articles.indices where !site.articles[i].aliases.isEmpty {
            for (alias, spot) in zip(site.articles[i].aliases, site.articles[i].aliasSpots) {
                claim(alias, key: "aliases", file: site.articles[i].file, at: spot)
            }
        }
        for p in site.pages where !p.aliases.isEmpty {
            for (alias, spot) in zip(p.aliases, p.aliasSpots) { claim(alias, key: "aliases", file: p.file, at: spot) }
        }
        return diagnostics
    }
}

extension Diagnostic {
    /// A page whose pattern (`permalinks:`) gives the address of a page of another kind.
    static func patternURLTaken(_ path: String, file: String, at spot: SourceSpot?, by other: String) -> Diagnostic {
        Diagnostic(file: file, line: spot?.line ?? 0, column: spot?.column ?? 0,
                   message: "its URL `/\(path)` (from `permalinks:` in site.yml) is already the address of \(other): two pages cannot share a URL; change one `slug:` or the pattern",
                   sourceLine: spot?.lineText ?? "")
    }

    /// A `url:` or `aliases:` path another page has: located at this file's value, naming the other.
    static func pathTaken(_ path: String, key: String, file: String, at spot: SourceSpot?, by other: String) -> Diagnostic {
        Diagnostic(file: file, line: spot?.line ?? 0, column: spot?.column ?? 0,
                   message: "`\(key)` `/\(path)` is already the address of \(other): two pages cannot share a URL; change or remove one of them",
                   sourceLine: spot?.lineText ?? "")
    }
}
