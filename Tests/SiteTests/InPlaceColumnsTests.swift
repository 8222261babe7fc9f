import Foundation
import Testing
@testable import Site
import TestSupport

/// 27 articles, four to a page: 栏目乙 has 13 (the odd ones), 栏目甲 11 (the even ones but
/// three), 栏目丙 2 — a26 spells it so, a24 欄目丙, and equal counts go to the first spelling in
/// code point order — and a18 has no column. A page links to the fourth page of 栏目乙, which
/// comes and goes. An honoree is mentioned by a3.
private func columnSite() throws -> TestSite {
    let files = (0..<27).map { columnArticle($0, column: defaultColumn($0)) } + [
        "-- site.yml --\ntitle: 栏目测试\nper_page: 4",
        "-- content/pages/about.md --\n---\ntitle: 关于\n---\n见[乙的第四页](/columns/lan-mu-yi/page/4/)。\n",
        honoree("wang.md", "name: 王大明\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national"),
    ]
    let site = try TestSite(files.joined(separator: "\n"), withTemplates: false)
    return site
}

private func defaultColumn(_ n: Int) -> String? {
    switch n {
    case 18: return nil
    case 24: return "欄目丙"
    case 26: return "栏目丙"
    default: return n % 2 == 0 ? "栏目甲" : "栏目乙"
    }
}

private func columnArticle(_ n: Int, column: String?, tags: [String] = []) -> String {
    article("a\(n).md", "title: 第\(n)篇\ndate: 2020-01-\(String(format: "%02d", n + 1))" + (column.map { "\ncolumn: \($0)" } ?? "")
            + (tags.isEmpty ? "" : "\ntags: [\(tags.joined(separator: ", "))]"),
            body: n == 3 ? "王大明说：干就完了。" : "第\(n)篇的正文。")
}

@Test func columnMovesAreRebuiltInPlaceAndEqualACleanBuild() throws {
    let site = try columnSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    let first = try live.rebuild()
    #expect(site.output("columns/lan-mu-yi/page/4/index.html") != nil)

    // (step, files written, whether it is rebuilt in place)
    let steps: [(String, String, Bool)] = [
        ("a1 from 乙 to 甲: 12 and 12, 乙 first by name as before; 乙's fourth page goes, a link to it breaks",
         columnArticle(1, column: "栏目甲"), true),
        ("a3 too: 甲 is the biggest, every page lists the columns in another order",
         columnArticle(3, column: "栏目甲"), false),
        ("a3 back: the order as it was",
         columnArticle(3, column: "栏目乙"), false),
        ("two articles swap columns: the sizes stay, both lists change",
         columnArticle(5, column: "栏目甲") + "\n" + columnArticle(0, column: "栏目乙"), true),
        ("the article without a column given one: 乙's fourth page comes back, the link works again",
         columnArticle(18, column: "栏目乙"), true),
        ("and taken out of every column",
         columnArticle(18, column: nil), true),
        ("the article the honoree mentions moved, another the other way: the profile shows its new column",
         columnArticle(3, column: "栏目甲") + "\n" + columnArticle(2, column: "栏目乙"), true),
        ("a column and tags at once: a8 to 栏目丙, which it spells so (two against one)",
         columnArticle(8, column: "栏目丙", tags: ["劳模"]), true),
        ("a column and a title at once",
         article("a10.md", "title: 第十篇\ndate: 2020-01-11\ncolumn: 栏目乙", body: "第10篇的正文。"), true),
        ("the newest articles of 乙 and 甲 swap: the dates the sitemap gives both lists change",
         columnArticle(25, column: "栏目甲") + "\n" + columnArticle(22, column: "栏目乙"), true),
        ("the column named by its other spelling: 欄目丙 twice now",
         columnArticle(26, column: "欄目丙"), false),
        ("a column's last articles leave: the column goes",
         [8, 24, 26].map { columnArticle($0, column: "栏目乙") }.joined(separator: "\n"), false),
        ("a new column comes",
         columnArticle(26, column: "新栏目"), false),
        ("in place again after the full rebuilds",
         columnArticle(12, column: "栏目乙"), true),
    ]
    try expectSteps(steps, on: site, through: live, renderingFewerThan: first.pages * 2 / 3)
    #expect(site.output("columns/lan-mu-bing/index.html") == nil)
    #expect(site.output("columns/xin-lan-mu/index.html") != nil)
}

@Test func aColumnMoveRendersTheListsAndThePagesThatShowTheColumnsSizes() throws {
    let site = try columnSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    #expect(readsAColumnCount(live, "index.html"))
    #expect(readsAColumnCount(live, "page/7/index.html"))
    #expect(readsAColumnCount(live, "404.html"))
    #expect(readsAColumnCount(live, "tags/index.html"))
    #expect(!readsAColumnCount(live, "news/di-1-pian/index.html"))
    // a1 moves from 乙 to 甲: its page, every page of the home list (the aside), of both
    // columns (3 and 3 now), the 404 page and the list of tags (both show the sizes too).
    try site.write(columnArticle(1, column: "栏目甲"))
    let moved = try live.rebuild(changed: ["content/news/a1.md"])
    #expect(moved.rendered == 1 + 7 + 3 + 3 + 1 + 1, "rendered \(moved.rendered)")
    #expect(site.output("index.html")?.contains("栏目甲</a> <span class=\"count\">12</span>") == true)
    try expectSameAsCleanBuild(site, moved, "a1 to 甲")
}

/// Whether the page at `path` read the number of articles in a column, as its reads record it.
func readsAColumnCount(_ live: IncrementalBuild, _ path: String) -> Bool {
    live.pages[path]?.reads.contains { live.entities.names[Int($0.entity.id)].hasPrefix("c\u{1}") && $0.field == TaxonomyField.count.rawValue } ?? false
}
