import Foundation

/// The Atom feed (`feed.xml`), written in code rather than a template so it is well-formed
/// XML whatever the content holds (the sitemap is in `Sitemap.swift`).
extension SiteBuilder {
    static let feedSize = 20

    /// The feed of `site`; with the mirror's values (and the site converted), the mirror's.
    func atomFeed(_ site: Site, values: ValueBuilder) -> String {
        let c = site.config
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(xmlEscape(values.language))\">\n"
        x += "  <title>\(xmlEscape(c.title))</title>\n"
        if !c.description.isEmpty { x += "  <subtitle>\(xmlEscape(c.description))</subtitle>\n" }
        x += "  <id>\(xmlEscape(values.permalink("")))</id>\n"
        x += "  <link href=\"\(xmlEscape(values.permalink("")))\"/>\n"
        x += "  <link rel=\"self\" href=\"\(xmlEscape(values.permalink("feed.xml")))\"/>\n"
        // Newest first by date: a pinned article leads the lists, not the feed.
        let newest = (site.byDate.isEmpty ? Array(site.articles.indices) : site.byDate).prefix(Self.feedSize)
        let updated = newest.first.map { values.iso8601(site.articles[$0].date) } ?? CivilTime(Date(timeIntervalSince1970: 0), timeZone: c.timeZone).rfc3339
        x += "  <updated>\(updated)</updated>\n"
        x += "  <generator>unionsite</generator>\n"
        for i in newest {
            let a = site.articles[i]
            let link = values.permalink(values.articlePath(a))
            x += "  <entry>\n"
            x += "    <title>\(xmlEscape(a.title))</title>\n"
            x += "    <link href=\"\(xmlEscape(link))\"/>\n"
            x += "    <id>\(xmlEscape(link))</id>\n"
            x += "    <published>\(values.iso8601(a.date))</published>\n"
            x += "    <updated>\(values.iso8601(a.lastModified))</updated>\n"
            let authors = a.authors.isEmpty ? [a.source.isEmpty ? c.title : a.source] : a.authors
            for name in authors { x += "    <author><name>\(xmlEscape(name))</name></author>\n" }
            if let col = site.columnOfArticle[i] { x += "    <category term=\"\(xmlEscape(site.columns[col].name))\"/>\n" }
            for t in site.tagsOfArticle[i] { x += "    <category term=\"\(xmlEscape(site.tags[t].name))\"/>\n" }
            x += "    <summary>\(xmlEscape(a.summary))</summary>\n"
            x += "    <content type=\"html\">\(xmlEscape(String(decoding: a.htmlUTF8, as: UTF8.self)))</content>\n"
            x += "  </entry>\n"
        }
        x += "</feed>\n"
        return x
    }
}

/// Whether UTF-8 text is left as it is by `xmlEscape`. Bytes that may need work: ASCII
/// controls, DEL and the five specials, 0xC2 (leads C1 controls) and 0xEF (leads U+FFFE and
/// U+FFFF). Over a buffer: through String's UTF8View this was a large part of making the sitemap.
func needsNoXMLEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for b in bytes {
        let ok = b >= 0x20 ? (b != 0x26 && b != 0x3C && b != 0x3E && b != 0x22 && b != 0x27 && b != 0x7F && b != 0xC2 && b != 0xEF)
                           : (b == 0x09 || b == 0x0A || b == 0x0D)
        if !ok { return false }
    }
    return true
}

/// Escapes text for XML content and attributes, and drops characters XML 1.0 forbids
/// (C0 controls other than tab and line breaks, U+FFFE, U+FFFF) so the feed stays
/// well-formed whatever an editor pasted.
func xmlEscape(_ s: String) -> String {
    // Most text needs nothing: one pass over the bytes says so.
    let clean = s.utf8.withContiguousStorageIfAvailable(needsNoXMLEscape) ?? Array(s.utf8).withUnsafeBufferPointer(needsNoXMLEscape)
    if clean { return s }
    // On bytes, copying runs that need nothing at once: by unicode scalars with String appends
    // every character of every article body in the feed cost an append of its own.
    let bytes = Array(s.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    var run = 0, i = 0
    func replace(_ length: Int, with entity: StaticString) {
        out += bytes[run..<i]
        entity.withUTF8Buffer { out += $0 }
        i += length
        run = i
    }
    while i < bytes.count {
        switch bytes[i] {
        case 0x26: replace(1, with: "&amp;")
        case 0x3C: replace(1, with: "&lt;")
        case 0x3E: replace(1, with: "&gt;")
        case 0x22: replace(1, with: "&quot;")
        case 0x27: replace(1, with: "&apos;")
        case 0x09, 0x0A, 0x0D: i += 1
        case 0..<0x20, 0x7F: replace(1, with: "")
        // U+0080–U+0084 and U+0086–U+009F (C1 controls other than NEL).
        case 0xC2 where i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1]) && bytes[i + 1] != 0x85: replace(2, with: "")
        // U+FFFE and U+FFFF.
        case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF): replace(3, with: "")
        default: i += 1
        }
    }
    out += bytes[run...]
    return String(decoding: out, as: UTF8.self)
}
