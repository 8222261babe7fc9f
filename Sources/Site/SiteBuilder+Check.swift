import Foundation
import Diagnostics

/// `unionsite check`: everything a build does but writing, plus the warnings only worth
/// reading before publishing.
extension SiteBuilder {
    /// Every error and warning of a build, plus honorees no article mentions and content files
    /// no page uses. Nothing is written.
    ///
    /// Errors do not stop it: the checks run on the files that loaded. What a file that failed
    /// would have used or mentioned is taken from its text, so that an image only it shows is
    /// not called unused, nor an honoree only it names unmentioned; links to where its page
    /// would be are not reported (`UnsureTargets`).
    public func check() -> [Diagnostic] {
        switch IncrementalBuild(builder: self).renderAll(keepGoing: true) {
        case .failure(let f):
            return f.diagnostics
        case .success(let r):
            var out = r.diagnostics
            let site = r.site
            let failedTexts = UnsureTargets.failedFiles(r.diagnostics).map(readText)
            for (h, honoree) in site.honorees.enumerated() where site.roll.mentionedIn[h].isEmpty {
                if failedTexts.contains(where: { text in ([honoree.name] + honoree.aka).contains { !$0.isEmpty && text.contains($0) } }) { continue }
                out.append(Diagnostic(.warning, file: honoree.file,
                    message: "no article mentions \(honoree.name): check the name is written as in the articles, or add the spellings they use under `aka:`",
                    kind: .unmentionedHonoree))
            }
            out += unusedAssets(site, values: r.values, failedTexts: failedTexts)
            out += imagesWithoutAlt(site)
            out += largeImages(site)
            if site.config.builtInTheme { out += unknownThemeFiles(r.theme) }
            return out
        }
    }

    /// Files of the site's templates/ that the built-in theme does not have and that do nothing:
    /// a template or partial no page of this build used (usually a typo: `templates/artcle.html`
    /// leaves the built-in article.html in use), and an asset named like a built-in one
    /// (`assets/site.ccs`, published beside the stylesheet it meant to replace). A partial the
    /// site's own templates include, and an asset of the site's own, are used: no warning.
    private func unknownThemeFiles(_ theme: SiteTheme) -> [Diagnostic] {
        ThemeFiles.extras(in: root).compactMap { path in
            let near = nearest(path, in: SiteTheme.builtIn.keys)
            let hint = near.map { " (did you mean `templates/\($0)`?)" } ?? ""
            let message: String
            if path.hasPrefix("assets/") {
                guard near != nil else { return nil }
                message = "the built-in theme has no `\(path)`\(hint): it is published beside the built-in file, which stays in use; name it as `unionsite theme list` shows to replace that"
            } else {
                guard !theme.served.contains(path) else { return nil }
                message = "the built-in theme has no `\(path)` and no page used it, so it does nothing\(hint): name it as `unionsite theme list` shows to replace a built-in file, or include it from a template"
            }
            return Diagnostic(.warning, file: "templates/" + path, message: message, kind: .unknownThemeFile)
        }
    }

    /// Images under content/ larger than site.yml's `image_warn_mb`: an editor's original that is
    /// worth shrinking before it goes into the site's history.
    private func largeImages(_ site: Site) -> [Diagnostic] {
        let images: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "tif", "tiff", "bmp", "svg"]
        let limit = Int64(site.config.imageWarnMB) * 1_000_000
        return site.assets.compactMap { asset in
            guard let dot = asset.path.lastIndex(of: "."), images.contains(asset.path[asset.path.index(after: dot)...].lowercased()),
                  let size = SourceCache.stamp(asset.source.path)?.size, size > limit else { return nil }
            return Diagnostic(.warning, file: "content/" + asset.path,
                              message: "the image is \(String(format: "%.1f", Double(size) / 1_000_000)) MB, more than the \(site.config.imageWarnMB) MB of site.yml's `image_warn_mb`: make it smaller before adding it, or raise the limit",
                              kind: .largeImage)
        }
    }

    /// Images in Markdown without a description (`![](photo.jpg)`): a reader who cannot see it,
    /// or whose connection did not load it, is told nothing.
    private func imagesWithoutAlt(_ site: Site) -> [Diagnostic] {
        let files = site.articles.map { ($0.file, $0.references) } + site.pages.map { ($0.file, $0.references) }
        return files.flatMap { file, references in
            references.filter { $0.isImage && !$0.hasAlt }.map { r in
                Diagnostic(.warning, file: file, line: r.line, column: r.column,
                           message: "image `\(r.destination)` has no description: write what it shows between the brackets, e.g. `![车间一角](\(r.destination))`, for readers who cannot see it",
                           kind: .imageWithoutAlt)
            }
        }
    }

    /// Content files (images, attachments) that no article, page or honoree refers to.
    private func unusedAssets(_ site: Site, values: ValueBuilder, failedTexts: [String]) -> [Diagnostic] {
        let used = assetsUsed(articles: site.articles + site.leftOut, pages: site.pages, honorees: site.honorees, values: values)
        return site.assets.filter { asset in
            !used.contains(asset.path) && !failedTexts.contains { $0.contains(asset.path.split(separator: "/").last.map(String.init) ?? asset.path) }
        }.map {
            Diagnostic(.warning, file: "content/\($0.path)", message: "no page uses this file: link it from an article, or remove it",
                       kind: .unusedFile)
        }
    }

    /// A file under the site root as text ("" when it cannot be read).
    private func readText(_ file: String) -> String {
        FileManager.default.contents(atPath: rootPath + "/" + file).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
