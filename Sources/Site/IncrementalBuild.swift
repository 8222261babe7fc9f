import Foundation
import Template

/// A build that remembers the last one: `serve` keeps one alive and calls `rebuild()` after
/// each change. Files that did not change are not parsed again, pages whose inputs did not
/// change are not rendered again, and only files whose bytes changed are written.
///
/// A clean `unionsite build` is the first `rebuild()` of a fresh one, so the two share every
/// step; the tests check that edits through a long-lived one give byte for byte what a clean
/// build of the same sources gives.
public final class IncrementalBuild: @unchecked Sendable {
    public let builder: SiteBuilder
    private let cache = SourceCache()
    private var engine: Engine?
    /// Kept across rebuilds: it remembers every title it has turned into a slug.
    private var slugger: Slugger?
    private var templatesKey: Int?
    /// The last good output: pages by path, other generated files, copied files.
    private var pages: [String: RenderedPage] = [:]
    private var generated: [String: [UInt8]] = [:]
    private var copied: [String: SourceCache.Stamp] = [:]
    /// Whether the output folder holds exactly the state above.
    private var inSync = false
    private let lock = NSLock()

    public init(builder: SiteBuilder) {
        self.builder = builder
    }

    struct Rendered {
        var pages: [RenderedPage]
        var rendered: Int
        var files: [OutputFile]
        var copies: [(URL, String)]
        var diagnostics: [Diagnostic]
        var site: Site
        var values: ValueBuilder
    }

    /// Loads, assembles and renders (stages 1–3), reusing what the last build left.
    func renderAll() -> Result<Rendered, BuildFailure> {
        var clock = StageClock()
        defer { if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() } }
        let progress = builder.options.progress
        // 1. Load.
        progress?("reading content/")
        let sources = builder.loadSources(cache: cache)
        var diagnostics = sources.diagnostics
        clock.lap("load")
        // 2. Assemble.
        if slugger?.style != sources.config.slugStyle { slugger = Slugger(style: sources.config.slugStyle) }
        let slugger = self.slugger ?? Slugger(style: sources.config.slugStyle)
        let (site, assembleDiagnostics) = builder.assemble(sources, slugger: slugger, folder: ScriptFolder())
        diagnostics += assembleDiagnostics
        clock.lap("assemble")
        if diagnostics.contains(where: { $0.severity == .error }) { return .failure(BuildFailure(diagnostics)) }
        // 3. Render: templates parsed once per change of any template.
        let key = builder.templatesFingerprint() ^ site.config.timeZone.secondsFromGMT()
        var previous = pages
        if engine == nil || key != templatesKey {
            engine = Engine(source: DirectorySource(root: builder.root.appendingPathComponent("templates")),
                            options: .init(autoescape: true, timeZone: site.config.timeZone))
            templatesKey = key
            previous = [:]
        }
        guard let engine else { return .failure(BuildFailure(diagnostics)) }
        let values = ValueBuilder(site: site)
        let jobs = builder.pageJobs(site, values: values)
        progress?("rendering \(jobs.count) pages (\(site.articles.count) articles, \(site.honorees.count) honorees)")
        let (rendered, count, renderDiagnostics) = builder.render(jobs, engine: engine, previous: previous)
        diagnostics += renderDiagnostics
        clock.lap("render")
        if diagnostics.contains(where: { $0.severity == .error }) {
            // A template error must show again next time even if nothing else changed.
            templatesKey = nil
            return .failure(BuildFailure(diagnostics))
        }
        let copies = site.assets.map { ($0.source, $0.path) } + builder.themeAssets()
        let files = builder.feeds(site, values: values)
        let outputs = Set(rendered.map(\.path) + files.map(\.path) + copies.map(\.1))
        diagnostics += builder.checkReferences(site, outputs: outputs, values: values)
        return .success(Rendered(pages: rendered, rendered: count, files: files,
                                 copies: copies, diagnostics: diagnostics, site: site, values: values))
    }

    /// Builds and writes. On any error nothing is written and the last good output stays.
    public func rebuild() throws(BuildFailure) -> SiteBuilder.Report {
        lock.lock()
        defer { lock.unlock() }
        let start = Date()
        let result = renderAll()
        guard case .success(let r) = result else {
            if case .failure(let f) = result { throw f }
            throw BuildFailure([])
        }
        let writer = OutputWriter(output: builder.outputFolder)
        builder.options.progress?("writing \(builder.outputFolder.lastPathComponent)/")
        var written = 0
        do {
            if inSync {
                written = try writeChanges(r, writer: writer)
            } else {
                try writer.stage(r.pages.map { OutputFile(path: $0.path, bytes: $0.bytes) } + r.files, copies: r.copies)
                try writer.swap()
                written = r.pages.count + r.files.count + r.copies.count
            }
        } catch {
            writer.discard()
            inSync = false
            throw BuildFailure(r.diagnostics + [Diagnostic(file: builder.outputFolder.lastPathComponent,
                                                           message: "cannot write the site: \(error)")])
        }
        pages = Dictionary(r.pages.map { ($0.path, $0) }, uniquingKeysWith: { _, b in b })
        generated = Dictionary(r.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { _, b in b })
        copied = Dictionary(r.copies.compactMap { c in SourceCache.stamp(c.0.path).map { (c.1, $0) } }, uniquingKeysWith: { _, b in b })
        inSync = true
        return SiteBuilder.Report(pages: r.pages.count, rendered: r.rendered, written: written,
                                  bytes: r.pages.reduce(0) { $0 + $1.bytes.count },
                                  warnings: r.diagnostics, seconds: Date().timeIntervalSince(start))
    }

    /// Writes what differs from the last build into the output folder and removes what is gone.
    private func writeChanges(_ r: Rendered, writer: OutputWriter) throws -> Int {
        var written = 0
        var live = Set<String>()
        for page in r.pages {
            live.insert(page.path)
            // A reused page shares its buffer with the old one, so the comparison is immediate.
            if let old = pages[page.path], old.bytes == page.bytes { continue }
            try writer.replace(page.path, page.bytes)
            written += 1
        }
        for file in r.files {
            live.insert(file.path)
            if generated[file.path] == file.bytes { continue }
            try writer.replace(file.path, file.bytes)
            written += 1
        }
        for (source, path) in r.copies {
            live.insert(path)
            if let stamp = SourceCache.stamp(source.path), copied[path] == stamp { continue }
            guard let data = FileManager.default.contents(atPath: source.path) else { continue }
            try writer.replace(path, [UInt8](data))
            written += 1
        }
        for path in Set(pages.keys).union(generated.keys).union(copied.keys) where !live.contains(path) {
            writer.remove(path)
            written += 1
        }
        return written
    }
}
