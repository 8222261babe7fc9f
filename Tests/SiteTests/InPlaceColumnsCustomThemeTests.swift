import Foundation
import Testing
@testable import Site
import TestSupport

// Column moves rebuilt in place (IncrementalBuild+Columns.swift) and the article values kept
// across rebuilds, under templates that read the columns' sizes in unusual places, seeded random
// saves and one article a page: long-lived builds against clean builds.

/// Templates that read column counts where the default theme does not: on article pages (only
/// those with a column), on the first page of each tag, on standalone pages through a partial
/// (`render`, `first | json`), on the 404 page through `sort`, on honoree profiles through
/// `where` by name, on the honors of a year through `where` by count; the navigation on every
/// page shows the columns' names and the home page their number, neither a count.
let countReadingTemplates = """
-- templates/base.html --
<title>{{ page.title }}</title><nav>{% include 'nav.html' %}</nav>{{ content }}
-- templates/nav.html --
{% for c in site.columns %}<a href="{{ c.url }}">{{ c.name }}</a>{% endfor %}
-- templates/index.html --
{% layout 'base' %}{% for a in paginator.items %}[{{ a.title }}|{{ a.column.name }}|{% for t in a.tags %}{{ t.name }},{% endfor %}]{% endfor %}p{{ paginator.page }}/{{ paginator.total_pages }} cols={{ site.columns.size }}
-- templates/article.html --
{% layout 'base' %}<h1>{{ page.title }}</h1>{{ page.column.name }}{% if page.column %}{% assign mine = site.columns | where: "slug", page.column.slug | first %}({{ mine.count }}){% endif %}|{% for t in page.tags %}{{ t.name }};{% endfor %}|prev={{ page.previous.title }}|next={{ page.next.title }}|{% for h in page.honorees %}{{ h.name }}{% endfor %}
-- templates/column.html --
{% layout 'base' %}{{ column.name }}({{ column.count }}):{% for a in paginator.items %}[{{ a.title }}]{% endfor %}p{{ paginator.page }}/{{ paginator.total_pages }}
-- templates/tags.html --
{% layout 'base' %}{% for t in tags %}{{ t.name }}({{ t.count }});{% endfor %}
-- templates/tag.html --
{% layout 'base' %}{{ tag.name }}:{% for a in paginator.items %}[{{ a.title }}|{{ a.column.name }}]{% endfor %}{% if paginator.page == 1 %}counts={{ site.columns | map: "count" | join: "," }}{% endif %}
-- templates/page.html --
{% layout 'base' %}{{ page.content }}{% render 'counts.html', site: site %}
-- templates/counts.html --
first={{ site.columns | first | json }}
-- templates/404.html --
{% layout 'base' %}{% assign s = site.columns | sort: "count" | reverse %}{% for c in s %}{{ c.name }};{% endfor %}
-- templates/honors.html --
{% for h in honors %}{{ h.name }}({{ h.count }});{% endfor %}
-- templates/honor.html --
{{ honor.name }}
-- templates/honor_year.html --
{{ year.year }}:{{ site.columns | where: "count", 3 | size }}
-- templates/honoree.html --
{{ page.name }}:{% for a in page.articles %}{{ a.title }}/{{ a.column.name }}={% assign c = site.columns | where: "name", a.column.name | first %}{{ c.count }};{% endfor %}
"""

/// Article n, dated day n + 1 of 2020 (so the order never changes), in `column`, with `tags`;
/// the article a3 mentions the honoree.
private func countArticle(_ n: Int, column: String?, tags: [String] = [], title: String? = nil, draft: Bool = false) -> String {
    article("a\(n).md", "title: \(title ?? "第\(n)篇")\ndate: " + (n < 28 ? "2020-01-\(String(format: "%02d", n + 1))" : "2019-12-\(String(format: "%02d", n - 27))")
            + (column.map { "\ncolumn: \($0)" } ?? "")
            + (tags.isEmpty ? "" : "\ntags: [\(tags.joined(separator: ", "))]")
            + (draft ? "\ndraft: true" : ""),
            body: n == 3 ? "王大明说：干就完了。" : "第\(n)篇的正文。")
}

private let wang = honoree("wang.md", "name: 王大明\ntags: [t1]\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national")

/// `articles` with the count-reading templates, two to a page, the honoree, and a standalone
/// page linking to the third page of 栏目甲.
private func countSite(_ articles: [String], perPage: Int = 2) throws -> TestSite {
    let files = [countReadingTemplates] + articles + [
        "-- site.yml --\ntitle: 栏目计数\nper_page: \(perPage)",
        "-- content/pages/about.md --\n---\ntitle: 关于\n---\n见[甲的第三页](/columns/lan-mu-jia/page/3/)。\n",
        wang,
    ]
    return try TestSite(files.joined(separator: "\n"), withTemplates: false)
}

/// 10 articles: 甲 has a0 a2 a4 a6 a8 (a4 spells it 欄目甲), 乙 a1 a5 a7 a9, and a3 (which
/// mentions the honoree) is alone in 丙: 甲 5, 乙 4, 丙 1; tags t0, t1, t2 by n % 3.
private func defaultCountColumn(_ n: Int) -> String? {
    switch n {
    case 3: return "栏目丙"
    case 4: return "欄目甲"
    default: return n % 2 == 0 ? "栏目甲" : "栏目乙"
    }
}

private func countReadingSite() throws -> TestSite {
    try countSite((0..<10).map { countArticle($0, column: defaultCountColumn($0), tags: ["t\($0 % 3)"]) })
}

private func expectCountSteps(_ steps: [(String, String, Bool?)], on site: TestSite, through live: IncrementalBuild) throws {
    for (step, files, inPlace) in steps {
        let report = try saveAndCompare(files, on: site, through: live, step)
    }
}

@Test func columnMovesUnderTemplatesThatReadCountsInUnusualPlacesEqualACleanBuild() throws {
    let site = try countReadingSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    // Article pages with a column read a count; the one without does not; tag pages' first pages do.
    #expect(readsAColumnCount(live, "news/di-0-pian/index.html"))
    #expect(readsAColumnCount(live, "guan-yu/index.html"))
    #expect(readsAColumnCount(live, "404.html"))
    #expect(!readsAColumnCount(live, "index.html"))
    let steps: [(String, String, Bool?)] = [
        ("a0 from 甲 to 乙: 甲 4, 乙 5, the order changes", countArticle(0, column: "栏目乙", tags: ["t0"]), false),
        ("back", countArticle(0, column: "栏目甲", tags: ["t0"]), false),
        ("a9 from 乙 to 丙: 5, 3, 2", countArticle(9, column: "栏目丙", tags: ["t0"]), true),
        ("a3 (the honoree's) from 丙 to 甲 with a new title and tags", countArticle(3, column: "栏目甲", tags: ["t1", "新"], title: "第三篇"), true),
        ("a7 to 丙 and a5 out of every column, at once (丙 2 passes 乙 1: the full path)", countArticle(7, column: "栏目丙", tags: ["t1"]) + "\n" + countArticle(5, column: nil, tags: ["t2"]), false),
        ("a5 given its column back in the other spelling: 乙 2 ties 丙 2, which stays first by name; 栏目乙 and 欄目乙 once each, 栏 first", countArticle(5, column: "欄目乙", tags: ["t2"]), true),
        ("a1 changes only the spelling (欄目乙 now the most used: the full path)", countArticle(1, column: "欄目乙", tags: ["t1"]), false),
    ]
    try expectCountSteps(steps, on: site, through: live)
}

/// Random saves of one to three articles — columns (three names in two spellings each, two
/// names that share a slug, none), titles, tags, now and then a draft flag, a new article, a
/// template touched — through one long-lived build, each compared with a clean build.
@Test(arguments: randomSeeds(4))
func randomColumnSavesUnderCountReadingTemplatesEqualACleanBuild(seed: UInt64) throws {
    var rng = SeededGenerator(state: seed)
    let columns: [String?] = ["栏目甲", "欄目甲", "栏目乙", "欄目乙", "栏目丙", "Lan Mu", "lan-mu", nil]
    let tagPool = ["t0", "t1", "t2", "劳模", "勞模"]
    let count = 16
    func randomArticle(_ n: Int) -> String {
        let tags = (0..<Int.random(in: 0...2, using: &rng)).map { _ in tagPool.randomElement(using: &rng)! }
        let title = Int.random(in: 0..<4, using: &rng) == 0 ? "第\(n)篇改\(Int.random(in: 0..<3, using: &rng))" : nil
        return countArticle(n, column: columns.randomElement(using: &rng)!, tags: tags, title: title)
    }
    let site = try countSite((0..<count).map(randomArticle), perPage: 2)
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    for step in 0..<24 {
        var text: String
        let roll = Int.random(in: 0..<20, using: &rng)
        if roll == 0 {
            text = countArticle(count + step, column: columns.randomElement(using: &rng)!)
        } else if roll == 1 {
            text = "-- templates/nav.html --\n{% for c in site.columns %}<a href=\"{{ c.url }}\">{{ c.name }}</a>{% endfor %}\(step)"
        } else if roll == 2 {
            let n = Int.random(in: 0..<count, using: &rng)
            text = countArticle(n, column: columns.randomElement(using: &rng)!, draft: Bool.random(using: &rng))
        } else {
            let chosen = Set((0..<Int.random(in: 1...3, using: &rng)).map { _ in Int.random(in: 0..<count, using: &rng) })
            text = chosen.sorted().map(randomArticle).joined(separator: "\n")
        }
        try saveAndCompare(text, on: site, through: live, "seed \(seed) step \(step): \(text)")
    }
}

/// Random saves that keep the columns' sizes — two articles of different columns swap them,
/// each perhaps in its other spelling, perhaps retitled or retagged at once, and now and then
/// an article without a column trades places with one in a column — so most take the
/// in-place path; each compared with a clean build.
@Test(arguments: randomSeeds(4))
func randomColumnSwapsKeepingTheSizesEqualACleanBuild(seed: UInt64) throws {
    var rng = SeededGenerator(state: seed)
    let spellings: [String?: [String]] = ["甲": ["栏目甲", "欄目甲"], "乙": ["栏目乙", "欄目乙"], "丙": ["栏目丙"], "L": ["Lan Mu"], "l": ["lan-mu"]]
    let count = 14
    // 甲 5, 乙 4, 丙 2, Lan Mu 1, lan-mu 1 (its slug taken: a warning), one without a column.
    var group: [String?] = ["甲", "乙", "甲", "乙", "甲", "乙", "甲", "乙", "甲", "丙", "丙", "L", "l", nil]
    var titles = (0..<count).map { "第\($0)篇" }
    var tags = (0..<count).map { ["t\($0 % 3)"] }
    func text(_ n: Int) -> String {
        let column = group[n].map { spellings[$0]!.randomElement(using: &rng)! }
        return countArticle(n, column: column, tags: tags[n], title: titles[n])
    }
    let site = try countSite((0..<count).map(text), perPage: 2)
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    for step in 0..<24 {
        let a = Int.random(in: 0..<count, using: &rng)
        guard let b = (0..<count).filter({ group[$0] != group[a] }).randomElement(using: &rng) else { continue }
        group.swapAt(a, b)
        for n in [a, b] {
            if Int.random(in: 0..<4, using: &rng) == 0 { titles[n] = "第\(n)篇·\(step)" }
            if Int.random(in: 0..<4, using: &rng) == 0 { tags[n] = [["t0", "t1", "t2", "劳模", "勞模"].randomElement(using: &rng)!] }
        }
        let files = [a, b].map(text).joined(separator: "\n")
        try saveAndCompare(files, on: site, through: live, "seed \(seed) step \(step): \(files)")
    }
}

/// Random moves between columns far apart in size (甲 9, 乙 5, 丙 2 of 17 articles, one without
/// a column), so that most keep the columns' order and the sizes the count-reading pages show
/// change; one or two articles a save, some retitled or retagged at once.
@Test(arguments: randomSeeds(4))
func randomColumnMovesThatChangeTheSizesEqualACleanBuild(seed: UInt64) throws {
    var rng = SeededGenerator(state: seed)
    let names: [String?] = ["栏目甲", "栏目乙", "栏目丙", nil]
    let count = 17
    var column: [String?] = (0..<count).map { $0 < 9 ? "栏目甲" : $0 < 14 ? "栏目乙" : $0 < 16 ? "栏目丙" : nil }
    column.shuffle(using: &rng)
    var titles = (0..<count).map { "第\($0)篇" }
    var tags = (0..<count).map { ["t\($0 % 3)"] }
    func text(_ n: Int) -> String { countArticle(n, column: column[n], tags: tags[n], title: titles[n]) }
    let site = try countSite((0..<count).map(text), perPage: 2)
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    for step in 0..<24 {
        let chosen = Set((0..<Int.random(in: 1...2, using: &rng)).map { _ in Int.random(in: 0..<count, using: &rng) })
        for n in chosen {
            column[n] = names.randomElement(using: &rng)!
            if Int.random(in: 0..<4, using: &rng) == 0 { titles[n] = "第\(n)篇·\(step)" }
            if Int.random(in: 0..<4, using: &rng) == 0 { tags[n] = [["t0", "t1", "t2"].randomElement(using: &rng)!] }
        }
        let files = chosen.sorted().map(text).joined(separator: "\n")
        try saveAndCompare(files, on: site, through: live, "seed \(seed) step \(step): \(files)")
    }
}

/// A column move whose pages fail to render (a column page divides by zero once 乙 has three
/// articles): the in-place path gives up, the full path reports the error as a clean build
/// does, and the output stays as it was; the next save, which fixes it, equals a clean build,
/// and a move after that is in place again.
@Test func aColumnMoveThatFailsToRenderIsReportedAndTheNextSaveEqualsACleanBuild() throws {
    let site = try countReadingSite()
    defer { site.remove() }
    try site.write("-- templates/column.html --\n{% layout 'base' %}{{ column.name }}({{ column.count }}){% if column.count == 3 and column.name == \"栏目乙\" %}{{ 1 | divided_by: 0 }}{% endif %}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}")
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let before = tree(site.root.appendingPathComponent("public"))
    // a9 from 乙 (4) to 丙 (1): 乙 has three.
    let move = countArticle(9, column: "栏目丙", tags: ["t0"])
    try site.write(move)
    var failure: BuildFailure?
    do { _ = try live.rebuild(changed: TestSite.paths(in: move)) } catch { failure = error }
    let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: clean) }
    var cleanFailure: BuildFailure?
    do { _ = try SiteBuilder(root: site.root, options: .init(output: clean)).build() } catch { cleanFailure = error }
    #expect(failure != nil && cleanFailure != nil)
    #expect(failure?.diagnostics.map(\.description) == cleanFailure?.diagnostics.map(\.description))
    #expect(tree(site.root.appendingPathComponent("public")) == before, "a failed build leaves the output as it was")

    // a7 from 乙 to 丙 as well: 乙 two, 丙 three — still failing; then a5 too: 乙 one, 丙 four.
    let steps: [(String, String, Bool?)] = [
        ("a5 and a7 to 丙 as well: 乙 one, 丙 four", countArticle(5, column: "栏目丙", tags: ["t2"]) + "\n" + countArticle(7, column: "栏目丙", tags: ["t1"]), false),
        ("a move in place after the failure: a3 from 丙 to 甲, 甲 6, 丙 3, 乙 1", countArticle(3, column: "栏目甲", tags: ["t0"]), true),
    ]
    try expectCountSteps(steps, on: site, through: live)
}

/// In-place moves between full rebuilds of every kind: a new article, a template changed, an
/// article deleted, site.yml changed (per_page), each followed by a move that must see what
/// the full rebuild left (the count readers, the article values, the pages).
@Test func inPlaceMovesInterleavedWithFullRebuildsEqualACleanBuild() throws {
    let site = try countReadingSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let config = "-- site.yml --\ntitle: 栏目计数\nper_page: 3"
    let steps: [(String, String, Bool?)] = [
        ("a9 from 乙 to 丙", countArticle(9, column: "栏目丙", tags: ["t0"]), true),
        ("a new, older article in 乙", countArticle(28, column: "栏目乙", tags: ["t1"]), false),
        ("a move after the new article: a28 to 甲", countArticle(28, column: "栏目甲", tags: ["t1"]), true),
        ("the tag template now reads counts on every page", "-- templates/tag.html --\n{% layout 'base' %}{{ tag.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}{{ site.columns | map: 'count' | join: ',' }}", false),
        ("a move after the template change: a3, the honoree's, to 甲", countArticle(3, column: "栏目甲", tags: ["t0"]), true),
        ("per_page 3", config, false),
        ("a move after per_page changed", countArticle(28, column: "栏目乙", tags: ["t1"]), true),
        ("a0's title and a2's date at once, in place", countArticle(0, column: "栏目甲", tags: ["t0"], title: "第零篇") + "\n" + countArticle(2, column: "栏目甲", tags: ["t2"]), true),
    ]
    try expectCountSteps(steps, on: site, through: live)
    // An article deleted, then a move.
    try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/news/a6.md"))
    let deleted = try live.rebuild(changed: ["content/news/a6.md"])
    try expectSameAsCleanBuild(site, deleted, "a6 deleted")
    try expectCountSteps([("a move after the deletion: a1 to 丙", countArticle(1, column: "栏目丙", tags: ["t1"]), true)], on: site, through: live)
}

/// The default theme, one article a page (every move adds or removes a page of both columns),
/// a page linking to the last page of 乙: two articles moved in one save, one of them also
/// retitled, given another time (keeping its place) and retagged; an article leaving every
/// column and one joining from none at once; the honoree's article moved; 乙's last page
/// going (the link breaks) and coming back. Every step keeps the columns' order, so all are
/// in place.
@Test func movesWithOneArticleAPageUnderTheDefaultThemeEqualACleanBuild() throws {
    func one(_ n: Int, _ column: String?, title: String? = nil, hour: Int = 8, tags: [String] = []) -> String {
        article("a\(n).md", "title: \(title ?? "第\(n)篇")\ndate: 2020-01-\(String(format: "%02d", n + 2))T\(String(format: "%02d", hour)):00:00"
                + (column.map { "\ncolumn: \($0)" } ?? "") + (tags.isEmpty ? "" : "\ntags: [\(tags.joined(separator: ", "))]"),
                body: n == 3 ? "王大明说：干就完了。" : "第\(n)篇。")
    }
    // 甲 6 (a0 a2 a4 a5 a7 a10, a5 spelling it 欄目甲), 乙 3 (a1 a3 a6), 丙 1 (a9), a8 none.
    let columns: [String?] = ["栏目甲", "栏目乙", "栏目甲", "栏目乙", "栏目甲", "欄目甲", "栏目乙", "栏目甲", nil, "栏目丙", "栏目甲"]
    var files = columns.indices.map { one($0, columns[$0]) }
    files += ["-- site.yml --\nper_page: 1", wang,
              "-- content/pages/about.md --\n---\ntitle: 关于\n---\n见[乙的末页](/columns/lan-mu-yi/page/3/)。\n"]
    let site = try TestSite(files.joined(separator: "\n"), withTemplates: false)
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let steps: [(String, String, Bool?)] = [
        ("a2 to 乙, retitled, an hour later, retagged; a1 from 乙 to 丙: 甲 5, 乙 3, 丙 2",
         one(2, "栏目乙", title: "第二篇", hour: 9, tags: ["新"]) + "\n" + one(1, "栏目丙"), true),
        ("a8 joins 乙 and a6 leaves every column", one(8, "栏目乙") + "\n" + one(6, nil), true),
        ("a3, the honoree's, to 甲 and a1 back to 乙: 甲 6, 乙 3, 丙 1", one(3, "栏目甲") + "\n" + one(1, "栏目乙"), true),
        ("a8 to 甲: 乙's third page goes, the link to it breaks", one(8, "栏目甲"), true),
        ("a6 to 乙 in the other spelling: the page comes back", one(6, "欄目乙"), true),
    ]
    try expectCountSteps(steps, on: site, through: live)
}
