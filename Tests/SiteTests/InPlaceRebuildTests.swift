import Foundation
import Testing
@testable import Site
import TestSupport

/// A site of 30 articles in two columns and three tags, with the real theme (lists show
/// summaries, the feed the newest bodies), one honoree the oldest article mentions, and a
/// standalone page and an article that link to the second oldest.
private func themedSite() throws -> TestSite {
    var files = (0..<30).map { n in
        article("a\(n).md", "title: 第\(n)篇\ndate: 2020-01-\(String(format: "%02d", n + 1))\ntags: [t\(n % 3)]\ncolumn: 栏目\(n % 2)",
                body: n == 0 ? "王大明说：干就完了。" : n == 25 ? "另见[第1篇](/news/di-1-pian/)。" : "第\(n)篇的正文。")
    }
    files.append(honoree("wang.md", "name: 王大明\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national"))
    files.append("-- content/pages/about.md --\n---\ntitle: 关于我们\n---\n见[第一篇](/news/di-1-pian/)。\n")
    let site = try TestSite(files.joined(separator: "\n"), withTemplates: false)
    return site
}

/// The output folder and the warnings equal a clean build's of the same sources.
func expectSameAsCleanBuild(_ site: TestSite, _ report: SiteBuilder.Report, _ step: String) throws {
    let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: clean) }
    let cleanReport = try SiteBuilder(root: site.root, options: .init(output: clean)).build()
    #expect(report.warnings.map(\.description) == cleanReport.warnings.map(\.description), "\(step): warnings")
    #expect(report.pages == cleanReport.pages, "\(step): page count")
    let a = tree(site.root.appendingPathComponent("public")), b = tree(clean)
    #expect(a.keys.sorted() == b.keys.sorted(), "\(step): different files")
    for (path, data) in b where a[path] != data {
        Issue.record("\(step): \(path) differs from a clean build")
    }
}

/// Writes each step's files and rebuilds through `live` with the paths the watcher reports for
/// them; checks the path each takes (in place or not), that one in place renders fewer than
/// `limit` pages, and that the output equals a clean build. Steps: (what, files, in place).
func expectSteps(_ steps: [(String, String, Bool)], on site: TestSite, through live: IncrementalBuild, renderingFewerThan limit: Int) throws {
    for (step, files, inPlace) in steps {
        let report = try saveAndCompare(files, on: site, through: live, step)
        if inPlace { #expect(report.rendered < limit, "\(step): rendered \(report.rendered)") }
    }
}

/// Writes `files`, rebuilds through `live` with the paths the watcher reports for them, and
/// checks the output against a clean build (`label` names the step in failures).
@discardableResult
func saveAndCompare(_ files: String, on site: TestSite, through live: IncrementalBuild, _ label: String) throws -> SiteBuilder.Report {
    try site.write(files)
    let report = try live.rebuild(changed: TestSite.paths(in: files))
    try expectSameAsCleanBuild(site, report, label)
    return report
}

@Test func editsThatKeepTheSitesShapeAreRebuiltInPlaceAndEqualACleanBuild() throws {
    let site = try themedSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    let first = try live.rebuild()

    // (step, files written, the changed paths the watcher reports, whether it is rebuilt in place)
    let steps: [(String, String, [String], Bool)] = [
        ("the newest article's body (home page, feed)",
         article("a29.md", "title: 第29篇\ndate: 2020-01-30\ntags: [t2]\ncolumn: 栏目1", body: "改过的**正文**，很长很长。"),
         ["content/news/a29.md"], true),
        ("an old article's body, keeping its mention",
         article("a0.md", "title: 第0篇\ndate: 2020-01-01\ntags: [t0]\ncolumn: 栏目0", body: "王大明又说：接着干。"),
         ["content/news/a0.md"], true),
        ("a broken link added to a body",
         article("a5.md", "title: 第5篇\ndate: 2020-01-06\ntags: [t2]\ncolumn: 栏目1", body: "见[旧文](/news/no-such/)。"),
         ["content/news/a5.md"], true),
        ("a second broken link, in an article checked earlier",
         article("a20.md", "title: 第20篇\ndate: 2020-01-21\ntags: [t2]\ncolumn: 栏目0", body: "![图](missing.png)"),
         ["content/news/a20.md"], true),
        ("two bodies at once, one link fixed",
         article("a5.md", "title: 第5篇\ndate: 2020-01-06\ntags: [t2]\ncolumn: 栏目1", body: "见[第一篇](/news/di-1-pian/)。")
            + "\n" + article("a6.md", "title: 第6篇\ndate: 2020-01-07\ntags: [t0]\ncolumn: 栏目0", body: "新正文。"),
         ["content/news/a5.md", "content/news/a6.md"], true),
        ("a body that now mentions an honoree",
         article("a7.md", "title: 第7篇\ndate: 2020-01-08\ntags: [t1]\ncolumn: 栏目1", body: "向王大明学习。"),
         ["content/news/a7.md"], false),
        ("a changed title: the page moves, its neighbours link to the new one",
         article("a8.md", "title: 第8篇改\ndate: 2020-01-09\ntags: [t2]\ncolumn: 栏目0", body: "第8篇的正文。"),
         ["content/news/a8.md"], true),
        ("the title of an article that two others link to (a page and an article now point at nothing)",
         article("a1.md", "title: 第一篇改名\ndate: 2020-01-02\ntags: [t1]\ncolumn: 栏目1", body: "第1篇的正文。"),
         ["content/news/a1.md"], true),
        ("the newest article's title (the feed)",
         article("a29.md", "title: 最新一篇\ndate: 2020-01-30\ntags: [t2]\ncolumn: 栏目1", body: "改过的**正文**，很长很长。"),
         ["content/news/a29.md"], true),
        ("a title that takes an older article's slug: the older keeps it, the edited one gets -2",
         article("a12.md", "title: 第11篇\ndate: 2020-01-13\ntags: [t0]\ncolumn: 栏目0", body: "第12篇的正文。"),
         ["content/news/a12.md"], true),
        ("a title that takes a newer article's slug: the newer one's URL changes",
         article("a10.md", "title: 第13篇\ndate: 2020-01-11\ntags: [t1]\ncolumn: 栏目0", body: "第10篇的正文。"),
         ["content/news/a10.md"], false),
        ("the title given back: the newer article's slug is freed and changes again",
         article("a10.md", "title: 第10篇\ndate: 2020-01-11\ntags: [t1]\ncolumn: 栏目0", body: "第10篇的正文。"),
         ["content/news/a10.md"], false),
        ("a time of day moved within its place, with author and summary",
         article("a14.md", "title: 第14篇\ndate: 2020-01-15 18:30\nauthor: 张三\nsummary: 新的摘要\ntags: [t2]\ncolumn: 栏目0", body: "第14篇的正文。"),
         ["content/news/a14.md"], true),
        ("the newest article a week newer (the feed, and the dates the sitemap gives its lists)",
         article("a29.md", "title: 最新一篇\ndate: 2020-02-06\ntags: [t2]\ncolumn: 栏目1", body: "改过的**正文**，很长很长。"),
         ["content/news/a29.md"], true),
        ("a date that changes the order",
         article("a15.md", "title: 第15篇\ndate: 2020-02-15\ntags: [t0]\ncolumn: 栏目1", body: "第15篇的正文。"),
         ["content/news/a15.md"], false),
        ("two neighbours retitled at once",
         article("a17.md", "title: 十七\ndate: 2020-01-18\ntags: [t2]\ncolumn: 栏目1", body: "第17篇的正文。")
            + "\n" + article("a18.md", "title: 十八\ndate: 2020-01-19\ntags: [t0]\ncolumn: 栏目0", body: "第18篇的正文。"),
         ["content/news/a17.md", "content/news/a18.md"], true),
        ("two articles saved at once with their titles swapped: each takes the other's URL",
         article("a22.md", "title: 第23篇\ndate: 2020-01-23\ntags: [t1]\ncolumn: 栏目0", body: "第22篇的正文。")
            + "\n" + article("a23.md", "title: 第22篇\ndate: 2020-01-24\ntags: [t2]\ncolumn: 栏目1", body: "第23篇的正文。"),
         ["content/news/a22.md", "content/news/a23.md"], true),
        ("a changed tag (tag edits have tests of their own: InPlaceTagsTests)",
         article("a9.md", "title: 第9篇\ndate: 2020-01-10\ntags: [t1]\ncolumn: 栏目1", body: "第9篇的正文。"),
         ["content/news/a9.md"], true),
        ("a changed column (column moves have tests of their own: InPlaceColumnsTests)",
         article("a19.md", "title: 第19篇\ndate: 2020-01-20\ntags: [t1]\ncolumn: 栏目0", body: "第19篇的正文。"),
         ["content/news/a19.md"], true),
        ("an explicit slug",
         article("a21.md", "title: 第21篇\ndate: 2020-01-22\nslug: twenty-one\ntags: [t0]\ncolumn: 栏目1", body: "第21篇的正文。"),
         ["content/news/a21.md"], false),
        ("a title saved the way `sed -i` saves: through a temporary file, gone before the rebuild",
         article("a16.md", "title: 第16篇（改）\ndate: 2020-01-17\ntags: [t1]\ncolumn: 栏目0", body: "第16篇的正文。"),
         ["content/news/a16.md", "content/news/sedX1f9qa"], true),
        ("a body again after the full rebuilds",
         article("a8.md", "title: 第8篇改\ndate: 2020-01-09\ntags: [t2]\ncolumn: 栏目0", body: "再改。"),
         ["content/news/a8.md"], true),
        ("a new article", article("b1.md", "title: 新的\ndate: 2021-01-01", body: "新。"), ["content/news/b1.md"], false),
        ("a file the watcher names along with a body",
         article("a3.md", "title: 第3篇\ndate: 2020-01-04\ntags: [t0]\ncolumn: 栏目1", body: "三。") + "\n-- content/news/note.txt --\nx",
         ["content/news/a3.md", "content/news/note.txt"], false),
    ]
    // Every article's page lists the six newest others of its column: retitling or moving one of
    // those renders the pages of that column's articles again (15 a column here, 30 for both).
    let sidebarSteps: Set<String> = [
        "the newest article's title (the feed)", "two neighbours retitled at once",
        "two articles saved at once with their titles swapped: each takes the other's URL",
        "a changed column (column moves have tests of their own: InPlaceColumnsTests)",
    ]
    for (step, files, changed, inPlace) in steps {
        try site.write(files)
        let report = try live.rebuild(changed: changed)
        let limit = first.pages / 3 + (sidebarSteps.contains(step) ? 30 : 0)
        if inPlace { #expect(report.rendered < limit, "\(step): rendered \(report.rendered)") }
        try expectSameAsCleanBuild(site, report, step)
    }
    #expect(site.output("news/zui-xin-yi-pian/index.html")?.contains("<strong>正文</strong>") == true)
    #expect(site.output("news/di-8-pian/index.html") == nil)
    #expect(site.output("news/di-11-pian-2/index.html") != nil)
}

@Test func aBodyEditThatBreaksTheFileTakesTheFullPathAndReportsIt() throws {
    let site = try themedSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let before = tree(site.root.appendingPathComponent("public"))
    let path = site.root.appendingPathComponent("content/news/a4.md")
    try Data("---\ntitle: 第4篇\ndate: 2020-01-05\ntags: [t1]\ncolumn: 栏目0\n---\n".utf8 + [0xFF, 0xFE, 0x41]).write(to: path)
    #expect(throws: BuildFailure.self) { try live.rebuild(changed: ["content/news/a4.md"]) }
    #expect(tree(site.root.appendingPathComponent("public")) == before)
    // Fixed, with a title edited in the same batch as the broken build: nothing is lost.
    try site.write(article("a4.md", "title: 第4篇\ndate: 2020-01-05\ntags: [t1]\ncolumn: 栏目0", body: "好了。")
                   + "\n" + article("a2.md", "title: 第2篇改\ndate: 2020-01-03\ntags: [t2]\ncolumn: 栏目0", body: "第2篇的正文。"))
    let report = try live.rebuild(changed: ["content/news/a4.md"])
    try expectSameAsCleanBuild(site, report, "after the fix")
}

@Test func aFolderOfArticlesMovedAwayWholeTakesTheFullPath() throws {
    let site = try themedSite()
    defer { site.remove() }
    try site.write(article("old/x.md", "title: 旧文\ndate: 2019-05-01", body: "旧。"))
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    #expect(site.output("news/jiu-wen/index.html") != nil)
    // The watcher sees the folder go, not the files in it.
    try FileManager.default.moveItem(at: site.root.appendingPathComponent("content/news/old"),
                                     to: site.root.appendingPathComponent("elsewhere"))
    let report = try live.rebuild(changed: ["content/news/old"])
    #expect(site.output("news/jiu-wen/index.html") == nil)
    try expectSameAsCleanBuild(site, report, "after the move")
}

@Test func aTemporaryFileThatCameAndWentChangesNothing() throws {
    let site = try themedSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let report = try live.rebuild(changed: ["content/news/.a3.md.swp", "content/news/4913"])
    #expect(report.rendered == 0 && report.written == 0)
}

@Test func anArticleMovedToAnotherColumnRendersOnlyThePagesThatShowIt() throws {
    let site = try themedSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    let first = try live.rebuild()
    // 栏目0 and 栏目1 have 15 articles each; a5 moves to 栏目0: 16 and 14, the same order.
    try site.write(article("a5.md", "title: 第5篇\ndate: 2020-01-06\ntags: [t2]\ncolumn: 栏目0", body: "第5篇的正文。"))
    let moved = try live.rebuild(changed: ["content/news/a5.md"])
    try expectSameAsCleanBuild(site, moved, "a column move")
    // Its page and neighbours, both columns' lists, the home page (its aside counts the
    // columns' articles), the list of tags (so does it), its tag's page, the 404 page.
    #expect(moved.rendered < first.pages / 3, "rendered \(moved.rendered) of \(first.pages)")
    #expect(site.output("index.html")?.contains("栏目0</a> <span class=\"count\">16</span>") == true)
    // Two more: 栏目1 has 12, 栏目0 18, still first; then four back: 栏目1 first, and every
    // page's navigation lists the columns in the new order.
    try site.write(article("a7.md", "title: 第7篇\ndate: 2020-01-08\ntags: [t1]\ncolumn: 栏目0", body: "第7篇的正文。")
                   + "\n" + article("a9.md", "title: 第9篇\ndate: 2020-01-10\ntags: [t0]\ncolumn: 栏目0", body: "第9篇的正文。"))
    try expectSameAsCleanBuild(site, try live.rebuild(changed: ["content/news/a7.md", "content/news/a9.md"]), "two more")
    try site.write([4, 6, 8, 10].map { n in
        article("a\(n).md", "title: 第\(n)篇\ndate: 2020-01-\(String(format: "%02d", n + 1))\ntags: [t\(n % 3)]\ncolumn: 栏目1", body: "第\(n)篇的正文。")
    }.joined(separator: "\n"))
    let reordered = try live.rebuild(changed: [4, 6, 8, 10].map { "content/news/a\($0).md" })
    try expectSameAsCleanBuild(site, reordered, "the columns in another order")
    #expect(reordered.rendered == first.pages)
}

/// site.yml's base URL is in every article's `url`: an article value kept from the last build
/// (its facts unchanged) must not keep the old one.
@Test func anotherBaseURLReachesEveryArticleValueOfALongLivedBuild() throws {
    let site = try themedSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    try saveAndCompare("-- site.yml --\ntitle: 工会新闻\nbase_url: https://example.org/union/\n", on: site, through: live, "a base path")
    try saveAndCompare("-- site.yml --\ntitle: 工会新闻\nbase_url: https://example.org/\n", on: site, through: live, "the base path back")
}
