import Foundation

/// The sitemap (`sitemap.xml`), written in code rather than a template so it is well-formed
/// XML whatever the content holds.
///
/// The protocol allows 50,000 URLs and 50 MB in one file. A larger site gets a sitemap index at
/// `sitemap.xml` naming `sitemap-1.xml`, `sitemap-2.xml` …, each within both limits, so robots.txt,
/// feeds and templates keep naming `sitemap.xml` whatever the site's size.
extension SiteBuilder {
    /// What one sitemap file may hold.
    public struct SitemapLimit: Sendable, Equatable {
        public var urls: Int
        public var bytes: Int
        public init(urls: Int, bytes: Int) {
            self.urls = urls
            self.bytes = bytes
        }
        /// The protocol's limits (sitemaps.org): 50,000 URLs, 50 MiB uncompressed.
        public static let standard = SitemapLimit(urls: 50_000, bytes: 52_428_800)
    }

    /// The head of a `<urlset>`; with a mirror, the namespace of its alternates too.
    static func sitemapHead(alternates: Bool) -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
            + (alternates ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" : ">\n")
    }
    static let sitemapTail = "</urlset>\n"

    /// Whether `path` (relative to the output folder) is a part a sitemap index names.
    static func isSitemapPart(_ path: String) -> Bool {
        path.hasPrefix("sitemap-") && path.hasSuffix(".xml") && path.utf8.count > 12
            && path.utf8.dropFirst(8).dropLast(4).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `sitemap.xml`, and when the site passes `options.sitemapLimit` the parts its index names.
    /// With a mirror, each page is listed with its mirror, and each of the two names both as
    /// alternates (`xhtml:link`, as search engines read them).
    func sitemaps(_ site: Site, values: ValueBuilder, entries: [(path: String, lastModified: Date?)], mirror: Mirror? = nil) -> [OutputFile] {
        var (x, ends) = sitemapURLs(site, values: values, entries: entries, mirror: mirror)
        let limit = options.sitemapLimit
        let sitemapHead = Self.sitemapHead(alternates: mirror != nil)
        let head = sitemapHead.utf8.count, tail = Self.sitemapTail.utf8.count
        if ends.count <= limit.urls && x.count + tail <= limit.bytes {
            x += Self.sitemapTail.utf8
            return [OutputFile(path: "sitemap.xml", bytes: x)]
        }
        // Parts cut greedily at line ends, each within both limits.
        var parts: [OutputFile] = []
        var start = head, count = 0
        func cut(at end: Int) {
            var part = Array(sitemapHead.utf8)
            part += x[start..<end]
            part += Self.sitemapTail.utf8
            parts.append(OutputFile(path: "sitemap-\(parts.count + 1).xml", bytes: part))
            start = end
            count = 0
        }
        for (i, end) in ends.enumerated() {
            if count > 0 && (count == limit.urls || head + end - start + tail > limit.bytes) { cut(at: ends[i - 1]) }
            count += 1
        }
        if count > 0 { cut(at: x.count) }
        let origin = xmlEscape(values.permalink(""))
        var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for p in parts { index += "  <sitemap><loc>\(origin)\(p.path)</loc></sitemap>\n" }
        index += "</sitemapindex>\n"
        return [OutputFile(path: "sitemap.xml", text: index)] + parts
    }

    /// The head of a `<urlset>` and the `<url>` line of every page `entries` names (the pages of
    /// the kinds that are in the sitemap, `PageKind.inSitemap`), and where each line ends: as
    /// bytes, since String interpolation cost many times more per line.
    func sitemapURLs(_ site: Site, values: ValueBuilder, entries: [(path: String, lastModified: Date?)],
                     mirror: Mirror? = nil) -> (body: [UInt8], ends: [Int]) {
        var x: [UInt8] = []
        x.reserveCapacity((mirror == nil ? 128 : 640) * (entries.count + 1))
        var ends: [Int] = []
        ends.reserveCapacity(entries.count * (mirror == nil ? 1 : 2))
        x += Self.sitemapHead(alternates: mirror != nil).utf8
        // Escaping works character by character, so the site's origin is escaped once.
        let origin = Array(xmlEscape(values.permalink("")).utf8)
        let mirrored = origin + Mirror.folder.utf8
        let languages = mirror.map { [Array(Mirror.mainLanguage.utf8), Array(xmlEscape($0.language).utf8)] } ?? []
        for (path, date) in entries {
            var path = path
            path.withUTF8 { bytes in
                let escaped = needsNoXMLEscape(bytes) ? Array(bytes) : Array(xmlEscape(String(decoding: bytes, as: UTF8.self)).utf8)
                for base in mirror == nil ? [origin] : [origin, mirrored] {
                    x += "  <url><loc>".utf8
                    x += base
                    x += escaped
                    x += "</loc>".utf8
                    if let date {
                        x += "<lastmod>".utf8
                        CivilTime(date, timeZone: site.config.timeZone).appendYMD(to: &x)
                        x += "</lastmod>".utf8
                    }
                    for (language, alternate) in zip(languages, [origin, mirrored]) {
                        x += "<xhtml:link rel=\"alternate\" hreflang=\"".utf8
                        x += language
                        x += "\" href=\"".utf8
                        x += alternate
                        x += escaped
                        x += "\"/>".utf8
                    }
                    x += "</url>\n".utf8
                    ends.append(x.count)
                }
            }
        }
        return (x, ends)
    }
}
