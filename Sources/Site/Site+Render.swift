import Foundation
import Template

/// One file of the output, by its path under public/.
public struct OutputFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// Stage 3 of the build: every page through its template, plus the feed and sitemap.
extension SiteBuilder {
    /// A page to render: its output path, template and variables.
    struct PageJob: Sendable {
        var path: String
        var template: String
        var variables: Object
    }

    func render(_ site: Site, engine: Engine) -> ([OutputFile], [Diagnostic]) {
        let values = ValueBuilder(site: site)
        let year = CivilTime(now, timeZone: site.config.timeZone).year
        let siteValue = values.siteValue(buildYear: year)
        let articleValues = values.articles()
        var jobs: [PageJob] = []
        func job(_ path: String, _ template: String, _ vars: [(String, Value)]) {
            var o = Object(vars)
            o["site"] = siteValue
            jobs.append(PageJob(path: path, template: template, variables: o))
        }
        let strings = Dictionary(ValueBuilder.defaultStrings + site.config.strings, uniquingKeysWith: { _, b in b })

        // Home and its pages: every article, newest first.
        for p in paginate(Array(articleValues.indices), perPage: site.config.perPage, base: "", values: values, items: articleValues) {
            let title = p.number == 1 ? site.config.title : pageTitle(strings, site.config.title, p.number)
            job(p.path + "index.html", "index.html", [("page", values.listPage(kind: "index", title: title, path: p.path)), ("paginator", p.value)])
        }
        // Articles, with links to the older and newer one.
        for i in site.articles.indices {
            guard case .object(var o) = articleValues[i] else { continue }
            o["honorees"] = .array(site.articles[i].mentions.map(values.honoreeSummary))
            o["next"] = i > 0 ? link(articleValues[i - 1]) : .nil
            o["previous"] = i + 1 < site.articles.count ? link(articleValues[i + 1]) : .nil
            job(values.articlePath(site.articles[i]) + "index.html", "article.html", [("page", .object(o))])
        }
        // Columns and tags, paginated.
        for c in site.columns {
            let base = values.columnPath(c)
            for p in paginate(c.articles, perPage: site.config.perPage, base: base, values: values, items: articleValues) {
                let title = p.number == 1 ? c.name : pageTitle(strings, c.name, p.number)
                job(p.path + "index.html", "column.html", [("column", values.taxonomy(c, path: base)),
                    ("page", values.listPage(kind: "column", title: title, path: p.path)), ("paginator", p.value)])
            }
        }
        job("tags/index.html", "tags.html", [("page", values.listPage(kind: "tags", title: strings["all_tags"] ?? "标签", path: "tags/")),
                                              ("tags", .array(site.tags.map { values.taxonomy($0, path: values.tagPath($0)) }))])
        for (ti, t) in site.tags.enumerated() {
            let base = values.tagPath(t)
            for p in paginate(t.articles, perPage: site.config.perPage, base: base, values: values, items: articleValues) {
                let title = p.number == 1 ? t.name : pageTitle(strings, t.name, p.number)
                job(p.path + "index.html", "tag.html", [("tag", values.taxonomy(t, path: base)),
                    ("page", values.listPage(kind: "tag", title: title, path: p.path)), ("paginator", p.value),
                    ("honorees", .array(p.number == 1 ? site.honoreesOfTag[ti].map(values.honoreeSummary) : []))])
            }
        }
        // The honor roll: the roll itself, one page per honor, per year, per honoree.
        if !site.honorees.isEmpty {
            job("honors/index.html", "honors.html", [("page", values.listPage(kind: "honors", title: strings["honors"] ?? "荣誉榜", path: "honors/"))] + values.honorRoll())
            for (g, group) in site.roll.honors.enumerated() {
                job(values.honorPath(group) + "index.html", "honor.html", [("page", values.listPage(kind: "honor", title: group.title, path: values.honorPath(group))),
                                                                          ("honor", values.honorGroup(g))])
            }
            for (i, y) in site.roll.years.enumerated() {
                job(values.yearPath(y.year) + "index.html", "honor_year.html", [("page", values.listPage(kind: "honor_year", title: "\(y.year)年荣誉", path: values.yearPath(y.year))),
                                                                               ("year", values.year(i))])
            }
            for h in site.honorees.indices {
                job(values.honoreePath(site.honorees[h]) + "index.html", "honoree.html", [("page", values.honoree(h, articles: articleValues))])
            }
        }
        for p in site.pages {
            job(values.pagePath(p) + "index.html", "page.html", [("page", values.page(p))])
        }
        job("404.html", "404.html", [("page", values.listPage(kind: "404", title: strings["not_found"] ?? "页面不存在", path: "404.html"))])

        let rendered = concurrentMap(jobs) { j -> Result<OutputFile, TemplateError> in
            Result { () throws(TemplateError) -> OutputFile in
                OutputFile(path: j.path, text: try engine.render(named: j.template, j.variables))
            }
        }
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        var seen = Set<String>()
        for r in rendered {
            switch r {
            case .success(let f): files.append(f)
            case .failure(let e):
                let d = Diagnostic(e, folder: "templates")
                if seen.insert(d.summary).inserted { diagnostics.append(d) }
            }
        }
        files.append(OutputFile(path: "feed.xml", text: atomFeed(site, values: values)))
        files.append(OutputFile(path: "sitemap.xml", text: sitemap(site, values: values)))
        return (files, diagnostics)
    }

    private func link(_ article: Value) -> Value {
        guard case .object(let o) = article else { return .nil }
        return .object(["title": o["title"] ?? .nil, "url": o["url"] ?? .nil])
    }

    private func pageTitle(_ strings: [String: String], _ title: String, _ n: Int) -> String {
        let pattern = strings["page_n"] ?? "第 %d 页"
        return "\(title) - " + pattern.replacingOccurrences(of: "%d", with: String(n))
    }
}

/// One page of a paginated list.
struct PaginatedPage {
    var number: Int
    /// The page's path: `base` for page 1, `base` + `page/N/` after.
    var path: String
    var value: Value
}

/// Splits `members` (indices into `items`) into pages of `perPage`. An empty list still has
/// one (empty) page, so the home page of a new site exists.
func paginate(_ members: [Int], perPage: Int, base: String, values: ValueBuilder, items: [Value]) -> [PaginatedPage] {
    let per = max(perPage, 1)
    let total = max(1, (members.count + per - 1) / per)
    func path(_ n: Int) -> String { n == 1 ? base : "\(base)page/\(n)/" }
    var pages: [PaginatedPage] = []
    let numbers: [Value] = (1...total).map { .int($0) }
    for n in 1...total {
        let slice = members.dropFirst((n - 1) * per).prefix(per)
        // The page-number bar: first, last and two either side of the current page, so a
        // tag with thousands of pages does not carry thousands of links on each.
        let window = Set([1, total] + Array(max(1, n - 2)...min(total, n + 2)))
        let bar: [Value] = window.sorted().map { k in
            .object(["number": numbers[k - 1], "url": .string(values.url(path(k))), "current": .bool(k == n)])
        }
        let v: Value = .object([
            "items": .array(slice.map { items[$0] }),
            "page": .int(n), "total_pages": .int(total), "total_items": .int(members.count), "per_page": .int(per),
            "previous_url": n > 1 ? .string(values.url(path(n - 1))) : .nil,
            "next_url": n < total ? .string(values.url(path(n + 1))) : .nil,
            "pages": .array(bar),
        ])
        pages.append(PaginatedPage(number: n, path: path(n), value: v))
    }
    return pages
}
