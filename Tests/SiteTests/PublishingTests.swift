import Foundation
@testable import Site
import Testing
import TestSupport

// A newsroom's basics: 定时发布 (a date to come), 撤稿 (`expires`), 置顶 (`pinned`) and 头条
// (`featured`), each at a build's given time, in the default theme.

/// 2024-06-01 12:00 in Beijing.
private let june = Date(timeIntervalSince1970: 1_717_214_400)

private func newsroom() throws -> TestSite {
    let site = try TestSite("""
    -- site.yml --
    title: 示例
    base_url: https://example.org/
    time_zone: "+08:00"
    search: true
    \(article("old.md", "title: 旧闻\ndate: 2024-01-01\ncolumn: 动态"))
    \(article("new.md", "title: 新闻\ndate: 2024-05-30\ncolumn: 动态"))
    \(article("later.md", "title: 明天的稿\ndate: 2024-06-02 08:00\ncolumn: 动态"))
    \(article("gone.md", "title: 要撤的稿\ndate: 2024-03-01\ncolumn: 动态\n撤稿时间: 2024-05-31"))
    \(article("pin.md", "title: 置顶的通知\ndate: 2023-01-01\ncolumn: 动态\n置顶: 2024-07-01"))
    \(article("top.md", "title: 今天的头条\ndate: 2024-02-01\n头条: true"))
    """, withTemplates: false)
    return site
}

private func build(_ site: TestSite, at now: Date, future: Bool = false) throws -> SiteBuilder.Report {
    var options = SiteBuilder.Options()
    options.now = now
    options.future = future
    return try SiteBuilder(root: site.root, options: options).build()
}

/// Every file of the search index, as one text (its documents hold the titles).
private func searchIndex(_ site: TestSite) -> String {
    let folder = site.output.appendingPathComponent("search")
    return (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()
        .compactMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) }
        .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
}

/// The titles of the home page's latest list, in order (a pin mark left out).
private func latest(_ site: TestSite) -> [String] {
    guard let home = site.output("index.html"), let start = home.range(of: "class=\"brief-list\"") else { return [] }
    let list = home[start.upperBound...]
    let end = list.range(of: "</ul>")?.lowerBound ?? list.endIndex
    return list[..<end].components(separatedBy: "<a href=\"").dropFirst().compactMap { link in
        link.components(separatedBy: "</a>").first?.components(separatedBy: "\">").dropFirst().joined(separator: "\">")
            .replacingOccurrences(of: "<span class=\"pin\">置顶</span>", with: "")
    }
}

@Test func anArticleDatedLaterIsLeftOutUntilABuildAtItsTime() throws {
    let site = try newsroom()
    defer { site.remove() }
    let report = try build(site, at: june)
    #expect(report.scheduled.map(\.file) == ["content/news/later.md"])
    #expect(report.scheduled.first?.local == "2024-06-02 08:00")
    #expect(!site.exists("public/news/ming-tian-de-gao/index.html"))
    for file in ["index.html", "feed.xml", "sitemap.xml", "columns/dong-tai/index.html"] {
        #expect(site.output(file)?.contains("明天的稿") == false, "\(file)")
    }
    #expect(searchIndex(site).contains("新闻") && !searchIndex(site).contains("明天的稿"))
    // The preview (`--future`, serve): there, with a banner, and kept from search engines.
    _ = try build(site, at: june, future: true)
    let preview = try #require(site.output("news/ming-tian-de-gao/index.html"))
    #expect(preview.contains("<p class=\"scheduled-banner\" role=\"note\">定时发布"))
    #expect(preview.contains("<meta name=\"robots\" content=\"noindex\">"))
    // A build at its time (as cron runs one): published, without the banner, from the state
    // the last build left.
    _ = try build(site, at: june.addingTimeInterval(24 * 3600))
    let published = try #require(site.output("news/ming-tian-de-gao/index.html"))
    #expect(!published.contains("scheduled-banner") && !published.contains("noindex"))
    #expect(site.output("feed.xml")?.contains("明天的稿") == true)
}

@Test func aWithdrawnArticleLeavesEveryListAndItsAddressSaysSo() throws {
    let site = try newsroom()
    defer { site.remove() }
    _ = try build(site, at: Date(timeIntervalSince1970: 1_711_929_600))  // 2024-04-01: not yet withdrawn
    #expect(site.output("news/yao-che-de-gao/index.html")?.contains("撤了") == false)
    #expect(site.output("feed.xml")?.contains("要撤的稿") == true)
    _ = try build(site, at: june)
    let notice = try #require(site.output("news/yao-che-de-gao/index.html"))
    #expect(notice.contains("<h1>此文已撤稿</h1>") || notice.contains(">此文已撤稿</h1>"))
    #expect(notice.contains("此文已于2024年5月31日撤稿。"))
    #expect(notice.contains("<meta name=\"robots\" content=\"noindex\">"))
    #expect(!notice.contains("正文。"))
    for file in ["index.html", "feed.xml", "sitemap.xml", "columns/dong-tai/index.html"] {
        #expect(site.output(file)?.contains("要撤的稿") == false, "\(file)")
        #expect(site.output(file)?.contains("yao-che-de-gao") == false, "\(file)")
    }
    #expect(searchIndex(site).contains("新闻") && !searchIndex(site).contains("撤稿") && !searchIndex(site).contains("yao-che-de-gao"))
}

@Test func aPinnedArticleLeadsTheListsUntilItsDateAndTheFeaturedOneIsTheHeadline() throws {
    let site = try newsroom()
    defer { site.remove() }
    _ = try build(site, at: june)
    #expect(latest(site).first == "置顶的通知")
    #expect(site.output("index.html")?.contains("<a href=\"/news/zhi-ding-de-tong-zhi/\"><span class=\"pin\">置顶</span>置顶的通知</a>") == true)
    let column = try #require(site.output("columns/dong-tai/index.html"))
    let pinAt = try #require(column.range(of: "置顶的通知")), newAt = try #require(column.range(of: "新闻"))
    #expect(pinAt.lowerBound < newAt.lowerBound)
    // 头条: the headline, though newer articles have come since.
    #expect(site.output("index.html")?.contains("id=\"headline-title\"><a href=\"/news/jin-tian-de-tou-tiao/\">") == true)
    // After 2024-07-01 it is pinned no more: back in its place by date, the last.
    _ = try build(site, at: Date(timeIntervalSince1970: 1_720_000_000))
    #expect(latest(site).last == "置顶的通知")
    #expect(site.output("index.html")?.contains("class=\"pin\"") == false)
}

@Test func pinnedTakesTrueOrADateAndSaysWhatItExpects() throws {
    let site = try TestSite(article("a.md", "title: 甲\ndate: 2024-01-01\npinned: 明天"))
    defer { site.remove() }
    let errors = site.build().map(\.summary)
    #expect(errors.count == 1)
    #expect(errors.first?.hasPrefix("content/news/a.md:4:9: ") == true, "\(errors)")
}

@Test func oneStoryInTwoColumnsIsListedInBothUnderOneAddress() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 示例
    permalinks:
      article: /:column/:slug/
    \(article("a.md", "title: 两栏同发的稿件\ndate: 2024-03-01\n栏目: [工会动态, 劳模风采]"))
    \(article("b.md", "title: 只在动态\ndate: 2024-03-02\ncolumn: 工会动态"))
    """, withTemplates: false)
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    // One page, at the first column's address, with the first column in its breadcrumb.
    let page = try #require(site.output("gong-hui-dong-tai/liang-lan-tong-fa-de-gao-jian/index.html"))
    #expect(page.contains("<a href=\"/columns/gong-hui-dong-tai/\">工会动态</a>"))
    #expect(!site.exists("public/lao-mo-feng-cai/liang-lan-tong-fa-de-gao-jian/index.html"))
    // Listed in both columns, each linking to that one address.
    for column in ["gong-hui-dong-tai", "lao-mo-feng-cai"] {
        #expect(site.output("columns/\(column)/index.html")?.contains("<a href=\"/gong-hui-dong-tai/liang-lan-tong-fa-de-gao-jian/\">两栏同发的稿件</a>") == true, "\(column)")
    }
    #expect(site.output("columns/lao-mo-feng-cai/index.html")?.contains("只在动态") == false)
    // Taken out of the second column while serving: its list follows.
    try site.write(article("a.md", "title: 两栏同发的稿件\ndate: 2024-03-01\n栏目: [工会动态]"))
    _ = try live.rebuild(changed: ["content/news/a.md"])
    #expect(!site.exists("public/columns/lao-mo-feng-cai/index.html"))
    #expect(site.output("columns/gong-hui-dong-tai/index.html")?.contains("两栏同发的稿件") == true)
}

@Test func pinningMovesAnArticleInTheListsNotItsAddressItsNeighboursOrTheFeed() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 示例
    base_url: https://example.org/
    \(article("jan.md", "title: 通知\ndate: 2025-01-10\npinned: true"))
    \(article("jun.md", "title: 通知\ndate: 2025-06-10"))
    \(article("sep.md", "title: 九月\ndate: 2025-09-01"))
    """, withTemplates: false)
    defer { site.remove() }
    _ = try build(site, at: Date(timeIntervalSince1970: 1_760_000_000))
    // The older 通知 keeps /news/tong-zhi/, as it had before it was pinned.
    #expect(try #require(site.output("news/tong-zhi/index.html")).contains("<span class=\"pin\">") == false)
    #expect(site.output("news/tong-zhi/index.html")?.contains("2025年1月10日") == true)
    #expect(site.output("news/tong-zhi-2/index.html")?.contains("2025年6月10日") == true)
    #expect(latest(site) == ["通知", "九月", "通知"])
    // The feed is by date: the newest first, and updated at it.
    let feed = try #require(site.output("feed.xml"))
    #expect(feed.contains("<updated>2025-09-01T00:00:00+08:00</updated>"))
    let september = try #require(feed.range(of: "<title>九月</title>")), january = try #require(feed.range(of: "/news/tong-zhi/</id>"))
    #expect(september.lowerBound < january.lowerBound)
    // Its neighbours are the articles of its time: June is newer than January, September than June.
    let june = try #require(site.output("news/tong-zhi-2/index.html"))
    #expect(june.contains("/news/jiu-yue/") && june.contains("href=\"/news/tong-zhi/\""))
}

@Test func aWithdrawnArticlesNoticeStandsAtTheAddressItHadAndTheOthersKeepTheirs() throws {
    for (withdrawn, live) in [("jun", "jan"), ("jan", "jun")] {
        let expires = { (name: String) in name == withdrawn ? "\n撤稿时间: 2025-08-01" : "" }
        let site = try TestSite("""
        -- site.yml --
        title: 示例
        \(article("jan.md", "title: 通知\ndate: 2025-01-10" + expires("jan")))
        \(article("jun.md", "title: 通知\ndate: 2025-06-10" + expires("jun")))
        \(article("about.md", "title: 关于\ndate: 2025-02-01\nurl: /about/\n撤稿时间: 2025-03-01"))
        -- content/pages/about.md --
        ---
        title: 关于我们
        slug: about
        ---
        本会简介。
        """, withTemplates: false)
        defer { site.remove() }
        let report = try build(site, at: Date(timeIntervalSince1970: 1_760_000_000))
        let address = ["jan": "news/tong-zhi/index.html", "jun": "news/tong-zhi-2/index.html"]
        #expect(site.output(address[withdrawn]!)?.contains("此文已撤稿") == true, "\(withdrawn)")
        #expect(site.output(address[live]!)?.contains(live == "jan" ? "2025年1月10日" : "2025年6月10日") == true, "\(live)")
        // A withdrawn article whose address a page has: the page stays, and the build says so.
        #expect(site.output("about/index.html")?.contains("本会简介") == true)
        #expect(report.warnings.map(\.summary).contains("content/news/about.md: warning: the article is withdrawn (`expires`), and its address /about/ is another page's now: no notice stands there"))
    }
}

@Test func checkCountsTheImagesOfAScheduledArticleAsUsed() throws {
    let site = try TestSite(article("later.md", "title: 明年\ndate: 2099-01-01", body: "![图](later.gif)") + "\n-- content/news/later.gif --\nGIF89a\n")
    defer { site.remove() }
    #expect(!site.builder().check().map(\.summary).contains { $0.contains("no page uses this file") })
}

@Test func theFilesOfAScheduledOrWithdrawnArticleWaitWithIt() throws {
    // An embargoed story's photos and attachment are not published before it; a withdrawn
    // story's own files go with it; a file the live site names anywhere, in any form, stays.
    let site = try TestSite("""
    -- site.yml --
    title: 示例
    menus:
      - name: 手册
        url: /news/handbook.pdf
    \(article("later.md", "title: 明天的稿\ndate: 2024-06-02 08:00\ncover: later-cover.jpg\ncolumn: 动态",
                body: "![现场](later.jpg)\n\n[方案](plan.pdf)\n\n![共用](共用图.gif) ![人物](h.gif) ![栏目图](dong/附图.gif) [手册](handbook.pdf)"))
    \(article("now.md", "title: 今天的稿\ndate: 2024-05-30\ncolumn: 动态", body: "![共用](%E5%85%B1%E7%94%A8%E5%9B%BE.gif)"))
    \(article("gone.md", "title: 要撤的稿\ndate: 2024-03-01\n撤稿时间: 2024-05-31", body: "![旧图](gone.gif)"))
    \(honoree("wang.md", "name: 王平\nphoto: ../news/h.gif\nhonors:\n  - {title: 劳动模范, year: 2020, level: municipal}"))
    -- content/news/dong/_index.md --
    ---
    title: 动态
    ---
    ![栏目图](附图.gif)
    -- content/news/dong/附图.gif --
    GIF89a
    -- content/news/h.gif --
    GIF89a
    -- content/news/handbook.pdf --
    %PDF-1.4
    -- content/news/plan.pdf --
    %PDF-1.4
    -- content/news/共用图.gif --
    GIF89a
    -- content/news/gone.gif --
    GIF89a
    -- content/news/unused.txt --
    没有稿件用到的文件照旧发布。
    """, withTemplates: false)
    defer { site.remove() }
    #expect(Photo.writeTestImage(site.root.path + "/content/news/later.jpg", width: 800, height: 600, exif: phoneEXIF(orientation: 1)))
    #expect(Photo.writeTestImage(site.root.path + "/content/news/later-cover.jpg", width: 1280, height: 720, exif: phoneEXIF(orientation: 1)))
    let report = try build(site, at: june)
    #expect(report.warnings.filter { $0.severity == .error }.isEmpty)
    let published = (FileManager.default.enumerator(atPath: site.output.appendingPathComponent("news").path)?.allObjects as? [String] ?? [])
    #expect(!published.contains { $0.hasPrefix("later") }, "\(published.sorted())")
    #expect(!site.exists("public/news/plan.pdf") && !site.exists("public/news/gone.gif"))
    // Named by the live site: percent-encoded in an article, by a relative path in an
    // honoree's photo, in a column's _index.md, in site.yml's menu; and a file nothing uses.
    for file in ["共用图.gif", "h.gif", "dong/附图.gif", "handbook.pdf", "unused.txt"] {
        #expect(site.exists("public/news/" + file), "\(file)")
    }
    // Nothing is called broken or unused for it.
    #expect(!report.warnings.contains { $0.summary.contains("later") || $0.summary.contains("plan.pdf") }, "\(report.warnings.map(\.summary))")
    // At its time (as cron runs a build) the story comes with its files.
    _ = try build(site, at: june.addingTimeInterval(24 * 3600))
    #expect(site.exists("public/news/plan.pdf") && site.exists("public/news/later-480.webp"))
    #expect(site.output("news/ming-tian-de-gao/index.html")?.contains("/news/later-480.webp") == true)
    // The preview (`--future`, serve) shows it with its files.
    _ = try build(site, at: june, future: true)
    #expect(site.exists("public/news/plan.pdf"))
    _ = try build(site, at: june)
    #expect(!site.exists("public/news/plan.pdf"))
}
