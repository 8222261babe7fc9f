import ArgumentParser
import Dispatch
import Foundation
import Serve
import Site

/// `unionsite serve`: builds, serves public/ with live reload, rebuilds on every change.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it, and rebuild and reload open pages on every change."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The address to listen on (0.0.0.0 lets other machines in).")
    var host: String = "127.0.0.1"

    @Option(name: [.customShort("p"), .long], help: "The port to listen on (0: any free port).")
    var port: UInt16 = 8080

    @Flag(name: [.customShort("v"), .long], help: "Print every warning in full after each build (not one summary per kind).")
    var verbose = false


    func run() throws {
        try site.requireSite()
        let root = site.root
        // Scheduled articles are previewed, each page with a banner that says when it is published.
        var options = SiteBuilder.Options(drafts: site.drafts)
        options.future = true
        let builder = SiteBuilder(root: root, options: options)
        // One long-lived incremental build: unchanged files are not parsed again, unchanged
        // pages not rendered again, unchanged output not written again.
        let incremental = IncrementalBuild(builder: builder)
        let rebuild: Rebuild = { changed, first in
            Result { () throws(BuildFailure) -> SiteBuilder.Report in
                try incremental.rebuild(changed: changed.isEmpty ? nil : changed, first: first)
            }
        }
        let session = PreviewSession(rebuild: rebuild)

        let server: PreviewServer
        do {
            server = try PreviewServer(output: builder.outputFolder.path, liveReload: session.liveReload, shownFirst: session.shownFirst,
                                       host: host, port: port)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            printError("warning: --host \(host) lets other machines on the network see this preview, drafts and errors included")
        }
        // Listen before the first build, so a port in use is reported at once.
        let listening = waitFor { () async -> Result<UInt16, PreviewServer.ListenError> in
            do throws(PreviewServer.ListenError) { return .success(try await server.start()) } catch { return .failure(error) }
        }
        let boundPort: UInt16
        switch listening {
        case .success(let p):
            boundPort = p
        case .failure(let e):
            printError(e.description + (port != 0 && port < UInt16.max ? " (is another server using port \(port)? Try --port \(port + 1))" : ""))
            throw ExitCode(1)
        }

        // Watch before building, so an edit made during the first build is not missed.
        let watcher = makeWatcher(root)
        do {
            try watcher.start { [verbose] changed in Self.report(session.build(changed: changed), verbose: verbose) }
        } catch {
            printError("warning: cannot watch the site (\(error.description)); changes will not be rebuilt")
        }
        Self.report(session.build(changed: []), verbose: verbose)
        let shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        printLine("serving http://\(shown.contains(":") ? "[\(shown)]" : shown):\(boundPort)/")

        waitForSignal([SIGINT, SIGTERM])
        watcher.stop()
        waitFor { await server.stop() }
        printLine("stopped")
    }

    /// inotify where there is one, polling elsewhere.
    func makeWatcher(_ root: URL) -> any FileWatcher {
        let scope = WatchScope(root: root)
        #if canImport(Glibc)
        if let inotify = try? InotifyWatcher(scope: scope) { return inotify }
        #endif
        return PollingWatcher(scope: scope)
    }

    /// One line per build on stdout; warnings (summarised per kind) and errors on stderr.
    static func report(_ outcome: BuildOutcome, verbose: Bool) {
        let summary = outcome.lines.summary
        switch outcome.result {
        case .success(let r):
            let shown = DiagnosticReport(r.warnings)
            for line in shown.lines(verbose: verbose) { printError(line) }
            printLine(shown.warnings.isEmpty ? summary : "\(summary): \(shown.counts)")
        case .failure(let f):
            let shown = DiagnosticReport(f.diagnostics)
            for line in shown.lines(verbose: verbose) { printError(line) }
            printError(summary)
        }
    }
}

/// Writes a line to stdout at once (print() would hold it in a buffer when stdout is a pipe).
func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Runs async work from this synchronous command and waits for it.
func waitFor<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    Task {
        box.value = await work()
        done.signal()
    }
    done.wait()
    // The semaphore orders the write before this read.
    guard let value = box.value else { preconditionFailure("async work finished without a value") }
    return value
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// Blocks until one of the signals arrives (their default action, ending the process, is off).
func waitForSignal(_ signals: [Int32]) {
    let received = DispatchSemaphore(value: 0)
    let sources = signals.map { sig -> any DispatchSourceSignal in
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler { received.signal() }
        source.resume()
        return source
    }
    received.wait()
    for source in sources { source.cancel() }
}
