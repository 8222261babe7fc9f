import Foundation
import Site
import Synchronization

/// Rebuilds the site after a change: given the changed paths (relative to the site root, as a
/// `FileWatcher` reports them; empty for the first build), builds and returns the outcome.
/// A failed build must leave the output folder as it was. `unionsite serve` hands the paths to
/// `IncrementalBuild.rebuild(changed:first:)`, which needs them to read only the changed files
/// again instead of listing and looking at every source, and which hands `first`'s pages over
/// as soon as they are rendered (a rebuild may ignore it).
public typealias Rebuild = @Sendable (_ changed: [String], _ first: FirstPages?) -> Result<SiteBuilder.Report, BuildFailure>

/// One build as the preview saw it.
public struct BuildOutcome: Sendable {
    /// What changed (empty for the first build).
    public var changed: [String]
    /// The build's report or failure.
    public var result: Result<SiteBuilder.Report, BuildFailure>
    /// Wall time of the rebuild call.
    public var seconds: Double
    /// When the pages open in a tab (and the saved articles' own) were shown, if before the end.
    public var shownAfter: Double? = nil

    /// The located errors, one `file:line:col: message` block each, as the overlay shows them.
    public var errorText: String? {
        guard case .failure(let failure) = result else { return nil }
        let errors = failure.diagnostics.filter { $0.severity == .error }
        return (errors.isEmpty ? failure.diagnostics : errors).map(\.description).joined(separator: "\n\n")
    }

    /// The terminal's lines: warnings and errors (for stderr), then the one summary line.
    public var lines: (diagnostics: [String], summary: String) {
        let seconds = BuildOutcome.duration(seconds)
        let why = changed.isEmpty ? "" : " (\(Self.describe(changed)) changed)"
        switch result {
        case .success(let report):
            let warnings = report.warnings.filter { $0.severity == .warning }.map(\.description)
            if changed.isEmpty { return (warnings, "built \(report.pages) pages in \(seconds)") }
            let pages = "\(report.rendered) page\(report.rendered == 1 ? "" : "s") rendered"
            let shown = shownAfter.map { " (open pages shown after \(BuildOutcome.duration($0)))" } ?? ""
            return (warnings, "rebuilt in \(seconds)\(shown), \(pages), \(report.written) written\(why)")
        case .failure(let failure):
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            return (failure.diagnostics.map(\.description),
                    "build failed: \(errors) error\(errors == 1 ? "" : "s")\(why); still serving the last good site")
        }
    }

    /// `23 ms` under a second (most rebuilds), else `1.25 s`.
    static func duration(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }

    /// `content/news/a.md`, `a.md and b.md`, `a.md and 3 more`.
    static func describe(_ changed: [String]) -> String {
        switch changed.count {
        case 1: changed[0]
        case 2: "\(changed[0]) and \(changed[1])"
        default: "\(changed[0]) and \(changed.count - 1) more"
        }
    }
}

/// Runs builds one at a time and tells the open tabs about each.
public final class PreviewSession: Sendable {
    /// The last build's status and the tabs' event streams.
    public let liveReload = LiveReload()
    /// The pages a rebuild shows before it has written them (`PreviewServer`'s `shownFirst`).
    public let shownFirst = ShownFirst()
    private let rebuild: Rebuild
    private let building = Mutex(())

    /// A session that builds with `rebuild`.
    public init(rebuild: @escaping Rebuild) {
        self.rebuild = rebuild
    }

    /// Builds (waiting for a build in progress to finish first), records the outcome and
    /// sends it to the tabs: a reload after a good build, the errors after a failed one.
    /// A rebuild renders the pages open in a tab first: when they are ready, they are shown
    /// and the tabs reload while the rest is rendered and written.
    @discardableResult
    public func build(changed: [String]) -> BuildOutcome {
        building.withLock { _ in
            let start = ContinuousClock.now
            let shownAt = Mutex<ContinuousClock.Instant?>(nil)
            let first = changed.isEmpty ? nil : FirstPages(paths: liveReload.openPages) { [liveReload, shownFirst] pages in
                shownFirst.show(pages)
                shownAt.withLock { $0 = .now }
                liveReload.buildFinished(error: nil)
            }
            let result = rebuild(changed, first)
            var outcome = BuildOutcome(changed: changed, result: result, seconds: (ContinuousClock.now - start).timeInterval)
            outcome.shownAfter = shownAt.withLock { $0 }.map { ($0 - start).timeInterval }
            shownFirst.done()
            // After pages were shown, the tabs have reloaded for this build: a good end needs
            // no second reload; a failed one shows its errors over the page.
            if outcome.shownAfter == nil || outcome.errorText != nil { liveReload.buildFinished(error: outcome.errorText) }
            return outcome
        }
    }
}
