import Testing
@testable import Site
import TestSupport

/// An article file with its whole text (front matter in any format, then the body).
private func file(_ path: String, _ text: String) -> String {
    "-- content/news/\(path) --\n\(text)\n"
}

@Test func articlesInTOMLJSONAndOtherGeneratorsYAMLBuild() throws {
    let site = try TestSite("""
    \(file("toml.md", "+++\n标题 = \"工会送清凉\"\ndate = 2023-07-01T09:30:00+08:00\ntags = [\"防暑\",\n  \"一线职工\",\n]\nslug = \"toml\"\n+++\n清凉到一线。"))
    \(file("json.md", "{\n  \"title\": \"职工书屋开放\",\n  \"date\": \"2023-08-01 10:00\",\n  \"tags\": [\"阅读\"],\n  \"slug\": \"json\"\n}\n书香满园。"))
    \(article("case.md", "Title: 劳模风采\nDATE: 2023-09-01\nTags: [劳模]\nslug: case"))
    \(article("quoted.md", "title: \"劳模事迹\n  巡回报告\"\ndate: 2023-09-02\nslug: quoted"))
    \(article("alias.md", "title: 技能比武\ndate: 2023-09-03\nkeywords: &t [技能, 比武]\ntags: *t\nslug: alias"))
    \(article("draft-off.md", "title: 已发布\ndate: 2023-09-04\ndraft: off\nslug: draft-off"))
    \(article("draft-on.md", "title: 草稿\ndate: 2023-09-05\ndraft: On\nslug: draft-on"))
    \(article("offset.md", "title: 带时区\ndate: 2018-03-01 10:20:00 +0800\nslug: offset"))
    \(article("offset-t.md", "title: 带时区T\ndate: 2018-03-01T10:20:00+0800\nslug: offset-t"))
    \(article("offset-day.md", "title: 只有日期\ndate: 2018-03-01 +0800\nslug: offset-day"))
    \(article("short.md", "title: 短日期\ndate: 2019-2-6\nslug: short"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    func page(_ slug: String) -> String { site.output("news/\(slug)/index.html") ?? "" }
    #expect(page("toml").contains("<h1>工会送清凉</h1>2023-07-01 09:30||一线职工=/tags/yi-xian-zhi-gong/;防暑=/tags/fang-shu/;|"))
    #expect(page("toml").contains("<p>清凉到一线。</p>"))
    #expect(page("json").contains("<h1>职工书屋开放</h1>2023-08-01 10:00||阅读=/tags/yue-du/;|"))
    #expect(page("json").contains("<p>书香满园。</p>"))
    #expect(page("case").contains("<h1>劳模风采</h1>2023-09-01 00:00||劳模=/tags/lao-mo/;|"))
    #expect(page("quoted").contains("<h1>劳模事迹巡回报告</h1>2023-09-02 00:00|||"))
    #expect(page("alias").contains("<h1>技能比武</h1>2023-09-03 00:00||技能=/tags/ji-neng/;比武=/tags/bi-wu/;|"))
    #expect(page("draft-off").contains("<h1>已发布</h1>"))
    #expect(!site.exists("public/news/draft-on/index.html"))
    #expect(page("offset").contains("<h1>带时区</h1>2018-03-01 10:20|"))
    #expect(page("offset-t").contains("<h1>带时区T</h1>2018-03-01 10:20|"))
    #expect(page("offset-day").contains("<h1>只有日期</h1>2018-03-01 00:00|"))
    #expect(page("short").contains("<h1>短日期</h1>2019-02-06 00:00|"))
}

@Test func badTOMLAndJSONFrontMatterAreLocatedErrors() throws {
    let site = try TestSite("""
    \(file("toml.md", "+++\ntitle = 工会送清凉\n+++\n正文。"))
    \(file("json.md", "{\n  \"title\": \"x\",\n正文。"))
    \(file("plus.md", "+++\ntitle = \"x\"\n正文。"))
    """)
    defer { site.remove() }
    let errors = site.build().map(\.summary)
    #expect(errors.contains { $0.contains("content/news/toml.md:2:9: `工会送清凉` is not a TOML value for `title`: expected text in quotes (`\"…\"`), a number, true or false, a date, `[` or `{`") })
    #expect(errors.contains { $0.contains("content/news/json.md:1:1: front matter starts here but never ends: expected a `}` that closes this `{`") })
    #expect(errors.contains { $0.contains("content/news/plus.md:1:1: front matter starts here but never ends: expected a line `+++` after it") })
}

@Test func anHonoreeWrittenInTOMLWithArraysOfTables() throws {
    let site = try TestSite(honorTemplates + "\n" + """
    -- content/honorees/wang.md --
    +++
    姓名 = "王大明"
    slug = "wang"

    [[honors]]
    称号 = "全国劳动模范"
    年份 = 2015
    级别 = "全国"

    [[honors]]
    title = "江阴工匠"
    level = "county"
    +++
    事迹。
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("honorees/wang/index.html")?.contains("王大明|个人|全国劳动模范@2015/全国;江阴工匠@年份不详/县级;") == true)
}
