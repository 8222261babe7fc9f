import Foundation
import Template

/// A build that remembers the last one: `serve` keeps one alive and calls `rebuild()` after
/// each change. Files that did not change are not parsed again, pages that read nothing that
/// changed are not rendered again (`Reads`, `SiteFacts`), and only files whose bytes changed
/// are written.
///
/// A clean `unionsite build` is the first `rebuild()` of a fresh one, so the two share every
/// step; the tests check that edits through a long-lived one give byte for byte what a clean
/// build of the same sources gives.
public final class IncrementalBuild: @unchecked Sendable {
    public let builder: SiteBuilder
    let cache = SourceCache()
    var engine: Engine?
    /// Kept across rebuilds: it remembers every title it has turned into a slug.
    var slugger: Slugger?
    private var templatesKey: Int?
    /// The numbers of the things pages read, for as long as `pages` speaks of them.
    var entities = EntityTable()
    /// The last good output: each page's fingerprint, reads and file stamp by path, the
    /// generated files, the copied files' stamps.
    var pages: [String: BuildState.Entry] = [:]
    var generated: [String: [UInt8]] = [:]
    /// The article and honoree values the last build made, by entity, with what they were made
    /// of: one whose facts are the same keeps its value.
    var keptValues: [UInt32: (key: UInt64, value: Value)] = [:]
    /// The same for the Traditional mirror, whose values have its URLs and text, with the
    /// mirror's key (`Mirror.key`): values converted with other names or overrides are not kept.
    var keptMirrorValues: (mirror: UInt64, values: [UInt32: (key: UInt64, value: Value)]) = (0, [:])
    /// The last build's mirror (`Mirror`), to keep while its conversion is the same; its
    /// templates, and the content it converted.
    private(set) var lastMirror: Mirror?
    private var mirrorEngine: (key: Int, engine: Engine)?
    private let mirrorMemo = MirrorMemo()
    /// The site's photos and their copies (`SitePhotos`).
    private(set) lazy var photos = SitePhotos(root: builder.root)
    /// The files the last build made, as a list and a set, for the link checks.
    private var lastOutputs: (config: Int, paths: [String], set: Set<String>)?
    /// The link checks' findings of the last build, by file, with what they were made from.
    private var referenceMemo: [String: SiteBuilder.ReferenceFindings] = [:]
    /// What the last load read, with what content/ held, for a rebuild told what changed
    /// (`SiteBuilder.KnownChanges`, `SiteBuilder.patched`).
    private var lastSources: SiteBuilder.Sources?
    /// The last build's pages in the order it made them (`PreviousPages.ordered`).
    private var lastOrder: [RenderedPage] = []
    /// The facts of the last build, while `pages` is what it rendered from them.
    private var lastFacts: SiteFacts?
    private var copied: [String: SourceCache.Stamp] = [:]
    /// What the last assemblies made, to make again only what changed.
    private let assemblyMemo = AssemblyMemo()
    /// Whether the output folder holds exactly the state above.
    var inSync = false
    private let lock = NSLock()

    public init(builder: SiteBuilder) {
        self.builder = builder
    }

    struct Rendered {
        var pages: [RenderedPage]
        var rendered: Int
        var bytes: Int
        var files: [OutputFile]
        var copies: [(URL, String)]
        var diagnostics: [Diagnostic]
        var site: Site
        var values: ValueBuilder
        /// The theme the pages were rendered with.
        var theme: SiteTheme
        /// Whether no page was taken from the last build as it was.
        var renderedAll: Bool
    }

    /// Loads, assembles, plans and renders, reusing what the last build left — in this process,
    /// or in the output folder as `saved` describes it; each rendered page goes to `sink`.
    /// `keepGoing` (for `check`): errors do not stop it; the site is made of the files that
    /// loaded, and every check runs on it (`SiteBuilder.check`).
    /// `changed`: the paths under the site root that changed since the last build, when known.
    /// `first`: pages to render and hand over before the others (`FirstPages`); the pages of the
    /// articles in `changed` are among them.
    func renderAll(sink: PageSink = .keep, saved: BuildState? = nil, keepGoing: Bool = false, changed: [String]? = nil,
                   first: FirstPages? = nil) -> Result<Rendered, BuildFailure> {
        var clock = StageClock()
        defer { if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() } }
        let progress = builder.options.progress
        // 1. Load.
        progress?("reading content/")
        // Taken, not copied: patched in place, the articles are not copied one by one.
        var last = lastSources.take()
        let changedFiles = first == nil ? nil : changed.map { Set($0.filter { $0.hasPrefix("content/") }) }
        var known: SiteBuilder.KnownChanges?
        if let changed, let scan = last?.scan, !changed.contains("content") {
            known = .init(scan: scan, changed: Set(changed.filter { $0.hasPrefix("content/") }.map { String($0.dropFirst("content/".count)) }))
        }
        var patched: SiteBuilder.Sources?
        if let known, let taken = last.take() { patched = builder.patched(consume taken, known: known, cache: cache) }
        var sources = patched.take() ?? builder.loadSources(cache: cache, known: known, slugger: slugger)
        sources.silenceExtraKeys()
        let (data, dataDiagnostics) = builder.loadData(timeZone: sources.config.timeZone)
        var diagnostics = sources.diagnostics + dataDiagnostics
        clock.lap("load")
        // 2. Assemble.
        if slugger?.style != sources.config.slugStyle { slugger = Slugger(style: sources.config.slugStyle) }
        let slugger = self.slugger ?? Slugger(style: sources.config.slugStyle)
        var (assembled, assembleDiagnostics) = builder.assemble(sources, slugger: slugger, folder: ScriptFolder(), memo: assemblyMemo)
        diagnostics += assembleDiagnostics
        // Files only scheduled or withdrawn articles use wait with them (WithheldAssets.swift).
        let withheld = builder.withheldAssets(assembled)
        if !withheld.isEmpty { assembled.assets.removeAll { withheld.contains($0.path) } }
        clock.lap("assemble")
        // Photos: copies made (or found in the cache), and the bodies' <img> made <picture>.
        let (published, photoFiles, photoDiagnostics) = photos.process(assembled.assets, crops: assembled.photoCrops(),
                                                                        originals: assembled.config.photoOriginals, progress: progress)
        diagnostics += photoDiagnostics
        assembled.showPhotos(published)
        let site = assembled
        clock.lap("photos")
        let loadFailed = diagnostics.contains(where: { $0.severity == .error })
        if loadFailed && !keepGoing { return .failure(BuildFailure(diagnostics)) }
        // 3. Plan: templates parsed once per change of any template; every page as a job.
        var theme = builder.theme(site.config)
        let key = theme.fingerprint() ^ site.config.timeZone.secondsFromGMT()
        let templatesChanged = engine == nil || key != templatesKey
        if templatesChanged {
            engine = Engine(source: theme,
                            options: .init(autoescape: true, timeZone: site.config.timeZone))
            templatesKey = key
        } else if let kept = engine?.source as? SiteTheme {
            // The theme the kept engine loads from, and records what it served in.
            theme = kept
        }
        var previous = PreviousPages()
        if inSync, !templatesChanged {
            previous.entries = pages
            previous.ordered = lastOrder
        } else if !inSync, let saved, saved.identity == BuildState.identity(templatesKey: key) {
            entities = EntityTable(names: saved.entities)
            previous = PreviousPages(entries: saved.pages, verifyUnder: builder.outputFolder.path)
        }
        if previous.entries.isEmpty {
            // Nothing refers to the old numbers: start again, so they do not pile up.
            entities = EntityTable()
            keptValues = [:]
            keptMirrorValues = (0, [:])
        }
        guard let engine else { return .failure(BuildFailure(diagnostics)) }
        let values = ValueBuilder(site: site)
        // The last build's facts, when its pages are what this one starts from, in this process.
        let before = previous.verifyUnder == nil && !previous.entries.isEmpty ? lastFacts : nil
        lastFacts = nil
        let facts = SiteFacts(site: site, data: data, entities: entities, previous: before)
        clock.lap("facts")
        let lists = SiteValues(values, facts: facts, data: data, reusing: keptValues)
        clock.lap("values")
        keptValues = [:]
        let strings = Dictionary(ValueBuilder.defaultStrings + site.config.strings, uniquingKeysWith: { _, b in b })
        let globalKey = builder.globalKey(site, data: data)
        // The Traditional mirror: every page again, of the site converted (whose facts are the
        // main site's), through the templates converted.
        let mirror = Mirror.make(site: site, reusing: lastMirror)
        lastMirror = mirror
        let (mainJobs, sitemap) = builder.plan(PagePlan(site: site, values: values, lists: lists, strings: strings), globalKey: globalKey,
                                               mirror: mirror, labels: strings)
        var jobs = mainJobs
        var mirrorValues: ValueBuilder?, mirrorLists: SiteValues?
        if let mirror {
            let texts = MirrorMemo.textsFile(root: builder.root, mirror: mirror)
            mirrorMemo.texts.load(texts.path, header: texts.header)
            clock.lap("plan")
            let converted = mirror.site(site, memo: mirrorMemo, search: site.config.search)
            clock.lap("mirror")
            let v = ValueBuilder(site: converted, mirror: mirror)
            let l = SiteValues(v, facts: facts, data: data, reusing: keptMirrorValues.mirror == mirror.key ? keptMirrorValues.values : [:])
            let mirrorKey = key ^ Int(truncatingIfNeeded: mirror.key)
            if mirrorEngine?.key != mirrorKey || templatesChanged {
                let source = MirrorTemplates(base: theme, mirror: mirror)
                mirrorEngine = (mirrorKey, Engine(source: source, options: .init(autoescape: true, timeZone: site.config.timeZone)))
            }
            let mirrorStrings = Dictionary(ValueBuilder.defaultStrings.map { ($0.0, mirror.text($0.1)) } + converted.config.strings,
                                           uniquingKeysWith: { _, b in b })
            jobs += builder.plan(PagePlan(site: converted, values: v, lists: l, strings: mirrorStrings), globalKey: globalKey, mirror: mirror,
                                 labels: strings, engine: mirrorEngine?.engine).jobs
            (mirrorValues, mirrorLists) = (v, l)
        } else {
            mirrorEngine = nil
        }
        keptMirrorValues = (0, [:])
        clock.lap("plan")
        // 4. Render.
        progress?("rendering \(jobs.count) pages (\(site.articles.count) articles, \(site.honorees.count) honorees)")
        // In this process, the facts that changed are told apart once, not page by page.
        let changed = before.map { facts.changed(since: $0) }
        // Pages shown first must not need a file that is copied only when every page is done: a
        // theme changed, or a picture or other file of content/ changed, renders all together.
        let copiedLater = templatesChanged || (changedFiles ?? []).contains { path in
            let i = firstIndex(in: site.assets) { $0.path >= path.dropFirst("content/".count) }
            return i < site.assets.count && site.assets[i].path == path.dropFirst("content/".count)
        }
        var first = copiedLater ? nil : first
        if let edited = changedFiles, !edited.isEmpty {
            // By index: a loop over the articles would copy each (a retain per field).
            for i in site.articles.indices where edited.contains(site.articles[i].file) {
                let page = SitePath.file(values.articlePath(site.articles[i]))
                first?.paths.insert(page)
                // The editor may be looking at the mirror's.
                if mirror != nil { first?.paths.insert(Mirror.path(page)) }
            }
        }
        // The files made in code (the feed, the sitemap, the search index) need no page: made
        // beside the pages, they use the time the cores would idle between pages. With pages to
        // show first, they wait, so as not to slow those.
        let builder = self.builder
        let mirrored = mirrorValues
        let made = first == nil ? Background { builder.feeds(site, values: values, sitemap: sitemap, mirror: mirrored) } : nil
        let result = builder.render(jobs, engine: engine, theme: theme, facts: facts, previous: previous, changed: changed, sink: sink, first: first)
        keptValues = lists.built
        keptMirrorValues = (mirror?.key ?? 0, mirrorLists?.built ?? [:])
        diagnostics += result.diagnostics
        clock.lap("render")
        let failed = diagnostics.contains(where: { $0.severity == .error })
        if failed {
            // A template error must show again next time even if nothing else changed.
            templatesKey = nil
            if !keepGoing { return .failure(BuildFailure(diagnostics)) }
        }
        if let e = result.writeError { return .failure(BuildFailure(diagnostics + [writeFailure(e)])) }
        let copies = site.assets.filter { published[$0.path] == nil }.map { ($0.source, $0.path) } + photoFiles + theme.ownAssets()
        let files = (made?.value ?? builder.feeds(site, values: values, sitemap: sitemap, mirror: mirrorValues)) + theme.builtInAssets()
        clock.lap("feeds")
        // Kept going past errors, every page the site has counts, rendered or not: a page whose
        // template failed is there once the template is fixed.
        // A photo's own path counts as there for the link checks: what links to it is pointed
        // at its copies (`PhotoMarkup`).
        let paths = (failed ? jobs.map(\.path) : result.pages.map(\.path)) + files.map(\.path) + copies.map(\.1)
            + published.keys.sorted()
        // The same files as last time (most rebuilds): the same set, and the same findings for
        // every file whose links are the same.
        let sameOutputs = lastOutputs.map { $0.config == site.config.sourceFingerprint && $0.paths == paths } ?? false
        let outputs = sameOutputs ? lastOutputs?.set ?? Set(paths) : Set(paths)
        lastOutputs = nil
        let unsure = loadFailed ? UnsureTargets(failedFiles: diagnostics, root: builder.rootPath, slugger: slugger) : nil
        let memo = sameOutputs && unsure == nil ? referenceMemo : [:]
        let (references, findings) = builder.checkReferences(site, outputs: outputs, values: values, unsure: unsure, memo: memo)
        if unsure == nil {
            referenceMemo = findings
            lastOutputs = (site.config.sourceFingerprint, paths, outputs)
        }
        diagnostics += references
        clock.lap("references")
        lastSources = sources
        lastFacts = facts
        return .success(Rendered(pages: result.pages, rendered: result.rendered, bytes: result.bytes, files: files,
                                 copies: copies, diagnostics: diagnostics, site: site, values: values, theme: theme,
                                 renderedAll: previous.entries.isEmpty))
    }

    /// Builds and writes. On any error nothing is written and the last good output stays.
    ///
    /// `changed`: the paths (relative to the site root) that changed since the last call, as a
    /// file watcher saw them, or nil when unknown. Those under content/ are read again even when
    /// their stamps are as they were (`SourceCache.forget`); every other file is told by its stamp.
    ///
    /// `first`: pages to render and hand over before the others, once this build renders from
    /// the last one (`unionsite serve` shows them while the rest are rendered); the pages of the
    /// articles in `changed` are among them. Nothing is written before every page is rendered.
    public func rebuild(changed: [String]? = nil, first: FirstPages? = nil) throws(BuildFailure) -> SiteBuilder.Report {
        lock.lock()
        defer { lock.unlock() }
        let start = Date()
        if let changed { cache.forget(changed.compactMap { $0.hasPrefix("content/") ? String($0.dropFirst("content/".count)) : nil }) }
        let writer = OutputWriter(output: builder.outputFolder)
        // A new site is written as it renders; an existing one is compared file by file.
        let fresh = !inSync && !writer.outputExists
        let statePath = BuildState.location(of: builder.outputFolder, root: builder.root)
        var saved: BuildState?
        if !inSync && !fresh {
            writer.removeLeftovers()
            saved = BuildState.load(statePath)
        }
        if fresh {
            do { try writer.prepareStaging() } catch { throw BuildFailure([writeFailure(error)]) }
        }
        // Text converted by earlier builds, either way, need not be converted again.
        ScriptConverter.loadRuns(root: builder.root)
        let result = renderAll(sink: fresh ? .stage(writer) : .compare(writer), saved: saved, changed: inSync ? changed : nil,
                               first: inSync ? first : nil)
        guard case .success(let r) = result else {
            if fresh { writer.discard() }
            if case .failure(let f) = result { throw f }
            throw BuildFailure([])
        }
        builder.options.progress?("writing \(builder.outputFolder.lastPathComponent)/")
        var clock = StageClock()
        var written = 0
        var removed: [String] = []
        // Whether `pages` holds last build's pages, which this one started from.
        let updating = inSync && !r.renderedAll
        do {
            if fresh {
                for file in r.files { try writer.writeStaged(file.path, file.bytes) }
                for (source, path) in r.copies { try writer.copyStaged(source, to: path) }
                try writer.swap()
                written = r.pages.count + r.files.count + r.copies.count
            } else {
                (written, removed) = try writeChanges(r, writer: writer)
            }
        } catch {
            if fresh { writer.discard() }
            inSync = false
            BuildState.remove(statePath)
            throw BuildFailure(r.diagnostics + [writeFailure(error)])
        }
        clock.lap("write")
        // The stamps of the files as they are now, for the next build of another process.
        let outputPath = builder.outputFolder.path
        if updating {
            // Most pages were not rendered: their entries are as they were.
            for p in r.pages where p.isNew { pages[p.path] = p.entry(under: outputPath) }
            for path in removed { pages[path] = nil }
        } else {
            let entries = concurrentMap(r.pages) { p in (p.path, p.entry(under: outputPath)) }
            pages = Dictionary(entries, uniquingKeysWith: { _, b in b })
        }
        // Without the bytes: written now, they need not be held until the next build.
        lastOrder = r.pages.map { p in
            var p = p
            p.pending = nil
            return p
        }
        if !inSync, let key = templatesKey {
            BuildState(identity: BuildState.identity(templatesKey: key), pages: pages, entities: entities.names).save(statePath)
        }
        ScriptConverter.saveRuns(root: builder.root)
        if let mirror = lastMirror {
            let texts = MirrorMemo.textsFile(root: builder.root, mirror: mirror)
            mirrorMemo.texts.save(texts.path, header: texts.header)
        }
        clock.lap("state")
        if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() }
        generated = Dictionary(r.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { _, b in b })
        copied = Dictionary(r.copies.compactMap { c in SourceCache.stamp(c.0.path).map { (c.1, $0) } }, uniquingKeysWith: { _, b in b })
        inSync = true
        return SiteBuilder.Report(pages: r.pages.count, rendered: r.rendered, written: written, bytes: r.bytes,
                                  warnings: r.diagnostics, seconds: Date().timeIntervalSince(start), scheduled: r.site.scheduledLater.map { s in
                                      let t = CivilTime(s.date, timeZone: r.site.config.timeZone)
                                      return (s.file, s.date, String(format: "%@ %02d:%02d", t.ymd, t.hour, t.minute))
                                  })
    }

    /// The error for an output folder that cannot be written.
    func writeFailure(_ error: any Error) -> Diagnostic {
        Diagnostic(file: builder.outputFolder.lastPathComponent, message: "cannot write the site: \(error)")
    }

    /// Writes what differs from the output folder and removes what the site no longer has.
    /// After a build of this process, unchanged pages were not even rendered, and the generated
    /// and copied files are compared with what it wrote; otherwise with the files on disk.
    /// Returns how many files it wrote or removed, and the pages it removed.
    private func writeChanges(_ r: Rendered, writer: OutputWriter) throws -> (Int, [String]) {
        var changes: [OutputFile] = []
        for page in r.pages {
            if let bytes = page.pending { changes.append(OutputFile(path: page.path, bytes: bytes)) }
        }
        var others = Set<String>()
        for file in r.files {
            others.insert(file.path)
            if inSync ? generated[file.path] == file.bytes : writer.matches(file.path, file.bytes) { continue }
            changes.append(file)
        }
        for (source, path) in r.copies {
            others.insert(path)
            if inSync, let stamp = SourceCache.stamp(source.path), copied[path] == stamp { continue }
            let bytes = try OutputWriter.read(source.path)
            if writer.matches(path, bytes) { continue }
            changes.append(OutputFile(path: path, bytes: bytes))
        }
        var removals: [String]
        if inSync {
            removals = generated.keys.filter { !others.contains($0) } + copied.keys.filter { !others.contains($0) }
            // A page taken as it was is one of last build's: when those and the pages rendered that
            // were there before make up all of them, none is gone, and no set of every path is made.
            let kept = r.pages.reduce(0) { n, p in n + (!p.isNew || pages[p.path] != nil ? 1 : 0) }
            if kept != pages.count {
                let live = Set(r.pages.map(\.path))
                removals += pages.keys.filter { !live.contains($0) && !others.contains($0) }
            }
        } else {
            let live = others.union(r.pages.map(\.path))
            removals = writer.existingFiles().filter { !live.contains($0) }
        }
        try writer.commit(changes, removals: removals)
        return (changes.count + removals.count, removals)
    }
}
