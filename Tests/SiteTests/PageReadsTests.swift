import Testing
import Template
@testable import Site

/// Which templates read a column's count, as `PageReads` records it: every way of reaching the
/// count or the whole column must be noted, or a page showing it would keep an old count.
@Test(arguments: [
    ("{{ site.columns[0].name }}{{ site.columns[1].url }}{{ site.columns[0].slug }}", false),
    ("{% for c in site.columns limit: 8 %}{{ c.name }}{% if c.url == '/x/' %}!{% endif %}{% endfor %}", false),
    ("{{ site.columns.size }}{{ site.columns.first.name }}{{ site.columns[0].size }}", false),
    ("{% for c in site.columns %}{{ c.count }}{% endfor %}", true),
    ("{{ site.columns | map: 'count' | join: ',' }}", true),
    ("{{ site.columns | sort: 'count' | map: 'name' | join: ',' }}", true),
    ("{{ site.columns | where: 'count', 2 | size }}", true),
    ("{{ site.columns[0] }}", true),
    ("{{ site.columns }}", true),
    ("{{ site | json }}", true),
    ("{% if site.columns[0] == site.columns[1] %}same{% endif %}", true),
    ("{% assign k = 'co' | append: 'unt' %}{{ site.columns[0][k] }}", true),
])
func columnCountReadsAreNoted(template: String, reads: Bool) throws {
    let site = Site(config: SiteConfig(), articles: [], pages: [],
                    columns: [Taxonomy(name: "要闻", slug: "yao-wen", articles: [0, 1]), Taxonomy(name: "动态", slug: "dong-tai", articles: [2])],
                    tags: [], assets: [], columnOfArticle: [], tagsOfArticle: [])
    let engine = Engine(source: DictionarySource(["t.html": template]))
    let values = ValueBuilder(site: site)
    let siteValue = values.siteValue(buildYear: 2026)
    let (text, noted) = try PageReads.recording { () throws(TemplateError) in
        try engine.render(named: "t.html", ["site": siteValue])
    }
    #expect(noted.columnCounts == reads, "\(template) → \(text)")
    // The columns print as the plain objects they stand for would.
    guard case .object(var plain) = siteValue else { Issue.record("site is not an object"); return }
    plain["columns"] = .array(site.columns.map { values.taxonomy($0, path: values.columnPath($0)) })
    #expect(try engine.render(named: "t.html", ["site": .object(plain)]) == text)
}
