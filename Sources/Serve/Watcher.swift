import Foundation
import Synchronization

/// Watches a site's sources and reports what changed, one debounced batch at a time.
///
/// Paths are relative to the site root (`content/news/a.md`, `templates/base.html`,
/// `site.yml`); a folder that appeared, vanished or moved is reported by its own path (and, when
/// it appeared, with the files in it). `FileWatcher.everything` means "assume everything
/// changed" (the kernel dropped events).
public protocol FileWatcher: AnyObject, Sendable {
    /// Starts watching. `onChange` runs on the watcher's own thread, one batch at a time: while
    /// it runs (a rebuild), new changes wait and come as the next batch.
    func start(onChange: @escaping @Sendable (_ changed: [String]) -> Void) throws(WatchError)
    /// Stops watching. Waits for a running `onChange` to return, unless called from inside it.
    func stop()
}

extension FileWatcher {
    /// The path reported when the watcher lost track and everything may have changed.
    public static var everything: String { "." }
}

/// The watcher could not start.
public struct WatchError: Error, CustomStringConvertible {
    /// What went wrong, for the terminal.
    public var description: String
    /// A watch error with this message.
    public init(_ description: String) { self.description = description }
}

/// What a site's watcher looks at: `content/` and `templates/` recursively, `site.yml` and
/// `script-overrides.yml`.
public struct WatchScope: Sendable {
    /// The site root.
    public var root: URL
    /// Folders under the root watched with everything in them.
    public var folders: [String] = ["content", "templates"]
    /// Files directly in the root that count; everything else there (public/, the build's
    /// staging folder) is ignored, or each build would trigger the next.
    public var rootFiles: [String] = ["site.yml", "script-overrides.yml"]

    /// The scope of the site at `root`.
    public init(root: URL) { self.root = root }

    /// Whether a file name is an editor's or the system's scratch file, not content: hidden
    /// files (vim's `.a.md.swp`, emacs's `.#a.md`), backups (`a.md~`), emacs autosaves
    /// (`#a.md#`) and vim's write test file `4913`.
    public static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name == "4913"
            || name.hasSuffix(".swp") || name.hasSuffix(".swx")
    }
}

/// Collects changed paths until no new change has come for a quiet period, so an editor's
/// save-all (many writes in a few milliseconds) makes one batch. A steady stream of changes
/// still yields a batch every `maxDelay`.
public struct Debouncer: Sendable {
    /// How long no change must come before the batch is due.
    public var quiet: Duration
    /// The longest a change waits.
    public var maxDelay: Duration
    private var pending: Set<String> = []
    private var first: ContinuousClock.Instant?
    private var last: ContinuousClock.Instant?

    /// A debouncer with a quiet period (100 ms by default).
    public init(quiet: Duration = .milliseconds(100), maxDelay: Duration = .seconds(2)) {
        self.quiet = quiet
        self.maxDelay = maxDelay
    }

    /// Records changes seen at `now`.
    public mutating func add(_ paths: some Sequence<String>, at now: ContinuousClock.Instant) {
        var any = false
        for p in paths {
            pending.insert(p)
            any = true
        }
        guard any else { return }
        if first == nil { first = now }
        last = now
    }

    /// When the pending batch is due; nil when nothing is pending.
    public var deadline: ContinuousClock.Instant? {
        guard let first, let last else { return nil }
        return min(last + quiet, first + maxDelay)
    }

    /// The pending batch, sorted, if it is due at `now` (and then it is cleared).
    public mutating func takeIfDue(at now: ContinuousClock.Instant) -> [String]? {
        guard let deadline, now >= deadline else { return nil }
        defer {
            pending = []
            first = nil
            last = nil
        }
        return pending.sorted()
    }
}

/// The portable fallback: compares the files' sizes and modification times every `interval`.
public final class PollingWatcher: FileWatcher, @unchecked Sendable {
    private let scope: WatchScope
    private let interval: Duration
    private let quiet: Duration
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let thread = Mutex<pthread_t?>(nil)
    private let lifecycle = Mutex((started: false, stopped: false))

    /// A polling watcher over `scope`.
    public init(scope: WatchScope, interval: Duration = .milliseconds(250), quiet: Duration = .milliseconds(100)) {
        self.scope = scope
        self.interval = interval
        self.quiet = quiet
    }

    public func start(onChange: @escaping @Sendable ([String]) -> Void) throws(WatchError) {
        let ok = lifecycle.withLock { s in
            defer { s.started = true }
            return !s.started && !s.stopped
        }
        guard ok else { throw WatchError("the watcher was already started or stopped") }
        let initial = snapshot()
        let thread = Thread { [self] in
            var known = initial
            self.thread.withLock { $0 = pthread_self() }
            var debouncer = Debouncer(quiet: quiet)
            while stopped.wait(timeout: .now() + interval.timeInterval) == .timedOut {
                let now = snapshot()
                var changed = Set<String>()
                for (path, stamp) in now where known[path] != stamp { changed.insert(path) }
                for path in known.keys where now[path] == nil { changed.insert(path) }
                known = now
                debouncer.add(changed, at: .now)
                if let batch = debouncer.takeIfDue(at: .now) { onChange(batch) }
            }
            finished.signal()
        }
        thread.name = "unionsite-watcher"
        thread.start()
    }

    public func stop() {
        let (started, alreadyStopped) = lifecycle.withLock { s in
            defer { s.stopped = true }
            return (s.started, s.stopped)
        }
        guard started, !alreadyStopped else { return }
        stopped.signal()
        if let thread = thread.withLock({ $0 }), pthread_equal(thread, pthread_self()) != 0 { return }
        _ = finished.wait(timeout: .now() + 30)
    }

    struct Stamp: Equatable {
        var size: Int
        var modified: Date
    }

    /// Every relevant file's size and modification time.
    func snapshot() -> [String: Stamp] {
        var out: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        func stamp(_ url: URL) -> Stamp? {
            guard let v = try? url.resourceValues(forKeys: Set(keys)), v.isRegularFile == true else { return nil }
            return Stamp(size: v.fileSize ?? 0, modified: v.contentModificationDate ?? .distantPast)
        }
        for name in scope.rootFiles {
            if let s = stamp(scope.root.appendingPathComponent(name)) { out[name] = s }
        }
        let rootPath = scope.root.standardizedFileURL.path
        for folder in scope.folders {
            let dir = scope.root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: keys) else { continue }
            for case let url as URL in walker where !WatchScope.isScratch(url.lastPathComponent) {
                guard let s = stamp(url) else { continue }
                let path = url.standardizedFileURL.path
                out[path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : path] = s
            }
        }
        return out
    }
}

extension Duration {
    /// In seconds, for Dispatch and poll(2).
    var timeInterval: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
