import Foundation
import Testing
@testable import Site
import TestSupport

/// The built-in theme's footer and home page (theme/), built from a small site.
private func portalSite(_ siteYml: String, _ more: String = "") throws -> TestSite {
    let site = try TestSite("-- site.yml --\n" + siteYml + "\n"
        + article("a.md", "title: 职工书屋开放\ndate: 2024-04-23\ncolumn: 基层动态") + "\n" + more, withTemplates: false)
    return site
}

@Test func theFooterLinksTheICPNumberAndThePoliceRecordByItsDigits() throws {
    let site = try portalSite("""
    title: 示例工会
    organizer: 示例市总工会
    address: 示例市工运路 18 号
    phone: 0517-12345678
    icp: 苏ICP备12345678号-1
    police_record: 苏公网安备 32083002000123号
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    for page in ["index.html", "news/zhi-gong-shu-wu-kai-fang/index.html", "404.html"] {
        let html = try #require(site.output(page), "\(page)")
        #expect(html.contains("<span>主办单位：示例市总工会</span>"), "\(page)")
        #expect(html.contains("<span>地址：示例市工运路 18 号</span>"), "\(page)")
        #expect(html.contains("<span>电话：0517-12345678</span>"), "\(page)")
        #expect(html.contains("<a href=\"https://beian.miit.gov.cn/\" rel=\"noopener\" translate=\"no\" lang=\"zh-CN\">苏ICP备12345678号-1</a>"), "\(page)")
        #expect(html.contains("<a href=\"https://beian.mps.gov.cn/#/query/webSearch?code=32083002000123\" rel=\"noopener\" translate=\"no\" lang=\"zh-CN\">苏公网安备 32083002000123号</a>"), "\(page)")
    }
}

@Test func aFooterWithoutTheKeysPrintsNoEmptyLines() throws {
    let site = try portalSite("title: 示例工会")
    defer { site.remove() }
    #expect(site.build() == [])
    let html = try #require(site.output("index.html"))
    #expect(!html.contains("footer-facts"))
    #expect(!html.contains("beian"))
    #expect(!html.contains("footer-links"))
}

/// The text between `start` and the next `end` after it in `html`, or nil.
private func section(_ html: String, from start: String, to end: String) -> String? {
    guard let s = html.range(of: start), let e = html.range(of: end, range: s.upperBound..<html.endIndex) else { return nil }
    return String(html[s.lowerBound..<e.upperBound])
}

/// Title links of a brief list, in order.
private func titles(_ html: String) -> [String] {
    html.components(separatedBy: "<li><a href=\"").dropFirst().compactMap { part in
        part.firstIndex(of: ">").flatMap { gt in part[part.index(after: gt)...].components(separatedBy: "</a>").first }
    }
}

@Test func theHeadlineIsTheNewestArticleWithACoverElseTheNewest() throws {
    let covered = try portalSite("title: 示例工会", """
    \(article("b.md", "title: 技能竞赛决赛落幕\ndate: 2024-05-16\ncolumn: 基层动态\ncover: b.svg\nsummary: 七十六名电工同台竞技。"))
    -- content/news/b.svg --
    <svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>
    \(article("c.md", "title: 夏送清凉\ndate: 2024-07-10\ncolumn: 基层动态"))
    """)
    defer { covered.remove() }
    #expect(covered.build() == [])
    let home = try #require(covered.output("index.html"))
    let headline = try #require(section(home, from: "<article class=\"headline", to: "</article>"))
    #expect(headline.contains("<img src=\"/news/b.svg\" alt=\"\" width=\"640\" height=\"360\">"))
    #expect(headline.contains("<a href=\"/news/ji-neng-jing-sai-jue-sai-luo-mu/\">技能竞赛决赛落幕</a></h2>"))
    #expect(headline.contains("<p class=\"headline-summary\">七十六名电工同台竞技。</p>"))

    let plain = try portalSite("title: 示例工会", article("c.md", "title: 夏送清凉\ndate: 2024-07-10\ncolumn: 基层动态"))
    defer { plain.remove() }
    #expect(plain.build() == [])
    let plainHome = try #require(plain.output("index.html"))
    let headline2 = try #require(section(plainHome, from: "<article class=\"headline", to: "</article>"))
    #expect(headline2.hasPrefix("<article class=\"headline\" "))
    #expect(!headline2.contains("<img"))
    #expect(headline2.contains("<a href=\"/news/xia-song-qing-liang/\">夏送清凉</a></h2>"))
}

@Test func eachColumnBlockListsItsLatestHomeColumnsArticles() throws {
    let site = try portalSite("title: 示例工会\nhome_columns: 2", """
    \(article("b.md", "title: 乙文\ndate: 2024-05-01\ncolumn: 基层动态"))
    \(article("c.md", "title: 丙文\ndate: 2024-06-01\ncolumn: 基层动态"))
    \(article("d.md", "title: 丁文\ndate: 2024-03-01\ncolumn: 主席之声"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let home = try #require(site.output("index.html"))
    let first = try #require(section(home, from: "id=\"column-block-1\"", to: "</section>"))
    #expect(first.contains("<a href=\"/columns/ji-ceng-dong-tai/\">基层动态</a> <span class=\"count\">3</span>"))
    #expect(titles(first) == ["丙文", "乙文"])
    #expect(first.contains("<a href=\"/columns/ji-ceng-dong-tai/\">更多基层动态 ›</a>"))
    let second = try #require(section(home, from: "id=\"column-block-2\"", to: "</section>"))
    #expect(titles(second) == ["丁文"])
    #expect(!second.contains("更多"))
}

@Test func anArticlesSidebarListsTheOtherArticlesOfItsColumn() throws {
    let site = try portalSite("title: 示例工会", """
    \(article("b.md", "title: 乙文\ndate: 2024-05-01\ncolumn: 基层动态"))
    \(article("c.md", "title: 丙文\ndate: 2024-06-01\ncolumn: 主席之声"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let page = try #require(site.output("news/yi-wen/index.html"))
    let aside = try #require(section(page, from: "<aside class=\"aside aside-latest\"", to: "</aside>"))
    #expect(aside.contains("<a href=\"/columns/ji-ceng-dong-tai/\">基层动态</a></h2>"))
    #expect(titles(aside) == ["职工书屋开放"])
    // Alone in its column: the site's latest instead, itself left out.
    let alone = try #require(site.output("news/bing-wen/index.html"))
    let aside2 = try #require(section(alone, from: "<aside class=\"aside aside-latest\"", to: "</aside>"))
    #expect(aside2.contains("<h2 class=\"aside-title\" id=\"aside-latest\">最新文章</h2>"))
    #expect(titles(aside2) == ["乙文", "职工书屋开放"])
}

@Test func theHomePagesListContinuesOnPageTwo() throws {
    let site = try portalSite("title: 示例工会\nper_page: 2", """
    \(article("b.md", "title: 乙文\ndate: 2024-05-01"))
    \(article("c.md", "title: 丙文\ndate: 2024-06-01"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let home = try #require(site.output("index.html"))
    let latest = try #require(section(home, from: "<section class=\"block portal-latest\"", to: "</section>"))
    #expect(titles(latest) == ["丙文", "乙文"])
    #expect(latest.contains("<a href=\"/page/2/\" rel=\"next\">更多文章 ›</a>"))
    let two = try #require(site.output("page/2/index.html"))
    #expect(two.contains("<h2 class=\"entry-title\"><a href=\"/news/zhi-gong-shu-wu-kai-fang/\">职工书屋开放</a></h2>"))
    #expect(!two.contains("portal-latest"))
}

@Test func theFooterListsTheLinksOfDataLinks() throws {
    let site = try portalSite("title: 示例工会", """
    -- data/links.yml --
    - name: 中华全国总工会
      url: https://www.acftu.org/
    - name: 示例省总工会
      url: https://gh.example.cn/
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let html = try #require(site.output("news/zhi-gong-shu-wu-kai-fang/index.html"))
    let links = try #require(section(html, from: "<nav class=\"footer-links\"", to: "</nav>"))
    #expect(links.contains("<h2 class=\"footer-title\" id=\"footer-links-title\">友情链接</h2>"))
    #expect(titles(links) == ["中华全国总工会", "示例省总工会"])
    #expect(links.contains("<li><a href=\"https://gh.example.cn/\">示例省总工会</a></li>"))
}

@Test func theHonorRollShowcaseShowsTheMostRecentlyHonoredFirstWithTheirHonors() throws {
    let site = try portalSite("title: 示例工会", """
    \(honoree("a.md", "name: 甲师傅\nhonors:\n  - title: 市劳动模范\n    year: 2019\n    level: 市"))
    \(honoree("b.md", "name: 乙班组\nkind: collective\nhonors:\n  - title: 工人先锋号\n    level: 省"))
    \(honoree("c.md", "name: 丙师傅\nhonors:\n  - title: 市劳动模范\n    year: 2018\n    level: 市\n  - title: 全国五一劳动奖章\n    year: 2023\n    level: 全国"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let home = try #require(site.output("index.html"))
    let showcase = try #require(section(home, from: "<section class=\"block honor-showcase\"", to: "</section>"))
    let names = showcase.components(separatedBy: "class=\"honoree-name ").dropFirst().compactMap { part in
        part.components(separatedBy: "\">").dropFirst().first?.components(separatedBy: "</a>").first
    }
    #expect(names == ["丙师傅", "甲师傅", "乙班组"])
    #expect(showcase.contains("<li><span class=\"level-badge level-national\">全国</span>全国五一劳动奖章<span class=\"count\">（2023年）</span></li>\n"
        + "          <li><span class=\"level-badge level-municipal\">市级</span>市劳动模范<span class=\"count\">（2018年）</span></li>"))
    #expect(showcase.contains("<span class=\"showcase-photo showcase-placeholder\" aria-hidden=\"true\" translate=\"no\">乙</span>"))
    #expect(showcase.contains("<a href=\"/honors/\">查看全部荣誉 ›</a>"))
}

@Test func aTagOnlyHonoreesCarryShowsNoCountOfZero() throws {
    let site = try portalSite("title: 示例工会", honoree("wang.md", "name: 王平\ntags: [劳模]\nhonors:\n  - {title: 劳动模范, year: 2020, level: municipal}")
        + "\n" + article("b.md", "title: 书屋添新书\ndate: 2024-05-01\ntags: [职工书屋]"))
    defer { site.remove() }
    #expect(site.build() == [])
    for page in ["index.html", "tags/index.html"] {
        let html = try #require(site.output(page), "\(page)")
        #expect(html.contains("rel=\"tag\">劳模</a>"), "\(page)")
        #expect(!html.contains("<span class=\"count\">0</span>"), "\(page)")
        // A tag of articles keeps its number.
        #expect(html.contains("rel=\"tag\">职工书屋 <span class=\"count\">1</span></a>"), "\(page)")
    }
}
