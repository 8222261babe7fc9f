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

/// A page to render: its output path, template, a fingerprint of everything it shows, and
/// its variables (built only when the page is rendered).
struct PageJob: Sendable {
    var path: String
    var template: String
    /// Equal fingerprints mean equal output (with the same templates), so an incremental
    /// rebuild can keep the page it rendered last time. This one leaves out the number of
    /// articles in each column, which most pages never read (`PageReads`).
    var fingerprint: Int
    /// The fingerprint with those numbers: a page that read one is recorded with this one.
    var countedFingerprint: Int
    var variables: @Sendable () -> Object
}

/// Article values built on first use and shared by every page that lists the article, and
/// the `{title, url}` links article pages make to their neighbours.
final class ArticleValues: Sendable {
    private let values: ValueBuilder
    private let articles: ValueMemo
    private let links: ValueMemo

    /// `reusing`: the values a build of the same site made (`built`), with those of the articles
    /// whose keys changed taken out; any other count of values is not used.
    init(_ values: ValueBuilder, reusing: [Value?] = []) {
        self.values = values
        self.articles = ValueMemo(count: values.site.articles.count, reusing: reusing)
        self.links = ValueMemo(count: values.site.articles.count)
    }

    /// The article values built so far, by index (nil for the others).
    var built: [Value?] { articles.built }

    subscript(i: Int) -> Value {
        articles.value(i) { values.article(i) }
    }

    /// The article's title and url, as `page.previous` and `page.next`.
    func link(_ i: Int) -> Value {
        links.value(i) {
            guard case .object(let o) = self[i] else { return .nil }
            return .object(["title": o["title"] ?? .nil, "url": o["url"] ?? .nil])
        }
    }
}

/// Stage 3 of the build: every page as a job, then the jobs through their templates.
extension SiteBuilder {
    /// The fingerprints of the site's inputs, for `pageJobs`.
    func inputKeys(_ site: Site, values: ValueBuilder) -> InputKeys {
        InputKeys(site: site, values: values, buildYear: CivilTime(now, timeZone: site.config.timeZone).year)
    }

    /// Every page of the site, in a fixed order; with `showing`, only the pages that show one of
    /// those articles (its own page, the lists it is on, the profiles of the honorees it mentions),
    /// every page of the columns `columns` and of the tags `tags`, the profiles of honorees with
    /// those tags, the list of tags when `tagList`, and the pages at `paths`.
    ///
    /// That subset is exactly the set of pages whose fingerprint includes one of the articles'
    /// keys (an article page's also includes its neighbours' titles and slugs: pass them too when
    /// those changed), so after an edit that left the site's shape as it was (see
    /// `IncrementalBuild+InPlace.swift`), every other page's fingerprint, and so its output, is unchanged.
    func pageJobs(_ site: Site, values: ValueBuilder, keys: InputKeys, showing touched: Set<Int>? = nil,
                  columns touchedColumns: Set<Int> = [], tags touchedTags: Set<Int> = [], tagList: Bool = false,
                  paths: Set<String> = [], articleValues: ArticleValues? = nil) -> [PageJob] {
        /// Whether a page listing `members` is wanted.
        func wanted(_ members: [Int]) -> Bool {
            guard let touched else { return true }
            return members.contains(where: touched.contains)
        }
        /// Whether the page at `path` is wanted, if not for what it shows.
        func named(_ path: @autoclosure () -> String) -> Bool { !paths.isEmpty && paths.contains(path()) }
        // The lists with a page in `paths`, by the folder of their first page, and whether an
        // article's page is: so that thousands of pages and articles are not each looked up.
        let namedLists = Set(paths.map(Self.listFolder))
        let namesArticles = namedLists.contains { $0.hasPrefix("news/") }
        let all = touched == nil
        let articleValues = articleValues ?? ArticleValues(values)
        let siteValue = values.siteValue(buildYear: keys.buildYear)
        let strings = Dictionary(ValueBuilder.defaultStrings + site.config.strings, uniquingKeysWith: { _, b in b })
        var jobs: [PageJob] = []
        @Sendable func makeJob(_ path: String, _ template: String, _ parts: [Int], _ vars: @escaping @Sendable () -> [(String, Value)]) -> PageJob {
            var f = Fingerprint()
            f.add(path)
            f.add(template)
            f.add(keys.site)
            for p in parts { f.add(p) }
            let fingerprint = Int(truncatingIfNeeded: f.value)
            f.add(keys.columnCounts)
            return PageJob(path: path, template: template, fingerprint: fingerprint, countedFingerprint: Int(truncatingIfNeeded: f.value)) {
                var o = Object(vars())
                o["site"] = siteValue
                return o
            }
        }
        func job(_ path: String, _ template: String, _ parts: [Int], _ vars: @escaping @Sendable () -> [(String, Value)]) {
            jobs.append(makeJob(path, template, parts, vars))
        }
        /// The pages of the list of `members` at `base` that are wanted, with their files: all of
        /// them when `whole`, else those showing a touched article and those in `paths`.
        func wantedPages(of members: [Int], base: String, whole: Bool = false) -> [(page: PaginatedPage, path: String)] {
            let listNamed = namedLists.contains(base)
            var pages: [(page: PaginatedPage, path: String)] = []
            for p in paginate(members, perPage: site.config.perPage) {
                let shown = whole || wanted(p.members)
                guard shown || listNamed else { continue }
                let path = p.file(base: base)
                if shown || named(path) { pages.append((p, path)) }
            }
            return pages
        }
        /// A list page's parts; `count` is the list's length (`paginator.total_items`).
        func listKey(_ p: PaginatedPage, _ title: String, count: Int) -> [Int] {
            [p.number, p.total, count, keys.string(title)] + p.members.map { keys.articles[$0] }
        }

        // Home and its pages: every article, newest first.
        for (p, path) in wantedPages(of: Array(site.articles.indices), base: "") {
            let title = p.number == 1 ? site.config.title : pageTitle(strings, site.config.title, p.number)
            job(path, "index.html", listKey(p, title, count: site.articles.count)) {
                [("page", values.listPage(kind: "index", title: title, path: p.path(base: ""))),
                 ("paginator", p.value(base: "", values: values, items: articleValues))]
            }
        }
        // Articles, with links to the older and newer one: most of the jobs, made on all cores.
        let articleIndices = site.articles.indices.filter {
            touched?.contains($0) ?? true || namesArticles && named(values.articlePath(site.articles[$0]) + "index.html")
        }
        jobs += concurrentMap(articleIndices) { i in
            let newer = i > 0 ? i - 1 : nil, older = i + 1 < site.articles.count ? i + 1 : nil
            var parts = [keys.articles[i]]
            for n in [newer, older] { parts.append(n.map { keys.string(site.articles[$0].title + "\n" + site.articles[$0].slug) } ?? 0) }
            parts += site.articles[i].mentions.map { keys.honorees[$0] }
            return makeJob(values.articlePath(site.articles[i]) + "index.html", "article.html", parts) {
                guard case .object(var o) = articleValues[i] else { return [] }
                o["honorees"] = .array(site.articles[i].mentions.map(values.honoreeSummary))
                o["next"] = newer.map { articleValues.link($0) } ?? .nil
                o["previous"] = older.map { articleValues.link($0) } ?? .nil
                return [("page", .object(o))]
            }
        }
        // Columns and tags, paginated.
        for (ci, c) in site.columns.enumerated() {
            let base = values.columnPath(c)
            for (p, path) in wantedPages(of: c.articles, base: base, whole: touchedColumns.contains(ci)) {
                let title = p.number == 1 ? c.name : pageTitle(strings, c.name, p.number)
                job(path, "column.html", listKey(p, title, count: c.articles.count) + [keys.string(c.name), c.index?.sourceHash ?? 0]) {
                    [("column", values.column(c, path: base)),
                     ("page", values.listPage(kind: "column", title: title, path: p.path(base: base))),
                     ("paginator", p.value(base: base, values: values, items: articleValues))]
                }
            }
        }
        if all || tagList || named("tags/index.html") { job("tags/index.html", "tags.html", [keys.allTags]) {
            [("page", values.listPage(kind: "tags", title: strings["all_tags"] ?? "标签", path: "tags/")),
             ("tags", .array(site.tags.map { values.taxonomy($0, path: values.tagPath($0)) }))]
        } }
        for (ti, t) in site.tags.enumerated() {
            let base = values.tagPath(t)
            for (p, path) in wantedPages(of: t.articles, base: base, whole: touchedTags.contains(ti)) {
                let title = p.number == 1 ? t.name : pageTitle(strings, t.name, p.number)
                let tagHonorees = p.number == 1 ? site.honoreesOfTag[ti] : []
                job(path, "tag.html",
                    listKey(p, title, count: t.articles.count) + [keys.string(t.name)] + tagHonorees.map { keys.honorees[$0] }) {
                    [("tag", values.taxonomy(t, path: base)),
                     ("page", values.listPage(kind: "tag", title: title, path: p.path(base: base))),
                     ("paginator", p.value(base: base, values: values, items: articleValues)),
                     ("honorees", .array(tagHonorees.map(values.honoreeSummary)))]
                }
            }
        }
        for page in site.pages where all || named(values.pagePath(page) + "index.html") {
            job(values.pagePath(page) + "index.html", "page.html", [page.sourceHash, keys.string(page.slug)]) {
                [("page", values.page(page))]
            }
        }
        if all || named("404.html") { job("404.html", "404.html", []) {
            [("page", values.listPage(kind: "404", title: strings["not_found"] ?? "页面不存在", path: "404.html"))]
        } }

        // The honor roll: the roll itself, one page per honor, per year, per honoree.
        guard !site.honorees.isEmpty else { return jobs }
        if all || named("honors/index.html") { job("honors/index.html", "honors.html", [keys.allHonorees]) {
            [("page", values.listPage(kind: "honors", title: strings["honors"] ?? "荣誉榜", path: "honors/"))] + values.honorRoll()
        } }
        for (g, group) in site.roll.honors.enumerated() where all || named(values.honorPath(group) + "index.html") {
            job(values.honorPath(group) + "index.html", "honor.html", [keys.allHonorees]) {
                [("page", values.listPage(kind: "honor", title: group.title, path: values.honorPath(group))), ("honor", values.honorGroup(g))]
            }
        }
        for (i, y) in site.roll.years.enumerated() where all || named(values.yearPath(y.year) + "index.html") {
            job(values.yearPath(y.year) + "index.html", "honor_year.html", [keys.allHonorees]) {
                [("page", values.listPage(kind: "honor_year", title: "\(y.year)年荣誉", path: values.yearPath(y.year))), ("year", values.year(i))]
            }
        }
        // A profile lists the honoree's tags with their sizes.
        for h in site.honorees.indices where wanted(site.roll.mentionedIn[h]) || site.tagsOfHonoree[h].contains(where: touchedTags.contains)
            || named(values.honoreePath(site.honorees[h]) + "index.html") {
            let parts = [keys.honorees[h], keys.allHonorees] + site.roll.mentionedIn[h].map { keys.articles[$0] }
                + site.tagsOfHonoree[h].map { site.tags[$0].articles.count }
            job(values.honoreePath(site.honorees[h]) + "index.html", "honoree.html", parts) {
                [("page", values.honoree(h, articles: site.roll.mentionedIn[h].map { articleValues[$0] }))]
            }
        }
        return jobs
    }

    /// The folder of a list's first page that `path` is a page of — `columns/x/` for
    /// `columns/x/page/3/index.html`, `""` for the home list's — or else the page's folder.
    static func listFolder(_ path: String) -> String {
        var folder = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        // "…page/N/": dropped when N is a number.
        let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 3, parts[parts.count - 3] == "page", Int(parts[parts.count - 2]) != nil {
            folder = parts.dropLast(3).map { $0 + "/" }.joined()
        }
        return folder
    }

    /// The templates the build renders pages with, and what each renders (for the error when one is missing).
    static let pageTemplates = [
        "index.html": "the home page", "article.html": "articles", "column.html": "column pages",
        "tags.html": "the list of tags", "tag.html": "tag pages", "page.html": "standalone pages",
        "404.html": "the not-found page", "honors.html": "the honor roll", "honor.html": "the page of each honor",
        "honor_year.html": "the honors of each year", "honoree.html": "the profiles of honorees",
    ]

    /// Why a page could not be made.
    enum PageFailure: Error {
        case template(TemplateError)
        case write(OutputWriter.WriteError)
    }

    /// What rendering the jobs gave.
    struct RenderResult {
        /// Every page, in job order.
        var pages: [RenderedPage]
        /// How many were rendered (the others kept last build's output).
        var rendered: Int
        /// Bytes of the pages rendered.
        var bytes: Int
        var diagnostics: [Diagnostic]
        /// The first file that could not be written (into staging, by the sink).
        var writeError: OutputWriter.WriteError?
    }

    /// Renders jobs on all cores, handing each page to `sink` as soon as it is rendered.
    /// A job `previous` finds unchanged is not rendered (its file is already in the output folder).
    func render(_ jobs: [PageJob], engine: Engine, previous: PreviousPages = .init(), sink: PageSink = .keep) -> RenderResult {
        let results = concurrentMap(jobs) { j -> Result<(RenderedPage, Int), PageFailure> in
            if let old = previous.unchanged(j.path, fingerprint: j.fingerprint, or: j.countedFingerprint) {
                return .success((RenderedPage(path: j.path, fingerprint: old.fingerprint, readCounts: old.fingerprint == j.countedFingerprint,
                                              stamp: old.stamp), -1))
            }
            // The sink writes or compares the page where the renderer made it.
            let taken: Result<(pending: [UInt8]?, stamp: SourceCache.Stamp?, size: Int), OutputWriter.WriteError>
            let reads: PageReads
            do throws(TemplateError) {
                let variables = j.variables()
                (taken, reads) = try PageReads.recording { () throws(TemplateError) in
                    try engine.render(named: j.template, variables) { page in
                        Result { () throws(OutputWriter.WriteError) in
                            let (pending, stamp) = try sink.take(j.path, page)
                            return (pending, stamp, page.count)
                        }
                    }
                }
            } catch {
                return .failure(.template(error))
            }
            switch taken {
            case .success(let t):
                let fingerprint = reads.columnCounts ? j.countedFingerprint : j.fingerprint
                return .success((RenderedPage(path: j.path, fingerprint: fingerprint, readCounts: reads.columnCounts,
                                              pending: t.pending, stamp: t.stamp), t.size))
            case .failure(let e):
                return .failure(.write(e))
            }
        }
        var out = RenderResult(pages: [], rendered: 0, bytes: 0, diagnostics: [])
        out.pages.reserveCapacity(jobs.count)
        var seen = Set<String>()
        for r in results {
            switch r {
            case .success(let (page, size)):
                out.pages.append(page)
                if size >= 0 { out.rendered += 1; out.bytes += size }
            case .failure(.write(let e)):
                if out.writeError == nil { out.writeError = e }
            case .failure(.template(let e)):
                var d = Diagnostic(e, folder: "templates")
                if e.line == 0, let page = Self.pageTemplates[e.template] {
                    // The theme lacks one of the templates the site needs.
                    d.message = "the file is missing: the theme needs it to render \(page)"
                }
                if seen.insert(d.summary).inserted { out.diagnostics.append(d) }
            }
        }
        return out
    }

    /// The feed and sitemap (always regenerated: they are cheap).
    func feeds(_ site: Site, values: ValueBuilder) -> [OutputFile] {
        [OutputFile(path: "feed.xml", text: atomFeed(site, values: values))] + sitemaps(site, values: values)
    }

    private func pageTitle(_ strings: [String: String], _ title: String, _ n: Int) -> String {
        let pattern = strings["page_n"] ?? "第 %d 页"
        return "\(title) - " + substitutingNumber(n, in: pattern)
    }
}

/// `pattern` with each `%d` replaced by `n`, on bytes: Foundation's replacingOccurrences cost
/// 24,000 instructions a call and the standard library's split and join 15,000, once per list page.
func substitutingNumber(_ n: Int, in pattern: String) -> String {
    let bytes = Array(pattern.utf8), digits = Array(String(n).utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + digits.count)
    var i = 0
    while i < bytes.count {
        if bytes[i] == UInt8(ascii: "%"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "d") {
            out += digits
            i += 2
        } else {
            out.append(bytes[i])
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// A page of the site and the fingerprint of its inputs.
struct RenderedPage: Sendable {
    var path: String
    var fingerprint: Int
    /// Whether it shows the number of articles in a column (`PageReads`): its fingerprint is
    /// the job's `countedFingerprint`.
    var readCounts = false
    /// Bytes still to be written to the output folder; nil when the file there is already right
    /// (written into staging, equal to what was there, or not rendered because nothing changed).
    var pending: [UInt8]? = nil
    /// The stamp of its file, when known (carried over for a page not rendered again).
    var stamp: SourceCache.Stamp? = nil

    /// Its build-state entry once its file is in the output folder at `outputPath`: the stamp
    /// known, or else read from the file.
    func entry(under outputPath: String) -> BuildState.Entry {
        BuildState.Entry(fingerprint: fingerprint, stamp: stamp ?? SourceCache.stamp(outputPath + "/" + path))
    }
}

/// Fingerprints of what pages show, computed once per build: an article's key changes when
/// its file or anything the build gave it (slug, column, tags, mentions) changes.
struct InputKeys {
    let buildYear: Int
    /// The site's settings and its columns' names and slugs, in order: what every page shows.
    let site: Int
    /// The number of articles in each column, which few pages show (`PageReads`).
    private(set) var columnCounts: Int
    private(set) var articles: [Int]
    let honorees: [Int]
    private(set) var allTags: Int
    let allHonorees: Int

    init(site s: Site, values: ValueBuilder, buildYear: Int) {
        self.buildYear = buildYear
        var f = Fingerprint()
        f.add(s.config.sourceFingerprint)
        f.add(buildYear)
        for c in s.columns { f.add(c.name); f.add(c.slug) }
        site = Int(truncatingIfNeeded: f.value)
        columnCounts = Self.countsKey(of: s)

        var honoreeKeys: [Int] = []
        for (h, honoree) in s.honorees.enumerated() {
            var k = Fingerprint()
            k.add(honoree.sourceHash)
            k.add(honoree.slug)
            for t in s.tagsOfHonoree[h] { k.add(s.tags[t].name); k.add(s.tags[t].slug) }
            honoreeKeys.append(Int(truncatingIfNeeded: k.value))
        }
        honorees = honoreeKeys

        articles = s.articles.indices.map { Self.articleKey($0, of: s, honorees: honoreeKeys) }

        allTags = Self.tagsKey(of: s)

        var all = Fingerprint()
        for k in honoreeKeys { all.add(k) }
        for list in s.roll.mentionedIn { all.add(list.count) }
        allHonorees = Int(truncatingIfNeeded: all.value)
    }

    /// The key of the list of tags: each tag's name, slug and size, in order.
    private static func tagsKey(of s: Site) -> Int {
        var t = Fingerprint()
        for tag in s.tags { t.add(tag.name); t.add(tag.slug); t.add(tag.articles.count) }
        return Int(truncatingIfNeeded: t.value)
    }

    private static func countsKey(of s: Site) -> Int {
        var counts = Fingerprint()
        for c in s.columns { counts.add(c.articles.count) }
        return Int(truncatingIfNeeded: counts.value)
    }

    /// The keys after articles moved to other columns (`IncrementalBuild.refileColumns`), which
    /// left every column's name and slug as they were.
    func replacingColumnCounts(of site: Site) -> InputKeys {
        var keys = self
        keys.columnCounts = Self.countsKey(of: site)
        return keys
    }

    /// The keys after the tags were filed again (`IncrementalBuild.refileTags`), which left
    /// every honoree's tags as they were.
    func replacingTagList(of site: Site) -> InputKeys {
        var keys = self
        keys.allTags = Self.tagsKey(of: site)
        return keys
    }

    func string(_ s: String) -> Int {
        Int(truncatingIfNeeded: Fingerprint.of(s).value)
    }

    private static func articleKey(_ i: Int, of s: Site, honorees: [Int]) -> Int {
        let a = s.articles[i]
        var k = Fingerprint()
        k.add(a.sourceHash)
        k.add(a.slug)
        if let c = s.columnOfArticle[i] { k.add(s.columns[c].name); k.add(s.columns[c].slug) }
        for t in s.tagsOfArticle[i] { k.add(s.tags[t].name); k.add(s.tags[t].slug) }
        for m in a.mentions { k.add(honorees[m]) }
        return Int(truncatingIfNeeded: k.value)
    }

    /// The keys after article `i` of `site` alone changed, in its file or its slug (the columns,
    /// tags and honorees the keys cover being the same), without going over every other article again.
    func replacing(article i: Int, of site: Site) -> InputKeys {
        var keys = self
        keys.articles[i] = Self.articleKey(i, of: site, honorees: honorees)
        return keys
    }
}

/// One page of a paginated list: members are indices into the site's articles.
struct PaginatedPage: Sendable {
    var number: Int
    var total: Int
    var totalItems: Int
    var perPage: Int
    var members: [Int]

    /// `base` for page 1, `base` + `page/N/` after.
    func path(base: String) -> String { Self.path(base: base, number) }

    static func path(base: String, _ n: Int) -> String { n == 1 ? base : "\(base)page/\(n)/" }

    /// The file of this page under the output folder.
    func file(base: String) -> String { path(base: base) + "index.html" }

    func value(base: String, values: ValueBuilder, items: ArticleValues) -> Value {
        let n = number
        // The page-number bar: first, last and two either side of the current page, so a
        // tag with thousands of pages does not carry thousands of links on each.
        let window = Set([1, total] + Array(max(1, n - 2)...min(total, n + 2)))
        let bar: [Value] = window.sorted().map { k in
            .object(Object(Self.linkLayout, [.int(k), .string(values.url(Self.path(base: base, k))), .bool(k == n)]))
        }
        return .object(Object(Self.layout, [
            .array(members.map { items[$0] }),
            .int(n), .int(total), .int(totalItems), .int(perPage),
            n > 1 ? .string(values.url(Self.path(base: base, n - 1))) : .nil,
            n < total ? .string(values.url(Self.path(base: base, n + 1))) : .nil,
            .array(bar),
        ]))
    }

    static let layout = ObjectLayout(["items", "page", "total_pages", "total_items", "per_page", "previous_url", "next_url", "pages"])
    static let linkLayout = ObjectLayout(["number", "url", "current"])
}

/// Splits `members` into pages of `perPage`. An empty list still has one (empty) page, so
/// the home page of a new site exists.
func paginate(_ members: [Int], perPage: Int) -> [PaginatedPage] {
    let per = max(perPage, 1)
    let total = max(1, (members.count + per - 1) / per)
    return (1...total).map { n in
        PaginatedPage(number: n, total: total, totalItems: members.count, perPage: per,
                      members: Array(members.dropFirst((n - 1) * per).prefix(per)))
    }
}
