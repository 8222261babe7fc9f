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

/// The rebuild after an editor saved an article and changed only its body — what `serve` sees
/// most. A full rebuild lists and stats every source, assembles the whole site and fingerprints
/// every page (~0.35 s at 10,000 articles); this one reads the saved files, checks that they
/// differ from what the site holds in nothing but their bodies, and renders the pages that show
/// them.
///
/// It gives what a full rebuild gives, byte for byte: assembly reads nothing of a body (order,
/// slugs, columns, tags and the honor roll come from the front matter and the mentions, which
/// must be unchanged), and the pages left out are exactly those whose fingerprints do not
/// include the edited articles (`SiteBuilder.pageJobs(showing:)`), which a full rebuild would
/// not render either. Anything else — a new, deleted or renamed file, a changed title, date,
/// tag, column or mention, a template, site.yml, an error — takes the full path.
extension IncrementalBuild {
    /// The report, or nil when the change needs a full rebuild.
    func rebuildBodies(_ changed: [String], start: Date) throws(BuildFailure) -> SiteBuilder.Report? {
        guard inSync, !changed.isEmpty, var state = assembled, let engine else { return nil }
        var clock = StageClock()
        var site = state.site
        var keys = state.keys
        var loadDiagnostics = state.loadDiagnostics
        var edited = Set<Int>()
        for path in changed {
            guard let i = state.articleIndex[path], path.hasPrefix("content/") else { return nil }
            let (loaded, diagnostics) = builder.loadArticle(String(path.dropFirst("content/".count)), in: builder.rootPath + "/content",
                                                            cache: cache, reading: state.reading)
            guard case .article(var article) = loaded, !diagnostics.contains(where: { $0.severity == .error }),
                  article.differsOnlyInBody(from: site.articles[i]) else { return nil }
            article.slug = site.articles[i].slug
            site.articles[i] = article
            keys = keys.replacing(article: i, of: site)
            loadDiagnostics = replacingDiagnostics(of: path, with: diagnostics, in: loadDiagnostics, from: state.fileDiagnosticsStart) {
                $0.file > path
            }
            edited.insert(i)
        }
        clock.lap("load")

        let values = ValueBuilder(site: site)
        let jobs = builder.pageJobs(site, values: values, keys: keys, showing: edited)
        clock.lap("jobs")
        let writer = OutputWriter(output: builder.outputFolder)
        let result = builder.render(jobs, engine: engine, previous: PreviousPages(entries: pages), sink: .compare(writer))
        // A page that fails to render (a filter given what the new body holds) is reported the
        // usual way, by a full rebuild.
        guard result.diagnostics.isEmpty, result.writeError == nil else { return nil }
        clock.lap("render")
        // The feed carries the newest articles' bodies; the sitemap nothing a body changes.
        let feed = edited.contains(where: { $0 < SiteBuilder.feedSize }) ? Array(builder.atomFeed(site, values: values).utf8) : nil
        var references = state.referenceDiagnostics
        for i in edited.sorted() {
            references = replacingDiagnostics(of: site.articles[i].file, with: builder.checkReferences(site, outputs: state.outputs, values: values, only: [i]),
                                              in: references, from: 0) { (state.articleIndex[$0.file] ?? .max) > i }
        }
        clock.lap("feeds and references")

        var changes = result.pages.compactMap { p in p.pending.map { OutputFile(path: p.path, bytes: $0) } }
        if let feed, generated["feed.xml"] != feed { changes.append(OutputFile(path: "feed.xml", bytes: feed)) }
        do {
            try writer.commit(changes, removals: [])
        } catch {
            inSync = false
            assembled = nil
            throw BuildFailure(loadDiagnostics + state.assembleDiagnostics + references + [writeFailure(error)])
        }
        let outputPath = builder.outputFolder.path
        for p in result.pages { pages[p.path] = p.entry(under: outputPath) }
        if let feed { generated["feed.xml"] = feed }
        clock.lap("write")
        if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() }

        state.site = site
        state.keys = keys
        state.loadDiagnostics = loadDiagnostics
        state.referenceDiagnostics = references
        assembled = state
        return SiteBuilder.Report(pages: pages.count, rendered: result.rendered, written: changes.count, bytes: result.bytes,
                                  warnings: loadDiagnostics + state.assembleDiagnostics + references,
                                  seconds: Date().timeIntervalSince(start), reassembled: false)
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
    /// Whether this reading of an article differs from `other` at most in what its body gives
    /// (the HTML, the text, the summary, the links in it, the file's fingerprint) and in the slug
    /// assembly gives it. Everything else decides where the article goes and what other pages
    /// say of it. Written as "equal once those are copied over" so that a field added to
    /// `Article` counts as front matter until someone decides otherwise.
    func differsOnlyInBody(from other: Article) -> Bool {
        var a = self
        a.htmlUTF8 = other.htmlUTF8
        a.plainTextUTF8 = other.plainTextUTF8
        a.characters = other.characters
        a.summary = other.summary
        a.references = other.references
        a.sourceHash = other.sourceHash
        a.slug = other.slug
        return a == other
    }
}
