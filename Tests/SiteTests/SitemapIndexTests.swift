import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Site
import TestSupport

/// A builder of `site` whose sitemap files hold at most `urls` URLs and `bytes` bytes.
private func builder(_ site: TestSite, urls: Int, bytes: Int = SiteBuilder.SitemapLimit.standard.bytes, output: URL? = nil) -> SiteBuilder {
    var options = SiteBuilder.Options(output: output)
    options.sitemapLimit = .init(urls: urls, bytes: bytes)
    return SiteBuilder(root: site.root, options: options)
}

/// The `<loc>`s of an XML sitemap or index, after checking that it is well-formed XML whose
/// root element is `root` in the sitemap namespace.
private func locations(_ text: String?, root: String) throws -> [String] {
    let text = try #require(text)
    let doc = try XMLDocument(data: Data(text.utf8))
    let element = try #require(doc.rootElement())
    #expect(element.name == root)
    #expect(element.uri == "http://www.sitemaps.org/schemas/sitemap/0.9")
    return try doc.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue)
}

private let site6 = "-- site.yml --\nbase_url: https://example.org/union/\n" + articles(4)

@Test func aSiteOverTheURLLimitGetsASitemapIndexOfPartsWithinIt() throws {
    let site = try TestSite(site6)
    defer { site.remove() }
    let whole = try locations(try { () -> String? in
        _ = try site.builder().build()
        return site.output("sitemap.xml")
    }(), root: "urlset")
    #expect(whole.count == 6)
    #expect(!site.exists("public/sitemap-1.xml"))

    _ = try builder(site, urls: 4).build()
    #expect(site.output("sitemap.xml") == """
    <?xml version="1.0" encoding="utf-8"?>
    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://example.org/union/sitemap-1.xml</loc></sitemap>
      <sitemap><loc>https://example.org/union/sitemap-2.xml</loc></sitemap>
    </sitemapindex>

    """)
    #expect(site.output("sitemap-2.xml") == """
    <?xml version="1.0" encoding="utf-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://example.org/union/news/di-0-pian/</loc><lastmod>2020-01-01</lastmod></url>
      <url><loc>https://example.org/union/tags/</loc></url>
    </urlset>

    """)
    #expect(try locations(site.output("sitemap.xml"), root: "sitemapindex")
            == ["https://example.org/union/sitemap-1.xml", "https://example.org/union/sitemap-2.xml"])
    let first = try locations(site.output("sitemap-1.xml"), root: "urlset")
    let second = try locations(site.output("sitemap-2.xml"), root: "urlset")
    #expect(first.count == 4 && second.count == 2)
    #expect(first + second == whole)
    #expect(!site.exists("public/sitemap-3.xml"))
    // The feed and templates go on naming sitemap.xml.
    #expect(site.output("feed.xml")?.contains("sitemap-") == false)
}

@Test func aSitemapPartStaysWithinTheByteLimit() throws {
    let site = try TestSite(site6)
    defer { site.remove() }
    let limit = 400
    _ = try builder(site, urls: 50_000, bytes: limit).build()
    var all: [String] = []
    var n = 1
    while let part = site.output("sitemap-\(n).xml") {
        #expect(part.utf8.count <= limit, "sitemap-\(n).xml")
        all += try locations(part, root: "urlset")
        n += 1
    }
    #expect(n - 1 == (try locations(site.output("sitemap.xml"), root: "sitemapindex")).count)
    #expect(n > 2)
    #expect(all.count == 6)
}

@Test func aRebuildWritesThePartsItNeedsAndRemovesTheRest() throws {
    let site = try TestSite(site6)
    defer { site.remove() }
    let live = IncrementalBuild(builder: builder(site, urls: 2))
    _ = try live.rebuild()
    #expect(site.exists("public/sitemap-3.xml") && !site.exists("public/sitemap-4.xml"))
    for n in 1...3 { try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/news/a\(n).md")) }
    _ = try live.rebuild()
    // Three URLs now: the home page, one article, the tags.
    #expect(site.exists("public/sitemap-2.xml") && !site.exists("public/sitemap-3.xml"))
    // A build of another process finds the parts on disk.
    _ = try builder(site, urls: 3).build()
    #expect(try locations(site.output("sitemap.xml"), root: "urlset").count == 3)
    #expect(!site.exists("public/sitemap-1.xml") && !site.exists("public/sitemap-2.xml"))
}

@Test func anInPlaceRebuildWritesAndRemovesSitemapParts() throws {
    let tagged = article("a0.md", "title: 第0篇\ndate: 2020-01-01\ntags: [劳模]")
    let untagged = article("a0.md", "title: 第0篇\ndate: 2020-01-01", body: "改过的正文。")
    let site = try TestSite(articles(2) + "\n" + tagged)
    defer { site.remove() }
    // Five URLs with the tag's page (home, two articles, tags, the tag), four without.
    let live = IncrementalBuild(builder: builder(site, urls: 4))
    _ = try live.rebuild()
    #expect(site.exists("public/sitemap-2.xml"))
    for (files, parts) in [(untagged, 0), (tagged, 2)] {
        try site.write(files)
        let report = try live.rebuild(changed: ["content/news/a0.md"])
        #expect(site.exists("public/sitemap-1.xml") == (parts > 0) && site.exists("public/sitemap-2.xml") == (parts > 0))
        let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        _ = try builder(site, urls: 4, output: clean).build()
        for name in ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"] {
            let cleanText = FileManager.default.contents(atPath: clean.appendingPathComponent(name).path).map { String(decoding: $0, as: UTF8.self) }
            #expect(site.output(name) == cleanText, "\(name) after \(parts) parts")
        }
    }
}

@Test func sitemapPartNamesAreRecognisedExactly() {
    #expect(SiteBuilder.isSitemapPart("sitemap-1.xml") && SiteBuilder.isSitemapPart("sitemap-12.xml"))
    for name in ["sitemap.xml", "sitemap-.xml", "sitemap-a.xml", "news/sitemap-1.xml", "sitemap-1.xml.gz", "sitemap-1x.xml"] {
        #expect(!SiteBuilder.isSitemapPart(name), "\(name)")
    }
}
