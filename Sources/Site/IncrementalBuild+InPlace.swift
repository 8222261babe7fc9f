import Foundation

/// What a full build loaded and assembled, kept for the next rebuild.
struct AssembledSite: Sendable {
    var site: Site
    var keys: InputKeys
    var reading: SiteBuilder.ArticleReading
    /// The load stage's diagnostics; those of news and page files start at `fileDiagnosticsStart`,
    /// in path order.
    var loadDiagnostics: [Diagnostic]
    var fileDiagnosticsStart: Int
    var assembleDiagnostics: [Diagnostic]
    /// The link checks' warnings, by article in site order, then the standalone pages'.
    var referenceDiagnostics: [Diagnostic]
    /// Every file of the output, for the link checks.
    var outputs: Set<String>
    /// Article index by its file (`content/news/…`).
    var articleIndex: [String: Int]

    init(site: Site, keys: InputKeys, reading: SiteBuilder.ArticleReading, loadDiagnostics: [Diagnostic],
         fileDiagnosticsStart: Int, assembleDiagnostics: [Diagnostic], referenceDiagnostics: [Diagnostic], outputs: Set<String>) {
        self.site = site
        self.keys = keys
        self.reading = reading
        self.loadDiagnostics = loadDiagnostics
        self.fileDiagnosticsStart = fileDiagnosticsStart
        self.assembleDiagnostics = assembleDiagnostics
        self.referenceDiagnostics = referenceDiagnostics
        self.outputs = outputs
        self.articleIndex = Dictionary(site.articles.indices.map { (site.articles[$0].file, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

/// The rebuild after an editor saved articles and changed what they say but not where they
/// go — the body, the title, the summary, the author, the date, the tags, the column — which is
/// what `serve` sees most. A full rebuild lists and stats every source, assembles the whole site and
/// fingerprints every page (~0.25 s at 10,000 articles); this one reads the saved files, checks
/// that the site keeps its shape, and renders the pages that show them.
///
/// It gives what a full rebuild gives, byte for byte. The shape is what assembly makes of the
/// articles: their order (checked: each edited article still sorts between its neighbours),
/// their slugs (claimed again over the whole site; only the edited articles' may change), the
/// tags of every other article and honoree (filed again when an edited article's tags changed,
/// `IncrementalBuild+Tags.swift`; only the edited articles' may change), the columns' names,
/// slugs and order (filed again when an edited article's column changed,
/// `IncrementalBuild+Columns.swift`; only their members may change), and the draft flags and
/// mentions, which must be unchanged, so the honor roll is too. Then the pages whose
/// fingerprints change are exactly those showing an edited article
/// (`SiteBuilder.pageJobs(showing:)`), the pages of the tags and columns it left or joined, the
/// list of tags, the pages that show the columns' sizes when those changed (`countReaders`), and,
/// when a title or slug changed, the pages of its neighbours, which link to it by title. A slug that changed moves its page: the old file is removed, and every link check
/// runs again, since a link elsewhere may point at either URL; so do they when tag pages come or go.
/// Anything else — a new, deleted or renamed file, a changed mention, an order or a tag's or
/// column's name that changes, templates, site.yml, an error — takes the full path.
extension IncrementalBuild {
    /// The report, or nil when the change needs a full rebuild.
    func rebuildInPlace(_ changed: [String], start: Date) throws(BuildFailure) -> SiteBuilder.Report? {
        guard inSync, !changed.isEmpty, let engine, let slugger else { return nil }
        var clock = StageClock()
        // Taken, not copied, so that changing an article does not copy all of them (a retain per
        // field of each: ~10 ms at 10,000). A nil return leaves it nil: the full path makes it anew.
        guard let taken = assembled.take() else { return nil }
        var state = consume taken
        var site = state.site
        state.site.articles = []
        var loadDiagnostics = state.loadDiagnostics
        var edited = Set<Int>()
        var retitled = false, redated = false, retagged = false, recolumned = false
        for path in changed {
            guard let i = state.articleIndex[path], path.hasPrefix("content/") else {
                if isPassingTemporary(path, site: site) { continue }
                return nil
            }
            let (loaded, diagnostics) = builder.loadArticle(String(path.dropFirst("content/".count)), in: builder.rootPath + "/content",
                                                            cache: cache, reading: state.reading)
            guard case .article(var article) = loaded, !diagnostics.contains(where: { $0.severity == .error }),
                  article.keepsItsPlace(comparedWith: site.articles[i]) else { return nil }
            retitled = retitled || article.title != site.articles[i].title
            retagged = retagged || article.tags != site.articles[i].tags
            recolumned = recolumned || article.column != site.articles[i].column
            // The sitemap dates an article by its updated date, the home page and lists by their newest one's date.
            redated = redated || article.date != site.articles[i].date || article.lastModified != site.articles[i].lastModified
            article.slug = site.articles[i].slug
            site.articles[i] = article
            loadDiagnostics = replacingDiagnostics(of: path, with: state.reading.config.silencing(diagnostics), in: loadDiagnostics, from: state.fileDiagnosticsStart) {
                $0.file > path
            }
            edited.insert(i)
        }
        // The same order: with the others where they were, each edited article between its neighbours.
        let count = site.articles.count
        for i in edited {
            if i > 0, !Article.listedBefore(site.articles[i - 1], site.articles[i]) { return nil }
            if i + 1 < count, !Article.listedBefore(site.articles[i], site.articles[i + 1]) { return nil }
        }
        clock.lap("read")
        // The same slugs but the edited articles': a new title may take another's slug, or free one.
        var moved: [(from: String, to: String)] = []
        if retitled {
            for i in edited where site.articles[i].explicitSlug == nil { site.slugBases[i] = slugger.slug(site.articles[i].slugSource) }
            let slugs = builder.articleSlugs(site.articles, derived: site.slugBases).slugs
            for j in edited.sorted() where slugs[j] != site.articles[j].slug {
                moved.append((ValueBuilder.articlePath(slug: site.articles[j].slug) + "index.html",
                              ValueBuilder.articlePath(slug: slugs[j]) + "index.html"))
                site.articles[j].slug = slugs[j]
            }
            // Another article's slug is claimed differently (it had this title's slug, or takes the old one).
            for j in slugs.indices where slugs[j] != site.articles[j].slug { return nil }
        }
        // Other columns: their lists made again, and the pages that show their sizes.
        var recolumn: RecolumnedSite?
        if recolumned {
            guard let change = refileColumns(&site, edited: edited, before: state.site.columnOfArticle, slugger: slugger) else { return nil }
            recolumn = change
        }
        // Other tags: those tags filed again; tag pages that are gone are removed below.
        var retag: RetaggedSite?
        if retagged {
            guard let change = refileTags(&site, edited: edited, slugger: slugger) else { return nil }
            retag = change
            state.assembleDiagnostics = Array(state.assembleDiagnostics.dropLast(state.site.tagDiagnostics.count)) + site.tagDiagnostics
        }
        // The articles whose pages and lists change: those edited, and those showing their tags otherwise.
        let touched = edited.union(retag?.reshown ?? [])
        var keys = state.keys
        if retag != nil { keys = keys.replacingTagList(of: site) }
        if recolumn != nil { keys = keys.replacingColumnCounts(of: site) }
        for i in touched { keys = keys.replacing(article: i, of: site) }
        clock.lap("slugs and keys")

        // A neighbour's page links to an article by its title and URL.
        var showing = touched
        if retitled { for i in edited { showing.formUnion([i - 1, i + 1].filter { $0 >= 0 && $0 < count }) } }
        let values = ValueBuilder(site: site)
        // The values of the articles not touched are as the last build made them. Taken, so
        // that clearing a few slots does not copy the array.
        var slots = articleValueSlots
        articleValueSlots = []
        for i in touched where i < slots.count { slots[i] = nil }
        let articleValues = ArticleValues(values, reusing: slots)
        let jobs = builder.pageJobs(site, values: values, keys: keys, showing: showing, columns: recolumn?.columns ?? [],
                                    tags: retag?.tags ?? [], tagList: retag != nil && keys.allTags != state.keys.allTags,
                                    paths: recolumn != nil ? countReaders : [], articleValues: articleValues)
        let removed = (retag?.removed ?? []) + (recolumn?.removed ?? []), added = (retag?.added ?? []) + (recolumn?.added ?? [])
        clock.lap("jobs")
        let writer = OutputWriter(output: builder.outputFolder)
        let result = builder.render(jobs, engine: engine, previous: PreviousPages(entries: pages), sink: .compare(writer))
        // A page that fails to render (a filter given what the new text holds) is reported the
        // usual way, by a full rebuild.
        guard result.diagnostics.isEmpty, result.writeError == nil else { return nil }
        articleValueSlots = articleValues.built
        clock.lap("render")
        // The feed carries the newest articles' titles, dates and bodies; the sitemap every URL and date.
        var files: [OutputFile] = []
        if touched.contains(where: { $0 < SiteBuilder.feedSize }) {
            files.append(OutputFile(path: "feed.xml", text: builder.atomFeed(site, values: values)))
        }
        var staleSitemaps: [String] = []
        if !moved.isEmpty || redated || retagged || recolumn?.newestChanged == true {
            let sitemaps = builder.sitemaps(site, values: values)
            files += sitemaps
            // A site that shrank needs fewer parts, or none.
            staleSitemaps = generated.keys.filter { path in SiteBuilder.isSitemapPart(path) && !sitemaps.contains { $0.path == path } }.sorted()
        }
        clock.lap("feed and sitemap")
        var references = state.referenceDiagnostics
        if moved.isEmpty && removed.isEmpty && added.isEmpty {
            for i in edited.sorted() {
                references = replacingDiagnostics(of: site.articles[i].file, with: builder.checkReferences(site, outputs: state.outputs, values: values, only: [i]),
                                                  in: references, from: 0) { (state.articleIndex[$0.file] ?? .max) > i }
            }
        } else {
            // All removed before any is added: two articles saved at once may swap their URLs.
            for m in moved { state.outputs.remove(m.from) }
            for m in moved { state.outputs.insert(m.to) }
            state.outputs.subtract(removed)
            state.outputs.formUnion(added)
            references = builder.checkReferences(site, outputs: state.outputs, values: values)
        }
        clock.lap("references")

        var changes = result.pages.compactMap { p in p.pending.map { OutputFile(path: p.path, bytes: $0) } }
        changes += files.filter { generated[$0.path] != $0.bytes }
        do {
            try writer.commit(changes, removals: moved.map(\.from).filter { from in !moved.contains { $0.to == from } } + removed + staleSitemaps)
        } catch {
            inSync = false
            assembled = nil
            throw BuildFailure(loadDiagnostics + state.assembleDiagnostics + references + [writeFailure(error)])
        }
        let outputPath = builder.outputFolder.path
        for m in moved { pages[m.from] = nil; countReaders.remove(m.from) }
        for path in removed { pages[path] = nil; countReaders.remove(path) }
        for p in result.pages {
            pages[p.path] = p.entry(under: outputPath)
            if p.readCounts { countReaders.insert(p.path) } else { countReaders.remove(p.path) }
        }
        for f in files { generated[f.path] = f.bytes }
        for path in staleSitemaps { generated[path] = nil }
        clock.lap("write")
        if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() }

        state.site = site
        state.keys = keys
        state.loadDiagnostics = loadDiagnostics
        state.referenceDiagnostics = references
        assembled = state
        return SiteBuilder.Report(pages: pages.count, rendered: result.rendered, written: changes.count + moved.count + removed.count + staleSitemaps.count, bytes: result.bytes,
                                  warnings: loadDiagnostics + state.assembleDiagnostics + references,
                                  seconds: Date().timeIntervalSince(start), reassembled: false)
    }

    /// Whether `path` (relative to the site root) is gone and was never part of the site: a
    /// temporary file an editor wrote and renamed over the file it saved (`sed -i`, editors'
    /// atomic saves), which the watcher saw come and go. A folder that held sources, moved
    /// away whole, is gone too but was part of the site.
    func isPassingTemporary(_ path: String, site: Site) -> Bool {
        guard SourceCache.stamp(builder.rootPath + "/" + path) == nil, path.hasPrefix("content/") else { return false }
        let relative = String(path.dropFirst("content/".count))
        return !cache.knows(fileOrFolder: relative) && !site.assets.contains { $0.path == relative || $0.path.hasPrefix(relative + "/") }
    }
}

/// `list` with the diagnostics of `file` replaced by `new`: where the old ones were, or else
/// before the first of those from `start` on that `sortsAfter` the file (each file's are
/// together there, in the order the build checks the files).
func replacingDiagnostics(of file: String, with new: [Diagnostic], in list: [Diagnostic], from start: Int,
                          sortsAfter: (Diagnostic) -> Bool) -> [Diagnostic] {
    let start = min(start, list.count)
    let perFile = list[start...]
    let at = perFile.firstIndex { $0.file == file } ?? perFile.firstIndex(where: sortsAfter) ?? list.endIndex
    return Array(list[..<at]) + new + list[at...].filter { $0.file != file }
}

extension Article {
    /// Whether this reading of an article leaves the site the shape `other` gave it: the same
    /// file, explicit slug, draft flag and mentioned honorees. What it says may differ — the
    /// title, date, updated date, params, authors, editors, source, summary, cover, original title and all the body
    /// gives — as may the slug assembly gives it, its tags and its column; whether a new title
    /// or date keeps the order, new tags every other article's tags, and a new column the
    /// columns' names and order, is checked apart.
    /// Written as "equal once those are copied over" so that a field added to `Article` counts
    /// as shape until someone decides otherwise.
    func keepsItsPlace(comparedWith other: Article) -> Bool {
        var a = self
        a.title = other.title
        a.date = other.date
        a.authors = other.authors
        a.editors = other.editors
        a.source = other.source
        a.summary = other.summary
        a.cover = other.cover
        a.originalTitle = other.originalTitle
        a.updated = other.updated
        a.params = other.params
        a.htmlUTF8 = other.htmlUTF8
        a.plainTextUTF8 = other.plainTextUTF8
        a.characters = other.characters
        a.references = other.references
        a.sourceHash = other.sourceHash
        a.slug = other.slug
        a.tags = other.tags
        a.column = other.column
        return a == other
    }
}
