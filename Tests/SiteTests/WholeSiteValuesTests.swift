import Foundation
import Testing
import Template
@testable import Site
import TestSupport

/// A small site whose 404 page prints every list `site` has.
private func siteWithLists(_ template: String) throws -> TestSite {
    let files = [
        article("a.md", "title: 甲文\ndate: 2024-01-03\ncolumn: 工会动态\ntags: [劳模, 产改]\ncover: a.jpg"),
        article("b.md", "title: 乙文\ndate: 2024-01-02\ncolumn: 工会动态\ntags: [劳模]"),
        article("c.md", "title: 丙文\ndate: 2024-01-01\ncolumn: 劳模风采\ntags: [勞模]"),
        honoree("wang.md", "name: 王大明\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national"),
        honoree("li.md", "name: 李红\nhonors:\n  - title: 江苏工匠\n    year: 2020\n    level: 省"),
        "-- content/pages/about.md --\n---\ntitle: 关于我们\n---\n本会简介。\n",
        "-- data/links.yml --\n# 友情链接\n- name: 中华全国总工会\n  url: https://www.acftu.org/\n- name: 省总工会\n  url: https://example.org/\n",
        "-- data/contact.json --\n{\"phone\": \"0517-1234567\", \"open\": true}\n",
        "-- templates/honors.html --\nroll\n-- templates/honor.html --\nhonor\n-- templates/honor_year.html --\nyear\n-- templates/honoree.html --\n{{ page.name }}",
        "-- templates/404.html --\n" + template,
    ]
    return try TestSite(files.joined(separator: "\n"))
}

@Test func templatesSeeTheWholeSite() throws {
    let site = try siteWithLists("""
    {% for a in site.articles %}{{ a.title }}/{{ a.column.name }};{% endfor %}
    {% for c in site.columns %}{{ c.name }}({{ c.count }}):{% for a in c.articles %}{{ a.title }},{% endfor %} {% endfor %}
    {% for t in site.tags %}{{ t.name }}({{ t.count }}):{{ t.articles.first.title }} {% endfor %}
    {% for h in site.honorees %}{{ h.name }}/{{ h.type_label }} {% endfor %}
    {% for g in site.honors %}{{ g.name }}({{ g.count }}) {% endfor %}
    {% for p in site.pages %}{{ p.title }}={{ p.url }}{% endfor %}
    {% for l in site.data.links %}{{ l.name }}<{{ l.url }}>{% endfor %}|{{ site.data.contact.phone }}|{{ site.data.contact.open }}
    """)
    defer { site.remove() }
    #expect(site.build().isEmpty)
    let lines = try #require(site.output("404.html")).split(separator: "\n").map(String.init)
    #expect(lines == [
        "甲文/工会动态;乙文/工会动态;丙文/劳模风采;",
        "工会动态(2):甲文,乙文, 劳模风采(1):丙文, ",
        "劳模(3):甲文 产改(1):甲文 ",
        "李红/个人 王大明/个人 ",
        "全国劳动模范(1) 江苏工匠(1) ",
        "关于我们=/guan-yu-wo-men/",
        "中华全国总工会<https://www.acftu.org/>省总工会<https://example.org/>|0517-1234567|true",
    ])
}

@Test func theListFiltersThemesUseWorkOnTheSitesLists() throws {
    let site = try siteWithLists("""
    {% assign g = site.articles | group_by: "column.name" %}{% for x in g %}{{ x.name }}={{ x.size }}:{{ x.items | map: "title" | join: "," }} {% endfor %}
    {{ site.articles | where: "column.name", "劳模风采" | map: "title" | join: "," }}
    {{ site.articles | where: "cover" | map: "title" | join: "," }}
    {{ site.articles | sort: "title" | map: "title" | join: "," }}
    {% for a in site.articles offset: 1 limit: 1 %}{{ a.title }}{% endfor %}|{{ site.articles[2].title }}|{{ site.articles[-1].title }}|{{ site.articles | last | map: "title" }}|{{ site.articles.size }}|{{ site.tags | size }}
    """)
    defer { site.remove() }
    #expect(site.build().isEmpty)
    let lines = try #require(site.output("404.html")).split(separator: "\n").map(String.init)
    #expect(lines == [
        "工会动态=2:甲文,乙文 劳模风采=1:丙文 ",
        "丙文",
        "甲文",
        "丙文,乙文,甲文",
        "乙文|丙文|丙文|丙文|3|2",
    ])
}

/// What a template read of the site's values, as the facts `Reads` noted.
private func reads(_ template: String, _ site: Site) throws -> (String, [Fact], SiteFacts) {
    let entities = EntityTable()
    let facts = SiteFacts(site: site, entities: entities)
    let values = ValueBuilder(site: site)
    let lists = SiteValues(values, facts: facts)
    let engine = Engine(source: DictionarySource(["t.html": template]))
    let siteValue = values.siteValue(buildYear: 2026, lists: lists)
    let (text, noted, _) = try Reads.recording { () throws(TemplateError) in
        try engine.render(named: "t.html", ["site": siteValue])
    }
    return (text, Array(noted), facts)
}

private func twoColumns() -> Site {
    var site = Site(config: SiteConfig(), articles: (0..<3).map { Article(file: "content/news/\($0).md", title: "第\($0)篇", date: Date(timeIntervalSince1970: Double(1000 - $0))) },
                    pages: [], columns: [Taxonomy(name: "要闻", slug: "yao-wen", articles: [0, 1]), Taxonomy(name: "动态", slug: "dong-tai", articles: [2])],
                    tags: [], assets: [], columnOfArticle: [0, 0, 1], tagsOfArticle: [[], [], []])
    site.roll.mentionedIn = []
    for i in site.articles.indices { site.articles[i].slug = "di-\(i)-pian"; site.articles[i].path = "news/di-\(i)-pian/" }
    return site
}

/// Which facts each way of reading the site notes: a page that reads a column's name is not
/// rendered again when its count changes, and one that reads its count is.
@Test(arguments: [
    ("{{ site.columns[0].name }}{{ site.columns[1].url }}", ["columns[size]", "columns[0]", "columns[1]", "yao-wen.name", "dong-tai.slug"]),
    ("{% for c in site.columns %}{{ c.count }}{% endfor %}", ["columns[size]", "columns[0]", "columns[1]", "yao-wen.count", "dong-tai.count"]),
    // The first items of a longer list do not depend on its size; of a shorter one, on the place past its end.
    ("{% for a in site.articles limit: 1 %}{{ a.title }}{% endfor %}", ["articles[0]", "0.title"]),
    ("{% for a in site.articles limit: 5 %}{{ a.slug }}{% endfor %}", ["articles[0]", "articles[1]", "articles[2]", "articles[3]", "0.slug", "1.slug", "2.slug"]),
    ("{{ site.articles.size }}", ["articles[size]"]),
    ("{% for a in site.columns[1].articles %}{{ a.url }}{% endfor %}", ["columns[size]", "columns[1]", "dong-tai.articles", "dong-tai.list[size]", "dong-tai.list[0]", "2.url"]),
    ("{{ site.articles | map: 'title' | join: ',' }}", ["articles[size]", "articles[0]", "articles[1]", "articles[2]", "0.title", "1.title", "2.title"]),
    ("{{ site.articles[1] | json }}", ["articles[size]", "articles[1]"] + ArticleField.listed.map { "1.\($0.key)" }),
])
func theFactsAPageReadsAreNoted(template: String, expected: [String]) throws {
    let site = twoColumns()
    let (_, noted, facts) = try reads(template, site)
    func name(_ f: Fact) -> String {
        let e = f.entity
        if e == facts.columnsList { return "columns[\(f.field == 0 ? "size" : String(f.field - 1))]" }
        if e == facts.articlesList { return "articles[\(f.field == 0 ? "size" : String(f.field - 1))]" }
        if let c = facts.columns.firstIndex(of: e) {
            let field = ["name", "slug", "count", "articles", "extra"][f.field]
            return "\(site.columns[c].slug).\(field)"
        }
        if let c = facts.columnLists.firstIndex(of: e) { return "\(site.columns[c].slug).list[\(f.field == 0 ? "size" : String(f.field - 1))]" }
        if let a = facts.articles.firstIndex(of: e) { return "\(a).\(ArticleField(rawValue: f.field)?.key ?? "?")" }
        return "?"
    }
    #expect(Set(noted.map(name)) == Set(expected), "\(template)")
}

/// The drops print as the plain values they stand for.
@Test func dropsPrintAsThePlainValuesTheyStandFor() throws {
    let site = twoColumns()
    let (text, _, _) = try reads("{{ site.columns | map: 'count' | join: ',' }}|{{ site.columns[1].articles | map: 'url' | join: ',' }}|{{ site.columns[1] | json }}", site)
    #expect(text.hasPrefix("2,1|/news/di-2-pian/|{\"name\":\"动态\",\"slug\":\"dong-tai\",\"url\":\"/columns/dong-tai/\",\"count\":1,\"articles\":[{\"kind\":\"article\",\"title\":\"第2篇\",\"url\":\"/news/di-2-pian/\""), "\(text)")
}

@Test func dataFilesThatAreWrongAreLocatedInTheFile() throws {
    let site = try siteWithLists("{{ site.data.links.size }}")
    defer { site.remove() }
    try site.write("-- data/links.yml --\n- name: 全总\n  url: [https://www.acftu.org/\n-- data/notes.txt --\n备忘\n")
    let errors = site.build()
    #expect(errors.map(\.summary) == [
        "data/links.yml:2:8: `[` is never closed: expected `]` to end the list, on this line or on lines indented under it",
        "data/notes.txt: warning: not read: data files are .yml, .yaml or .json files at the top of data/",
    ])
}

/// A date in a data file is a date in the site's time zone, as one in front matter is.
@Test func aDateInADataFileIsInTheSitesTimeZone() throws {
    let site = try siteWithLists("{{ site.data.events.opening }}|{{ site.data.events.opening | date: \"%Y年%-m月%-d日 %H:%M\" }}")
    defer { site.remove() }
    try site.write("-- data/events.yml --\nopening: 2024-05-01 09:30\n")
    #expect(site.build().isEmpty)
    #expect(site.output("404.html") == "2024-05-01T09:30:00+08:00|2024年5月1日 09:30\n")
}
