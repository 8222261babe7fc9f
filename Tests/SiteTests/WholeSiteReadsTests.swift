import Foundation
import Testing
@testable import Site
import TestSupport

// A theme whose every page reads the whole site (`site.articles`, `site.columns[].articles`,
// `site.tags`, `site.honorees`, `site.honors`, `site.pages`, `site.data`) in every way a theme
// might, and seeded random edit sequences over it: after each edit a long-lived build's output
// must be byte for byte a clean build's. A page is rendered again only when a fact it read
// changed (`Reads`), so a read the facts miss shows up here as a stale page.

/// What every page shows (the layout includes it): each site-wide list read through loops with
/// `limit`/`offset`, `size`, `first`/`last`, an index, `where` (on a dotted key too), `sort`,
/// `map`, `group_by`, `==`, the columns' and tags' own lists, the honor roll, pages and data.
private let wholeSitePartial = """
n={{ site.articles.size }}/{{ site.articles | size }};\
new:{% for a in site.articles limit: 3 %}[{{ a.title }}|{{ a.url }}]{% endfor %};\
more:{% for a in site.articles offset: 3 limit: 2 %}<{{ a.date_ymd }}|{{ a.column.name }}|{{ a.authors | join: "、" }}>{% endfor %};\
ends:{{ site.articles.first.title }}|{{ site.articles.last.summary }}|{{ site.articles[2].cover }}|{{ site.articles | last | map: "slug" | join: "" }};\
where:{% assign yw = site.articles | where: "column.name", "要闻" %}{{ yw.size }}:{% for a in yw limit: 2 %}{{ a.title }},{% endfor %};\
sort:{{ site.articles | sort: "title" | map: "title" | join: "," }};\
group:{% assign g = site.articles | group_by: "column.name" %}{% for x in g %}{{ x.name }}={{ x.size }},{% endfor %};\
cols:{{ site.columns.size }}{% for c in site.columns %}({{ c.name }}:{{ c.count }}:{{ c.description }}:{% for a in c.articles limit: 1 %}{{ a.title }}{% endfor %}){% endfor %};\
tags:{{ site.tags | size }}{% for t in site.tags offset: 1 %}({{ t.name }}={{ t.articles.size }}:{{ t.articles.last.title }}){% endfor %};\
people:{{ site.honorees | map: "name" | join: "/" }}{% for h in site.honorees limit: 1 %}@{{ h.unit }}{% endfor %};\
honors:{% for h in site.honors %}{{ h.name }}={{ h.count }},{% endfor %};\
pages:{% for p in site.pages %}{{ p.title }}@{{ p.url }},{% endfor %};\
links:{% for l in site.data.links %}{{ l.name }}>{{ l.url }},{% endfor %}{{ site.data.contact.phone }};\
same:{% if site.articles.first == site.articles[0] %}y{% endif %}{% if site.columns.first == column %}c{% endif %}{% if site.tags.last == tag %}t{% endif %}
"""

/// The theme: the layout reads the whole site on every page; the 404 page, standalone pages and
/// honoree profiles read it again as JSON and by other filters; the rest read their own variables.
private let wholeSiteTheme = """
-- templates/partials/site.html --
\(wholeSitePartial)
-- templates/base.html --
<title>{{ page.title }}</title><aside>{% include 'partials/site.html' %}</aside><main>{{ content }}</main>
-- templates/index.html --
{% layout 'base' %}{% for a in paginator.items %}[{{ a.title }}|{{ a.summary }}|{{ a.tags | map: "name" | join: "," }}]{% endfor %}p{{ paginator.page }}/{{ paginator.total_pages }}/{{ paginator.total_items }}{{ paginator.next_url }}{% for n in paginator.pages %}{{ n.number }}{% endfor %}
-- templates/article.html --
{% layout 'base' %}<h1>{{ page.title }}</h1>{{ page.date | date: "%Y-%m-%d" }}|{{ page.column.name }}|{% for t in page.tags %}{{ t.name }}({{ t.slug }}){% endfor %}|{{ page.cover }}|{{ page.authors | join: "," }}|{{ page.summary }}|{{ page.content }}|prev={{ page.previous.title }}{{ page.previous.url }}|next={{ page.next.title }}{{ page.next.url }}|people={% for h in page.honorees %}{{ h.name }}{{ h.url }}{% endfor %}|{% assign mine = site.articles | where: "column.name", page.column.name %}{{ mine.size }}{% for a in site.articles %}{% if a.url == page.url %}#{{ forloop.index }}{% endif %}{% endfor %}
-- templates/column.html --
{% layout 'base' %}{{ column.name }}|{{ column.description }}|{{ column.content }}|{{ column.params | json }}|{% for a in paginator.items %}[{{ a.title }}]{% endfor %}p{{ paginator.page }}/{{ paginator.total_pages }}|{% for c in site.columns %}{% if c == column %}*{% endif %}{{ c.slug }}{% endfor %}
-- templates/tags.html --
{% layout 'base' %}{% for t in tags %}{{ t.name }}({{ t.count }}){% endfor %}
-- templates/tag.html --
{% layout 'base' %}{{ tag.name }}:{{ tag.count }}:{% for a in paginator.items %}[{{ a.title }}|{{ a.date_ymd }}]{% endfor %}p{{ paginator.page }}/{{ paginator.total_pages }}|{% for h in honorees %}{{ h.name }}{% endfor %}|{{ tag.articles | map: "title" | join: "," }}
-- templates/page.html --
{% layout 'base' %}{{ page.title }}{{ page.content }}|{{ site.pages | json }}|{{ site.data | json }}|{% assign byc = site.articles | group_by: "column.slug" %}{{ byc | map: "name" | join: "," }}|{{ site.honorees | jsonify }}|{{ site.articles | map: "date_ymd" | sort | last }}
-- templates/404.html --
{% layout 'base' %}{{ site.columns | json }}|{{ site.articles.first | jsonify }}|{{ site.tags | map: "name" | json }}|{% for a in site.articles reversed limit: 2 %}{{ a.title }}{% endfor %}|{{ site.honors | json }}|{{ site.data.links | size }}|{{ site.articles[1] | json }}
-- templates/honors.html --
{% layout 'base' %}{% for h in honors %}{{ h.name }}{{ h.count }}{% endfor %}|{% for y in years %}{{ y.year }}{% endfor %}|{{ totals | json }}
-- templates/honor.html --
{% layout 'base' %}{{ honor.name }}:{% for r in honor.recipients %}{{ r.honoree.name }}{{ r.year_label }};{% endfor %}
-- templates/honor_year.html --
{% layout 'base' %}{{ year.year }}:{% for r in year.records %}{{ r.honoree.name }}/{{ r.honor.name }};{% endfor %}
-- templates/honoree.html --
{% layout 'base' %}{{ page.name }}|{{ page.unit }}|{% for h in page.honors %}{{ h.title }}@{{ h.year_label }};{% endfor %}|{% for t in page.tags %}{{ t.name }}={{ t.count }};{% endfor %}|{% for a in page.articles %}{{ a.title }};{% endfor %}|{% assign mates = site.honorees | where: "unit", page.unit %}{{ mates | map: "name" | join: "," }}|{{ site.tags | sort: "count" | map: "slug" | json }}|{% for t in site.tags %}{% for a in t.articles limit: 1 %}{{ a.title }}{% endfor %}{% endfor %}|{{ site.articles | where: "column.slug", "yao-wen" | map: "title" | json }}
"""

/// A theme whose pages each read one or two site-wide values, so that a fact the build misses is
/// not made up for by another the same page read (the whole-site theme reads so much that
/// nearly any edit changes some fact of every page).
private let narrowTheme = """
-- templates/base.html --
{{ content }}
-- templates/index.html --
{% layout 'base' %}{% for c in site.columns %}{{ c.name }}:{% for a in c.articles limit: 1 %}{{ a.title }}{% endfor %};{% endfor %}|{% for a in paginator.items %}{{ a.url }}{% endfor %}
-- templates/article.html --
{% layout 'base' %}{{ page.title }}|{{ page.content }}|{{ page.cover }}|{{ page.next.url }}|{% for h in page.honorees %}{{ h.url }}{% endfor %}|{{ site.tags.first.name }}
-- templates/column.html --
{% layout 'base' %}{{ column.name }}|{{ column.description }}|{% for a in paginator.items %}{{ a.summary }}{% endfor %}|{{ site.data.links | size }}
-- templates/tags.html --
{% layout 'base' %}{% for t in tags %}{{ t.slug }}{% endfor %}|{{ site.data | json }}
-- templates/tag.html --
{% layout 'base' %}{{ tag.name }}|{% for a in paginator.items %}{{ a.date_ymd }}{% endfor %}|{% for h in honorees %}{{ h.name }}{% endfor %}
-- templates/page.html --
{% layout 'base' %}{{ page.title }}|{{ page.content }}|{{ site.pages | map: "title" | join: "," }}|{{ site.honors | map: "name" | join: "," }}
-- templates/404.html --
{% layout 'base' %}{{ site.articles[2].title }}|{{ site.honorees.last.name }}|{{ site.articles | where: "column.slug", "yao-wen" | size }}|{{ site.columns.last.count }}
-- templates/honors.html --
{% layout 'base' %}{{ totals | json }}
-- templates/honor.html --
{% layout 'base' %}{{ honor.name }}
-- templates/honor_year.html --
{% layout 'base' %}{{ year.year }}
-- templates/honoree.html --
{% layout 'base' %}{{ page.name }}|{% for t in page.tags %}{{ t.name }}={{ t.count }};{% endfor %}|{% for a in page.articles %}{{ a.title }}{% endfor %}|{% for t in site.tags %}{% if t.count > 1 %}{{ t.slug }}{% endif %}{% endfor %}
"""

/// SplitMix64: the same numbers for a seed on every run and platform, so a failure's seed and
/// step bring it back.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A site kept as data (articles, honorees, pages, data files, column descriptions), written
/// out file by file; each random edit changes the data and rewrites or removes its files.
private struct RandomSite {
    struct Story {
        var title: String, day: Int, tags: [String], column: String?, summary: String?
        var cover: String?, author: String?, draft: Bool, body: String
        var slug: String? = nil
    }
    struct Person {
        var name: String, unit: String, honors: [(String, Int?, String)], tags: [String]
        var aka: [String] = []
    }

    var rng: SplitMix64
    var stories: [String: Story] = [:]
    var people: [String: Person] = [:]
    var pages: [String: (String, String)] = [:]
    var data: [String: String] = [:]
    var indexes: [String: (String, String)] = [:]
    /// Numbers for new files and explicit slugs, never used twice.
    var next = 0

    static let titles = ["春季职工运动会", "技能大赛开幕", "职工书屋落成", "安全生产月", "春季职工运动会", "劳模工作室挂牌"]
    static let tags = ["劳模", "勞模", "工匠", "安全生产", "职工之家", "技能"]
    static let columns = ["要闻", "工会动态", "基层风采", "要聞"]
    static let folders = ["要闻": "yaowen", "工会动态": "dongtai", "基层风采": "jiceng"]
    static let names = ["王大明", "李秀英", "焊工一班", "赵铁军", "陈一文"]
    /// Other names of honorees (`aka`), which bodies mention too.
    static let akas = ["大明", "老赵", "一班"]
    static let units = ["市机械厂", "市公交公司", "市机械厂", "第一纺织厂"]
    static let honorTitles = [("全国劳动模范", "national"), ("省五一劳动奖章", "provincial"), ("市级工匠", "municipal"), ("工人先锋号", "national")]

    init(seed: UInt64) {
        rng = SplitMix64(state: seed)
        for _ in 0..<10 { stories[newFile()] = randomStory() }
        for _ in 0..<3 { people["h\(next).md"] = randomPerson(); next += 1 }
        pages["about.md"] = ("关于我们", "本会的简介。")
        pages["join.md"] = ("入会指南", "如何加入工会。")
        data["links.yml"] = links()
        data["contact.json"] = "{\"phone\": \"010-6000\(int(0...9))\"}"
        indexes["要闻"] = ("本地要闻", "要闻的说明。")
    }

    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    mutating func chance(_ n: Int) -> Bool { int(1...n) == 1 }
    mutating func pick<T>(_ a: [T]) -> T { a[int(0...a.count - 1)] }

    mutating func newFile() -> String {
        defer { next += 1 }
        return (chance(4) ? "old/" : "") + "s\(next).md"
    }

    mutating func randomStory() -> Story {
        Story(title: chance(3) ? pick(Self.titles) : "第\(next)则消息", day: int(1...28),
              tags: (0..<int(0...2)).map { _ in pick(Self.tags) }, column: chance(5) ? nil : pick(Self.columns),
              summary: chance(3) ? "摘要\(int(0...9))" : nil, cover: chance(3) ? pick(["/images/a.gif", "images/b.gif", "https://img.example.org/c.jpg"]) : nil,
              author: chance(2) ? pick(["张三", "李四"]) : nil, draft: chance(8), body: randomBody())
    }

    mutating func randomBody() -> String {
        let mention = chance(2) ? "\(pick(Self.names))同志发言。" : chance(2) ? "\(pick(Self.akas))说了几句。" : ""
        return "正文\(int(0...99))。" + mention + (chance(3) ? "\n\n第二段，**加粗**。" : "")
    }

    mutating func randomPerson() -> Person {
        Person(name: pick(Self.names), unit: pick(Self.units),
               honors: (0..<int(1...2)).map { _ in let (t, l) = pick(Self.honorTitles); return (t, chance(3) ? nil : int(2010...2013), l) },
               tags: (0..<int(0...2)).map { _ in pick(Self.tags) })
    }

    mutating func links() -> String {
        (0..<int(1...3)).map { i in "- name: 友情链接\(i)\(int(0...3))\n  url: https://example.org/\(i)" }.joined(separator: "\n")
    }

    // MARK: the files

    func storyText(_ file: String) -> String? {
        guard let s = stories[file] else { return nil }
        var lines = ["title: \(s.title)", "date: 2024-03-\(String(format: "%02d", s.day))"]
        if !s.tags.isEmpty { lines.append("tags: [\(s.tags.joined(separator: ", "))]") }
        if let c = s.column { lines.append("column: \(c)") }
        if let x = s.summary { lines.append("summary: \(x)") }
        if let x = s.cover { lines.append("cover: \(x)") }
        if let x = s.author { lines.append("author: \(x)") }
        if s.draft { lines.append("draft: true") }
        if let x = s.slug { lines.append("slug: \(x)") }
        return "---\n" + lines.joined(separator: "\n") + "\n---\n" + s.body + "\n"
    }

    func personText(_ file: String) -> String? {
        guard let p = people[file] else { return nil }
        var lines = ["name: \(p.name)", "unit: \(p.unit)", "honors:"]
        for (t, y, l) in p.honors {
            lines.append("  - title: \(t)")
            if let y { lines.append("    year: \(y)") }
            lines.append("    level: \(l)")
        }
        if !p.tags.isEmpty { lines.append("tags: [\(p.tags.joined(separator: ", "))]") }
        if !p.aka.isEmpty { lines.append("aka: [\(p.aka.joined(separator: ", "))]") }
        return "---\n" + lines.joined(separator: "\n") + "\n---\n\(p.name)的事迹。\n"
    }

    /// Every file of the site, by path: what a clean start writes.
    func files() -> [String: String] {
        var out: [String: String] = [:]
        for f in stories.keys { out["content/news/" + f] = storyText(f) }
        for f in people.keys { out["content/honorees/" + f] = personText(f) }
        for (f, p) in pages { out["content/pages/" + f] = "---\ntitle: \(p.0)\n---\n\(p.1)\n" }
        for (f, d) in data { out["data/" + f] = d + "\n" }
        for (c, i) in indexes { out[Self.indexPath(c)] = "---\ntitle: \(c)\ndescription: \(i.0)\n---\n\(i.1)\n" }
        out["content/images/a.gif"] = "gif"
        out["content/news/images/b.gif"] = "gif"
        out["site.yml"] = "title: 职工之声\nper_page: 3\n"
        return out
    }

    static func indexPath(_ column: String) -> String { "content/news/\(folders[column] ?? column)/_index.md" }

    // MARK: one random edit

    /// The kinds of edit, each `edit()` takes the next of a shuffled round of them, so that a
    /// sequence as long as there are kinds makes every kind of edit at least once.
    static let kinds = 25
    var round: [Int] = []

    /// Makes one random edit; returns what it did and the paths it touched (as a watcher
    /// reports them: each file written or removed).
    mutating func edit() -> (String, [String]) {
        if round.isEmpty { round = Array(0..<Self.kinds).shuffled(using: &rng) }
        let kind = round.removeLast()
        let files = stories.keys.sorted()
        let file = pick(files)
        let path = "content/news/" + file
        var s = stories[file] ?? randomStory()
        var what = ""
        switch kind {
        case 0: s.body = randomBody(); what = "body"
        case 1: s.title = chance(2) ? pick(Self.titles) : "第\(int(0...20))则消息"; what = "title"
        case 2: s.day = int(1...28); what = "date"
        case 3: s.tags = (0..<int(0...3)).map { _ in pick(Self.tags) }; what = "tags"
        case 4: s.column = chance(5) ? nil : pick(Self.columns); what = "column"
        case 5: s.summary = chance(2) ? nil : "新摘要\(int(0...9))"; what = "summary"
        case 6: s.cover = chance(2) ? nil : pick(["/images/a.gif", "images/b.gif"]); what = "cover"
        case 7: s.author = chance(3) ? nil : pick(["张三", "李四", "王五"]); what = "author"
        case 8: s.draft.toggle(); what = "draft flag"
        case 23:
            if s.slug == nil { s.slug = "kuai-xun-\(next)"; next += 1 } else { s.slug = nil }
            what = "explicit slug"
        case 24:
            guard !people.isEmpty else { return ("nothing", []) }
            let h = pick(people.keys.sorted())
            var p = people[h] ?? randomPerson()
            p.aka = Self.akas.filter { _ in chance(2) }
            people[h] = p
            return ("aka of honoree \(h)", ["content/honorees/" + h])
        case 9:
            let new = newFile()
            stories[new] = randomStory()
            return ("new article \(new)", ["content/news/" + new])
        case 10:
            guard stories.count > 3 else { return ("nothing", []) }
            stories[file] = nil
            return ("deleted \(file)", [path])
        case 11:
            let new = newFile()
            stories[new] = stories[file]
            stories[file] = nil
            return ("renamed \(file) to \(new)", [path, "content/news/" + new])
        case 12, 13, 14:
            guard !people.isEmpty else { return ("nothing", []) }
            let h = pick(people.keys.sorted())
            let fresh = randomPerson()
            let field = kind - 12
            var p = people[h] ?? fresh
            if field == 0 { p.name = fresh.name } else if field == 1 { p.honors = fresh.honors } else { p.tags = fresh.tags }
            people[h] = p
            return ("\(["name", "honors", "tags"][field]) of honoree \(h)", ["content/honorees/" + h])
        case 15:
            let h = "h\(next).md"
            next += 1
            people[h] = randomPerson()
            return ("new honoree \(h)", ["content/honorees/" + h])
        case 16:
            guard let h = people.keys.sorted().last, people.count > 1 else { return ("nothing", []) }
            people[h] = nil
            return ("deleted honoree \(h)", ["content/honorees/" + h])
        case 17:
            let had = pages["extra.md"] != nil
            pages["extra.md"] = had ? nil : ("学习园地", "学习资料。")
            return (had ? "deleted a page" : "new page", ["content/pages/extra.md"])
        case 18, 19:
            let p = pick(pages.keys.sorted())
            var page = pages[p] ?? ("", "")
            if kind == 18 { page.0 = pick(["关于我们", "入会指南", "联系方式"]) + "\(int(0...2))" } else { page.1 = "改过的内容\(int(0...99))。" }
            pages[p] = page
            return ("\(kind == 18 ? "title" : "body") of page \(p)", ["content/pages/" + p])
        case 20:
            if chance(2) { data["links.yml"] = links() } else { data["contact.json"] = "{\"phone\": \"010-6000\(int(0...9))\"}" }
            return ("data files edited", ["data/links.yml", "data/contact.json"])
        case 21:
            let had = data["links.yml"] != nil
            data["links.yml"] = had ? nil : links()
            return (had ? "data/links.yml deleted" : "data/links.yml added", ["data/links.yml"])
        case 22:
            let c = pick(Self.columns)
            if indexes[c] != nil, chance(3) {
                indexes[c] = nil
                return ("_index.md of \(c) deleted", [Self.indexPath(c)])
            }
            indexes[c] = ("说明\(int(0...9))", "栏目介绍\(int(0...9))。")
            return ("_index.md of \(c)", [Self.indexPath(c)])
        default:
            break
        }
        stories[file] = s
        return ("\(what) of \(file)", [path])
    }
}

/// Writes `files` into `site`, removing the paths whose file is gone.
private func sync(_ site: TestSite, _ model: RandomSite, paths: [String]) throws {
    let files = model.files()
    for path in paths {
        if let text = files[path] {
            try site.write(path, text)
        } else if site.exists(path) {
            try site.remove(path)
        }
    }
}

/// A random site over `theme`, written to a new folder.
private func randomSite(seed: UInt64, theme: String) throws -> (TestSite, RandomSite) {
    let model = RandomSite(seed: seed)
    let site = try TestSite(files: theme)
    for (path, text) in model.files() { try site.write(path, text) }
    return (site, model)
}

/// How a random sequence rebuilds after each edit.
enum RebuildMode: String, CaseIterable, Sendable {
    /// `rebuild(changed:)` with the paths the edit touched, as `serve` does.
    case changedPaths
    /// Now and then `rebuild()` with no list (a watcher that lost track).
    case sometimesUnknown
    /// A fresh `SiteBuilder.build()` each time, over the output and build state the last left.
    case newProcess
}

@Test(arguments: RebuildMode.allCases, randomSeeds(3))
func randomEditsUnderAThemeThatReadsTheWholeSiteEqualACleanBuild(mode: RebuildMode, seed: UInt64) throws {
    try randomEdits(theme: wholeSiteTheme, mode: mode, seed: seed, steps: 26)
}

@Test(arguments: [RebuildMode.changedPaths, .newProcess], randomSeeds(3))
func randomEditsUnderAThemeWhosePagesReadOneThingEachEqualACleanBuild(mode: RebuildMode, seed: UInt64) throws {
    try randomEdits(theme: narrowTheme, mode: mode, seed: seed &+ 100, steps: 30)
}

/// `steps` random edits of a site over `theme`, each followed by a rebuild as `mode` says and
/// compared with a clean build; a failure names the seed, the step and the edit.
private func randomEdits(theme: String, mode: RebuildMode, seed: UInt64, steps: Int) throws {
    let (site, start) = try randomSite(seed: seed &* 0x1000 &+ UInt64(RebuildMode.allCases.firstIndex(of: mode) ?? 0), theme: theme)
    defer { site.remove() }
    var model = start
    let live = IncrementalBuild(builder: site.builder())
    let first = mode == .newProcess ? try site.builder().build() : try live.rebuild()
    try expectSameAsCleanBuild(site, first, "seed \(seed) (\(mode)): the first build")
    for step in 0..<steps {
        let (what, paths) = model.edit()
        try sync(site, model, paths: paths)
        let label = "seed \(seed) (\(mode)) step \(step): \(what)"
        let report: SiteBuilder.Report
        switch mode {
        case .changedPaths: report = try live.rebuild(changed: paths)
        case .sometimesUnknown: report = try model.chance(3) ? live.rebuild() : live.rebuild(changed: paths)
        case .newProcess: report = try site.builder().build()
        }
        try expectSameAsCleanBuild(site, report, label)
    }
}

/// A theme whose pages show only the titles of the newest articles besides their own.
private let newestTitlesTheme = """
-- templates/base.html --
<nav>{% for a in site.articles limit: 3 %}{{ a.title }};{% endfor %}</nav>{{ content }}
-- templates/index.html --
{% layout 'base' %}{% for a in paginator.items %}[{{ a.title }}]{% endfor %}
-- templates/article.html --
{% layout 'base' %}<h1>{{ page.title }}</h1>{{ page.content }}|{{ page.previous.title }}|{{ page.next.title }}
-- templates/column.html --
{% layout 'base' %}{{ column.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}
-- templates/tags.html --
{% layout 'base' %}{% for t in tags %}{{ t.name }}{% endfor %}
-- templates/tag.html --
{% layout 'base' %}{{ tag.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}
-- templates/page.html --
{% layout 'base' %}{{ page.content }}
-- templates/404.html --
{% layout 'base' %}not found
"""

/// Pages are rendered again for what they read and nothing else: a body edit of an old article
/// renders its own page only; a title shown by the layout renders every page.
@Test func pagesShowingOnlyTheNewestTitlesAreNotRenderedForAnOldArticlesBody() throws {
    var files = (0..<10).map { n in
        article("a\(n).md", "title: 第\(n)篇\ndate: 2024-03-\(String(format: "%02d", n + 1))\nsummary: 摘要\ncolumn: 要闻\ntags: [t\(n % 2)]", body: "第\(n)篇的正文。")
    }
    files.append("-- site.yml --\nper_page: 4")
    files.append("-- content/pages/about.md --\n---\ntitle: 关于\n---\n简介。\n")
    let site = try TestSite(files: newestTitlesTheme + "\n" + files.joined(separator: "\n"))
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    let first = try live.rebuild()

    let oldBody = try saveAndCompare(article("a0.md", "title: 第0篇\ndate: 2024-03-01\nsummary: 摘要\ncolumn: 要闻\ntags: [t0]", body: "改过的正文。"),
                                     on: site, through: live, "an old article's body")
    #expect(oldBody.rendered == 1)
    let newBody = try saveAndCompare(article("a9.md", "title: 第9篇\ndate: 2024-03-10\nsummary: 摘要\ncolumn: 要闻\ntags: [t1]", body: "新的正文。"),
                                     on: site, through: live, "the newest article's body")
    #expect(newBody.rendered == 1)
    // The oldest article's title: its page, its newer neighbour's, the last pages of the lists
    // that show it (home, column, tag), not the pages that show only the newest titles.
    let oldTitle = try saveAndCompare(article("a0.md", "title: 第零篇\ndate: 2024-03-01\nsummary: 摘要\ncolumn: 要闻\ntags: [t0]", body: "改过的正文。"),
                                      on: site, through: live, "an old article's title")
    #expect(oldTitle.rendered == 5)
    let newTitle = try saveAndCompare(article("a9.md", "title: 最新一篇\ndate: 2024-03-10\nsummary: 摘要\ncolumn: 要闻\ntags: [t1]", body: "新的正文。"),
                                      on: site, through: live, "the newest article's title")
    #expect(newTitle.rendered == first.pages)
}



/// A save whose stamp is the last one's (the same size, inode and modification time: two saves
/// within one tick of the file system's clock, which is coarser than its nanoseconds) is read
/// again when the watcher names the file.
@Test func aSaveWithinOneClockTickIsReadAgainWhenTheWatcherNamesIt() throws {
    let site = try TestSite(files: narrowTheme + "\n" + article("a.md", "title: 第一篇\ndate: 2024-03-01", body: "甲。"))
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let path = site.root.appendingPathComponent("content/news/a.md").path
    var before = stat()
    #expect(stat(path, &before) == 0)
    // 甲 and 乙 are three bytes each: the file is rewritten in place at the same size.
    let handle = try #require(FileHandle(forUpdatingAtPath: path))
    try handle.seek(toOffset: 0)
    try handle.write(contentsOf: Data("---\ntitle: 第一篇\ndate: 2024-03-01\n---\n乙。\n".utf8))
    try handle.close()
    var times = [before.st_atim, before.st_mtim]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    var after = stat()
    #expect(stat(path, &after) == 0)
    #expect(SourceCache.Stamp(after) == SourceCache.Stamp(before))
    let report = try live.rebuild(changed: ["content/news/a.md"])
    try expectSameAsCleanBuild(site, report, "a save within one clock tick")
    #expect(site.output("news/di-yi-pian/index.html")?.contains("乙") == true)
}
