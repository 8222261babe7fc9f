import Foundation
import Template

/// Builds a site: content/ + templates/ + site.yml → public/.
///
/// The build reads top to bottom in the order it runs:
/// 1. load     — site.yml and every file under content/ (`Site+Load.swift`)
/// 2. assemble — drafts, order, slugs, columns and tags (`Site+Assemble.swift`)
/// 3. render   — every page through its template, the feed and sitemap (`Site+Render.swift`)
/// 4. write    — into a staging folder, then swapped in for public/ (`OutputWriter.swift`)
/// Any error stops the build before step 4, so public/ keeps the last good site.
public struct SiteBuilder: Sendable {
    /// How to build.
    public struct Options: Sendable {
        /// Build articles marked `draft: true` too.
        public var drafts = false
        /// Where to write; default `<root>/public`.
        public var output: URL?
        public init(drafts: Bool = false, output: URL? = nil) {
            self.drafts = drafts
            self.output = output
        }
    }

    /// What a successful build did.
    public struct Report: Sendable {
        public var pages: Int
        public var files: Int
        public var bytes: Int
        public var warnings: [Diagnostic]
        public var seconds: Double
    }

    public let root: URL
    public let options: Options
    /// The instant the build treats as now (copyright year).
    let now = Date()

    public init(root: URL, options: Options = .init()) {
        self.root = root
        self.options = options
    }

    public var outputFolder: URL { options.output ?? root.appendingPathComponent("public") }

    /// Loads, assembles and renders the site in memory: the output files and every
    /// diagnostic. Nothing is written.
    public func renderSite() -> (files: [OutputFile], copies: [(URL, String)], diagnostics: [Diagnostic]) {
        var clock = StageClock()
        defer { if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() } }
        // 1. Load.
        let sources = loadSources()
        clock.lap("load")
        var diagnostics = sources.diagnostics
        let slugger = Slugger(style: sources.config.slugStyle)
        // 2. Assemble.
        let (site, assembleDiagnostics) = assemble(sources, slugger: slugger, folder: ScriptFolder())
        diagnostics += assembleDiagnostics
        clock.lap("assemble")
        if diagnostics.contains(where: { $0.severity == .error }) { return ([], [], diagnostics) }
        // 3. Render.
        let engine = Engine(source: DirectorySource(root: root.appendingPathComponent("templates")),
                            options: .init(autoescape: true, timeZone: site.config.timeZone))
        let (files, renderDiagnostics) = render(site, engine: engine)
        diagnostics += renderDiagnostics
        clock.lap("render")
        var copies: [(URL, String)] = site.assets.map { ($0.source, $0.path) }
        copies += themeAssets()
        return (files, copies, diagnostics)
    }

    /// Builds the site into the output folder, replacing it only if everything succeeded.
    public func build() throws(BuildFailure) -> Report {
        let start = Date()
        let (files, copies, diagnostics) = renderSite()
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw BuildFailure(diagnostics) }
        // 4. Write.
        let writer = OutputWriter(output: outputFolder)
        do {
            try writer.stage(files, copies: copies)
            try writer.swap()
        } catch {
            writer.discard()
            throw BuildFailure(diagnostics + [Diagnostic(file: outputFolder.lastPathComponent, message: "cannot write the site: \(error)")])
        }
        let pages = files.filter { $0.path.hasSuffix(".html") }.count
        return Report(pages: pages, files: files.count + copies.count, bytes: files.reduce(0) { $0 + $1.bytes.count },
                      warnings: diagnostics, seconds: Date().timeIntervalSince(start))
    }

    /// templates/assets/** → assets/**.
    func themeAssets() -> [(URL, String)] {
        let dir = root.appendingPathComponent("templates/assets")
        guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
        var out: [(URL, String)] = []
        for case let url as URL in walker {
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true { continue }
            if url.lastPathComponent.hasPrefix(".") { continue }
            out.append((url, "assets/" + String(url.path.dropFirst(dir.path.count + 1))))
        }
        return out.sorted { $0.1 < $1.1 }
    }
}

/// Wall time per stage, printed to stderr when UNIONSITE_TIMING is set (for profiling builds).
struct StageClock {
    private var last = Date()
    private var laps: [(String, Double)] = []

    mutating func lap(_ name: String) {
        let now = Date()
        laps.append((name, now.timeIntervalSince(last)))
        last = now
    }

    func report() {
        let line = laps.map { "\($0.0) \(String(format: "%.3f", $0.1)) s" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("timing: \(line)\n".utf8))
    }
}
