import Foundation
import Template

/// A body's `<img>` of a site's photo made a `<picture>`: WebP copies with a JPEG fallback at
/// every width (`srcset`, `sizes`), the `width` and `height` that keep the page from jumping as
/// it loads, and `loading="lazy"` with `decoding="async"` for every image after the first.
enum PhotoMarkup {
    /// How wide a body image is shown: the default theme's column, or the screen on a phone.
    static let sizes = "(min-width: 48em) 45rem, 100vw"

    /// `html` with each `<img>` of a photo of `photos` (by its path under content/) made a
    /// `<picture>`, and each link to one pointed at what stands for it; nil when it has none.
    /// `basePath`: the site's, which `src` and `href` start with.
    static func rewrite(_ html: [UInt8], photos: [String: SitePhotos.Published], basePath: String) -> [UInt8]? {
        guard !photos.isEmpty else { return nil }
        let open = Array("<img".utf8)
        var out: [UInt8] = []
        var copied = 0
        var shown = 0
        var i = 0
        let link = Array("<a".utf8)
        while i + open.count <= html.count {
            // A link to a photo (`[原图](photo.jpg)`): to what stands for it, its own path being
            // published only when site.yml asks.
            if html[i] == link[0], html[i + 1] == link[1], html[i + 2] == 0x20 {
                let end = tagEnd(html, from: i)
                var attributes = parseAttributes(Array(html[i + link.count ..< end]))
                if let k = attributes.firstIndex(where: { $0.name == "href" }),
                   let photo = photos[contentPath(attributes[k].value, basePath: basePath)], !photo.main.isEmpty {
                    attributes[k].value = href(basePath + photo.main)
                    out += html[copied ..< i]
                    out += Array(("<a" + attributes.map { " \($0.name)=\"\(escapeHTML($0.value))\"" }.joined() + ">").utf8)
                    copied = end
                }
                i = end
                continue
            }
            guard html[i] == open[0], html[i ..< i + open.count].elementsEqual(open),
                  i + open.count < html.count, html[i + open.count] == 0x20 || html[i + open.count] == 0x2F || html[i + open.count] == 0x3E
            else { i += 1; continue }
            let end = tagEnd(html, from: i)
            let attributes = parseAttributes(Array(html[i + open.count ..< end]))
            guard let src = attributes.first(where: { $0.name == "src" })?.value,
                  let photo = photos[contentPath(src, basePath: basePath)], let largest = photo.copies.last
            else { i = end; continue }
            out += html[copied ..< i]
            out += Array(picture(photo, largest: largest, attributes: attributes, lazy: shown > 0, basePath: basePath).utf8)
            shown += 1
            i = end
            copied = end
        }
        guard copied > 0 else { return nil }
        out += html[copied...]
        return out
    }

    private static func picture(_ photo: SitePhotos.Published, largest: (width: Int, height: Int, webp: String, jpeg: String),
                                attributes: [(name: String, value: String)], lazy: Bool, basePath: String) -> String {
        func url(_ path: String) -> String { escapeHTML(href(basePath + path)) }
        let webp = photo.copies.map { "\(url($0.webp)) \($0.width)w" }.joined(separator: ", ")
        let jpeg = photo.copies.map { "\(url($0.jpeg)) \($0.width)w" }.joined(separator: ", ")
        // The copy a browser without srcset shows: the one nearest 960 wide.
        let fallback = photo.copies.last { $0.width <= 960 } ?? largest
        var img = "<img src=\"\(url(fallback.jpeg))\" srcset=\"\(jpeg)\" sizes=\"\(sizes)\" width=\"\(largest.width)\" height=\"\(largest.height)\""
        let replaced: Set<String> = ["src", "srcset", "sizes", "width", "height", "loading", "decoding"]
        for a in attributes where !replaced.contains(a.name) { img += " \(a.name)=\"\(escapeHTML(a.value))\"" }
        if !attributes.contains(where: { $0.name == "alt" }) { img += " alt=\"\"" }
        if lazy { img += " loading=\"lazy\" decoding=\"async\"" }
        img += ">"
        return "<picture><source type=\"image/webp\" srcset=\"\(webp)\" sizes=\"\(sizes)\">" + img + "</picture>"
    }

    /// A path as a URL of a `srcset`: percent-encoded where a space or comma would end it.
    static func href(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ",")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// The path under content/ an image's `src` names: without the base path, percent-decoded.
    static func contentPath(_ src: String, basePath: String) -> String {
        let decoded = src.removingPercentEncoding ?? src
        return decoded.hasPrefix(basePath) ? String(decoded.dropFirst(basePath.count)) : decoded
    }

    /// Where the tag that starts at `i` ends, past its `>` (quoted values may hold one).
    private static func tagEnd(_ b: [UInt8], from i: Int) -> Int {
        var j = i
        var quote: UInt8 = 0
        while j < b.count {
            let c = b[j]
            if quote != 0 { if c == quote { quote = 0 } } else if c == 0x22 || c == 0x27 { quote = c } else if c == 0x3E { return j + 1 }
            j += 1
        }
        return b.count
    }

    /// A tag's attributes (after its name), their values unescaped.
    private static func parseAttributes(_ b: [UInt8]) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        var j = 0
        func space(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C }
        while j < b.count {
            if space(b[j]) || b[j] == 0x2F || b[j] == 0x3E { j += 1; continue }
            let start = j
            while j < b.count, !space(b[j]), b[j] != 0x3D, b[j] != 0x3E, b[j] != 0x2F { j += 1 }
            let name = String(decoding: b[start ..< j], as: UTF8.self).lowercased()
            var value = ""
            if j < b.count, b[j] == 0x3D {
                j += 1
                if j < b.count, b[j] == 0x22 || b[j] == 0x27 {
                    let quote = b[j]
                    let s = j + 1
                    j = s
                    while j < b.count, b[j] != quote { j += 1 }
                    value = String(decoding: b[s ..< min(j, b.count)], as: UTF8.self)
                    j += 1
                } else {
                    let s = j
                    while j < b.count, !space(b[j]), b[j] != 0x3E { j += 1 }
                    value = String(decoding: b[s ..< j], as: UTF8.self)
                }
            }
            if !name.isEmpty { out.append((name, unescapeHTML(value))) }
        }
        return out
    }

    /// The five entities our HTML writes, as text.
    private static func unescapeHTML(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension Site {
    /// Every body that shows one of `photos` (articles, pages, honorees, columns) with its
    /// `<img>` made a `<picture>`; what its facts are made of follows, so that a photo's change
    /// renders again the pages that show it.
    mutating func showPhotos(_ photos: [String: SitePhotos.Published]) {
        self.photos = photos
        guard !photos.isEmpty else { return }
        let base = config.basePath
        func rewrite(_ html: [UInt8]) -> [UInt8]? {
            html.withUnsafeBufferPointer { b in b.firstRange(of: Array("<img".utf8)) != nil || b.firstRange(of: Array("<a ".utf8)) != nil }
            ? PhotoMarkup.rewrite(html, photos: photos, basePath: base) : nil
        }
        for i in articles.indices {
            guard let html = rewrite(articles[i].htmlUTF8) else { continue }
            articles[i].htmlUTF8 = html
            articles[i].contentHash = Fingerprint.of(bytes: html)
            // The facts made when the file was read: its content is this now.
            if articles[i].sourceFacts.count == ArticleField.allCases.count {
                articles[i].sourceFacts[ArticleField.content.rawValue] = articles[i].contentHash
            }
        }
        for i in pages.indices {
            guard let html = rewrite(pages[i].htmlUTF8) else { continue }
            pages[i].htmlUTF8 = html
            pages[i].sourceHash = pages[i].sourceHash &* 31 &+ Int(truncatingIfNeeded: Fingerprint.of(bytes: html))
        }
        let values = ValueBuilder(site: self)
        for i in honorees.indices {
            // An honoree is one fact: its photo's copies are part of it.
            if let photo = honorees[i].photo, let p = photos[values.contentPath(of: photo, from: honorees[i].file)] {
                honorees[i].sourceHash = honorees[i].sourceHash &* 31 &+ Int(truncatingIfNeeded: p.key)
            }
            guard let html = rewrite(honorees[i].htmlUTF8) else { continue }
            honorees[i].htmlUTF8 = html
            honorees[i].sourceHash = honorees[i].sourceHash &* 31 &+ Int(truncatingIfNeeded: Fingerprint.of(bytes: html))
        }
    }

    /// The crops each photo is used at: covers at `cover` and `og`, honorees' photos at `portrait`.
    func photoCrops() -> [String: Set<SitePhotos.Crop>] {
        let values = ValueBuilder(site: self)
        var crops: [String: Set<SitePhotos.Crop>] = [:]
        for a in articles {
            guard let cover = a.cover else { continue }
            crops[values.contentPath(of: cover, from: a.file), default: []].formUnion([.cover, .og])
        }
        for h in honorees {
            guard let photo = h.photo else { continue }
            crops[values.contentPath(of: photo, from: h.file), default: []].insert(.portrait)
        }
        return crops
    }
}
