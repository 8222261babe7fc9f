import Foundation
import Testing
@testable import Site
import TestSupport

/// 24 articles, four to a page, in tags big enough to run over several pages: t0, t1, t2
/// (one in three articles each), 劳模 (three articles, one of them spelling it 勞模), and an
/// honoree who shares t1 and has a tag no article has (荣誉专属); a page links to the tag
/// 新标签, which no article has at first.
private func taggedSite() throws -> TestSite {
    var files = (0..<24).map { n in
        taggedArticle(n, tags: ["t\(n % 3)"] + (n < 3 ? [n == 2 ? "勞模" : "劳模"] : []))
    }
    files.append("-- site.yml --\ntitle: 标签测试\nper_page: 4")
    // A link to a tag page that comes and goes.
    files.append("-- content/pages/about.md --\n---\ntitle: 关于\n---\n见[新标签](/tags/xin-biao-qian/)。\n")
    files.append(honoree("wang.md", "name: 王大明\ntags: [t1, 荣誉专属]\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national"))
    let site = try TestSite(files.joined(separator: "\n"), withTemplates: false)
    return site
}

private func taggedArticle(_ n: Int, title: String? = nil, tags: [String]) -> String {
    article("a\(n).md", "title: \(title ?? "第\(n)篇")\ndate: 2020-01-\(String(format: "%02d", n + 1))\ntags: [\(tags.joined(separator: ", "))]\ncolumn: 栏目\(n % 2)",
            body: "第\(n)篇的正文。")
}

@Test func tagEditsAreRebuiltInPlaceAndEqualACleanBuild() throws {
    let site = try taggedSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    let first = try live.rebuild()
    #expect(site.output("tags/rong-yu-zhuan-shu/index.html") != nil)

    // (step, files written, whether it is rebuilt in place)
    let steps: [(String, String, Bool)] = [
        ("a new tag on one article: a tag page comes, the list of tags grows",
         taggedArticle(5, tags: ["t2", "新标签"]), true),
        ("the new tag taken off again: its page goes",
         taggedArticle(5, tags: ["t2"]), true),
        ("an article moved from t0 to t1: t0 a page shorter, every later page of both lists shifts",
         taggedArticle(0, tags: ["t1", "劳模"]), true),
        ("an article joins the honoree's own tag, which then lists it",
         taggedArticle(7, tags: ["t1", "荣誉专属"]), true),
        ("a tag whose URL another has: the newer gets -2 and a warning",
         taggedArticle(8, tags: ["t2", "T0!"]), true),
        ("the colliding tag taken off: the warning goes",
         taggedArticle(8, tags: ["t2"]), true),
        ("tags and title at once",
         taggedArticle(10, title: "第十篇", tags: ["t0", "t2"]), true),
        ("two articles retagged at once",
         taggedArticle(11, tags: ["t0"]) + "\n" + taggedArticle(13, tags: ["t0", "t1"]), true),
        ("the last article of a tag leaves it: the tag moves down the list",
         taggedArticle(12, tags: []), true),
        ("a spelling that becomes the most used (勞模 twice): every article of the tag shows the new name",
         taggedArticle(1, tags: ["t1", "勞模"]), true),
        ("the honoree's tag left by its one article: an honoree-only tag again",
         taggedArticle(7, tags: ["t1"]), true),
        ("the honoree's tag given by an article in Traditional: the honoree's tag is named otherwise",
         taggedArticle(9, tags: ["t0", "榮譽專屬"]), false),
        ("back to Simplified: the honoree's tag is named otherwise again",
         taggedArticle(9, tags: ["t0", "荣誉专属"]), false),
        ("in place again after the full rebuilds",
         taggedArticle(14, tags: ["t2", "t1"]), true),
    ]
    try expectSteps(steps, on: site, through: live, renderingFewerThan: first.pages / 2)
    #expect(site.output("tags/xin-biao-qian/index.html") == nil)
    #expect(site.output("tags/t0-2/index.html") == nil)
    #expect(site.output("tags/rong-yu-zhuan-shu/index.html") != nil)
}
