import Foundation
import Testing
@testable import Site
import TestSupport

// Content written for Hugo or Jekyll: their keys mapped to ours, every other key handed to
// templates as `params`, the date in a Jekyll file name, and Hugo's `_index.md`.

/// An article template printing what these tests check, one field a line.
private let articleTemplate = """
-- templates/article.html --
slug={{ page.slug }}
date={{ page.date }}
updated={{ page.updated }}
column={{ page.column.name }}
tags={% for t in page.tags %}{{ t.name }};{% endfor %}
summary={{ page.summary }}
authors={{ page.authors | join: "," }}
params={{ page.params | json }}
"""

/// Builds the files over the test templates (and `articleTemplate`); the site and its warnings.
private func built(_ files: String) throws -> (TestSite, [String]) {
    let site = try TestSite(articleTemplate + "\n" + files)
    let report = try site.builder().build()
    return (site, report.warnings.map(\.summary))
}

/// The lines of an article page that start with `prefix=`, without it.
private func field(_ site: TestSite, _ slug: String, _ name: String) -> String? {
    site.output("news/\(slug)/index.html")?.split(separator: "\n").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
}

@Test func descriptionIsTheSummaryUnlessSummaryIsGiven() throws {
    let (site, warnings) = try built(
        article("a.md", "title: 甲\ndate: 2024-03-01\nslug: a\ndescription: 职工书屋开放") + "\n"
        + article("b.md", "title: 乙\ndate: 2024-03-02\nslug: b\ndescription: 不用这句\n摘要: 用这句"))
    defer { site.remove() }
    #expect(warnings == [])
    #expect(field(site, "a", "summary") == "职工书屋开放")
    #expect(field(site, "b", "summary") == "用这句")
}

@Test func categoriesGiveTheColumnWhenNoneIsGivenAndTheRestBecomeTags() throws {
    let (site, warnings) = try built(
        article("a.md", "title: 甲\ndate: 2024-03-01\nslug: a\ntags: [劳模, 女工]\ncategories: [工会动态, 女工, 基层]") + "\n"
        + article("b.md", "title: 乙\ndate: 2024-03-02\nslug: b\ncolumn: 要闻\ntags: [劳模]\ncategories: [工会动态, 基层]") + "\n"
        + article("c.md", "title: 丙\ndate: 2024-03-03\nslug: c\ncategories: 工会动态"))
    defer { site.remove() }
    #expect(warnings == [])
    #expect(field(site, "a", "column") == "工会动态")
    #expect(field(site, "b", "column") == "要闻")
    #expect(field(site, "c", "column") == "工会动态")
    #expect(field(site, "c", "tags") == "")
    // Pages list tags most used first; the article's own order is its tags, then the categories.
    #expect(readTags("tags: [劳模, 女工]\ncategories: [工会动态, 女工, 基层]") == ["劳模", "女工", "基层"])
    #expect(readTags("column: 要闻\ntags: [劳模]\ncategories: [工会动态, 基层, 劳模]") == ["劳模", "工会动态", "基层"])
}

@Test func jekyllsSingularCategoryIsACategory() throws {
    let (site, warnings) = try built(article("a.md", "title: 甲\ndate: 2024-03-01\nslug: a\ncategory: 众说"))
    defer { site.remove() }
    #expect(warnings == [])
    #expect(field(site, "a", "column") == "众说")
}

/// The tags of an article with these front matter lines (and a title and date).
private func readTags(_ lines: String) -> [String]? {
    let builder = SiteBuilder(root: URL(fileURLWithPath: "/nonexistent"))
    let text = "---\ntitle: 甲\ndate: 2024-03-01\n\(lines)\n---\n正文。\n"
    return builder.readArticle(text: text, file: "content/news/a.md", config: SiteConfig(), basePath: "/").0?.tags
}

@Test func authorsIsTheAuthorAndGivingBothIsAnError() throws {
    let (site, _) = try built(article("a.md", "title: 甲\ndate: 2024-03-01\nslug: a\nauthors: [李文, 赵清]"))
    defer { site.remove() }
    #expect(field(site, "a", "authors") == "李文,赵清")
    try site.write(article("b.md", "title: 乙\ndate: 2024-03-02\nauthor: 李文\nauthors: [赵清]"))
    #expect(site.build().map(\.summary) == ["content/news/b.md:5:1: `authors` on line 5 and `author` on line 4 both set `author`: keep only one"])
}

@Test(arguments: ["lastmod", "updated", "更新时间", "更新時間"])
func eachSpellingOfTheUpdatedDateGivesTheUpdatedDate(_ key: String) throws {
    let (site, warnings) = try built(article("a.md", "title: 甲\ndate: 2024-03-01 09:00\nslug: a\n\(key): 2024-03-05 16:30"))
    defer { site.remove() }
    #expect(warnings == [])
    #expect(field(site, "a", "updated") == "2024-03-05T16:30:00+08:00")
    #expect(field(site, "a", "params") == "{}")
}

@Test func anUpdatedDateBeforeTheDateIsALocatedWarning() throws {
    let (site, warnings) = try built(article("a.md", "title: 甲\ndate: 2024-03-01\nslug: a\nlastmod: 2024-02-20"))
    defer { site.remove() }
    #expect(warnings == ["content/news/a.md:5:10: warning: `lastmod` (2024-02-20) is before `date` (2024-03-01): an article is updated after it is published; check both dates"])
    #expect(field(site, "a", "updated") == "2024-02-20T00:00:00+08:00")
}

@Test func theUpdatedDateIsTheFeedEntrysUpdatedTheThemesModifiedTimeAndAVisibleLine() throws {
    let site = try TestSite(
        article("a.md", "title: 甲\ndate: 2024-03-01 09:00\nslug: a\nlastmod: 2024-03-05 16:30") + "\n"
        + article("b.md", "title: 乙\ndate: 2024-02-01\nslug: b"), withTemplates: false)
    defer { site.remove() }
    #expect(site.build() == [])
    let feed = site.output("feed.xml") ?? ""
    #expect(feed.contains("<published>2024-03-01T09:00:00+08:00</published>\n    <updated>2024-03-05T16:30:00+08:00</updated>"))
    #expect(feed.contains("<published>2024-02-01T00:00:00+08:00</published>\n    <updated>2024-02-01T00:00:00+08:00</updated>"))
    let a = site.output("news/a/index.html") ?? "", b = site.output("news/b/index.html") ?? ""
    #expect(a.contains("<meta property=\"article:modified_time\" content=\"2024-03-05T16:30:00+08:00\">"))
    #expect(a.contains("<span>更新于 <time datetime=\"2024-03-05T16:30:00+08:00\">2024年3月5日 16:30</time></span>"))
    #expect(!b.contains("article:modified_time"))
    #expect(!b.contains("更新于"))
}

@Test func anUpdatedDateEqualToTheDateShowsNoUpdatedLine() throws {
    let site = try TestSite(article("a.md", "title: 甲\ndate: 2024-03-01\nslug: a\nupdated: 2024-03-01"), withTemplates: false)
    defer { site.remove() }
    #expect(site.build() == [])
    let a = site.output("news/a/index.html") ?? ""
    #expect(a.contains("<meta property=\"article:modified_time\" content=\"2024-03-01T00:00:00+08:00\">"))
    #expect(!a.contains("更新于"))
}

@Test func aJekyllFileNameGivesTheDateAndTheSlugWhenTheFrontMatterHasNoDate() throws {
    let (site, warnings) = try built("""
    -- content/news/_posts/2019-04-04-spring-games.md --
    ---
    title: 春季职工运动会
    ---
    正文。
    -- content/news/2019-4-5-empty date.md --
    ---
    title: 空日期
    date: ""
    ---
    正文。
    -- content/news/2019-04-06-named.md --
    ---
    title: 自定地址
    slug: own
    ---
    正文。
    -- content/news/2019-04-07-dated.md --
    ---
    title: 正文日期
    date: 2020-01-02
    ---
    正文。
    """)
    defer { site.remove() }
    #expect(warnings == [])
    #expect(field(site, "spring-games", "date") == "2019-04-04T00:00:00+08:00")
    #expect(field(site, "empty-date", "date") == "2019-04-05T00:00:00+08:00")
    #expect(field(site, "own", "date") == "2019-04-06T00:00:00+08:00")
    // A front-matter date wins, and the name is only a name: the slug comes from the title.
    #expect(field(site, "zheng-wen-ri-qi", "date") == "2020-01-02T00:00:00+08:00")
}

@Test func anArticleWithNoDateAnywhereIsAnErrorThatNamesTheFileNameForm() throws {
    let site = try TestSite(article("notes.md", "title: 甲"))
    defer { site.remove() }
    #expect(site.build().map(\.summary) == ["content/news/notes.md:1:1: missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`, or a file name that starts with it, e.g. `2023-09-01-标题.md`"])
    try site.write(article("notes.md", "title: 甲\ndate: \"\""))
    #expect(site.build().map(\.summary) == ["content/news/notes.md:3:7: missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`, or a file name that starts with it, e.g. `2023-09-01-标题.md`"])
    // Only spaces in quotes is no date either (`Node.isEmptyValue`), as the front matter reader documents.
    try site.write(article("notes.md", "title: 甲\ndate: \"  \""))
    #expect(site.build().map(\.summary) == ["content/news/notes.md:3:7: missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`, or a file name that starts with it, e.g. `2023-09-01-标题.md`"])
}

@Test func aFileNameThatLooksDatedButIsNoDateIsAnErrorOnlyWithoutADate() throws {
    let site = try TestSite(article("2019-13-40-x.md", "title: 甲"))
    defer { site.remove() }
    #expect(site.build().map(\.summary) == ["content/news/2019-13-40-x.md:1:1: the file name starts with `2019-13-40`, which is not a date (month must be 1 to 12, found 13), and there is no `date` (日期): name the file like `2023-09-01-标题.md` or add `date: 2023-09-01`"])
    try site.write(article("2019-13-40-x.md", "title: 甲\ndate: 2020-05-01"))
    #expect(site.build() == [])
    #expect(site.exists("public/news/jia/index.html"))
}

/// Front matter with a key of every YAML type.
private let everyType = """
weight: 12
ratio: 1.5
big: 2e3
toc: true
hidden: false
nothing: ~
empty:
code: "12"
yes_text: 'true'
published_on: 2023-09-01 08:30
keywords: [工会, 12, true]
links:
  home: /
  count: 3
TocLevel: 7
"""

private let everyTypeJSON = #"{"weight":12,"ratio":1.5,"big":2000.0,"toc":true,"hidden":false,"nothing":null,"empty":null,"code":"12","yes_text":"true","published_on":"2023-09-01T08:30:00+08:00","keywords":["工会",12,true],"links":{"home":"/","count":3},"TocLevel":7}"#

@Test func everyOtherKeyReachesTheArticleAsATypedParam() throws {
    let site = try TestSite(articleTemplate + "\n" + article("a.md", "title: 甲\ndate: 2024-03-01\nslug: a\n" + everyType))
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(field(site, "a", "params") == everyTypeJSON)
    try site.write("-- templates/article.html --\n{{ page.params.weight | plus: 1 }}|{{ page.params.ratio | times: 2 }}|{% if page.params.toc %}toc{% endif %}|{% if page.params.nothing == nil %}nil{% endif %}|{{ page.params.published_on | date: \"%Y年%-m月%-d日 %H:%M\" }}|{{ page.params.links.home }}")
    #expect(site.build() == [])
    #expect(site.output("news/a/index.html") == "13|3.0|toc|nil|2023年9月1日 08:30|/\n")
}

@Test func knownKeysAreNotRepeatedInParams() throws {
    let (site, _) = try built(article("a.md", "标题: 甲\ndate: 2024-03-01\nslug: a\ncategories: [x]\ndescription: 说明\nlastmod: 2024-03-02\nweight: 1"))
    defer { site.remove() }
    #expect(field(site, "a", "params") == #"{"weight":1}"#)
}

@Test func everyOtherKeyReachesTheHonoreesProfileAsATypedParam() throws {
    let site = try TestSite(honorTemplates + "\n" + honoree("wang.md", "name: 王大明\nslug: wang\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national\n" + everyType)
        + "\n-- templates/honoree.html --\n{{ page.params | json }}")
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("honorees/wang/index.html") == everyTypeJSON + "\n")
}

@Test func anUnknownKeyWarningSaysWhereTheKeyGoes() throws {
    let (site, warnings) = try built(article("a.md", "title: 甲\ndate: 2024-03-01\nslug: a\nweight: 3"))
    defer { site.remove() }
    #expect(warnings == ["content/news/a.md:5:1: warning: unknown key `weight` (templates get it as `params.weight`)"])
}

/// A column page template printing what an `_index.md` gives it.
private let columnTemplate = """
-- templates/column.html --
{{ column.name }}|{{ column.description }}|{{ column.content }}
"""

@Test func anIndexFileInANewsFolderDescribesTheColumnItNames() throws {
    let (site, warnings) = try built(columnTemplate + "\n"
        + article("dongtai/a.md", "title: 甲\ndate: 2024-03-01\ncolumn: 工会动态") + "\n"
        + article("yaowen/b.md", "title: 乙\ndate: 2024-03-02\ncolumn: yaowen") + "\n"
        + article("c.md", "title: 丙\ndate: 2024-03-03\ncolumn: 工會服務") + "\n"
        + "-- content/news/dongtai/_index.md --\n---\ntitle: 工会动态\ndescription: 基层工会的新闻\n---\n各级工会的**动态**。\n"
        + "-- content/news/yaowen/_index.md --\n---\nweight: 1\n---\n要闻。\n"
        + "-- content/news/fuwu/_index.md --\n---\ntitle: 工会服务\n---\n")
    defer { site.remove() }
    #expect(warnings == ["content/news/yaowen/_index.md:2:1: warning: unknown key `weight` (templates get it as `params.weight`)"])
    #expect(site.output("columns/gong-hui-dong-tai/index.html") == "工会动态|基层工会的新闻|<p>各级工会的<strong>动态</strong>。</p>\n\n")
    #expect(site.output("columns/yaowen/index.html") == "yaowen||<p>要闻。</p>\n\n")
    // Matched with Simplified and Traditional folded, as columns are (c.md, written in
    // Traditional characters, is shown in Simplified ones).
    #expect(site.output("columns/gong-hui-fu-wu/index.html") == "工会服务||\n")
    #expect(!site.exists("public/news/index"))
    #expect(site.output("index.html")?.contains("_index") == false)
}

@Test func anIndexFileThatNamesNoColumnIsSkippedWithOneWarning() throws {
    let (site, warnings) = try built(
        article("a.md", "title: 甲\ndate: 2024-03-01\ncolumn: 要闻") + "\n"
        + "-- content/news/old/_index.md --\n---\ntitle: 旧栏目\n---\n说明。\n"
        + "-- content/news/misc/_index.md --\n说明。\n")
    defer { site.remove() }
    #expect(warnings == [
        "content/news/misc/_index.md:1:1: warning: `_index.md` is skipped: no column is named `misc` (its folder); set its `title:` to the name of a column (an article's `column:`) to describe that column",
        "content/news/old/_index.md:2:8: warning: `_index.md` is skipped: no column is named `旧栏目` (its `title`) or `old` (its folder); set its `title:` to the name of a column (an article's `column:`) to describe that column",
    ])
    #expect(site.output("index.html")?.contains("[甲|/news/jia/]p1/1") == true)
}

@Test func anIndexFileAnywhereElseIsNeverAnArticleAPageOrAProfile() throws {
    let (site, warnings) = try built(
        article("a.md", "title: 甲\ndate: 2024-03-01") + "\n"
        + "-- content/_index.md --\n---\ntitle: 首页\n---\n欢迎。\n"
        + "-- content/news/_index.md --\n---\ntitle: 新闻\n---\n"
        + "-- content/pages/_index.md --\n---\ntitle: 页面\n---\n"
        + honoree("_index.md", "title: 荣誉榜"))
    defer { site.remove() }
    #expect(warnings == [
        "content/_index.md:1:1: warning: `_index.md` in content/ is skipped: it is not an article, a page or an honoree; only an `_index.md` in a folder of news/ counts, as the description of a column",
        "content/honorees/_index.md:1:1: warning: `_index.md` in honorees/ is skipped: it is not an article, a page or an honoree; only an `_index.md` in a folder of news/ counts, as the description of a column",
        "content/news/_index.md:1:1: warning: `_index.md` in news/ is skipped: it is not an article, a page or an honoree; only an `_index.md` in a folder of news/ counts, as the description of a column",
        "content/pages/_index.md:1:1: warning: `_index.md` in pages/ is skipped: it is not an article, a page or an honoree; only an `_index.md` in a folder of news/ counts, as the description of a column",
    ])
    #expect(site.output("index.html")?.contains("[甲|/news/jia/]p1/1") == true)
    #expect(!site.exists("public/shou-ye"))
    #expect(!site.exists("public/ye-mian"))
    #expect(!site.exists("public/honors"))
    #expect(!site.exists("public/honorees"))
}

@Test func jekyllNamesThatGiveOneSlugGetNumberedOldestFirstAndChineseNamesGivePinyin() throws {
    let (site, warnings) = try built(
        "-- content/news/2019-01-01-meeting.md --\n---\ntitle: 一月会议\n---\n正文。\n"
        + "-- content/news/2020-01-01-meeting.md --\n---\ntitle: 次年会议\n---\n正文。\n"
        + "-- content/news/2019-04-08-职工之家.md --\n---\ntitle: 新家落成\n---\n正文。\n")
    defer { site.remove() }
    #expect(warnings == [])
    #expect(field(site, "meeting", "date") == "2019-01-01T00:00:00+08:00")
    #expect(field(site, "meeting-2", "date") == "2020-01-01T00:00:00+08:00")
    #expect(field(site, "zhi-gong-zhi-jia", "date") == "2019-04-08T00:00:00+08:00")
}

@Test func theColumnsIndexFileGivesItsParams() throws {
    let (site, _) = try built("-- templates/column.html --\n{{ column.params | json }}\n"
        + article("a.md", "title: 甲\ndate: 2024-03-01\ncolumn: 要闻") + "\n"
        + "-- content/news/yaowen/_index.md --\n---\ntitle: 要闻\nweight: 2\n---\n")
    defer { site.remove() }
    #expect(site.output("columns/yao-wen/index.html") == #"{"weight":2}"# + "\n")
}

/// Editing, adding and removing a column's `_index.md` in a long-lived build equals a clean build.
@Test func editsOfAColumnsIndexFileEqualACleanBuild() throws {
    let site = try TestSite(article("a.md", "title: 甲\ndate: 2024-03-01\ncolumn: 要闻") + "\n"
        + article("b.md", "title: 乙\ndate: 2024-03-02\ncolumn: 动态"), withTemplates: false)
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let steps: [(String, String)] = [
        ("added", "-- content/news/yaowen/_index.md --\n---\ntitle: 要闻\ndescription: 最重要的消息\n---\n本栏目刊登**要闻**。"),
        ("its text changed", "-- content/news/yaowen/_index.md --\n---\ntitle: 要闻\ndescription: 重要消息\n---\n改过的说明。"),
        ("it names another column", "-- content/news/yaowen/_index.md --\n---\ntitle: 动态\n---\n改过的说明。"),
        ("it names none", "-- content/news/yaowen/_index.md --\n---\ntitle: 旧栏目\n---\n改过的说明。"),
    ]
    for (step, files) in steps {
        try saveAndCompare(files, on: site, through: live, step)
    }
    #expect(site.output("columns/yao-wen/index.html")?.contains("section-description") == false)
    try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/news/yaowen/_index.md"))
    let report = try live.rebuild(changed: ["content/news/yaowen/_index.md"])
    try expectSameAsCleanBuild(site, report, "removed")
}

@Test func aSecondIndexFileForOneColumnIsSkippedWithAWarning() throws {
    let (site, warnings) = try built(columnTemplate + "\n"
        + article("a.md", "title: 甲\ndate: 2024-03-01\ncolumn: 要闻") + "\n"
        + "-- content/news/a/_index.md --\n---\ntitle: 要闻\n---\n第一份。\n"
        + "-- content/news/b/_index.md --\n---\ntitle: 要闻\n---\n第二份。\n")
    defer { site.remove() }
    #expect(warnings == ["content/news/b/_index.md:2:8: warning: `_index.md` is skipped: column `要闻` is already described by content/news/a/_index.md; keep one `_index.md` per column"])
    #expect(site.output("columns/yao-wen/index.html") == "要闻||<p>第一份。</p>\n\n")
}

@Test func anUnknownKeyInsideAnHonorIsStillIgnored() throws {
    let site = try TestSite(honorTemplates + "\n" + honoree("wang.md", "name: 王大明\nslug: wang\nhonors:\n  - title: 全国劳动模范\n    level: national\n    note: 备注")
        + "\n-- templates/honoree.html --\n{{ page.params | json }}")
    defer { site.remove() }
    let report = try site.builder().build()
    #expect(report.warnings.map(\.summary) == ["content/honorees/wang.md:7:5: warning: unknown key `note` in `honors` (it is ignored)"])
    #expect(site.output("honorees/wang/index.html") == "{}\n")
}

@Test func aStandalonePageGetsItsDescriptionUpdatedDateAndParams() throws {
    let (site, warnings) = try built("-- templates/page.html --\n{{ page.summary }}|{{ page.updated }}|{{ page.params | json }}\n"
        + "-- content/pages/about.md --\n---\ntitle: 关于我们\ndescription: 本会简介\nlastmod: 2024-05-01\nmenu: main\n---\n正文。\n")
    defer { site.remove() }
    #expect(warnings == ["content/pages/about.md:5:1: warning: unknown key `menu` (templates get it as `params.menu`)"])
    #expect(site.output("guan-yu-wo-men/index.html") == #"本会简介|2024-05-01T00:00:00+08:00|{"menu":"main"}"# + "\n")
}
