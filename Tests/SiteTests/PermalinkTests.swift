import Foundation
import Testing
@testable import Site
import TestSupport

/// `permalinks:` in site.yml, an article's `url:`, `aliases:` and the rules for two articles
/// that would share a URL.

@Test func eachTokenOfAnArticlePatternFillsItsPartInTheSitesTimeZone() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 工会
    time_zone: "+08:00"
    permalinks:
      article: /a/:year/:month/:day/:column/:slug/
    \(article("x.md", "title: 甲\ndate: 2024-01-01 00:30\ncolumn: 工会动态\nslug: x"))
    \(article("y.md", "title: 乙\ndate: 2024-03-05\nslug: y"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    // 00:30 at +08:00 is still the last day of 2023 in UTC: the site's zone decides.
    #expect(site.output("a/2024/01/01/gong-hui-dong-tai/x/index.html") != nil)
    // No column: its segment is left out.
    #expect(site.output("a/2024/03/05/y/index.html") != nil)
    #expect(site.output("index.html") == "<title>工会</title>[乙|/a/2024/03/05/y/][甲|/a/2024/01/01/gong-hui-dong-tai/x/]p1/1\n\n")
    #expect(site.output("news/x/index.html") == nil)
}

@Test func pageColumnAndTagPatternsMoveTheirPagesAndTheLinksToThem() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 工会
    permalinks:
      page: /about-us/:slug/
      column: /lanmu/:slug/
      tag: /biaoqian/:slug/
    \(article("x.md", "title: 甲\ndate: 2024-01-01\ncolumn: 动态\ntags: [劳模]\nslug: x"))
    -- content/pages/jian-jie.md --
    ---
    title: 简介
    slug: jian-jie
    ---
    简介正文。
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("about-us/jian-jie/index.html") != nil)
    #expect(site.output("lanmu/dong-tai/index.html") != nil)
    #expect(site.output("biaoqian/lao-mo/index.html") != nil)
    #expect(site.output("tags/index.html") == "<title>全部标签</title>劳模(1)/biaoqian/lao-mo/;\n\n")
    #expect(site.output("news/x/index.html")?.contains("|动态|劳模=/biaoqian/lao-mo/;|") == true)
}

@Test func anArticlesURLOverridesThePatternAsAFolderOrAnHTMLFile() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 工会
    permalinks:
      article: /:year/:slug/
    \(article("old.md", "title: 旧文\ndate: 2024-01-01\nurl: /2019/old-path/"))
    \(article("older.md", "title: 更旧\ndate: 2023-01-01\n网址: /archives/7.html"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("2019/old-path/index.html")?.hasPrefix("<title>旧文</title><h1>旧文</h1>") == true)
    #expect(site.output("archives/7.html")?.hasPrefix("<title>更旧</title><h1>更旧</h1>") == true)
    #expect(site.output("2024/jiu-wen/index.html") == nil)
    #expect(site.output("index.html") == "<title>工会</title>[旧文|/2019/old-path/][更旧|/archives/7.html]p1/1\n\n")
    #expect(site.output("sitemap.xml")?.contains("<loc>http://localhost:8080/archives/7.html</loc>") == true)
}

@Test func eachAliasIsARedirectPageWithoutScriptOutOfTheSitemapAndFeed() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 工会
    base_url: https://gh.example.org/union/
    \(article("a.md", "title: 职工 <书屋>\ndate: 2024-01-01\nslug: shu-wu\naliases: [/old/shu-wu/, /archives/12.html]"))
    -- content/pages/about.md --
    ---
    title: 关于
    slug: about
    旧网址: /guan-yu/
    ---
    简介。
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let page = """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <title>职工 &lt;书屋&gt;</title>
    <meta name="robots" content="noindex">
    <meta http-equiv="refresh" content="0; url=/union/news/shu-wu/">
    <link rel="canonical" href="https://gh.example.org/union/news/shu-wu/">
    </head>
    <body>
    <p><a href="/union/news/shu-wu/">职工 &lt;书屋&gt;</a></p>
    </body>
    </html>

    """
    #expect(site.output("old/shu-wu/index.html") == page)
    #expect(site.output("archives/12.html") == page)
    #expect(site.output("guan-yu/index.html")?.contains("<meta http-equiv=\"refresh\" content=\"0; url=/union/about/\">") == true)
    let sitemap = site.output("sitemap.xml") ?? "", feed = site.output("feed.xml") ?? ""
    #expect(!sitemap.contains("old/") && !sitemap.contains("archives") && !sitemap.contains("guan-yu"))
    #expect(!feed.contains("old/") && !feed.contains("archives"))
    #expect(PageKind.all.contains { $0.name == "redirect" && !$0.inSitemap && !$0.inFeed && $0.template == nil })
}

@Test func jekyllsPermalinkAndRedirectFromAreURLAndAliases() throws {
    let site = try TestSite(article("2019-04-04-spring.md", "title: 春季运动会\npermalink: /sports/spring/\nredirect_from: /2019/04/spring.html"))
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("sports/spring/index.html")?.hasPrefix("<title>春季运动会</title>") == true)
    #expect(site.output("2019/04/spring.html")?.contains("content=\"0; url=/sports/spring/\"") == true)
}

@Test func twoExplicitSlugsCollideOnlyWhenTheirURLsDo() throws {
    let dated = """
    -- site.yml --
    title: 工会
    permalinks:
      article: /:year/:month/:slug/
    """
    let apart = try TestSite(dated + "\n" + article("a.md", "title: 一月例会\ndate: 2024-01-10\nslug: li-hui") + "\n"
        + article("b.md", "title: 二月例会\ndate: 2024-02-10\nslug: li-hui"))
    defer { apart.remove() }
    #expect(apart.build() == [])
    #expect(apart.output("2024/01/li-hui/index.html") != nil && apart.output("2024/02/li-hui/index.html") != nil)

    let together = try TestSite(dated + "\n" + article("a.md", "title: 一月例会\ndate: 2024-01-10\nslug: li-hui") + "\n"
        + article("b.md", "title: 又一次例会\ndate: 2024-01-20\nslug: li-hui"))
    defer { together.remove() }
    #expect(together.build().map(\.summary) == [
        "content/news/a.md:4:7: slug `li-hui` is already used by content/news/b.md:4:7: two articles cannot share a URL; change one `slug:`",
    ])
}

@Test func derivedSlugsGetANumberOnlyWhenTheirURLsWouldBeTheSame() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 工会
    permalinks:
      article: /:year/:month/:slug/
    \(article("a.md", "title: 送温暖\ndate: 2024-01-10"))
    \(article("b.md", "title: 送温暖\ndate: 2024-02-10"))
    \(article("c.md", "title: 送温暖\ndate: 2024-02-20"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("index.html") == "<title>工会</title>[送温暖|/2024/02/song-wen-nuan-2/][送温暖|/2024/02/song-wen-nuan/][送温暖|/2024/01/song-wen-nuan/]p1/1\n\n")
}

@Test func aURLOrAliasAnotherPageHasIsALocatedError() throws {
    let site = try TestSite("""
    \(article("a.md", "title: 甲\ndate: 2024-01-10\nslug: jia"))
    \(article("b.md", "title: 乙\ndate: 2024-01-11\nurl: /news/jia/"))
    \(article("c.md", "title: 丙\ndate: 2024-01-12\nurl: /bing/\naliases: [/about/, /bing/]"))
    -- content/pages/about.md --
    ---
    title: 关于
    slug: about
    ---
    简介。
    """)
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [
        "content/news/a.md:4:7: slug `jia` is already used by content/news/b.md:4:6: two articles cannot share a URL; change one `slug:`",
        "content/news/c.md:5:11: `aliases` `/about/` is already the address of content/pages/about.md: two pages cannot share a URL; change or remove one of them",
        "content/news/c.md:5:20: `aliases` `/bing/` is already the address of content/news/c.md:4:6: two pages cannot share a URL; change or remove one of them",
    ])
}

@Test func anAliasAtALaterPageOfAListIsALocatedError() throws {
    var files = (1...5).map { n in article("a\(n).md", "title: 第\(n)篇\ndate: 2024-01-0\(n)\ncolumn: 要闻\ntags: [劳模]") }
    files.append(article("x.md", "title: 旧址\ndate: 2023-01-01\naliases: [/columns/yao-wen/page/2/, /tags/lao-mo/page/9/, /tags/lao-mo/page/3/]"))
    files.append("-- site.yml --\nper_page: 2")
    let site = try TestSite(files.joined(separator: "\n"))
    defer { site.remove() }
    // Five articles in the column and the tag, two a page: three pages each, no ninth.
    #expect(site.build().map(\.summary) == [
        "content/news/x.md:4:11: `aliases` `/columns/yao-wen/page/2/` is already the address of page 2 of the column `要闻`: two pages cannot share a URL; change or remove one of them",
        "content/news/x.md:4:59: `aliases` `/tags/lao-mo/page/3/` is already the address of page 3 of the tag `劳模`: two pages cannot share a URL; change or remove one of them",
    ])
}

@Test func anArticleWhosePatternGivesAPagesAddressIsALocatedError() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 工会
    permalinks:
      article: /:slug/
    \(article("a.md", "title: 甲\ndate: 2024-01-10\nslug: about"))
    -- content/pages/about.md --
    ---
    title: 关于
    slug: about
    ---
    简介。
    """)
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [
        "content/news/a.md:4:7: its URL `/about/` (from `permalinks:` in site.yml) is already the address of content/pages/about.md: two pages cannot share a URL; change one `slug:` or the pattern",
    ])
}

@Test func twoURLsThatAreTheSameAreALocatedErrorNamingBoth() throws {
    let site = try TestSite(article("a.md", "title: 甲\ndate: 2024-01-10\nurl: /x/") + "\n"
        + article("b.md", "title: 乙\ndate: 2024-01-11\nurl: /x/"))
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [
        "content/news/a.md:4:6: `url` `/x/` is already the address of content/news/b.md:4:6: two pages cannot share a URL; change or remove one of them",
    ])
}

@Test(arguments: [
    ("/news/:slug", "site.yml:3:12: `permalinks.article` `/news/:slug` does not start and end with `/`: expected a path like `/news/:slug/`"),
    ("news/:slug/", "site.yml:3:12: `permalinks.article` `news/:slug/` does not start and end with `/`: expected a path like `/news/:slug/`"),
    ("/:year/:title/", "site.yml:3:12: `permalinks.article` `/:year/:title/` has an unknown token `:title`: expected `:year`, `:month`, `:day`, `:slug` or `:column`"),
    ("/news/:year/", "site.yml:3:12: `permalinks.article` `/news/:year/` has no `:slug`: expected it once in the path, or two articles would share a URL"),
    ("/a/../:slug/", "site.yml:3:12: `permalinks.article` `/a/../:slug/` has `..`, `//`, `?`, `#`, `\\` or a space: expected a path like `/news/:slug/`"),
])
func aWrongArticlePatternIsALocatedErrorAtItsValue(_ pattern: String, _ expected: String) throws {
    let site = try TestSite("-- site.yml --\ntitle: 工会\npermalinks:\n  article: \(pattern)\n" + article("a.md", "title: 甲\ndate: 2024-01-10"))
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [expected])
}

@Test func aTagPatternMayUseOnlyTheSlugAndTheKindsAreKnown() throws {
    let site = try TestSite("-- site.yml --\ntitle: 工会\npermalinks:\n  tag: /t/:year/:slug/\n  artcle: /a/:slug/\n"
        + article("a.md", "title: 甲\ndate: 2024-01-10"))
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [
        "site.yml:3:8: `permalinks.tag` `/t/:year/:slug/` has an unknown token `:year`: expected `:slug`",
        "site.yml:4:3: `permalinks` has no kind `artcle`: expected one of `article`, `page`, `column`, `tag` (did you mean `article`?)",
    ])
}

@Test func permalinksThatAreNotAMapAreALocatedError() throws {
    let site = try TestSite("-- site.yml --\ntitle: 工会\npermalinks: /:slug/\n" + article("a.md", "title: 甲\ndate: 2024-01-10"))
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [
        "site.yml:2:13: `permalinks` must be a map of kinds to URL patterns, e.g. `article: /:year/:month/:slug/`",
    ])
}

@Test(arguments: [
    ("2019/x/", "content/news/a.md:4:6: `url` `2019/x/` does not start with `/`: expected a path under the site like `/2019/old-path/` or `/2019/old-path.html`"),
    ("/a/../b/", "content/news/a.md:4:6: `url` `/a/../b/` has a `.` or `..` segment: expected a path under the site like `/2019/old-path/` or `/2019/old-path.html`"),
    ("/a/b", "content/news/a.md:4:6: `url` `/a/b` does not end with `/` or `.html`: expected a path under the site like `/2019/old-path/` or `/2019/old-path.html`"),
    ("/feed.xml", "content/news/a.md:4:6: `url` `/feed.xml` is the site's own (`/`, `/feed.xml`, `/sitemap.xml`, `/404.html`, `/assets/…`, `/page/…`, `/zh-hant/…`): expected a path under the site like `/2019/old-path/` or `/2019/old-path.html`"),
    ("/a b/", "content/news/a.md:4:6: `url` `/a b/` has `//`, `?`, `#`, `\\` or a space: expected a path under the site like `/2019/old-path/` or `/2019/old-path.html`"),
    ("/zh-hant/a/", "content/news/a.md:4:6: `url` `/zh-hant/a/` is the site's own (`/`, `/feed.xml`, `/sitemap.xml`, `/404.html`, `/assets/…`, `/page/…`, `/zh-hant/…`): expected a path under the site like `/2019/old-path/` or `/2019/old-path.html`"),
    ("/page/2/", "content/news/a.md:4:6: `url` `/page/2/` is the site's own (`/`, `/feed.xml`, `/sitemap.xml`, `/404.html`, `/assets/…`, `/page/…`, `/zh-hant/…`): expected a path under the site like `/2019/old-path/` or `/2019/old-path.html`"),
])
func aWrongURLIsALocatedError(_ url: String, _ expected: String) throws {
    let site = try TestSite(article("a.md", "title: 甲\ndate: 2024-01-10\nurl: \(url)"))
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [expected])
}

@Test func aNewDateMovesADatedArticleAndTheOutputEqualsACleanBuild() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 工会
    permalinks:
      article: /:year/:month/:slug/
    \(article("a.md", "title: 例会\ndate: 2024-01-10\nslug: li-hui\naliases: [/old/li-hui/]"))
    \(article("b.md", "title: 送温暖\ndate: 2024-02-10", body: "见[例会](/2024/01/li-hui/)。"))
    """)
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    try live.rebuild()
    #expect(site.output("2024/01/li-hui/index.html") != nil)
    try saveAndCompare(article("a.md", "title: 例会\ndate: 2024-03-10\nslug: li-hui\naliases: [/old/li-hui/]"), on: site, through: live,
                       "a new month moves the page")
    #expect(site.output("2024/01/li-hui/index.html") == nil)
    #expect(site.output("2024/03/li-hui/index.html") != nil)
    #expect(site.output("old/li-hui/index.html")?.contains("url=/2024/03/li-hui/") == true)
    #expect(site.output("index.html") == "<title>工会</title>[例会|/2024/03/li-hui/][送温暖|/2024/02/song-wen-nuan/]p1/1\n\n")
    try saveAndCompare(article("a.md", "title: 例会\ndate: 2024-03-10\nslug: li-hui"), on: site, through: live, "the alias is gone")
    #expect(site.output("old/li-hui/index.html") == nil)
    try saveAndCompare("-- site.yml --\ntitle: 工会\n", on: site, through: live, "back to the default pattern")
    #expect(site.output("news/li-hui/index.html") != nil && site.output("2024/03/li-hui/index.html") == nil)
}
