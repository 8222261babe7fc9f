import Foundation
import Template

extension SiteBuilder {
    /// The content files, by path under content/, that `articles`, `pages` and `honorees` use:
    /// what their Markdown (and raw HTML) links to or shows, an article's cover, an honoree's photo.
    func assetsUsed(articles: [Article], pages: [StandalonePage] = [], honorees: [Honoree] = [], values: ValueBuilder) -> Set<String> {
        var used = Set<String>()
        func use(_ destination: String, from file: String) {
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
    /// later (定时发布) and those withdrawn (撤稿). They are not published until the live site
    /// names them, so an embargoed story's photos are not at addresses anyone could guess before
    /// its time, and a withdrawn story's go with it.
    ///
    /// Withholding a file a live page shows would break that page, and publishing a file early
    /// is only what happened before: so a file is withheld only when nothing of the live site
    /// names it in any form. Its name, as written or percent-encoded, is looked for in the live
    /// articles', pages', honorees' and columns' bodies and in their covers and photos as
    /// written (`../news/a.jpg` reaches no reference as such), and in site.yml, data/ and the
    /// site's templates/ (a menu or a banner can name a file too). A name met anywhere keeps the
    /// file, even in another folder: a story can be published early that way, never a page
    /// broken.
    func withheldAssets(_ site: Site) -> Set<String> {
        guard !site.leftOut.isEmpty else { return [] }
        let candidates = assetsUsed(articles: site.leftOut, values: ValueBuilder(site: site)).intersection(site.assets.map(\.path))
        guard !candidates.isEmpty else { return [] }
        var texts = site.articles.map(\.htmlUTF8) + site.pages.map(\.htmlUTF8) + site.honorees.map(\.htmlUTF8)
            + site.columnIndexes.map(\.htmlUTF8)
        texts += site.articles.compactMap { $0.cover.map { Array($0.utf8) } } + site.honorees.compactMap { $0.photo.map { Array($0.utf8) } }
        let files = ["site.yml"] + ["data", "templates"].flatMap { folder in listFiles(rootPath + "/" + folder).map { folder + "/" + $0.relative } }
        texts += files.compactMap { FileManager.default.contents(atPath: rootPath + "/" + $0).map { [UInt8]($0) } }
        return candidates.filter { path in
            let forms = Self.writtenForms(of: String(path.split(separator: "/").last ?? ""))
            return !texts.contains { text in
                text.withUnsafeBufferPointer { t in forms.contains { form in form.withUnsafeBufferPointer { bytesContain(t, $0) } } }
            }
        }
    }

    /// The ways a file's name can be written in a page or a file: as it is, percent-encoded
    /// (upper- and lowercase hex: Markdown renders non-ASCII names encoded, an editor may write
    /// either), and with `&` as an HTML entity.
    static func writtenForms(of name: String) -> [[UInt8]] {
        var forms = [name]
        if let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed), encoded != name {
            forms += [encoded, encoded.lowercased()]
        }
        if name.contains("&") { forms.append(name.replacingOccurrences(of: "&", with: "&amp;")) }
        return forms.map { Array($0.utf8) }
    }
}
