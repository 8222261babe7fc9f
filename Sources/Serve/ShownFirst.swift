import Synchronization

/// The pages a rebuild renders first (the ones open in a tab, the saved articles' own), served
/// from memory while it renders and writes the rest: a tab reloads as soon as its page is ready.
/// Until the build is done, a request for any other page waits, so that no tab gets a page
/// older than the build it reloaded for.
public final class ShownFirst: Sendable {
    private struct State {
        /// Bytes by output path (`news/a/index.html`).
        var pages: [String: [UInt8]] = [:]
        var finishing = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Serves `pages` (bytes by output path) until `done()`, and holds back every other page.
    public func show(_ pages: [String: [UInt8]]) {
        state.withLock { s in
            s.pages = pages
            s.finishing = true
        }
    }

    /// The build is written or has failed: every page comes from the output folder again.
    public func done() {
        let waiting = state.withLock { s in
            s.pages = [:]
            s.finishing = false
            defer { s.waiting = [] }
            return s.waiting
        }
        for w in waiting { w.resume() }
    }

    /// The page at this output path, while it is shown from memory.
    public func page(_ path: String) -> [UInt8]? {
        state.withLock { $0.pages[path] }
    }

    /// Returns at once unless a build is finishing and the page at `path` is not one of those
    /// shown first; then when the build is done.
    public func wait(for path: String) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if !s.finishing || s.pages[path] != nil { return true }
                s.waiting.append(c)
                return false
            }
            if now { c.resume() }
        }
    }
}
