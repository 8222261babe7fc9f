import Foundation

extension SearchIndex {
    /// The documents of a site, in the index's order of recency: articles newest first, then
    /// honorees, then standalone pages.
    static func documents(_ site: Site, values: ValueBuilder) -> [SearchDocument] {
        let timeZone = site.config.timeZone
        let articles = site.articles.indices.map { i in
            let a = site.articles[i]
            return SearchDocument(url: values.url(a.path), title: a.title, kind: "article", date: day(a.date, timeZone), body: a.plainTextUTF8)
        }
        let honorees = concurrentMap(site.honorees) { h in
            // What a reader looks a person up by: names, unit, position, region and honors.
            var lines = h.aka + [h.unit, h.position, h.region]
            lines += h.honors.map { honor in honor.year.map { "\($0)年\(honor.title)" } ?? honor.title }
            let body = Array(lines.filter { !$0.isEmpty }.joined(separator: "\n").utf8) + [0x0A] + h.plainTextUTF8
            return SearchDocument(url: values.url(values.honoreePath(h)), title: h.name, kind: "honoree", date: nil, body: body)
        }
        let pages = site.pages.filter { !$0.withdrawn }.map { p in
            SearchDocument(url: values.url(p.path), title: p.title, kind: "page", date: p.date.map { day($0, timeZone) }, body: p.plainTextUTF8)
        }
        return articles + honorees + pages
    }

    private static func day(_ date: Date, _ timeZone: TimeZone) -> String {
        let t = CivilTime(date, timeZone: timeZone)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(t.year)-\(two(t.month))-\(two(t.day))"
    }
}
