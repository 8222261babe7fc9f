import Foundation

/// The site as the mirror shows it: every text of its content and settings converted, in the
/// same order, with the same slugs and paths, so that the main site's facts (`SiteFacts`) and
/// entities describe it as well. URLs, dates, numbers and ICP record numbers stay as they are.
extension Mirror {
    /// `site` converted. `memo` keeps what earlier builds converted of the articles and honorees
    /// (`TextCache`): most builds convert only what changed.
    func site(_ site: Site, memo: MirrorMemo, search: Bool) -> Site {
        var m = site
        let html = MirrorHTML(mirror: self)
        m.articles = concurrentMap(site.articles) { a in
            var c = a
            let texts = fields([a.title, a.summary, a.source, a.originalTitle, a.coverAlt] + a.authors + a.editors + a.tags, memo: memo)
            (c.title, c.summary, c.source, c.originalTitle, c.coverAlt) = (texts[0], texts[1], texts[2], texts[3], texts[4])
            c.authors = Array(texts[5 ..< 5 + a.authors.count])
            c.editors = Array(texts[5 + a.authors.count ..< 5 + a.authors.count + a.editors.count])
            c.tags = Array(texts.suffix(a.tags.count))
            c.htmlUTF8 = memo.texts.converted(a.htmlUTF8) { a.htmlUTF8.withUnsafeBufferPointer { html.convert($0) } }
            if search { c.plainTextUTF8 = memo.texts.converted(a.plainTextUTF8) { convert(utf8: a.plainTextUTF8) } }
            return c
        }
        m.pages = site.pages.map { p in
            var c = p
            (c.title, c.summary) = (text(p.title), text(p.summary))
            c.htmlUTF8 = p.htmlUTF8.withUnsafeBufferPointer { html.convert($0) }
            if search { c.plainTextUTF8 = convert(utf8: p.plainTextUTF8) }
            return c
        }
        m.columns = site.columns.map { taxonomy($0, html: html) }
        m.tags = site.tags.map { taxonomy($0, html: html) }
        m.honorees = concurrentMap(site.honorees) { h in
            var c = h
            let texts = fields([h.name, h.unit, h.position, h.region] + h.aka + h.tags + h.honors.map(\.title) + [h.summary], memo: memo)
            (c.name, c.unit, c.position, c.region) = (texts[0], texts[1], texts[2], texts[3])
            c.aka = Array(texts[4 ..< 4 + h.aka.count])
            c.tags = Array(texts[4 + h.aka.count ..< 4 + h.aka.count + h.tags.count])
            for k in h.honors.indices { c.honors[k].title = texts[4 + h.aka.count + h.tags.count + k] }
            c.summary = texts[texts.count - 1]
            c.htmlUTF8 = memo.texts.converted(h.htmlUTF8) { h.htmlUTF8.withUnsafeBufferPointer { html.convert($0) } }
            if search { c.plainTextUTF8 = memo.texts.converted(h.plainTextUTF8) { convert(utf8: h.plainTextUTF8) } }
            return c
        }
        for g in m.roll.honors.indices { m.roll.honors[g].title = text(site.roll.honors[g].title) }
        // Honors are found by their titles folded: the converted ones too (an override may make
        // one fold to another key).
        let folder = ScriptFolder()
        for (h, c) in zip(site.honorees, m.honorees) {
            for k in h.honors.indices where c.honors[k].title != h.honors[k].title {
                if let g = site.roll.honorOfKey[folder.key(h.honors[k].title)] { m.roll.honorOfKey[folder.key(c.honors[k].title)] = g }
            }
        }
        let c = site.config
        let texts = converter.convert([c.title, c.description, c.copyright, c.organizer, c.address, c.phone]
            + c.strings.map(\.1) + c.menus.map(\.name))
        (m.config.title, m.config.description, m.config.copyright) = (texts[0], texts[1], texts[2])
        (m.config.organizer, m.config.address, m.config.phone) = (texts[3], texts[4], texts[5])
        m.config.strings = zip(c.strings, texts[6 ..< 6 + c.strings.count]).map { ($0.0.0, $0.1) }
        m.config.menus = zip(c.menus, texts.suffix(c.menus.count)).map { ($0.1, $0.0.url) }
        return m
    }

    /// The fields of one article or honoree converted, as one text of `memo.texts`: joined by
    /// U+0001, which ends any phrase and OpenCC keeps.
    private func fields(_ fields: [String], memo: MirrorMemo) -> [String] {
        let joined = Array(fields.joined(separator: "\u{1}").utf8)
        let converted = memo.texts.converted(joined) { convert(utf8: joined) }
        let parts = converted.split(separator: 1, omittingEmptySubsequences: false)
        guard parts.count == fields.count else { return fields }
        return parts.map { String(decoding: $0, as: UTF8.self) }
    }

    private func taxonomy(_ t: Taxonomy, html: MirrorHTML) -> Taxonomy {
        var c = t
        c.name = text(t.name)
        if var index = t.index {
            index.title = index.title.map(text)
            index.description = text(index.description)
            index.htmlUTF8 = index.htmlUTF8.withUnsafeBufferPointer { html.convert($0) }
            c.index = index
        }
        return c
    }

    /// UTF-8 text converted.
    func convert(utf8 bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { converter.convert(utf8: [$0])[0] } ?? bytes
    }
}

/// What the mirror converted of the site's articles and honorees (`texts`, kept between builds).
final class MirrorMemo: Sendable {
    let texts = TextCache()

    /// Where `texts` are kept, and what they were converted with.
    static func textsFile(root: URL, mirror: Mirror) -> (path: String, header: String) {
        (root.appendingPathComponent(".unionsite-cache").path + "/mirror-\(mirror.conversion.rawValue).texts",
         "unionsite-mirror-texts 2 " + RunCache.header(mirror.conversion) + " " + String(mirror.key, radix: 16))
    }
}
