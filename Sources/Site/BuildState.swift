import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a build left in the output folder, saved in the site's `.unionsite-cache/` (as Jekyll
/// keeps `.jekyll-cache/`) so the next `unionsite build` renders only the pages whose inputs
/// changed: for each page, the facts it read (`Reads`) with their fingerprint, and the stamp
/// (size, modification time, inode) of its file as written, and the names of the entities the
/// facts are of. A page is taken as it is only when both still match: a file edited, replaced
/// or deleted by hand since is rendered again. Any other difference — another unionsite binary,
/// other templates, a damaged state file — means every page is rendered.
struct BuildState {
    struct Entry: Sendable {
        var fingerprint: Int
        /// nil while the page's file has not been looked at since it was written.
        var stamp: SourceCache.Stamp?
        /// The facts the page read.
        var reads = PageReads()
        /// What the page is (`PageJob.identity`); 0 when read from a state file, which does not keep it.
        var identity: UInt64 = 0
    }

    /// What the pages were rendered with: the unionsite binary and the templates.
    var identity: String
    var pages: [String: Entry]
    /// The names of the entities the facts are of, by number (`EntityTable`).
    var entities: [String]

    /// The state file of an output folder: one per folder, named by its absolute path.
    static func location(of output: URL, root: URL) -> String {
        let key = String(Fingerprint.of(output.standardizedFileURL.path).value, radix: 16)
        return root.appendingPathComponent(".unionsite-cache").path + "/\(output.lastPathComponent)-\(key).state"
    }

    /// The binary that runs, by its stamp, and the templates' key.
    static func identity(templatesKey: Int) -> String {
        let exe = SourceCache.stamp("/proc/self/exe").map { "\($0.size)-\($0.seconds)-\($0.nanoseconds)-\($0.inode)" } ?? "unknown"
        return "unionsite-state 4 \(exe) \(templatesKey)"
    }

    /// Reads a state file; nil when it is missing or not one this format knows.
    static func load(_ path: String) -> BuildState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return data.withUnsafeBytes { raw -> BuildState? in
            var r = ByteReader(raw)
            guard let identity = r.line(), identity.hasPrefix("unionsite-state 4 "), let entityCount = r.u64() else { return nil }
            var entities: [String] = []
            entities.reserveCapacity(Int(min(entityCount, 1 << 24)))
            for _ in 0..<entityCount {
                guard let name = r.string() else { return nil }
                entities.append(name)
            }
            guard let pageCount = r.u64() else { return nil }
            var pages: [String: Entry] = [:]
            pages.reserveCapacity(Int(min(pageCount, 1 << 24)))
            for _ in 0..<pageCount {
                guard let f = r.u64(), let size = r.u64(), let s = r.u64(), let ns = r.u64(), let inode = r.u64(),
                      let path = r.string(), let readCount = r.u64(), let encoded = r.block(),
                      let reads = PageReads(bytes: encoded, count: Int(min(readCount, 1 << 40))) else { return nil }
                let stamp = SourceCache.Stamp(size: Int64(bitPattern: size), seconds: Int(Int64(bitPattern: s)),
                                              nanoseconds: Int(Int64(bitPattern: ns)), inode: inode)
                pages[path] = Entry(fingerprint: Int(Int64(bitPattern: f)), stamp: stamp, reads: reads)
            }
            return BuildState(identity: identity, pages: pages, entities: entities)
        }
    }

    /// Writes the state file (beside it first, then renamed over it). Pages without a stamp
    /// are left out: the next build renders them.
    func save(_ path: String) {
        var out = Array((identity + "\n").utf8)
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func bytes(_ b: some Collection<UInt8>) { u64(UInt64(b.count)); out.append(contentsOf: b) }
        u64(UInt64(entities.count))
        for name in entities { bytes(name.utf8) }
        let kept = pages.filter { $0.value.stamp != nil }
        out.reserveCapacity(out.count + 8 + kept.reduce(0) { $0 + 7 * 8 + $1.key.utf8.count + 8 + $1.value.reads.bytes.count })
        u64(UInt64(kept.count))
        for (path, e) in kept {
            guard let s = e.stamp else { continue }
            u64(UInt64(bitPattern: Int64(e.fingerprint)))
            u64(UInt64(bitPattern: s.size))
            u64(UInt64(bitPattern: Int64(s.seconds)))
            u64(UInt64(bitPattern: Int64(s.nanoseconds)))
            u64(s.inode)
            bytes(path.utf8)
            // The reads as the page keeps them (`PageReads`): their number, then their bytes.
            u64(UInt64(e.reads.count))
            bytes(e.reads.bytes)
        }
        // Without it the next build renders everything: a failure here is not the build's.
        let temporary = path + ".\(getpid())"
        mkdir((path as NSString).deletingLastPathComponent, 0o755)
        guard (try? OutputWriter.writeFile(temporary, out)) != nil, rename(temporary, path) == 0 else {
            unlink(temporary)
            return
        }
    }

    /// Forgets the state file (a build that failed to write leaves the output unknown).
    static func remove(_ path: String) {
        unlink(path)
    }
}

/// Reads the parts of a file of the build's cache (a state file, converted runs), each nil past the end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var at = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func line() -> String? {
        guard let end = bytes[at...].firstIndex(of: 0x0A) else { return nil }
        defer { at = end + 1 }
        return String(decoding: bytes[at..<end], as: UTF8.self)
    }

    mutating func u64() -> UInt64? {
        guard at + 8 <= bytes.count else { return nil }
        defer { at += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    mutating func string() -> String? {
        guard let n = u64(), n <= UInt64(bytes.count - at) else { return nil }
        defer { at += Int(n) }
        return String(decoding: bytes[at..<at + Int(n)], as: UTF8.self)
    }

    /// A length, then as many bytes.
    mutating func block() -> [UInt8]? {
        guard let n = u64(), n <= UInt64(bytes.count - at) else { return nil }
        defer { at += Int(n) }
        return Array(bytes[at..<at + Int(n)])
    }
}

/// Last build's pages, to tell which need no rendering this time.
struct PreviousPages: Sendable {
    var entries: [String: BuildState.Entry] = [:]
    /// Where to check that each file still has the stamp it was written with (pages another
    /// process wrote); nil when this process wrote them and watches the sources itself.
    var verifyUnder: String? = nil
    /// Last build's pages in the order it rendered them, when known: a build of the same site
    /// makes its pages in the same order, so page k is looked for there before by its path.
    var ordered: [RenderedPage] = []

    /// Last build's entry for page `index` of this build at `path`.
    func entry(_ index: Int, _ path: String) -> BuildState.Entry? {
        if index < ordered.count, ordered[index].path == path {
            let p = ordered[index]
            return BuildState.Entry(fingerprint: p.fingerprint, stamp: p.stamp, reads: p.reads, identity: p.identity)
        }
        return entries[path]
    }

    /// Last build's entry for the page, when it is the same page (`identity`), every fact it
    /// read has the value it had (`facts`), and its file is as it was. Sound because rendering
    /// is deterministic: a page whose facts are as they were reads the same facts again and
    /// gives the same bytes.
    ///
    /// `changed`: the entities whose facts changed since the build that made `entries` (in a
    /// process that keeps its last build): a page that read none of them is as it was without
    /// its fingerprint being made again.
    func unchanged(_ path: String, at index: Int, identity: UInt64, facts: SiteFacts, changed: ChangedEntities? = nil) -> BuildState.Entry? {
        guard let e = entry(index, path) else { return nil }
        if let changed, e.identity == identity, !changed.touched(e.reads) { return e }
        guard facts.fingerprint(identity: identity, reads: e.reads) == e.fingerprint else { return nil }
        guard let root = verifyUnder else { return e }
        guard let stamp = e.stamp, SourceCache.stamp(root + "/" + path) == stamp else { return nil }
        return e
    }
}
