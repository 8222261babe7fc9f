import Foundation
import Template

extension SiteBuilder {
    /// The content files, by path under content/, that `articles`, `pages` and `honorees` use:
    /// what their Markdown (and raw HTML) links to or shows, an article's cover, an honoree's photo.
    /// `mayName`, when given, passes over the addresses that cannot name a file wanted (resolving
    /// every link of every page is most of the work).
    func assetsUsed(articles: [Article], pages: [StandalonePage] = [], honorees: [Honoree] = [], values: ValueBuilder,
                    mayName: ((String) -> Bool)? = nil) -> Set<String> {
        var used = Set<String>()
        func use(_ destination: String, from file: String) {
            if let mayName, !mayName(destination) { return }
            if let t = internalTarget(destination, pagePath: sourceFolder(file), basePath: values.basePath) { used.insert(t) }
        }
        for a in articles {
            for r in a.references { use(r.destination, from: a.file) }
            if let c = a.cover { used.insert(String(values.resolveContentURL(c, from: a.file).dropFirst(values.basePath.count))) }
        }
        for p in pages { for r in p.references { use(r.destination, from: p.file) } }
        for h in honorees {
            if let photo = h.photo { used.insert(String(values.resolveContentURL(photo, from: h.file).dropFirst(values.basePath.count))) }
        }
        return used
    }

    /// The content files that only the articles this build leaves out use: those scheduled for
    /// later (定时发布) and those withdrawn (撤稿). They are not published until a published page
    /// uses them, so an embargoed story's photos are not at addresses anyone could guess before
    /// its time, and a withdrawn story's go with it.
    ///
    /// A file a published body mentions by name in any way (raw HTML kept whole under
    /// `unsafe: true` is not read for references) stays published: withholding a file a page
    /// shows would break that page, and publishing a file early is what happened before.
    func withheldAssets(_ site: Site) -> Set<String> {
        guard !site.leftOut.isEmpty else { return [] }
        let values = ValueBuilder(site: site)
        var withheld = assetsUsed(articles: site.leftOut, values: values).intersection(site.assets.map(\.path))
        guard !withheld.isEmpty else { return [] }
        // Only an address with one of their file names in it (as written, or percent-encoded)
        // can name one of them.
        let names = Set(withheld.map { String($0.split(separator: "/").last ?? "") })
        let mayName = { (destination: String) -> Bool in
            names.contains { utf8Contains(destination, $0) }
                || (utf8Contains(destination, "%") && names.contains { utf8Contains(destination.removingPercentEncoding ?? "", $0) })
        }
        withheld.subtract(assetsUsed(articles: site.articles, pages: site.pages, honorees: site.honorees, values: values, mayName: mayName))
        guard !withheld.isEmpty else { return [] }
        let bodies = site.articles.map(\.htmlUTF8) + site.pages.map(\.htmlUTF8) + site.honorees.map(\.htmlUTF8)
            + site.columnIndexes.map(\.htmlUTF8)
        return withheld.filter { path in
            let name = Array((path.split(separator: "/").last.map(String.init) ?? path).utf8)
            return !bodies.contains { body in body.withUnsafeBufferPointer { b in name.withUnsafeBufferPointer { bytesContain(b, $0) } } }
        }
    }
}
