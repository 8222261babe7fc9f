#if canImport(Glibc)
import Foundation
import Glibc
import Synchronization

/// Watches a site with Linux's inotify: one watch per folder under content/ and templates/
/// (added as folders appear), and one on the root for site.yml.
///
/// A thread waits in poll(2) on the inotify descriptor and a pipe that `stop()` writes to; the
/// poll timeout is the debouncer's deadline, so no timer thread is needed. The kernel queues
/// events while a rebuild runs on that thread, and they make the next batch.
public final class InotifyWatcher: FileWatcher, @unchecked Sendable {
    private let scope: WatchScope
    private let quiet: Duration
    private let fd: Int32
    private let wake: (read: Int32, write: Int32)
    private let finished = DispatchSemaphore(value: 0)
    private let thread = Mutex<pthread_t?>(nil)
    /// Whether start() and stop() ran; the descriptors are closed by the thread once it runs,
    /// else by stop() or deinit, and never written to after that.
    private let lifecycle = Mutex((started: false, stopped: false))
    // Touched only by the watcher thread once it runs (and by start() before that).
    private var folders: [Int32: String] = [:]
    private var rootWatch: Int32 = -1

    private static let folderMask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB
        | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    /// An inotify watcher over `scope`; throws when the system has no inotify to give.
    public init(scope: WatchScope, quiet: Duration = .milliseconds(100)) throws(WatchError) {
        self.scope = scope
        self.quiet = quiet
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError("inotify_init1 failed: \(String(cString: strerror(errno)))") }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            close(fd)
            throw WatchError("pipe failed: \(String(cString: strerror(errno)))")
        }
        for end in pipeFDs {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        wake = (pipeFDs[0], pipeFDs[1])
    }

    public func start(onChange: @escaping @Sendable ([String]) -> Void) throws(WatchError) {
        let ok = lifecycle.withLock { s in
            defer { s.started = true }
            return !s.started && !s.stopped
        }
        guard ok else { throw WatchError("the watcher was already started or stopped") }
        rootWatch = inotify_add_watch(fd, scope.root.path, Self.folderMask & ~UInt32(IN_MODIFY))
        guard rootWatch >= 0 else { throw WatchError("cannot watch \(scope.root.path): \(String(cString: strerror(errno)))") }
        for folder in scope.folders { _ = addTree(folder) }
        let thread = Thread { [self] in
            self.thread.withLock { $0 = pthread_self() }
            run(onChange)
            closeDescriptors()
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
        guard !alreadyStopped else { return }
        guard started else {
            closeDescriptors()
            return
        }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        if let thread = thread.withLock({ $0 }), pthread_equal(thread, pthread_self()) != 0 { return }
        _ = finished.wait(timeout: .now() + 30)
    }

    deinit {
        let unused = lifecycle.withLock { !$0.started && !$0.stopped }
        if unused { closeDescriptors() }
    }

    private func closeDescriptors() {
        close(fd)
        close(wake.read)
        close(wake.write)
    }

    /// The loop: wait for events or the deadline, hand over due batches, until woken by stop().
    private func run(_ onChange: @Sendable ([String]) -> Void) {
        var debouncer = Debouncer(quiet: quiet)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var timeout: Int32 = -1
            if let deadline = debouncer.deadline {
                let left = (deadline - .now).timeInterval
                timeout = left <= 0 ? 0 : Int32((left * 1000).rounded(.up))
            }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            let n = poll(&fds, 2, timeout)
            if n < 0, errno != EINTR { return }
            if fds[1].revents != 0 { return }
            if fds[0].revents != 0 { debouncer.add(readEvents(&buffer), at: .now) }
            if let batch = debouncer.takeIfDue(at: .now) { onChange(batch) }
        }
    }

    /// Reads every queued event; returns the changed paths and keeps the watches up to date.
    private func readEvents(_ buffer: inout [UInt8]) -> [String] {
        var changed: [String] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }
            while offset + 16 <= count {
                let (wd, mask, len) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + len)].prefix { $0 != 0 }
                offset += 16 + len
                changed += handle(wd: wd, mask: mask, name: String(decoding: nameBytes, as: UTF8.self))
            }
        }
        return changed
    }

    /// What one event means: changed paths, and watches to add or drop.
    private func handle(wd: Int32, mask: UInt32, name: String) -> [String] {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return [Self.everything] }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[wd] = nil
            return []
        }
        let isDir = mask & UInt32(IN_ISDIR) != 0
        if wd == rootWatch {
            if scope.rootFiles.contains(name) && !isDir { return [name] }
            guard scope.folders.contains(name) else { return [] }
            // content/ or templates/ itself appeared, vanished or was moved.
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { return [name] + addTree(name) }
            dropTree(name)
            return [name]
        }
        guard let folder = folders[wd] else { return [] }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { return [] }  // reported by the parent
        guard !name.isEmpty, !WatchScope.isScratch(name) else { return [] }
        let path = folder + "/" + name
        if isDir {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { return [path] + addTree(path) }
            if mask & UInt32(IN_MOVED_FROM | IN_DELETE) != 0 { dropTree(path) }
        }
        return [path]
    }

    /// Watches a folder and every folder under it; returns the files found in them (a folder
    /// moved in brings its files, which are new to the site).
    @discardableResult
    private func addTree(_ relative: String) -> [String] {
        let wd = inotify_add_watch(fd, scope.root.appendingPathComponent(relative).path, Self.folderMask)
        guard wd >= 0 else { return [] }
        folders[wd] = relative
        var files: [String] = []
        let dir = scope.root.appendingPathComponent(relative)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for entry in entries.sorted() where !WatchScope.isScratch(entry) {
            // Not following symlinks: a link to a folder above would loop.
            let type = (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(entry).path))?[.type] as? FileAttributeType
            if type == .typeDirectory {
                files += addTree(relative + "/" + entry)
            } else {
                files.append(relative + "/" + entry)
            }
        }
        return files
    }

    /// Forgets the watches of a folder that moved away (its watch would report under the old name).
    private func dropTree(_ relative: String) {
        for (wd, path) in folders where path == relative || path.hasPrefix(relative + "/") {
            inotify_rm_watch(fd, wd)
            folders[wd] = nil
        }
    }
}
#endif
