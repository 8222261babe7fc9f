import CUnionsite
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Stage 4 of the build: write every file into a fresh folder beside the output folder,
/// then swap it in. A build that fails before the swap leaves the old site as it was, and
/// readers of the output never see a half-written site.
struct OutputWriter {
    let output: URL

    var parent: URL { output.deletingLastPathComponent() }
    var stagingName: String { ".\(output.lastPathComponent).building-\(getpid())" }
    var staging: URL { parent.appendingPathComponent(stagingName) }

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

    /// Writes `files` and `copies` (source file → output path) to the staging folder.
    func stage(_ files: [OutputFile], copies: [(URL, String)]) throws {
        removeLeftovers()
        try? FileManager.default.removeItem(at: staging)
        try makeDirectory(staging.path)
        var made = Set<Substring>()
        let base = staging.path + "/"
        // Folders are made once each; paths are relative and use `/` (cheaper than NSString).
        func ensureParent(_ path: String) throws {
            guard let slash = path.lastIndex(of: "/") else { return }
            let parent = path[..<slash]
            if made.contains(parent) { return }
            var dirs: [Substring] = []
            var p = parent
            while !p.isEmpty, !made.contains(p) {
                dirs.append(p)
                guard let s = p.lastIndex(of: "/") else { break }
                p = p[..<s]
            }
            for d in dirs.reversed() {
                try makeDirectory(base + d)
                made.insert(d)
            }
        }
        for f in files {
            try ensureParent(f.path)
            try writeFile(staging.path + "/" + f.path, f.bytes)
        }
        for (source, path) in copies {
            try ensureParent(path)
            guard let data = FileManager.default.contents(atPath: source.path) else {
                throw WriteError.io("cannot read the file to copy it", path: source.path)
            }
            try writeFile(staging.path + "/" + path, [UInt8](data))
        }
    }

    /// Puts the staged site in place of the old one, then removes the old one.
    func swap() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: output.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw WriteError.io("exists and is not a folder: move it away first", path: output.path) }
            let old = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
            try? fm.removeItem(at: old)
            if exchange(staging.path, output.path) {
                // The old site now sits at the staging path.
                try? fm.removeItem(at: staging)
                return
            }
            guard rename(output.path, old.path) == 0 else { throw WriteError.io(String(cString: strerror(errno)), path: output.path) }
            guard rename(staging.path, output.path) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(old.path, output.path)
                throw WriteError.io(reason, path: output.path)
            }
            try? fm.removeItem(at: old)
        } else {
            guard rename(staging.path, output.path) == 0 else { throw WriteError.io(String(cString: strerror(errno)), path: output.path) }
        }
    }

    /// Replaces one file of the live output: written beside it, then renamed over it, so a
    /// reader never sees half a file.
    func replace(_ path: String, _ bytes: [UInt8]) throws {
        let target = output.path + "/" + path
        var parents: [String] = []
        var dir = (target as NSString).deletingLastPathComponent
        while dir.count > output.path.count, !FileManager.default.fileExists(atPath: dir) {
            parents.append(dir)
            dir = (dir as NSString).deletingLastPathComponent
        }
        for d in parents.reversed() { try makeDirectory(d) }
        let temporary = target + ".unionsite-tmp"
        try writeFile(temporary, bytes)
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError.io(reason, path: target)
        }
    }

    /// Removes one file of the live output, and the folders it leaves empty (never the output
    /// folder itself, never anything outside it).
    func remove(_ path: String) {
        guard !path.contains(".."), !path.hasPrefix("/") else { return }
        var target = output.path + "/" + path
        unlink(target)
        while true {
            target = (target as NSString).deletingLastPathComponent
            guard target.count > output.path.count, target.hasPrefix(output.path + "/") else { return }
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

    private func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw WriteError.io(String(cString: strerror(errno)), path: path)
        }
    }

    /// Plain open/write/close: Foundation's writers fsync every file, which costs seconds
    /// on a site of thousands of pages.
    private func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError.io(String(cString: strerror(errno)), path: path) }
        defer { close(fd) }
        var written = 0
        try bytes.withUnsafeBytes { buf in
            while written < buf.count {
                let n = write(fd, buf.baseAddress! + written, buf.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteError.io(String(cString: strerror(errno)), path: path)
                }
                written += n
            }
        }
    }
}
