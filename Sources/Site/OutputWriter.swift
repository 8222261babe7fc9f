import CUnionsite
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Stage 4 of the build, two ways:
/// - into a new site (no output folder yet): every page goes into a staging folder beside the
///   output folder as soon as it is rendered, and the folder is renamed into place at the end;
/// - over an existing site: each page is compared with the file already there, and only files
///   whose bytes differ are written: new ones beside their targets first and renamed into place
///   once all are written, the others over their old bytes when the disk has room to spare,
///   put back if a write fails (`commit`). A failed write leaves the old site whole.
///   Files keep their inodes: on ext4 without a journal, creating files right after deleting
///   thousands is slow (the allocator steps around recently freed inodes).
/// A build that fails before this stage leaves the old site as it was.
struct OutputWriter: Sendable {
    let output: URL
    /// The paths, made once: pages are written from several threads, thousands of times.
    let outputPath: String
    let staging: URL
    let stagingPath: String

    init(output: URL) {
        self.output = output
        outputPath = output.path
        staging = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).building-\(getpid())")
        stagingPath = staging.path
    }

    var parent: URL { output.deletingLastPathComponent() }

    enum WriteError: Error, CustomStringConvertible {
        case io(String, path: String)
        var description: String {
            switch self {
            case .io(let what, let path): return "\(path): \(what)"
            }
        }
    }

    /// Removes staging and old-site folders that an interrupted build (Ctrl-C, a kill, a crash)
    /// left beside the output folder: ours by name, and only when their process is gone.
    func removeLeftovers() {
        let name = output.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries {
            for prefix in [".\(name).building-", ".\(name).old-"] where entry.hasPrefix(prefix) {
                guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
                // kill(pid, 0) fails with ESRCH when no such process exists.
                if kill(pid, 0) != 0 && errno == ESRCH {
                    try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
                }
            }
        }
    }

    /// Whether the output folder exists as a folder (then pages are compared with it).
    var outputExists: Bool {
        var st = stat()
        return stat(outputPath, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Makes an empty staging folder, after removing what interrupted builds left.
    func prepareStaging() throws {
        // `--output new/folder/public`: the folders above it are made, as other generators do.
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        removeLeftovers()
        try? FileManager.default.removeItem(at: staging)
        try makeDirectory(stagingPath)
    }

    /// Writes one file under the staging folder, making its folders; returns its stamp (which
    /// the rename of the staging folder keeps). Safe to call from several threads at once: a
    /// folder another thread made first is not an error.
    @discardableResult
    func writeStaged(_ path: String, _ bytes: [UInt8]) throws(WriteError) -> SourceCache.Stamp? {
        // Through a Result: withUnsafeBytes rethrows untyped errors.
        try bytes.withUnsafeBytes { raw in Result { () throws(WriteError) in try writeStaged(path, raw) } }.get()
    }

    @discardableResult
    func writeStaged(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(WriteError) -> SourceCache.Stamp? {
        let target = stagingPath + "/" + path
        try makeParents(of: target, below: stagingPath)
        return try Self.writeFile(target, bytes)
    }

    /// Copies `source` to `path` under the staging folder.
    func copyStaged(_ source: URL, to path: String) throws {
        try writeStaged(path, try Self.read(source.path))
    }

    /// Whether the file at `path` under the output folder holds exactly `bytes`.
    func matches(_ path: String, _ bytes: [UInt8]) -> Bool {
        stampIfMatching(path, bytes) != nil
    }

    /// The stamp of the file at `path` under the output folder if it holds exactly `bytes`.
    func stampIfMatching(_ path: String, _ bytes: [UInt8]) -> SourceCache.Stamp? {
        bytes.withUnsafeBytes { stampIfMatching(path, $0) }
    }

    func stampIfMatching(_ path: String, _ bytes: UnsafeRawBufferPointer) -> SourceCache.Stamp? {
        let fd = open(outputPath + "/" + path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) == bytes.count else { return nil }
        // One byte more than expected is asked for, so a file that grew is noticed.
        var buffer = [UInt8](repeating: 0, count: bytes.count + 1)
        let complete = Self.readFully(fd, into: &buffer) == bytes.count
        // An empty page's buffer may have no address at all.
        let equal = complete && (bytes.isEmpty || buffer.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
        return equal ? SourceCache.Stamp(st) : nil
    }

    /// Every file under the output folder, by relative path (for removing what the site no
    /// longer has). Names starting with `.` are not listed, so they are left alone: a `.git`
    /// folder of a site published from public/, a `.nojekyll`, a `.well-known/`.
    func existingFiles() -> [String] {
        listFiles(outputPath).map(\.relative)
    }

    /// Replaces `changes` and removes `removals` in the output folder, so that a write that
    /// fails (a full disk, a quota, an I/O error) leaves the old site whole, and SIGINT and
    /// SIGTERM wait until the files are in place, so an interrupted build leaves the old site
    /// or the new one.
    ///
    /// A file that is new, or that cannot be overwritten as it is (see `overwritable`), is
    /// written beside its target and renamed into place once every file is written. The
    /// others — most files of a rebuild — are written over where they are when the disk has
    /// room for all the changes with a margin to spare and they are at most `overwriteLimit`
    /// bytes in all (`hasRoom`); each file's old bytes are kept until the end, and written back
    /// if anything fails. Why: on ext4, writing a file of the same name by truncating it or
    /// renaming another over it makes the kernel flush its data at close (`auto_da_alloc`),
    /// a wait on the disk for every file, while writing over its bytes and cutting it to length
    /// does not wait (BENCHMARKS.md has the figures).
    func commit(_ changes: [OutputFile], removals: [String]) throws {
        guard !changes.isEmpty || !removals.isEmpty else { return }
        let overwriting = hasRoom(for: changes)
        try deferringInterrupts {
            var temporaries: [(file: OutputFile, temporary: String)] = []
            var inPlace: [OutputFile] = []
            var overwritten: [(target: String, old: [UInt8])] = []
            /// Puts back what was written over and removes the temporaries; the error says
            /// which files could not be put back (the next build rewrites them).
            func undo(_ error: any Error) -> any Error {
                for t in temporaries { unlink(t.temporary) }
                let lost = overwritten.reversed().filter { (try? Self.overwrite($0.target, with: $0.old)) == nil }
                guard !lost.isEmpty else { return error }
                return WriteError.io("\(error); \(lost.count) files written over could not be put back as they were, e.g. \(lost[0].target)",
                                     path: outputPath)
            }
            do {
                for file in changes {
                    let target = outputPath + "/" + file.path
                    if overwriting, Self.overwritable(target) {
                        inPlace.append(file)
                        continue
                    }
                    try makeParents(of: target, below: outputPath)
                    let temporary = target + ".unionsite-\(getpid())"
                    temporaries.append((file, temporary))
                    try Self.writeFile(temporary, file.bytes)
                }
                for file in inPlace {
                    let target = outputPath + "/" + file.path
                    try Self.overwrite(target, with: file.bytes) { old in overwritten.append((target, old)) }
                }
                for (file, temporary) in temporaries {
                    let target = outputPath + "/" + file.path
                    guard rename(temporary, target) == 0 else { throw WriteError.io(String(cString: strerror(errno)), path: target) }
                }
            } catch {
                throw undo(error)
            }
            for path in removals { remove(path) }
        }
    }

    /// The most bytes of changes written over in place: their old bytes are kept meanwhile.
    static let overwriteLimit = 64 << 20

    /// Whether changes are written over in place: they are at most `overwriteLimit` bytes, and
    /// the output folder's disk has room for them twice over and 64 MiB more, so that writing
    /// over files cannot run out of space halfway (unless something else fills the disk then).
    private func hasRoom(for changes: [OutputFile]) -> Bool {
        let total = changes.reduce(0) { $0 + $1.bytes.count }
        guard total <= Self.overwriteLimit else { return false }
        var fs = statvfs()
        guard statvfs(outputPath, &fs) == 0 else { return false }
        let free = UInt64(fs.f_bavail) &* UInt64(fs.f_frsize)
        return free >= UInt64(64 << 20) + 2 * UInt64(total)
    }

    /// Whether the file at `path` may be written over in place: a regular file with one name.
    /// A symbolic link is not (renaming over it replaces the link, not what it points at,
    /// which may lie outside the output folder), nor a file with other hard links (a deploy's
    /// snapshot made with `cp -al`): those are left to their other names.
    private static func overwritable(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG && st.st_nlink == 1
    }

    /// Writes `bytes` over the file at `path` and cuts it to their length, after handing its
    /// old bytes to `keep` (so that a write that fails halfway can be undone). The file is
    /// opened without following a link and checked again to be a regular file with one name.
    private static func overwrite(_ path: String, with bytes: [UInt8], keep: ([UInt8]) -> Void = { _ in }) throws(WriteError) {
        let fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw .io(String(cString: strerror(errno)), path: path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_nlink == 1 else {
            throw .io("changed while the site was written (now a link, or a file with another name)", path: path)
        }
        var old = [UInt8](repeating: 0, count: Int(st.st_size))
        guard let filled = readFully(fd, into: &old) else { throw .io(String(cString: strerror(errno)), path: path) }
        guard filled == old.count else { throw .io("shrank while it was read", path: path) }
        keep(old)
        try bytes.withUnsafeBytes { raw in
            Result { () throws(WriteError) in
                try writeAll(fd, raw, path: path)
                // Cut only when shorter: ftruncate costs as much as the write, even to the same length.
                guard raw.count >= old.count || ftruncate(fd, off_t(raw.count)) == 0 else {
                    throw .io(String(cString: strerror(errno)), path: path)
                }
            }
        }.get()
    }

    /// The bytes of the file at `path`.
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WriteError.io("cannot read the file to copy it", path: path)
        }
        return [UInt8](data)
    }

    /// Puts the staged site in place of the old one, then removes the old one.
    func swap() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: outputPath, isDirectory: &isDir) {
            guard isDir.boolValue else { throw WriteError.io("exists and is not a folder: move it away first", path: outputPath) }
            let old = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
            try? fm.removeItem(at: old)
            if exchange(stagingPath, outputPath) {
                // The old site now sits at the staging path.
                try? fm.removeItem(at: staging)
                return
            }
            guard rename(outputPath, old.path) == 0 else { throw WriteError.io(String(cString: strerror(errno)), path: outputPath) }
            guard rename(stagingPath, outputPath) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(old.path, outputPath)
                throw WriteError.io(reason, path: outputPath)
            }
            try? fm.removeItem(at: old)
        } else {
            guard rename(stagingPath, outputPath) == 0 else { throw WriteError.io(String(cString: strerror(errno)), path: outputPath) }
        }
    }

    /// Removes one file of the live output, and the folders it leaves empty (never the output
    /// folder itself, never anything outside it).
    func remove(_ path: String) {
        guard !path.contains(".."), !path.hasPrefix("/") else { return }
        var target = outputPath + "/" + path
        unlink(target)
        while true {
            target = (target as NSString).deletingLastPathComponent
            guard target.count > outputPath.count, target.hasPrefix(outputPath + "/") else { return }
            if rmdir(target) != 0 { return }
        }
    }

    /// Removes the staging folder after a failure.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Atomically exchanges two paths; false where the system cannot (then two renames do).
    private func exchange(_ a: String, _ b: String) -> Bool {
        unionsite_exchange_paths(a, b) == 0
    }

    private func makeDirectory(_ path: String) throws(WriteError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw WriteError.io(String(cString: strerror(errno)), path: path)
        }
    }

    /// Makes the folders above `file` up to (not including) `root`: one mkdir when the parent's
    /// parent exists, as it does for all but the first page of a section.
    private func makeParents(of file: String, below root: String) throws(WriteError) {
        guard let slash = file.lastIndex(of: "/") else { return }
        let parent = String(file[..<slash])
        guard parent.count > root.count else { return }
        if mkdir(parent, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw WriteError.io(String(cString: strerror(errno)), path: parent) }
        try makeParents(of: parent, below: root)
        try makeDirectory(parent)
    }

    /// Writes `bytes` to a new or truncated file; returns the file's stamp after the write.
    /// Plain open/write/close: Foundation's writers fsync every file, which makes the build
    /// wait on the disk once for each of a site's pages.
    @discardableResult
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(WriteError) -> SourceCache.Stamp? {
        try bytes.withUnsafeBytes { raw in Result { () throws(WriteError) in try writeFile(path, raw) } }.get()
    }

    @discardableResult
    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(WriteError) -> SourceCache.Stamp? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(String(cString: strerror(errno)), path: path) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
        var st = stat()
        return fstat(fd, &st) == 0 ? SourceCache.Stamp(st) : nil
    }

    /// Reads the open file from its start into `buffer` until it is full or the file ends, at
    /// the file's offset unmoved (so a write after starts at the beginning); the bytes read, or
    /// nil on an error (`errno` says which).
    private static func readFully(_ fd: Int32, into buffer: inout [UInt8]) -> Int? {
        buffer.withUnsafeMutableBytes { raw -> Int? in
            var filled = 0
            while filled < raw.count {
                let n = pread(fd, raw.baseAddress! + filled, raw.count - filled, off_t(filled))
                if n < 0 && errno == EINTR { continue }
                if n < 0 { return nil }
                if n == 0 { break }
                filled += n
            }
            return filled
        }
    }

    /// Writes all of `bytes` at the file's offset.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(WriteError) {
        var written = 0
        while written < bytes.count {
            let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(String(cString: strerror(errno)), path: path)
            }
            written += n
        }
    }
}
