import Foundation
import Testing
@testable import Site
import TestSupport

/// An honoree file with the given front matter lines.
func honoree(_ file: String, _ frontMatter: String, body: String = "事迹。") -> String {
    "-- content/honorees/\(file) --\n---\n\(frontMatter)\n---\n\(body)\n"
}

/// Templates for the honor pages that print what the tests check.
let honorTemplates = """
-- templates/honors.html --
{% for h in honors %}{{ h.name }}({{ h.count }},{{ h.level_label }});{% endfor %}|{% for y in years %}{{ y.year }}:{{ y.count }};{% endfor %}|undated:{% for r in undated %}{{ r.honoree.name }}/{{ r.honor.name }};{% endfor %}|{% for l in levels %}{{ l.label }}={{ l.count }};{% endfor %}|{{ totals.people }}+{{ totals.collectives }}
-- templates/honor.html --
{{ honor.name }}:{% for r in honor.recipients %}{{ r.honoree.name }}[{{ r.year_label }},{{ r.honoree.type_label }}];{% endfor %}
-- templates/honor_year.html --
{{ year.year }}:{% for r in year.records %}{{ r.honoree.name }}/{{ r.honor.name }};{% endfor %}
-- templates/honoree.html --
{{ page.name }}|{{ page.type_label }}|{% for h in page.honors %}{{ h.title }}@{{ h.year_label }}/{{ h.level_label }};{% endfor %}|{% for a in page.articles %}{{ a.title }};{% endfor %}|{{ page.content }}
"""

@Test func honorsAreGroupedByTitleYearAndLevelWithUndatedLast() throws {
    let site = try TestSite(honorTemplates + "\n" + [
        honoree("a.md", "name: 王大明\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national\n  - title: 江阴工匠\n    level: 县"),
        honoree("b.md", "姓名： 李小红\n荣誉：\n  - 称号： 全国劳动模范\n    年份： 2020\n    级别： 全国"),
        honoree("c.md", "name: 宇特光电生产部\nkind: 集体\nhonors:\n  - title: 全國勞動模範\n    level: 国家级"),
        honoree("d.md", "name: 张三丰\nhonors:\n  - title: 江阴工匠\n    year: 2016\n    level: county"),
    ].joined(separator: "\n"))
    defer { site.remove() }
    #expect(site.build() == [])
    let roll = try #require(site.output("honors/index.html"))
    #expect(roll.contains("全国劳动模范(3,全国);江阴工匠(2,县级);"))
    #expect(roll.contains("|2020:1;2016:1;2015:1;|"))
    #expect(roll.contains("undated:宇特光电生产部/全国劳动模范;王大明/江阴工匠;"))
    #expect(roll.contains("全国=3;县级=2;"))
    #expect(roll.hasSuffix("3+1\n") || roll.hasSuffix("3+1"))
    // Newest year first, no year last; person and collective told apart.
    #expect(site.output("honors/quan-guo-lao-dong-mo-fan/index.html")?.contains("全国劳动模范:李小红[2020,个人];王大明[2015,个人];宇特光电生产部[年份不详,集体];") == true)
    #expect(site.output("honors/years/2016/index.html")?.contains("2016:张三丰/江阴工匠;") == true)
    #expect(site.output("honorees/wang-da-ming/index.html")?.contains("全国劳动模范@2015/全国;江阴工匠@年份不详/县级;") == true)
}

@Test(arguments: [("全国", true), ("省级", true), ("市", true), ("区级", true), ("provincial", true), ("national", true), ("乡镇", false), ("world", false)])
func levelAliases(level: String, accepted: Bool) throws {
    let site = try TestSite(honorTemplates + "\n" + honoree("a.md", "name: 王大明\nhonors:\n  - title: 奖\n    level: \(level)"))
    defer { site.remove() }
    let errors = site.build()
    if accepted {
        #expect(errors == [])
    } else {
        #expect(errors.map(\.summary) == ["content/honorees/a.md:5:12: unknown `level` `\(level)`: expected national, provincial, municipal or county (or 全国, 省, 市, 县)"])
    }
}

@Test func anHonoreeNeedsANameAndAnHonor() throws {
    let site = try TestSite(honorTemplates + "\n" + honoree("a.md", "kind: person"))
    defer { site.remove() }
    let messages = site.build().map(\.message)
    #expect(messages.contains { $0.hasPrefix("missing `name`") })
    #expect(messages.contains { $0.hasPrefix("missing `honors`") })
}

@Test func articlesLinkTheFirstMentionAndProfilesListTheArticlesNewestFirst() throws {
    // As written: a Traditional spelling in a Simplified text is a mention too (the standard
    // setting would have made it Simplified first).
    let site = try TestSite("-- site.yml --\nscript: as-written\n" + honorTemplates + "\n" + [
        honoree("chen.md", "name: 陈一文\naka: [小陈]\nhonors:\n  - title: 全国五一劳动奖章\n    level: national"),
        article("old.md", "title: 旧闻\ndate: 2020-01-01", body: "骑手陳一文说，陈一文很忙。"),
        article("new.md", "title: 新闻\ndate: 2021-01-01", body: "## 陈一文\n\n`陈一文` 和 [陈一文](https://example.org) 都不链接。小陈来了。"),
    ].joined(separator: "\n"))
    defer { site.remove() }
    #expect(site.build() == [])
    let old = try #require(site.output("news/jiu-wen/index.html"))
    #expect(old.contains("骑手<a href=\"/honorees/chen-yi-wen/\">陳一文</a>说，陈一文很忙。"))
    let new = try #require(site.output("news/xin-wen/index.html"))
    #expect(new.contains("<code>陈一文</code>"))
    #expect(new.contains("<a href=\"https://example.org\">陈一文</a>"))
    #expect(new.contains("<a href=\"/honorees/chen-yi-wen/\">小陈</a>来了"))
    #expect(!new.contains("id=\"陈一文\"><a"))
    #expect(site.output("honorees/chen-yi-wen/index.html")?.contains("|新闻;旧闻;|") == true)
}

/// The matcher on its own: names → honoree index.
func mentions(_ text: String, _ names: [String]) -> [String] {
    let m = MentionMatcher(names: names.enumerated().map { ($1, $0) })
    return m.matches(in: text).map { String(text[$0.range]) }
}

@Test func twoCharacterNamesNeedNameBoundaries() {
    #expect(mentions("王平说，大家好", ["王平"]) == ["王平"])
    #expect(mentions("王平安排了工作", ["王平"]) == [])           // part of 王平安
    #expect(mentions("张王平来了", ["王平"]) == [])               // part of 张王平
    #expect(mentions("主席王平和大家", ["王平"]) == ["王平"])     // after a role, before 和
    #expect(mentions("（王平）", ["王平"]) == ["王平"])           // punctuation on both sides
}

@Test func longerNamesWinAndDoNotOverlap() {
    #expect(mentions("陈一文说", ["陈一", "陈一文"]) == ["陈一文"])
    #expect(mentions("宇特光电生产部荣获称号", ["宇特光电", "宇特光电生产部"]) == ["宇特光电生产部"])
}

@Test func threeCharacterNamesMatchInsideRunningText() {
    #expect(mentions("赣州澎格科技网络有限公司骑手陈一文说", ["陈一文"]) == ["陈一文"])
}

@Test func traditionalAndSimplifiedMatchAlike() {
    #expect(mentions("騎手陳一文說", ["陈一文"]) == ["陳一文"])
    #expect(mentions("骑手陈一文说", ["陳一文"]) == ["陈一文"])
}

@Test func latinNamesMatchWholeWordsOnly() {
    #expect(mentions("Team ABC won; ABCD did not", ["ABC"]) == ["ABC"])
}

@Test func aTagOnlyHonoreesCarryGetsAURLOfItsOwnEvenWhenItsSlugIsTaken() throws {
    let site = try TestSite(honorTemplates + "\n" + [
        article("a.md", "title: 一篇\ndate: 2020-01-01\ntags: [lao mo]"),
        honoree("a.md", "name: 王大明\ntags: [劳模]\nhonors:\n  - title: 全国劳动模范\n    level: national"),
    ].joined(separator: "\n"))
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("tags/lao-mo/index.html")?.contains("lao mo:[一篇]") == true)
    #expect(site.output("tags/lao-mo-2/index.html")?.contains("劳模:p1/1") == true)
}
