import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a build left in the output folder, saved in the site's `.unionsite-cache/` (as Jekyll
/// keeps `.jekyll-cache/`) so the next `unionsite build` renders only the pages whose inputs
/// changed: for each page, the
/// fingerprint of its inputs and the stamp (size, modification time, inode) of its file as
/// written. A page is taken as it is only when both still match: a file edited, replaced or
/// deleted by hand since is rendered again. Any other difference — another unionsite binary,
/// other templates, a damaged state file — means every page is rendered.
struct BuildState {
    struct Entry: Sendable {
        var fingerprint: Int
        /// nil while the page's file has not been looked at since it was written.
        var stamp: SourceCache.Stamp?
    }

    /// What the pages were rendered with: the unionsite binary and the templates.
    var identity: String
    var pages: [String: Entry]

    /// The state file of an output folder: one per folder, named by its absolute path.
    static func location(of output: URL, root: URL) -> String {
        let key = String(Fingerprint.of(output.standardizedFileURL.path).value, radix: 16)
        return root.appendingPathComponent(".unionsite-cache").path + "/\(output.lastPathComponent)-\(key).state"
    }

    /// The binary that runs, by its stamp, and the templates' key.
    static func identity(templatesKey: Int) -> String {
        let exe = SourceCache.stamp("/proc/self/exe").map { "\($0.size)-\($0.seconds)-\($0.nanoseconds)-\($0.inode)" } ?? "unknown"
        return "unionsite-state 1 \(exe) \(templatesKey)"
    }

    /// Reads a state file; nil when it is missing or not one this format knows.
    static func load(_ path: String) -> BuildState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard let identity = lines.popFirst(), identity.hasPrefix("unionsite-state ") else { return nil }
        var pages: [String: Entry] = [:]
        pages.reserveCapacity(lines.count)
        for line in lines {
            // fingerprint size seconds nanoseconds inode path (the path last: it may hold spaces)
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: false)
            guard fields.count == 6, let f = Int(fields[0]), let size = Int64(fields[1]), let s = Int(fields[2]),
                  let ns = Int(fields[3]), let inode = UInt64(fields[4]) else { return nil }
            pages[String(fields[5])] = Entry(fingerprint: f, stamp: .init(size: size, seconds: s, nanoseconds: ns, inode: inode))
        }
        return BuildState(identity: String(identity), pages: pages)
    }

    /// Writes the state file (beside it first, then renamed over it). Pages without a stamp
    /// are left out: the next build renders them.
    func save(_ path: String) {
        // Bytes by hand, unsorted: string interpolation of five numbers a line and sorting the
        // paths as Strings cost 26,000 instructions a page, 80 ms of a 10,000-article build.
        var out = Array((identity + "\n").utf8)
        out.reserveCapacity(pages.count * 100)
        for (path, e) in pages {
            guard let s = e.stamp, !path.utf8.contains(0x0A) else { continue }
            appendDecimal(Int64(e.fingerprint), to: &out)
            out.append(0x20)
            appendDecimal(s.size, to: &out)
            out.append(0x20)
            appendDecimal(Int64(s.seconds), to: &out)
            out.append(0x20)
            appendDecimal(Int64(s.nanoseconds), to: &out)
            out.append(0x20)
            appendDecimal(s.inode, to: &out)
            out.append(0x20)
            out.append(contentsOf: path.utf8)
            out.append(0x0A)
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

/// Appends the decimal digits of `n` (with `-` when negative).
private func appendDecimal(_ n: Int64, to out: inout [UInt8]) {
    if n < 0 { out.append(0x2D) }
    appendDecimal(n.magnitude, to: &out)
}

private func appendDecimal(_ n: UInt64, to out: inout [UInt8]) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // room for 20 digits, written from the end
    withUnsafeMutableBytes(of: &digits) { buffer in
        var i = buffer.count, v = n
        repeat {
            i -= 1
            buffer[i] = UInt8(truncatingIfNeeded: v % 10) + 0x30
            v /= 10
        } while v > 0
        out.append(contentsOf: buffer[i...])
    }
}

/// Last build's pages, to tell which need no rendering this time.
struct PreviousPages: Sendable {
    var entries: [String: BuildState.Entry] = [:]
    /// Where to check that each file still has the stamp it was written with (pages another
    /// process wrote); nil when this process wrote them and watches the sources itself.
    var verifyUnder: String? = nil

    /// Last build's entry for the page, when its inputs and its file are as they were: the
    /// entry has `fingerprint`, or `counted` when the page read what only that one covers
    /// (`PageJob.countedFingerprint`). Sound because rendering is deterministic: a page that
    /// did not read the counts, rendered again from the same other inputs, does not read them
    /// either, and gives the same bytes.
    func unchanged(_ path: String, fingerprint: Int, or counted: Int) -> BuildState.Entry? {
        guard let e = entries[path], e.fingerprint == fingerprint || e.fingerprint == counted else { return nil }
        guard let root = verifyUnder else { return e }
        guard let stamp = e.stamp, SourceCache.stamp(root + "/" + path) == stamp else { return nil }
        return e
    }
}
