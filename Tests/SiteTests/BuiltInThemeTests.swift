import Foundation
import Testing
@testable import Site
import TestSupport

/// The theme built into the binary, and a site's templates/ laid over it file by file.
private func contentOnly(_ more: String = "") throws -> TestSite {
    try TestSite("-- site.yml --\ntitle: 示例工会\n" + article("a.md", "title: 职工书屋开放\ndate: 2024-04-23\ncolumn: 基层动态") + "\n"
        + honoree("wang.md", "name: 王平\nhonors:\n  - {title: 劳动模范, year: 2020, level: municipal}") + "\n" + more, withTemplates: false)
}

/// The bytes the built-in theme has at `path`.
private func builtIn(_ path: String) throws -> String {
    String(decoding: try #require(SiteTheme.builtIn[path]), as: UTF8.self)
}

@Test func aSiteWithOnlyContentBuildsWithTheBuiltInTheme() throws {
    let site = try contentOnly()
    defer { site.remove() }
    #expect(!site.exists("templates"))
    let report = try site.builder().build()
    #expect(report.warnings.isEmpty, "\(report.warnings.map(\.summary))")
    let home = try #require(site.output("index.html"))
    #expect(home.contains("<link rel=\"stylesheet\" href=\"/assets/site.css\""))
    #expect(home.contains("职工书屋开放"))
    #expect(site.output("news/zhi-gong-shu-wu-kai-fang/index.html")?.contains("<h1") == true)
    #expect(site.output("honorees/wang-ping/index.html")?.contains("王平") == true)
    #expect(site.output("honors/index.html")?.contains("劳动模范") == true)
    // The assets are the binary's, byte for byte.
    for asset in SiteTheme.builtIn.keys where asset.hasPrefix("assets/") {
        #expect(site.output(asset) == (try builtIn(asset)), "\(asset)")
    }
}

@Test func oneTemplateOfTheSiteReplacesOnlyThatFile() throws {
    let site = try contentOnly("""
    -- templates/article.html --
    {% layout 'base' %}<p id="own">自己的文章页：{{ page.title }}</p>
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let page = try #require(site.output("news/zhi-gong-shu-wu-kai-fang/index.html"))
    #expect(page.contains("<p id=\"own\">自己的文章页：职工书屋开放</p>"))
    // Set in the built-in layout, whose navigation the other pages keep too.
    #expect(page.contains("class=\"masthead\"") && page.contains("/assets/site.css"))
    let home = try #require(site.output("index.html"))
    #expect(!home.contains("自己的文章页") && home.contains("class=\"masthead\""))
}

@Test func aPartialOfTheSiteIsWhatTheBuiltInTemplatesInclude() throws {
    let site = try contentOnly("""
    -- templates/partials/nav.html --
    <nav id="own-nav">本会导航</nav>
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    for page in ["index.html", "news/zhi-gong-shu-wu-kai-fang/index.html", "honors/index.html", "404.html"] {
        let html = try #require(site.output(page), "\(page)")
        #expect(html.contains("<nav id=\"own-nav\">本会导航</nav>"), "\(page)")
        #expect(!html.contains("class=\"site-nav\""), "\(page)")
    }
}

@Test func anAssetOfTheSiteReplacesTheBuiltInOneAndTheOthersStay() throws {
    let site = try contentOnly("""
    -- templates/assets/site.css --
    body { color: #123456 }
    -- templates/assets/logo.svg --
    <svg xmlns="http://www.w3.org/2000/svg"/>
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("assets/site.css") == "body { color: #123456 }\n")
    #expect(site.output("assets/search.js") == (try builtIn("assets/search.js")))
    #expect(site.output("assets/logo.svg")?.contains("<svg") == true)
}

@Test func anAssetSwitchesBetweenTheSitesAndTheBuiltInOneInRebuildsOfOneProcess() throws {
    // As in `serve`: the rebuilds after the first compare with what this process wrote.
    let site = try contentOnly()
    defer { site.remove() }
    let builder = IncrementalBuild(builder: site.builder())
    _ = try builder.rebuild()
    #expect(site.output("assets/site.css") == (try builtIn("assets/site.css")))
    for round in 1...2 {
        try site.write("-- templates/assets/site.css --\nbody { color: #12345\(round) }")
        _ = try builder.rebuild(changed: ["templates/assets/site.css"])
        #expect(site.output("assets/site.css") == "body { color: #12345\(round) }\n", "round \(round)")
        try site.remove("templates/assets/site.css")
        _ = try builder.rebuild(changed: ["templates/assets/site.css"])
        #expect(site.output("assets/site.css") == (try builtIn("assets/site.css")), "round \(round)")
        #expect(site.output("assets/search.js") == (try builtIn("assets/search.js")), "round \(round)")
    }
}

@Test func addingAndRemovingAnOverrideRebuildsThePagesInPlace() throws {
    let site = try contentOnly()
    defer { site.remove() }
    let builder = IncrementalBuild(builder: site.builder())
    _ = try builder.rebuild()
    try site.write("-- templates/partials/nav.html --\n<nav id=\"own-nav\">本会导航</nav>")
    _ = try builder.rebuild(changed: ["templates/partials/nav.html"])
    #expect(site.output("index.html")?.contains("own-nav") == true)
    try site.remove("templates/partials/nav.html")
    _ = try builder.rebuild(changed: ["templates/partials/nav.html"])
    #expect(site.output("index.html")?.contains("own-nav") == false)
    #expect(site.output("index.html")?.contains("class=\"site-nav\"") == true)
}

@Test func checkWarnsAboutAFileOfTemplatesThatDoesNothing() throws {
    let site = try contentOnly("""
    -- templates/artcle.html --
    {% layout 'base' %}拼错了
    -- templates/partials/own-footer.html --
    <p>本站自己的片段</p>
    -- templates/page.html --
    {% layout 'base' %}{{ page.content }}{% include 'partials/own-footer.html' %}
    -- templates/assets/site.ccs --
    body { color: red }
    -- templates/assets/logo.svg --
    <svg xmlns="http://www.w3.org/2000/svg"/>
    -- templates/README.md --
    说明。
    -- templates/base.html~ --
    编辑器留下的备份
    -- content/pages/about.md --
    ---
    title: 关于我们
    ---
    本会简介。
    """)
    defer { site.remove() }
    let warnings = site.builder().check().map(\.summary).filter { $0.hasPrefix("templates/") }
    // A template no page used, named like a built-in one.
    #expect(warnings.contains("templates/artcle.html: warning: the built-in theme has no `artcle.html` and no page used it, so it does nothing (did you mean `templates/article.html`?): name it as `unionsite theme list` shows to replace a built-in file, or include it from a template"),
            "\(warnings)")
    // An asset named like a built-in one: published, but the built-in stylesheet stays in use.
    #expect(warnings.contains("templates/assets/site.ccs: warning: the built-in theme has no `assets/site.ccs` (did you mean `templates/assets/site.css`?): it is published beside the built-in file, which stays in use; name it as `unionsite theme list` shows to replace that"),
            "\(warnings)")
    // A partial the site's own page template includes and an asset of its own do something;
    // the note `unionsite init` writes and an editor's backup are no templates.
    #expect(warnings.count == 2, "\(warnings)")
    // A theme of the site's own has nothing to replace.
    try site.write("-- site.yml --\ntitle: 示例工会\ntheme: none")
    let own = site.builder().check().map(\.summary)
    #expect(own.contains("templates/index.html: the file is missing: the theme needs it to render the home page"), "\(own)")
    #expect(!own.contains { $0.hasPrefix("templates/artcle.html") })
}

@Test func theBuiltInThemeIsTheRepositorysThemeFolder() throws {
    // What the binary carries is the folder's files, every one and nothing else, listed as the
    // build lists a site's files (no hidden files or editors' backups, which embed-files skips too).
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("theme")
    let files = listFiles(folder.path).map(\.relative)
    #expect(files.contains("base.html") && files.contains("assets/site.css"))
    #expect(Set(files) == Set(SiteTheme.builtIn.keys))
    for path in files {
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) == SiteTheme.builtIn[path], "\(path)")
    }
}
