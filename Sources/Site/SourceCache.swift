import Foundation
import Synchronization

/// What reading one Markdown file gave.
enum LoadedFile: Sendable {
    case article(Article)
    case page(StandalonePage)
    case honoree(Honoree)
    /// An `_index.md` of a news/ folder (`SiteBuilder.readIndexFile`).
    case columnIndex(ColumnIndex)
    case none
}

/// Parsed files kept between builds (for `serve`): a file is parsed again only when its size,
/// modification time or inode changed, or when what its parse depends on changed (site.yml for
/// every file; the honorees' names and URLs for articles, which link them).
public final class SourceCache: Sendable {
    struct Stamp: Equatable, Sendable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    struct Entry: Sendable {
        var stamp: Stamp
        var context: Int
        var result: LoadedFile
        var diagnostics: [Diagnostic]
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// The matcher of honorees' names the last load made, by the key of the names it matches.
    private let lastMatcher = Mutex<(key: Int, matcher: MentionMatcher)?>(nil)

    public init() {}

    static func stamp(_ path: String) -> Stamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Stamp(st)
    }

    func lookup(_ file: String, stamp: Stamp, context: Int) -> (LoadedFile, [Diagnostic])? {
        entries.withLock { e in
            guard let hit = e[file], hit.stamp == stamp, hit.context == context else { return nil }
            return (hit.result, hit.diagnostics)
        }
    }

    /// The matcher of honorees' names for `key`: the last one when its names are the same.
    func matcher(for key: Int, make: () -> MentionMatcher) -> MentionMatcher {
        if let last = lastMatcher.withLock({ $0 }), last.key == key { return last.matcher }
        let m = make()
        lastMatcher.withLock { $0 = (key, m) }
        return m
    }

    /// The cached result whatever the file's stamp now, when `context` is the same: for a file
    /// known not to have changed.
    func lookup(_ file: String, context: Int) -> (LoadedFile, [Diagnostic])? {
        entries.withLock { e in
            guard let hit = e[file], hit.context == context else { return nil }
            return (hit.result, hit.diagnostics)
        }
    }

    func store(_ file: String, stamp: Stamp, context: Int, _ result: LoadedFile, _ diagnostics: [Diagnostic]) {
        entries.withLock { $0[file] = Entry(stamp: stamp, context: context, result: result, diagnostics: diagnostics) }
    }

    /// Forgets `paths` and the files under them (relative to content/): a file saved twice
    /// within one tick of the file system's clock, at the same size, keeps its stamp, so the
    /// paths a watcher names are read again whatever their stamps say.
    func forget(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        entries.withLock { e in
            for path in paths {
                e[path] = nil
                let folder = path + "/"
                for key in e.keys where key.hasPrefix(folder) { e[key] = nil }
            }
        }
    }

    /// Whether a file the cache holds is `path` or lies under it (relative to content/, as stored).
    func knows(fileOrFolder path: String) -> Bool {
        let folder = path + "/"
        return entries.withLock { e in e[path] != nil || e.keys.contains { $0.hasPrefix(folder) } }
    }

    /// Forgets files that are gone. `files` must be every file just loaded (all of them are
    /// in the cache then), so any entry beyond their number is one that is gone; without one,
    /// the cache is left as it is rather than filtered on every rebuild.
    func keep(only files: [String]) {
        entries.withLock { e in
            guard e.count > files.count else { return }
            let live = Set(files)
            e = e.filter { live.contains($0.key) }
        }
    }
}

/// A fast, non-cryptographic fingerprint of bytes, stable within a process run and across
/// runs, for telling whether a file or a page's inputs changed.
///
/// Eight bytes at a time: a multiply, then the high bits folded down. Byte-at-a-time FNV-1a,
/// which this was, waits on one multiply per byte, and every source and page is hashed on
/// every build; the tail of fewer than eight bytes still goes byte by byte.
struct Fingerprint: Hashable, Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    mutating func add(bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ add(buffer: UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { add(buffer: $0) }
        }
    }

    private mutating func add(buffer: UnsafeRawBufferPointer) {
        var h = value
        var i = 0
        let n = buffer.count
        while i &+ 8 <= n {
            h = (h ^ buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i &+= 8
        }
        while i < n {
            h = (h ^ UInt64(buffer[i])) &* 0x0000_0100_0000_01B3
            i &+= 1
        }
        value = h
    }

    mutating func add(bytes data: Data) {
        data.withUnsafeBytes { add(buffer: $0) }
    }

    mutating func add(_ s: String) {
        add(bytes: s.utf8)
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01B3   // a separator byte no UTF-8 text contains
    }

    mutating func add(_ i: Int) {
        withUnsafeBytes(of: i.littleEndian) { add(buffer: $0) }
    }

    mutating func add(_ f: Fingerprint) { add(Int(truncatingIfNeeded: f.value)) }

    /// The fingerprint of bytes, as a number.
    static func of(bytes: [UInt8]) -> UInt64 {
        var f = Fingerprint()
        f.add(bytes: bytes)
        return f.value
    }

    static func of(_ parts: String...) -> Fingerprint {
        var f = Fingerprint()
        for p in parts { f.add(p) }
        return f
    }
}

extension SourceCache.Stamp {
    init(_ st: stat) {
        self.init(size: Int64(st.st_size), seconds: Int(st.st_mtim.tv_sec), nanoseconds: Int(st.st_mtim.tv_nsec),
                  inode: UInt64(st.st_ino))
    }
}
