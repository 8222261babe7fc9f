import Foundation
import Testing
import TestSupport
@testable import Site

// The Traditional mirror (site.yml `traditional: s2t`): every page again under /zh-hant/,
// converted by OpenCC with names protected, linking within itself; built with the default theme.

/// A model worker named `name`, with more front matter lines.
private func worker(_ file: String, _ name: String, _ more: String = "") -> String {
    "-- content/honorees/\(file).md --\n---\nname: \(name)\n\(more)honors:\n  - title: 劳动模范\n    year: 2020\n    level: national\n---\n\(name)的事迹。\n"
}

/// A site with the mirror on, the default theme, and `files` (site.yml's extra lines first).
private func mirrorSite(_ siteYml: String = "", _ files: String) throws -> TestSite {
    let site = try TestSite("""
    -- site.yml --
    title: 示例工会
    base_url: https://example.org/union/
    traditional: s2t
    \(siteYml)
    \(files)
    """, withTemplates: false)
    return site
}

private let phrases = article("a.md", """
    title: 工会干部头发干净
    date: 2024-03-01
    column: 基层动态
    tags: [劳动模范]
    """, body: """
    发展靠干部，皇后和一只猫。[关于我们](/union/about/)，[附件](/union/files/a.pdf)，[外站](https://example.com/about/)。

    `代码 头发` 不改，![图片说明](a.gif)

    ```
    代码块 干净
    ```
    """)

private let about = "-- content/pages/about.md --\n---\ntitle: 关于我们\nslug: about\n---\n关于本会。\n"

@Test func phrasesConvertByMeaningOnTheMirrorAndTheMainPageStaysSimplified() throws {
    let site = try mirrorSite("", phrases + about)
    defer { site.remove() }
    #expect(site.build() == [])
    let main = try #require(site.output("news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    // Same slug in the mirror.
    let mirror = try #require(site.output("zh-hant/news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    #expect(main.contains("<h1 class=\"article-title\">工会干部头发干净</h1>"))
    #expect(main.contains("发展靠干部，皇后和一只猫。"))
    #expect(mirror.contains("<h1 class=\"article-title\">工會幹部頭髮乾淨</h1>"))
    #expect(mirror.contains("發展靠幹部，皇后和一隻貓。"))
    // The theme's own words, and the column and tag names.
    #expect(mirror.contains(">首頁</a>"))
    #expect(mirror.contains(">基層動態</a>"))
    #expect(mirror.contains(">勞動模範</a>"))
    // The image's description is text; code and code blocks are not.
    #expect(mirror.contains("alt=\"圖片說明\""))
    #expect(mirror.contains("<code>代码 头发</code>"))
    #expect(mirror.contains("代码块 干净"))
    #expect(mirror.contains("<title>工會幹部頭髮乾淨 — 示例工會</title>"))
    #expect(mirror.contains("<meta name=\"description\" content=\"發展靠幹部"))
}

@Test func eachPageNamesItsCounterpartWithHreflangBothWays() throws {
    let site = try mirrorSite("", phrases)
    defer { site.remove() }
    #expect(site.build() == [])
    let main = try #require(site.output("news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    let mirror = try #require(site.output("zh-hant/news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    let pair = """
    <link rel="alternate" hreflang="zh-Hans" href="https://example.org/union/news/gong-hui-gan-bu-tou-fa-gan-jing/">
    <link rel="alternate" hreflang="zh-Hant" href="https://example.org/union/zh-hant/news/gong-hui-gan-bu-tou-fa-gan-jing/">
    """
    #expect(main.contains(pair))
    #expect(mirror.contains(pair))
    #expect(main.contains("<html lang=\"zh-CN\">"))
    #expect(mirror.contains("<html lang=\"zh-Hant\">"))
    // The toggle: a link to the other script, written in it and not converted.
    #expect(main.contains("<a href=\"/union/zh-hant/news/gong-hui-gan-bu-tou-fa-gan-jing/\" hreflang=\"zh-Hant\" lang=\"zh-Hant\" title=\"繁體中文\">繁</a>"))
    #expect(mirror.contains("<a href=\"/union/news/gong-hui-gan-bu-tou-fa-gan-jing/\" hreflang=\"zh-Hans\" lang=\"zh-Hans\" title=\"简体中文\">简</a>"))
    // Lists and the home page too.
    #expect(try #require(site.output("zh-hant/index.html")).contains("<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://example.org/union/\">"))
    #expect(try #require(site.output("tags/index.html")).contains("<a href=\"/union/zh-hant/tags/\" hreflang=\"zh-Hant\""))
}

@Test func taiwanAndHongKongFormsHaveTheirLanguage() throws {
    // Their forms of 为 (OpenCC's standard form is 爲).
    for (setting, lang) in [("s2tw", "zh-TW"), ("s2hk", "zh-HK")] {
        let site = try TestSite("""
        -- site.yml --
        title: 示例
        traditional: \(setting)
        \(article("a.md", "title: 软件\ndate: 2024-03-01", body: "软件和为人民服务。"))
        """, withTemplates: false)
        defer { site.remove() }
        #expect(site.build() == [])
        let mirror = try #require(site.output("zh-hant/news/ruan-jian/index.html"))
        #expect(mirror.contains("<html lang=\"\(lang)\">"), "\(setting)")
        #expect(mirror.contains("hreflang=\"\(lang)\""), "\(setting)")
        #expect(mirror.contains("為人民服務"), "\(setting)")
    }
}

@Test func everyInternalLinkOfAMirrorPageStaysInTheMirrorButTheToggleAndTheFiles() throws {
    let site = try mirrorSite("menus:\n  - {name: 关于我们, url: /about/}\n  - {name: 年报, url: /files/report.pdf}", phrases + about
        + "-- content/files/a.pdf --\n%PDF\n-- content/files/report.pdf --\n%PDF\n-- content/news/a.gif --\nGIF89a\n"
        + worker("fan", "范小军"))
    defer { site.remove() }
    #expect(site.build() == [])
    let output = site.output.path
    let pages = (FileManager.default.enumerator(atPath: output + "/zh-hant")?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".html") }
    #expect(pages.count > 8)
    var checked = 0
    for page in pages {
        let html = try #require(site.output("zh-hant/" + page))
        for tag in html.split(separator: "<").map({ "<" + $0 }) where tag.hasPrefix("<a ") || tag.hasPrefix("<form ") || tag.hasPrefix("<link ") {
            guard let target = attribute(tag, tag.hasPrefix("<form ") ? "action" : "href"), target.hasPrefix("/") else { continue }
            checked += 1
            let path = String(target.dropFirst("/union/".count).prefix { $0 != "#" && $0 != "?" })
            if tag.contains("hreflang=") {
                #expect(!path.hasPrefix("zh-hant/"), "\(page): \(tag)")
            } else if path.hasPrefix("assets/") || path.hasPrefix("files/") || path.hasSuffix(".gif") {
                // Files are the main site's: the mirror has pages only.
            } else {
                #expect(path.hasPrefix("zh-hant/"), "\(page): \(tag)")
            }
            // Every link leads somewhere.
            let file = output + "/" + path + (path.isEmpty || path.hasSuffix("/") ? "index.html" : "")
            #expect(FileManager.default.fileExists(atPath: file), "\(page): \(tag)")
        }
    }
    #expect(checked > 100)
    let mirror = try #require(site.output("zh-hant/news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    // The article's own links: to a page, into the mirror; to a file or another site, as written.
    #expect(mirror.contains("<a href=\"/union/zh-hant/about/\">關於我們</a>"))
    #expect(mirror.contains("<a href=\"/union/files/a.pdf\">附件</a>"))
    #expect(mirror.contains("<a href=\"https://example.com/about/\">外站</a>"))
    #expect(mirror.contains("href=\"/union/files/report.pdf\">年報</a>"))
    #expect(mirror.contains("<link rel=\"stylesheet\" href=\"/union/assets/site.css\">"))
    #expect(mirror.contains("href=\"/union/zh-hant/feed.xml\""))
}

private func attribute(_ tag: String, _ name: String) -> String? {
    guard let r = tag.range(of: " \(name)=\"") else { return nil }
    return String(tag[r.upperBound...].prefix { $0 != "\"" })
}

@Test func namesKeepTheirSurnamesAndTheirOwnSpellings() throws {
    // Each surname OpenCC reads as a word: 范 is not 範, 余 not 餘 … and 钟 is 鍾, not 鐘.
    let names = [("范小军", "范小軍"), ("余红梅", "余紅梅"), ("岳云鹏", "岳雲鵬"), ("沈丽华", "沈麗華"), ("谷建国", "谷建國"),
                 ("姜卫东", "姜衛東"), ("于海涛", "于海濤"), ("郁达明", "郁達明"), ("党建设", "党建設"), ("朴志勇", "朴志勇"),
                 ("卜凡", "卜凡"), ("钟丽", "鍾麗")]
    var files = names.enumerated().map { worker("h\($0.offset)", $0.element.0) }.joined()
    // An honoree's own spelling wins over OpenCC's, in running text too.
    files += worker("own", "日高峰公司车间工会小组", "name_hant: 日高峰公司車間工會小組\n")
    files += article("a.md", "title: 表彰大会\ndate: 2024-03-01", body: "范小军说，余红梅和钟丽在日高峰公司车间工会小组。模范和剩余不是名字。")
    let site = try mirrorSite("", files)
    defer { site.remove() }
    #expect(site.build() == [])
    let roll = try #require(site.output("zh-hant/honors/index.html"))
    for (simplified, traditional) in names {
        #expect(roll.contains(">\(traditional)"), "\(simplified)")
    }
    #expect(roll.contains(">日高峰公司車間工會小組"))
    let article = try #require(site.output("zh-hant/news/biao-zhang-da-hui/index.html"))
    #expect(article.contains(">范小軍</a>說，"))
    #expect(article.contains(">余紅梅</a>和"))
    #expect(article.contains(">鍾麗</a>在"))
    #expect(article.contains(">日高峰公司車間工會小組</a>。"))
    #expect(article.contains("模範和剩餘不是名字。"))
}

@Test func aTraditionalSourceIsSimplifiedOnTheMainSiteAndTraditionalInTheMirror() throws {
    let site = try mirrorSite("", article("hk.md", "title: 工會幹部頭髮乾淨\ndate: 2024-03-01", body: "香港工會聯合會的幹部說：發展要靠會員。"))
    defer { site.remove() }
    #expect(site.build() == [])
    let main = try #require(site.output("news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    let mirror = try #require(site.output("zh-hant/news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    #expect(main.contains("香港工会联合会的干部说：发展要靠会员。"))
    #expect(mirror.contains("香港工會聯合會的幹部說：發展要靠會員。"))
}

@Test func theSitesS2tOverridesCorrectTheMirror() throws {
    let site = try mirrorSite("", """
    -- script-overrides.yml --
    s2t:
      了如何: 了如何
    \(article("a.md", "title: 讲述\ndate: 2024-03-01", body: "他讲述了如何成长，了如指掌。"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let mirror = try #require(site.output("zh-hant/news/jiang-shu/index.html"))
    #expect(mirror.contains("他講述了如何成長，瞭如指掌。"))
}

@Test func theMirrorHasItsFeedSitemapEntriesSearchAndRedirects() throws {
    let site = try mirrorSite("search: true", article("a.md", "title: 职工书屋\ndate: 2024-03-01\naliases: [/old/shu-wu/]", body: "职工书屋开放。") + about)
    defer { site.remove() }
    #expect(site.build() == [])
    let feed = try #require(site.output("zh-hant/feed.xml"))
    #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-Hant\">"))
    #expect(feed.contains("<title>示例工會</title>"))
    #expect(feed.contains("<title>職工書屋</title>"))
    #expect(feed.contains("<link href=\"https://example.org/union/zh-hant/news/zhi-gong-shu-wu/\"/>"))
    #expect(feed.contains("&lt;p&gt;職工書屋開放。&lt;/p&gt;"))
    #expect(try #require(site.output("feed.xml")).contains("<title>职工书屋</title>"))
    let sitemap = try #require(site.output("sitemap.xml"))
    #expect(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""))
    let alternates = "<xhtml:link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://example.org/union/news/zhi-gong-shu-wu/\"/>"
        + "<xhtml:link rel=\"alternate\" hreflang=\"zh-Hant\" href=\"https://example.org/union/zh-hant/news/zhi-gong-shu-wu/\"/></url>"
    #expect(sitemap.contains("<url><loc>https://example.org/union/news/zhi-gong-shu-wu/</loc><lastmod>2024-03-01</lastmod>" + alternates))
    #expect(sitemap.contains("<url><loc>https://example.org/union/zh-hant/news/zhi-gong-shu-wu/</loc><lastmod>2024-03-01</lastmod>" + alternates))
    // Search: the mirror's page reads the mirror's index, whose titles are Traditional.
    let search = try #require(site.output("zh-hant/search/index.html"))
    #expect(search.contains("data-index=\"/union/zh-hant/search/\""))
    #expect(search.contains("<span data-m=\"empty\">請輸入要搜索的文字</span>"))
    #expect(site.exists("public/zh-hant/search/meta.json"))
    let documents = try FileManager.default.contentsOfDirectory(atPath: site.output.path + "/zh-hant/search/d")
        .compactMap { site.output("zh-hant/search/d/" + $0) }.joined()
    #expect(documents.contains("職工書屋"))
    #expect(documents.contains("/union/zh-hant/news/zhi-gong-shu-wu/"))
    // An old address in the mirror sends the reader to the mirror's page.
    let redirect = try #require(site.output("zh-hant/old/shu-wu/index.html"))
    #expect(redirect.contains("url=/union/zh-hant/news/zhi-gong-shu-wu/"))
    #expect(redirect.contains("<title>職工書屋</title>"))
}

@Test func withoutTheSettingThereIsNoMirrorAndNoToggle() throws {
    let site = try TestSite("-- site.yml --\ntitle: 示例\n" + phrases, withTemplates: false)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(!site.exists("public/zh-hant"))
    let main = try #require(site.output("news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    #expect(!main.contains("hreflang"))
    #expect(!main.contains("script-toggle"))
    #expect(!(site.output("sitemap.xml") ?? "").contains("xhtml"))
}

@Test func anUnknownTraditionalSettingIsALocatedError() throws {
    let site = try TestSite("-- site.yml --\ntitle: 示例\ntraditional: big5\n" + phrases)
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [
        "site.yml:2:14: `traditional` must be `off`, `s2t` (a Traditional mirror under /zh-hant/), `s2tw` (Taiwan's forms) or `s2hk` (Hong Kong's), found `big5`",
    ])
}

@Test func aRebuildAfterAnEditMakesBothVersionsAgainAsACleanBuildDoes() throws {
    let site = try mirrorSite("", phrases + worker("fan", "范小军"))
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    try site.write("content/news/a.md", "---\ntitle: 工会干部头发干净\ndate: 2024-03-01\n---\n范小军的头发。\n")
    let report = try live.rebuild(changed: ["content/news/a.md"])
    #expect(report.rendered >= 2)
    let mirror = try #require(site.output("zh-hant/news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    #expect(mirror.contains(">范小軍</a>的頭髮。"))
    // The same bytes as a clean build of the same sources.
    let edited = try #require(site.output("zh-hant/index.html"))
    try site.remove("public")
    #expect(site.build() == [])
    #expect(site.output("zh-hant/news/gong-hui-gan-bu-tou-fa-gan-jing/index.html") == mirror)
    #expect(site.output("zh-hant/index.html") == edited)
}

/// The text of each mirror page of the site built by `live` that OpenCC would still convert: any
/// is a word the mirror left in Simplified (a label made in code, a template string, a field
/// missed). `MirrorHTML` converts what a reader reads and leaves code, links and marked
/// Simplified (the toggle) alone, so converting a page that is all Traditional changes nothing.
func simplifiedLeftIn(_ live: IncrementalBuild) throws -> [String] {
    let mirror = try #require(live.lastMirror)
    let output = live.builder.outputFolder.path + "/" + Mirror.folder
    var left: [String] = []
    for page in FileManager.default.enumerator(atPath: output)?.allObjects as? [String] ?? [] where page.hasSuffix(".html") {
        let bytes = try #require(FileManager.default.contents(atPath: output + page)).map { $0 }
        let again = bytes.withUnsafeBufferPointer { MirrorHTML(mirror: mirror).convert($0) }
        guard again != bytes else { continue }
        let a = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        let b = String(decoding: again, as: UTF8.self).components(separatedBy: "\n")
        for (x, y) in zip(a, b) where x != y { left.append("\(page): \(x.trimmingCharacters(in: .whitespaces)) → \(y.trimmingCharacters(in: .whitespaces))") }
    }
    return left
}

@Test func nothingOnAMirrorPageIsLeftInSimplified() throws {
    let site = try mirrorSite("search: true\nmenus:\n  - {name: 关于我们, url: /about/}", phrases + about
        + worker("fan", "范小军", "unit: 县供电公司\nposition: 班长\nregion: 盱眙县\naka: [小范]\ntags: [劳动模范]\n")
        + worker("group", "县供电公司运维班", "kind: collective\n")
        + "-- data/links.yml --\n- {name: 中华全国总工会, url: https://www.acftu.org/}\n"
        + "-- content/news/_index.md --\n---\ntitle: 新闻\n---\n新闻栏目说明。\n")
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let left = try simplifiedLeftIn(live)
    #expect(left.isEmpty, "\(left.joined(separator: "\n"))")
}

@Test func nothingOnTheSampleSitesMirrorIsLeftInSimplified() throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-sample-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let live = IncrementalBuild(builder: SiteBuilder(root: repository, options: .init(output: output)))
    _ = try live.rebuild()
    let left = try simplifiedLeftIn(live)
    #expect(left.isEmpty, "\(left.joined(separator: "\n"))")
}

@Test func anHonoreesNewSpellingReachesEveryMirrorPageInARebuild() throws {
    // The article's own facts do not change: its values in the mirror must not be kept.
    let site = try mirrorSite("", worker("fan", "范小军", "name_hant: 范曉軍\n")
        + article("a.md", "title: 工作室\ndate: 2024-03-01\nauthors: [范小军]\nsource: 范小军工作室", body: "正文。"))
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let page = "zh-hant/news/gong-zuo-shi/index.html"
    #expect(try #require(site.output(page)).contains("作者：范曉軍"))
    try site.write("content/honorees/fan.md", try #require(String(data: FileManager.default.contents(atPath: site.root.path + "/content/honorees/fan.md") ?? Data(), encoding: .utf8)).replacingOccurrences(of: "范曉軍", with: "范筱軍"))
    _ = try live.rebuild(changed: ["content/honorees/fan.md"])
    let edited = try #require(site.output(page))
    #expect(edited.contains("作者：范筱軍"))
    #expect(edited.contains("來源：范筱軍工作室"))
    try site.remove("public")
    #expect(site.build() == [])
    #expect(site.output(page) == edited)
}
