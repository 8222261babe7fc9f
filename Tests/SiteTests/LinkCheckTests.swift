import Foundation
import Testing
@testable import Site
import TestSupport

@Test func brokenInternalLinksAndMissingImagesAreWarningsAtTheirPlace() throws {
    let body = """
    [好链接](/news/b/) [坏链接](/news/nope/) [相对](../b/) [外部](https://example.org/x) [锚点](#top)

    ![有图](photo.txt) ![缺图](missing.jpg)
    """
    let site = try TestSite([
        article("2023/a.md", "title: 甲\ndate: 2020-01-01\nslug: a", body: body),
        article("b.md", "title: 乙\ndate: 2020-01-02\nslug: b"),
        "-- content/news/2023/photo.txt --\nx",
    ].joined(separator: "\n"))
    defer { site.remove() }
    let report = try site.builder().build()
    // Relative addresses resolve against the Markdown file's folder, where the image sits.
    let page = try #require(site.output("news/a/index.html"))
    #expect(page.contains("<img src=\"/news/2023/photo.txt\" alt=\"有图\" />"))
    #expect(page.contains("<a href=\"/news/b/\">相对</a>"))
    let warnings = report.warnings.filter { $0.severity == .warning }.map(\.summary)
    #expect(warnings == [
        "content/news/2023/a.md:6:17: warning: link to `/news/nope/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)",
        "content/news/2023/a.md:8:18: warning: image to `missing.jpg` points inside the site at nothing: put the file under content/ (it is copied to the same path) or fix the path",
    ])
}

@Test func checkReportsHonoreesNoArticleMentionsAndUnusedFiles() throws {
    let site = try TestSite(honorTemplates + "\n" + [
        article("a.md", "title: 新闻\ndate: 2020-01-01", body: "王大明说，干就完了。![图](used.txt)"),
        honoree("wang.md", "name: 王大明\nhonors:\n  - title: 劳模\n    level: 市"),
        honoree("li.md", "name: 李小红\nhonors:\n  - title: 劳模\n    level: 市"),
        "-- content/news/used.txt --\nx",
        "-- content/news/unused.txt --\ny",
    ].joined(separator: "\n"))
    defer { site.remove() }
    let summaries = site.builder().check().map(\.summary)
    #expect(summaries == [
        "content/honorees/li.md: warning: no article mentions 李小红: check the name is written as in the articles, or add the spellings they use under `aka:`",
        "content/news/unused.txt: warning: no page uses this file: link it from an article, or remove it",
    ])
    #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("public").path))
}

@Test func destinationsWithASchemeAreOutsideTheSiteAndOthersResolveAsBefore() {
    let builder = SiteBuilder(root: URL(fileURLWithPath: "/tmp/unused"))
    let cases: [(String, String?)] = [
        ("https://example.org/x", nil), ("mailto:a@b.cn", nil), ("HTTP+x.y-z:rest", nil), ("C:/path", nil),
        (" https://example.org/", nil), ("1http://x", nil), ("//host/x", nil), ("#top", nil), ("", nil),
        ("/news/a/", "news/a/"), ("../b/", "news/b/"), ("photo.jpg", "news/2023/photo.jpg"),
        ("a-b.c/d?x=1:2", "news/2023/a-b.c/d"), ("/news/%E5%8A%B3%E6%A8%A1/", "news/劳模/"),
    ]
    for (destination, expected) in cases {
        #expect(builder.internalTarget(destination, pagePath: "news/2023/", basePath: "/") == expected, "\(destination)")
    }
    #expect(startsWithScheme("https:") && startsWithScheme("a:") && !startsWithScheme(":x") && !startsWithScheme("1a:")
            && !startsWithScheme("ab") && !startsWithScheme("a b:"))
}

@Test func aPagesAndAnHonoreesFindingsFollowTheirEditsInRebuildsOfOneProcess() throws {
    // As in `serve`, where each file's findings are kept while the file and the outputs are
    // the same: an edit, or a file that appears, tells again.
    let site = try TestSite([
        article("a.md", "title: 甲\ndate: 2020-01-01\nslug: a"),
        "-- content/pages/about.md --\n---\ntitle: 关于\n---\n[旧址](/news/old/)",
        honoree("wang.md", "name: 王平\nphoto: wang.jpg\nhonors:\n  - {title: 劳动模范, year: 2020, level: municipal}"),
    ].joined(separator: "\n"))
    defer { site.remove() }
    let builder = IncrementalBuild(builder: site.builder())
    func warnings() throws -> [String] {
        // The file each finding is in.
        try builder.rebuild(changed: nil).warnings.map(\.summary).filter { $0.contains("points inside the site at nothing") }
            .map { String($0.prefix { $0 != ":" }) }
    }
    #expect(try warnings() == ["content/pages/about.md", "content/honorees/wang.md"])
    // The same again, from what was kept.
    #expect(try warnings().count == 2)
    try site.write("-- content/pages/about.md --\n---\ntitle: 关于\n---\n[甲](/news/a/)")
    #expect(try warnings() == ["content/honorees/wang.md"])
    // The photo named differently (a file that is no photo: an unreadable .jpg is an error).
    try site.write("-- content/honorees/wang.txt --\n照片待补")
    try site.write("-- content/honorees/wang.md --\n---\nname: 王平\nphoto: wang.txt\nhonors:\n  - {title: 劳动模范, year: 2020, level: municipal}\n---\n事迹。")
    #expect(try warnings().isEmpty)
    try site.write("-- content/pages/about.md --\n---\ntitle: 关于\n---\n[还是旧址](/news/old/)")
    #expect(try warnings() == ["content/pages/about.md"])
    // A missing photo that appears, the honoree's file unchanged: the outputs changed.
    try site.write("-- content/honorees/wang.md --\n---\nname: 王平\nphoto: wang.jpg\nhonors:\n  - {title: 劳动模范, year: 2020, level: municipal}\n---\n事迹。")
    #expect(try warnings() == ["content/pages/about.md", "content/honorees/wang.md"])
    #expect(Photo.writeTestImage(site.root.path + "/content/honorees/wang.jpg", width: 600, height: 800, exif: phoneEXIF(orientation: 1)))
    #expect(try warnings() == ["content/pages/about.md"])
}
