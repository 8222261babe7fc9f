import Foundation

extension SearchIndex {
    /// The documents of a site, in the index's order of recency: articles newest first, then
    /// honorees, then standalone pages.
    static func documents(_ site: Site, values: ValueBuilder) -> [SearchDocument] {
        let timeZone = site.config.timeZone
        let articles = site.articles.indices.map { i in
            let a = site.articles[i]
            return SearchDocument(url: values.url(a.path), title: a.title, kind: "article", date: day(a.date, timeZone),
                                  summary: a.summary, body: a.plainTextUTF8)
        }
        let honorees = concurrentMap(site.honorees) { h in
            // What a reader looks a person up by: names, unit, position, region and honors.
            var lines = h.aka + [h.unit, h.position, h.region]
            lines += h.honors.map { honor in honor.year.map { "\($0)年\(honor.title)" } ?? honor.title }
            let body = Array(lines.filter { !$0.isEmpty }.joined(separator: "\n").utf8) + [0x0A] + visibleText(h.htmlUTF8)
            return SearchDocument(url: values.url(values.honoreePath(h)), title: h.name, kind: "honoree", date: nil,
                                  summary: h.summary, body: body)
        }
        let pages = site.pages.map { p in
            SearchDocument(url: values.url(p.path), title: p.title, kind: "page", date: p.date.map { day($0, timeZone) },
                           summary: p.summary, body: visibleText(p.htmlUTF8))
        }
        return articles + honorees + pages
    }

    private static func day(_ date: Date, _ timeZone: TimeZone) -> String {
        let t = CivilTime(date, timeZone: timeZone)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(t.year)-\(two(t.month))-\(two(t.day))"
    }
}

/// The text of rendered HTML as a reader sees it: tags removed (a block element's start or end
/// as a line break, so that the words of two paragraphs do not run together), the entities the
/// renderer writes and numeric references decoded.
func visibleText(_ html: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(html.count)
    var i = 0
    while i < html.count {
        let b = html[i]
        if b == UInt8(ascii: "<") {
            guard let close = html[i...].firstIndex(of: UInt8(ascii: ">")) else { break }
            var n = i + 1
            if n < close, html[n] == UInt8(ascii: "/") { n += 1 }
            let name = String(decoding: html[n ..< close].prefix { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x31 && $0 <= 0x36) }, as: UTF8.self)
            if blockElements.contains(name.lowercased()), out.last != 0x0A { out.append(0x0A) }
            i = close + 1
        } else if b == UInt8(ascii: "&"), let semicolon = html[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) {
            let entity = String(decoding: html[(i + 1) ..< semicolon], as: UTF8.self)
            if let text = decodeEntity(entity) {
                out += text.utf8
                i = semicolon + 1
            } else {
                out.append(b)
                i += 1
            }
        } else {
            out.append(b)
            i += 1
        }
    }
    return out
}

/// Elements whose start or end breaks a line: the text on either side is not one run.
private let blockElements: Set<String> = ["p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                                          "pre", "table", "ul", "ol", "dl", "dt", "dd", "figcaption", "br", "hr", "section", "article"]

private func decodeEntity(_ name: String) -> String? {
    switch name {
    case "amp": return "&"
    case "lt": return "<"
    case "gt": return ">"
    case "quot": return "\""
    case "#39", "apos": return "'"
    case "nbsp": return " "
    default:
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
