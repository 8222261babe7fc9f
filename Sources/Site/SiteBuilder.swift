import Foundation
import Template

/// Builds a site: content/ + templates/ + site.yml → public/.
///
/// The build reads top to bottom in the order it runs:
/// 1. load     — site.yml, every file under content/ and data/ (`Site+Load.swift`, `DataFiles.swift`)
/// 2. assemble — drafts, order, slugs, columns, tags, the honor roll (`Site+Assemble.swift`)
/// 3. plan     — every page of every kind (`PageKinds.swift`), with the values templates see
///               (`Reads/`)
/// 4. render   — each page whose facts changed through its template (`Site+Render.swift`), the
///               feed and sitemap
/// 5. write    — a new site goes into a staging folder as it renders, renamed into place at the
///               end; over an existing site only files whose bytes changed are written
///               (`OutputWriter.swift`, `IncrementalBuild.swift`)
/// Any error stops the build before step 5, so public/ keeps the last good site.
public struct SiteBuilder: Sendable {
    /// How to build.
    public struct Options: Sendable {
        /// Build articles marked `draft: true` too.
        public var drafts = false
        /// Build articles dated later than `now` too (定时发布), marked `scheduled`; else they are
        /// left out until a build at or after their time.
        public var future = false
        /// The build's time, for scheduled and withdrawn articles and pinning's end; nil: the clock's.
        public var now: Date?
        /// Where to write; default `<root>/public`.
        public var output: URL?
        /// Told what the build is doing, stage by stage (for a progress line on a terminal).
        public var progress: (@Sendable (String) -> Void)?
        /// What one sitemap file may hold before `sitemap.xml` becomes an index of parts (the
        /// protocol's limits; smaller in tests).
        public var sitemapLimit = SitemapLimit.standard
        public init(drafts: Bool = false, output: URL? = nil, progress: (@Sendable (String) -> Void)? = nil) {
            self.drafts = drafts
            self.output = output
            self.progress = progress
        }
    }

    /// What a successful build did.
    public struct Report: Sendable {
        /// HTML pages in the site.
        public var pages: Int
        /// Pages rendered by this build (the others were unchanged since the last one).
        public var rendered: Int
        /// Files written by this build.
        public var written: Int
        /// Bytes of the pages rendered.
        public var bytes: Int
        public var warnings: [Diagnostic]
        public var seconds: Double
        /// The articles left out because they are dated later (定时发布), soonest first, each
        /// with its time as the site's clocks show it (`2026-12-10 08:00`).
        public var scheduled: [(file: String, date: Date, local: String)] = []
    }

    public let root: URL
    /// `root.path`, made once: URL path operations cost microseconds, on every file of every build.
    let rootPath: String
    public let options: Options
    /// The instant the build treats as now (copyright year).
    let now = Date()

    public init(root: URL, options: Options = .init()) {
        self.root = root
        self.rootPath = root.path
        self.options = options
    }

    public var outputFolder: URL { options.output ?? root.appendingPathComponent("public") }

    /// Builds the site into the output folder, replacing it only if everything succeeded.
    public func build() throws(BuildFailure) -> Report {
        try IncrementalBuild(builder: self).rebuild()
    }

    /// The theme the site renders with: its templates/ over the built-in one (`SiteTheme`).
    func theme(_ config: SiteConfig) -> SiteTheme {
        SiteTheme(root: root, layered: config.builtInTheme)
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
