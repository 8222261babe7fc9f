import Foundation
import Template

/// A kind of page the site has: where its pages go, which template renders them, what variables
/// they get besides `site`, and whether they go into the sitemap and the feed. Every output the
/// build makes is declared in `PageKind.all`: adding a kind is one entry here and its template.
///
/// Nothing here says when a page must be rendered again: the render records what each page
/// reads (`Reads`), and a page is rendered again when one of those facts changed.
struct PageKind: Sendable {
    /// `page.kind` in templates.
    let name: String
    /// The template that renders its pages; nil for files made in code (feed, sitemap).
    let template: String?
    /// Where its pages go, as docs/TEMPLATES.md gives it.
    let pattern: String
    /// Whether its pages are listed in sitemap.xml (a list by its first page).
    let inSitemap: Bool
    /// Whether its pages are entries of feed.xml.
    let inFeed: Bool
    /// Its pages in this build, in order.
    let pages: @Sendable (PagePlan) -> [PlannedPage]
    /// For a kind made in code rather than through a template: its files in this build. They
    /// read nothing through templates, so they are made anew each build and written when
    /// their bytes changed, as the feed is.
    var files: (@Sendable (SiteBuilder, Site, ValueBuilder) -> [OutputFile])? = nil
    /// Whether its pages are made only when the theme has its template: a theme without
    /// `search.html` has no search page (and no index).
    var onlyWithTemplate = false

    init(name: String, template: String?, pattern: String, inSitemap: Bool, inFeed: Bool,
         pages: @escaping @Sendable (PagePlan) -> [PlannedPage]) {
        (self.name, self.template, self.pattern, self.inSitemap, self.inFeed, self.pages) = (name, template, pattern, inSitemap, inFeed, pages)
    }

    /// A kind whose files are made in code.
    init(name: String, pattern: String, files: @escaping @Sendable (SiteBuilder, Site, ValueBuilder) -> [OutputFile]) {
        self.init(name: name, template: nil, pattern: pattern, inSitemap: false, inFeed: false) { _ in [] }
        self.files = files
    }
}

/// One page to render: its file, what it is (for its fingerprint), and its variables.
struct PlannedPage: Sendable {
    /// Path under the output folder.
    var path: String
    /// What the page shows, apart from what it reads: the entity it is the page of (an article,
    /// a list) and its number in a list.
    var entity: Entity?
    var number = 1
    /// `<lastmod>` in the sitemap, for a page of a kind that is in it.
    var lastModified: Date? = nil
    /// Whether it is listed in the sitemap (the first page of a list).
    var listed = true
    var variables: @Sendable () -> [(String, Value)]
}

/// What the kinds make their pages from in one build.
/// A class: every page's closure holds it, with one retain rather than one for each array of
/// the site.
final class PagePlan: Sendable {
    let site: Site
    let values: ValueBuilder
    let lists: SiteValues
    let facts: SiteFacts
    let strings: [String: String]

    init(site: Site, values: ValueBuilder, lists: SiteValues, strings: [String: String]) {
        self.site = site
        self.values = values
        self.lists = lists
        self.facts = lists.facts
        self.strings = strings
    }

    /// The pages of a paginated list of `members` (the list `entity`) at `base`: `make` gives
    /// each page's variables from the page and its `paginator`.
    func paginated(_ entity: Entity, _ members: [Int], base: String, lastModified: Date?,
                   _ make: @escaping @Sendable (PaginatedPage, Value) -> [(String, Value)]) -> [PlannedPage] {
        paginate(members, perPage: site.config.perPage).map { p in
            PlannedPage(path: p.file(base: base), entity: entity, number: p.number, lastModified: lastModified, listed: p.number == 1) {
                [lists, values] in
                Reads.note(Fact(entity, 0))
                let items = lists.articles(entity, members, window: (p.number - 1) * p.perPage ..< p.number * p.perPage)
                return make(p, p.value(base: base, values: values, items: items))
            }
        }
    }

    /// "name - 第 N 页" after the first page.
    func title(_ name: String, _ n: Int) -> String {
        n == 1 ? name : "\(name) - " + substitutingNumber(n, in: strings["page_n"] ?? "第 %d 页")
    }

    /// The pages of a column's or tag's list: `page` titled by its name, `paginator`, and what
    /// `variables` adds (the column or tag itself).
    func taxonomyPages(_ t: Taxonomy, kind: String, base: String, entity: Entity, list: Entity,
                       _ variables: @escaping @Sendable (PaginatedPage) -> [(String, Value)]) -> [PlannedPage] {
        paginated(list, t.articles, base: base, lastModified: newestDate(t.articles)) { [self] p, paginator in
            Reads.note(Fact(entity, TaxonomyField.name.rawValue))
            return variables(p) + [("page", values.listPage(kind: kind, title: title(t.name, p.number), path: p.path(base: base))),
                                   ("paginator", paginator)]
        }
    }

    func newestDate(_ members: [Int]) -> Date? { members.first.map { site.articles[$0].date } }
}

extension PageKind {
    /// Every kind of page, in the order the build lists them.
    static let all: [PageKind] = [
        PageKind(name: "index", template: "index.html", pattern: "/ (+ page/N/)", inSitemap: true, inFeed: false) { plan in
            let title = plan.site.config.title
            return plan.paginated(plan.facts.articlesList, Array(plan.site.articles.indices), base: "",
                                  lastModified: plan.newestDate(Array(plan.site.articles.indices))) { p, paginator in
                [("page", plan.values.listPage(kind: "index", title: plan.title(title, p.number), path: p.path(base: ""))),
                 ("paginator", paginator)]
            }
        },
        PageKind(name: "article", template: "article.html", pattern: "permalinks.article (/news/:slug/), or url:", inSitemap: true, inFeed: true) { plan in
            plan.site.articles.indices.map { i in
                PlannedPage(path: SitePath.file(plan.values.articlePath(plan.site.articles[i])), entity: plan.facts.articles[i],
                            lastModified: plan.site.articles[i].lastModified) { [lists = plan.lists] in
                    [("page", lists.articlePage(i))]
                }
            }
        },
        PageKind(name: "page", template: "page.html", pattern: "permalinks.page (/:slug/), or url:", inSitemap: true, inFeed: false) { plan in
            plan.site.pages.indices.map { i in
                PlannedPage(path: SitePath.file(plan.values.pagePath(plan.site.pages[i])), entity: plan.facts.pages[i],
                            lastModified: plan.site.pages[i].lastModified, listed: !plan.site.pages[i].withdrawn) { [lists = plan.lists] in
                    [("page", lists.page(i))]
                }
            }
        },
        PageKind(name: "column", template: "column.html", pattern: "permalinks.column (/columns/:slug/) (+ page/N/)", inSitemap: true, inFeed: false) { plan in
            plan.site.columns.indices.flatMap { c in
                plan.taxonomyPages(plan.site.columns[c], kind: "column", base: plan.values.columnPath(plan.site.columns[c]),
                                   entity: plan.facts.columns[c], list: plan.facts.columnLists[c]) { [lists = plan.lists] _ in
                    [("column", lists.column(c))]
                }
            }
        },
        PageKind(name: "tags", template: "tags.html", pattern: "/tags/", inSitemap: true, inFeed: false) { plan in
            [PlannedPage(path: "tags/index.html", entity: plan.facts.tagsList) { [lists = plan.lists] in
                [("page", plan.values.listPage(kind: "tags", title: plan.strings["all_tags"] ?? "标签", path: "tags/")),
                 ("tags", lists.tags)]
            }]
        },
        PageKind(name: "tag", template: "tag.html", pattern: "permalinks.tag (/tags/:slug/) (+ page/N/)", inSitemap: true, inFeed: false) { plan in
            plan.site.tags.indices.flatMap { t in
                plan.taxonomyPages(plan.site.tags[t], kind: "tag", base: plan.values.tagPath(plan.site.tags[t]),
                                   entity: plan.facts.tags[t], list: plan.facts.tagLists[t]) { [lists = plan.lists] p in
                    // The honorees with the tag, on its first page.
                    let honorees: Value = p.number == 1
                        ? .drop(ListValue(plan.facts.tagHonorees[t], members: plan.site.honoreesOfTag[t]) { lists.honoree($0) })
                        : .array([])
                    return [("tag", lists.tag(t)), ("honorees", honorees)]
                }
            }
        },
        PageKind(name: "404", template: "404.html", pattern: "/404.html", inSitemap: false, inFeed: false) { plan in
            [PlannedPage(path: "404.html") {
                [("page", plan.values.listPage(kind: "404", title: plan.strings["not_found"] ?? "页面不存在", path: "404.html"))]
            }]
        },
        // The honor roll: the roll itself, one page per honor, per year, per honoree; only when
        // there are honorees. Made of the whole roll, they read it as one fact.
        PageKind(name: "honors", template: "honors.html", pattern: "/honors/", inSitemap: true, inFeed: false) { plan in
            guard !plan.site.honorees.isEmpty else { return [] }
            return [PlannedPage(path: "honors/index.html", entity: plan.facts.roll) {
                Reads.note(Fact(plan.facts.roll, 0))
                return [("page", plan.values.listPage(kind: "honors", title: plan.strings["honors"] ?? "荣誉榜", path: "honors/"))]
                    + plan.values.honorRoll()
            }]
        },
        PageKind(name: "honor", template: "honor.html", pattern: "/honors/:slug/", inSitemap: true, inFeed: false) { plan in
            guard !plan.site.honorees.isEmpty else { return [] }
            return plan.site.roll.honors.indices.map { g in
                let group = plan.site.roll.honors[g]
                return PlannedPage(path: plan.values.honorPath(group) + "index.html", entity: plan.facts.roll, number: g) {
                    Reads.note(Fact(plan.facts.roll, 0))
                    return [("page", plan.values.listPage(kind: "honor", title: group.title, path: plan.values.honorPath(group))),
                            ("honor", plan.values.honorGroup(g))]
                }
            }
        },
        PageKind(name: "honor_year", template: "honor_year.html", pattern: "/honors/years/:year/", inSitemap: true, inFeed: false) { plan in
            guard !plan.site.honorees.isEmpty else { return [] }
            return plan.site.roll.years.indices.map { i in
                let y = plan.site.roll.years[i]
                return PlannedPage(path: plan.values.yearPath(y.year) + "index.html", entity: plan.facts.roll, number: y.year) {
                    Reads.note(Fact(plan.facts.roll, 0))
                    return [("page", plan.values.listPage(kind: "honor_year", title: plan.values.text("\(y.year)年荣誉"), path: plan.values.yearPath(y.year))),
                            ("year", plan.values.year(i))]
                }
            }
        },
        PageKind(name: "honoree", template: "honoree.html", pattern: "/honorees/:slug/", inSitemap: true, inFeed: false) { plan in
            guard !plan.site.honorees.isEmpty else { return [] }
            return plan.site.honorees.indices.map { h in
                PlannedPage(path: plan.values.honoreePath(plan.site.honorees[h]) + "index.html", entity: plan.facts.honorees[h]) {
                    [lists = plan.lists] in
                    // The profile shows the roll's honors and the sizes of the honoree's tags.
                    Reads.note(Fact(plan.facts.honorees[h], 0))
                    Reads.note(Fact(plan.facts.roll, 0))
                    for t in plan.site.tagsOfHonoree[h] { Reads.note(Fact(plan.facts.tags[t], TaxonomyField.count.rawValue)) }
                    let articles = lists.articles(plan.facts.honoreeLists[h], plan.site.roll.mentionedIn[h])
                    return [("page", plan.values.honoree(h, articles: articles))]
                }
            }
        },
        // Search (docs/SEARCH.md), with `search: true` in site.yml: the page, the theme's, and the
        // index it fetches, made in code.
        {
            var kind = PageKind(name: "search", template: "search.html", pattern: "/search/", inSitemap: false, inFeed: false) { plan in
                guard plan.site.config.search else { return [] }
                return [PlannedPage(path: "search/index.html", listed: false) {
                    [("page", plan.values.listPage(kind: "search", title: plan.strings["search"] ?? "搜索", path: "search/"))]
                }]
            }
            kind.onlyWithTemplate = true
            return kind
        }(),
        PageKind(name: "search-index", pattern: "/search/{meta.json,t/,p/,d/,x/}") { builder, site, values in
            guard site.config.search, builder.theme(site.config).has("search.html") else { return [] }
            return SearchIndex(docs: SearchIndex.documents(site, values: values)).files()
        },
        // An old address of an article or page (`aliases:`): a page that sends the reader on.
        PageKind(name: "redirect", pattern: "each path of aliases:") { builder, site, values in
            builder.redirects(site, values: values)
        },
    ]

    /// The templates the build renders pages with, and what each renders (for the error when one is missing).
    static let templates: [String: String] = [
        "index.html": "the home page", "article.html": "articles", "column.html": "column pages",
        "tags.html": "the list of tags", "tag.html": "tag pages", "page.html": "standalone pages",
        "404.html": "the not-found page", "honors.html": "the honor roll", "honor.html": "the page of each honor",
        "honor_year.html": "the honors of each year", "honoree.html": "the profiles of honorees",
    ]
}
