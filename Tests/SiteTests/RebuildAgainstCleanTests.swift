import Foundation
import Testing
@testable import Site
import TestSupport

// Long-lived builds against clean builds of the same sources, over templates that show what
// the default theme does not, and over random edits (a seeded generator: the same steps on
// every run).

/// Home page showing `paginator.total_items` but no column counts: an older article added to a
/// column leaves page 1's members and page total as they were.
@Test func theHomePagesCountOfArticlesFollowsAnArticleAddedOnALaterPage() throws {
    var files = (1...5).map { n in article("a\(n).md", "title: 第\(n)篇\ndate: 2020-01-0\(n)\ncolumn: 要闻") }
    files.append("-- site.yml --\nper_page: 2")
    let site = try TestSite(files.joined(separator: "\n"))
    defer { site.remove() }
    try site.write("-- templates/index.html --\n{% for a in paginator.items %}[{{ a.title }}]{% endfor %} of {{ paginator.total_items }}")
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    #expect(site.output("index.html")?.contains("of 5") == true)
    try site.write(article("a0.md", "title: 第0篇\ndate: 2019-12-01\ncolumn: 要闻"))
    let report = try live.rebuild()
    try expectSameAsCleanBuild(site, report, "an older article added")
    #expect(site.output("index.html")?.contains("of 6") == true)
}

private func tagArticle(_ n: Int, _ tags: [String], title: String? = nil) -> String {
    article("a\(n).md", "title: \(title ?? "第\(n)篇")\ndate: 2020-01-\(String(format: "%02d", n + 1))\ntags: [\(tags.joined(separator: ", "))]\ncolumn: 栏目\(n % 2)",
            body: "第\(n)篇。")
}

/// Articles (`tagArticle`) two to a page, with the default theme, a page linking to tag pages
/// (`links`), and an honoree with a tag that articles share (y) and one of its own (独有).
private func pagedTagSite(_ articles: [String], links: String) throws -> TestSite {
    var files = articles
    files.append("-- site.yml --\nper_page: 2")
    files.append("-- content/pages/about.md --\n---\ntitle: 关于\n---\n见\(links)。\n")
    files.append(honoree("wang.md", "name: 王大明\ntags: [y, 独有]\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national"))
    let site = try TestSite(files.joined(separator: "\n"), withTemplates: false)
    return site
}

/// Tag edits in place around colliding slugs, page boundaries and several files at once.
@Test func tagEditsAroundCollidingSlugsAndPageBoundariesEqualACleanBuild() throws {
    let site = try pagedTagSite((0..<12).map { n in tagArticle(n, n < 5 ? ["t0"] : n < 7 ? ["T0!"] : n < 9 ? ["x", "y"] : ["y"]) },
                                links: "[t0](/tags/t0/)、[t0-2](/tags/t0-2/page/2/)、[y3](/tags/y/page/3/)")
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let steps: [(String, String)] = [
        ("T0! grows past t0: their slugs swap", tagArticle(0, ["T0!"]) + "\n" + tagArticle(1, ["T0!"])),
        ("and back", tagArticle(0, ["t0"]) + "\n" + tagArticle(1, ["t0"])),
        ("x grows past y? no: x joins all y's", tagArticle(9, ["y", "x"]) + "\n" + tagArticle(10, ["x", "y"]) + "\n" + tagArticle(11, ["y", "x"])),
        ("x bigger than y: order of tags flips on every article", tagArticle(2, ["t0", "x"])),
        ("y left by one: one page fewer", tagArticle(8, ["x"])),
        ("join the honoree-only tag", tagArticle(3, ["t0", "独有"])),
        ("honoree-only again, retitled at once", tagArticle(3, ["t0"], title: "新题")),
        ("everything leaves t0", (0..<5).map { tagArticle($0, ["T0!"]) }.joined(separator: "\n")),
        ("t0 comes back small", tagArticle(4, ["t0"])),
    ]
    for (step, text) in steps {
        try saveAndCompare(text, on: site, through: live, step)
    }
}

/// An honoree's profile lists its tags with their counts (`ValueBuilder.honoree`: `taxonomy`),
/// so its fingerprint has their sizes, and the in-place rebuild renders it when one of them changes.
@Test(arguments: [false, true])
func anHonoreesProfileShowsTheSizeOfItsTagsAfterAnArticleJoinsOne(inPlace: Bool) throws {
    var files = (0..<4).map { n in tagArticle(n, n < 2 ? ["y"] : ["z"]) }
    files.append(honoree("wang.md", "name: 王大明\ntags: [y]\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national"))
    let site = try TestSite(files.joined(separator: "\n"), withTemplates: false)
    defer { site.remove() }
    try site.write("-- templates/honoree.html --\n{% for t in page.tags %}{{ t.name }}={{ t.count }};{% endfor %}")
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    try site.write(tagArticle(3, ["y"]))
    let report = try live.rebuild(changed: inPlace ? ["content/news/a3.md"] : nil)
    try expectSameAsCleanBuild(site, report, "an article joins the honoree's tag")
}

/// Random tag edits (one to three articles at once), each compared with a clean build.
@Test(arguments: randomSeeds(3))
func randomTagEditsEqualACleanBuild(seed: UInt64) throws {
    var rng = SeededGenerator(state: seed)
    let pool = ["t0", "T0!", "劳模", "勞模", "x", "X", "y", "Y", "独有", "獨有", "z", "Z!", "t0-2"]
    func randomTags() -> [String] { (0..<Int.random(in: 0...3, using: &rng)).map { _ in pool.randomElement(using: &rng)! } }
    let site = try pagedTagSite((0..<14).map { n in tagArticle(n, randomTags()) }, links: "[x](/tags/x/page/2/)、[t0-2](/tags/t0-2/)")
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    for step in 0..<20 {
        let n = Int.random(in: 1...3, using: &rng)
        let chosen = Set((0..<n).map { _ in Int.random(in: 0..<14, using: &rng) })
        let text = chosen.map { tagArticle($0, randomTags(), title: Bool.random(using: &rng) ? nil : "第\($0)篇改") }.joined(separator: "\n")
        try saveAndCompare(text, on: site, through: live, "seed \(seed) step \(step): \(text)")
    }
    // The in-place path is what is under test: most steps take it.
}

/// Random column moves, dates, additions and deletions through a long-lived build.
@Test(arguments: randomSeeds(2))
func randomColumnMovesDatesAdditionsAndDeletionsEqualACleanBuild(seed: UInt64) throws {
    var rng = SeededGenerator(state: seed)
    let columns = ["栏目0", "栏目1", "栏目2", "栏目 0", "Lan Mu 0"]
    func one(_ n: Int) -> String {
        let column = Int.random(in: 0..<6, using: &rng) == 0 ? "" : "\ncolumn: \(columns.randomElement(using: &rng)!)"
        let day = Bool.random(using: &rng) ? n + 1 : Int.random(in: 1...28, using: &rng)
        return article("a\(n).md", "title: 第\(n)篇\ndate: 2020-01-\(String(format: "%02d", day))\ntags: [t\(n % 3)]" + column, body: "第\(n)篇。")
    }
    var files = (0..<12).map(one)
    files.append("-- site.yml --\nper_page: 3")
    files.append(honoree("wang.md", "name: 王大明\ntags: [t1]\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national"))
    let site = try TestSite(files.joined(separator: "\n"), withTemplates: false)
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    for step in 0..<20 {
        let n = Int.random(in: 0..<16, using: &rng)
        let path = site.root.appendingPathComponent("content/news/a\(n).md")
        let text: String
        if Int.random(in: 0..<5, using: &rng) == 0, FileManager.default.fileExists(atPath: path.path) {
            try FileManager.default.removeItem(at: path)
            text = "removed a\(n)"
        } else {
            text = one(n)
            try site.write(text)
        }
        let report = try live.rebuild(changed: ["content/news/a\(n).md"])
        try expectSameAsCleanBuild(site, report, "seed \(seed) step \(step): \(text)")
    }
}

/// Seeds 1…n; `UNIONSITE_RANDOM_SEEDS=N swift test --filter RebuildAgainstClean` runs N of each
/// (the review that wrote these ran 12 and 6, ~75 s; a few keep the suite quick).
func randomSeeds(_ n: Int) -> [UInt64] {
    let wanted = ProcessInfo.processInfo.environment["UNIONSITE_RANDOM_SEEDS"].flatMap { Int($0) } ?? n
    return (1...UInt64(max(1, wanted))).map { $0 }
}

/// A fixed sequence for each seed (a linear congruential generator), so that a failing step
/// comes back on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 ^ state << 7 }
}

/// Params and the updated date are inputs of an article's page, its lists and the feed like any
/// other: edits of them alone are rebuilt in place and equal a clean build.
@Test func editsOfParamsAndTheUpdatedDateEqualACleanBuild() throws {
    var files = (0..<4).map { n in article("a\(n).md", "title: 第\(n)篇\ndate: 2020-01-0\(n + 1)\ncolumn: 要闻\nweight: \(n)") }
    files.append("-- site.yml --\nper_page: 2")
    let site = try TestSite(files.joined(separator: "\n"), withTemplates: false)
    defer { site.remove() }
    try site.write("-- templates/partials/article-list.html --\n{% for a in articles %}[{{ a.title }}|{{ a.params | json }}|{{ a.updated }}]{% endfor %}")
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let steps: [(String, String)] = [
        ("a param's value", article("a3.md", "title: 第3篇\ndate: 2020-01-04\ncolumn: 要闻\nweight: 30")),
        ("a param's type", article("a3.md", "title: 第3篇\ndate: 2020-01-04\ncolumn: 要闻\nweight: \"30\"")),
        ("a param added to an older article", article("a0.md", "title: 第0篇\ndate: 2020-01-01\ncolumn: 要闻\nweight: 0\ntoc: [1, 2]")),
        ("an updated date added", article("a2.md", "title: 第2篇\ndate: 2020-01-03\ncolumn: 要闻\nweight: 2\nlastmod: 2020-02-01")),
        ("the updated date changed", article("a2.md", "title: 第2篇\ndate: 2020-01-03\ncolumn: 要闻\nweight: 2\nlastmod: 2020-02-02 10:00")),
        ("the updated date removed", article("a2.md", "title: 第2篇\ndate: 2020-01-03\ncolumn: 要闻\nweight: 2")),
    ]
    for (step, text) in steps {
        let report = try saveAndCompare(text, on: site, through: live, step)
    }
}

/// Articles with the same title get `-2`, `-3` … oldest first; another's date or title changed
/// moves what the last build settled, and dates that swap the same-titled ones settle them again.
@Test func slugsOfSameTitledArticlesFollowTheirDatesAcrossRebuilds() throws {
    func one(_ n: Int, _ title: String, day: Int) -> String {
        article("a\(n).md", "title: \(title)\ndate: 2020-01-\(String(format: "%02d", day))", body: "第\(n)篇。")
    }
    let titles = ["同题", "同题", "同题", "别题", "同题 2", "独题"]
    let site = try TestSite(titles.enumerated().map { one($0.offset, $0.element, day: $0.offset + 1) }.joined(separator: "\n"))
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let steps: [(String, String)] = [
        ("an unshared title's article becomes the newest", one(5, "独题", day: 20)),
        ("and the oldest", one(5, "独题", day: 1)),
        ("a same-titled article passes another: their suffixes swap", one(0, "同题", day: 9)),
        ("a title whose slug is a suffix's (同题 2) becomes the oldest: it keeps its slug", one(4, "同题 2", day: 1)),
        ("and the newest: the suffix goes to a same-titled one", one(4, "同题 2", day: 28)),
        ("a retitled article takes a free title", one(3, "新题", day: 4)),
        ("and joins the same-titled ones", one(3, "同题", day: 4)),
        ("the newest same-titled one becomes the oldest", one(3, "同题", day: 1)),
    ]
    for (what, text) in steps {
        try site.write(text)
        let report = try live.rebuild()
        try expectSameAsCleanBuild(site, report, what)
    }
}
