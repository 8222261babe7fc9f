import Foundation
import Template

/// A body's `<img>` of a site's photo made a `<picture>`: WebP copies with a JPEG (or PNG) fallback at
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
        return html.withUnsafeBufferPointer { b -> [UInt8]? in
            var out: [UInt8] = []
            var copied = 0
            var shown = 0
            var i = 0
            while i < b.count {
                guard b[i] == UInt8(ascii: "<"), let tag = HTMLTag.read(b, at: i), !tag.closing else { i += 1; continue }
                defer { i = tag.end }
                // The attributes as text, unescaped.
                var attributes = tag.attributes.map { a in
                    (name: String(decoding: a.name, as: UTF8.self), value: a.value.map { unescapeHTML(String(decoding: b[$0], as: UTF8.self)) } ?? "")
                }
                func photo(_ key: String) -> SitePhotos.Published? {
                    attributes.first { $0.name == key }.flatMap { photos[contentPath($0.value, basePath: basePath)] }
                }
                let replacement: String
                if tag.name.elementsEqual("a".utf8) {
                    // A link to a photo (`[原图](photo.jpg)`): to what stands for it, its own path
                    // being published only when site.yml asks.
                    guard let p = photo("href"), !p.main.isEmpty, let k = attributes.firstIndex(where: { $0.name == "href" }) else { continue }
                    attributes[k].value = href(basePath + p.main)
                    replacement = "<a" + attributes.map { " \($0.name)=\"\(escapeHTML($0.value))\"" }.joined() + ">"
                } else if tag.name.elementsEqual("img".utf8) {
                    guard let p = photo("src"), let largest = p.copies.last else { continue }
                    replacement = picture(p, largest: largest, attributes: attributes, lazy: shown > 0, basePath: basePath)
                    shown += 1
                } else {
                    continue
                }
                out += b[copied ..< i]
                out += replacement.utf8
                copied = tag.end
            }
            guard copied > 0 else { return nil }
            out += b[copied...]
            return out
        }
    }

    private static func picture(_ photo: SitePhotos.Published, largest: SitePhotos.Copy,
                                attributes: [(name: String, value: String)], lazy: Bool, basePath: String) -> String {
        func url(_ path: String) -> String { escapeHTML(href(basePath + path)) }
        let webp = escapeHTML(srcset(photo.copies, \.webp, basePath: basePath))
        let fallbacks = escapeHTML(srcset(photo.copies, \.fallback, basePath: basePath))
        // The copy a browser without srcset shows: the one nearest 960 wide.
        let shown = photo.copies.last { $0.width <= 960 } ?? largest
        var img = "<img src=\"\(url(shown.fallback))\" srcset=\"\(fallbacks)\" sizes=\"\(sizes)\" width=\"\(largest.width)\" height=\"\(largest.height)\""
        let replaced: Set<String> = ["src", "srcset", "sizes", "width", "height", "loading", "decoding"]
        for a in attributes where !replaced.contains(a.name) { img += " \(a.name)=\"\(escapeHTML(a.value))\"" }
        if !attributes.contains(where: { $0.name == "alt" }) { img += " alt=\"\"" }
        if lazy { img += " loading=\"lazy\" decoding=\"async\"" }
        img += ">"
        // A WebP image's copies are all WebP: nothing to choose between.
        guard largest.webp != largest.fallback else { return "<picture>" + img + "</picture>" }
        return "<picture><source type=\"image/webp\" srcset=\"\(webp)\" sizes=\"\(sizes)\">" + img + "</picture>"
    }

    /// A `srcset` of copies: each one's URL (its `path` under `basePath`) and width.
    static func srcset(_ copies: [SitePhotos.Copy], _ path: KeyPath<SitePhotos.Copy, String>, basePath: String) -> String {
        copies.map { "\(href(basePath + $0[keyPath: path])) \($0.width)w" }.joined(separator: ", ")
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
        // Only a body with an image, or with a photo's suffix (`.jpg`, in a link however it is
        // quoted), can show one; most have neither. Looked for with the C library, as the
        // standard library's `firstRange(of:)` on bytes allocates at every candidate (most of a
        // rebuild in serve).
        let signs = [Array("<img".utf8)] + Set(photos.keys.compactMap { path in
            path.lastIndex(of: ".").map { Array(path[$0...].utf8) }
        })
        func rewrite(_ html: [UInt8]) -> [UInt8]? {
            let found = html.withUnsafeBufferPointer { b in signs.contains { sign in sign.withUnsafeBufferPointer { bytesContain(b, $0) } } }
            return found ? PhotoMarkup.rewrite(html, photos: photos, basePath: base) : nil
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

    /// The crops each photo is used at: covers at `cover`, `og` and site.yml's `image_sizes`,
    /// honorees' photos at `portrait` and site.yml's.
    func photoCrops() -> [String: Set<SitePhotos.Crop>] {
        let values = ValueBuilder(site: self)
        var crops: [String: Set<SitePhotos.Crop>] = [:]
        let covers = config.coverCrops, portraits = config.portraitCrops
        for a in articles {
            guard let cover = a.cover else { continue }
            crops[values.contentPath(of: cover, from: a.file), default: []].formUnion(covers)
        }
        for h in honorees {
            guard let photo = h.photo else { continue }
            crops[values.contentPath(of: photo, from: h.file), default: []].formUnion(portraits)
        }
        return crops
    }
}
