import Foundation

/// The sitemap (`sitemap.xml`), written in code rather than a template so it is well-formed
/// XML whatever the content holds.
extension SiteBuilder {
    /// The sitemap, as bytes: one line per page, and by String interpolation each cost ~10,000
    /// instructions (a tenth of a second, serial, at 10,000 articles).
    func sitemap(_ site: Site, values: ValueBuilder) -> [UInt8] {
        var x: [UInt8] = []
        x.reserveCapacity(128 * (site.articles.count + site.tags.count + site.honorees.count + 64))
        x += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".utf8
        // Escaping works character by character, so the site's origin is escaped once.
        let origin = Array(xmlEscape(values.permalink("")).utf8)
        func add(_ path: String, _ date: Date?) {
            x += "  <url><loc>".utf8
            x += origin
            var path = path
            path.withUTF8 { bytes in
                if needsNoXMLEscape(bytes) { x.append(contentsOf: bytes) } else { x += xmlEscape(String(decoding: bytes, as: UTF8.self)).utf8 }
            }
            x += "</loc>".utf8
            if let date {
                x += "<lastmod>".utf8
                CivilTime(date, timeZone: site.config.timeZone).appendYMD(to: &x)
                x += "</lastmod>".utf8
            }
            x += "</url>\n".utf8
        }
        add("", site.articles.first?.date)
        // By index: `for a in site.articles` copied every article (a retain per field) to read two.
        for i in site.articles.indices { add(ValueBuilder.articlePath(slug: site.articles[i].slug), site.articles[i].date) }
        for i in site.pages.indices { add(values.pagePath(site.pages[i]), site.pages[i].date) }
        for c in site.columns { add(values.columnPath(c), c.articles.first.map { site.articles[$0].date }) }
        add("tags/", nil)
        for t in site.tags { add(values.tagPath(t), t.articles.first.map { site.articles[$0].date }) }
        if !site.honorees.isEmpty {
            add("honors/", nil)
            for g in site.roll.honors { add(values.honorPath(g), nil) }
            for y in site.roll.years { add(values.yearPath(y.year), nil) }
            for i in site.honorees.indices { add(values.honoreePath(site.honorees[i]), nil) }
        }
        x += "</urlset>\n".utf8
        return x
    }
}
