import Foundation

/// Files the editors' commands (`init`, `new`) write: each made new, never over one already
/// there, even one that appeared since it was looked for (`O_EXCL`).
enum NewFile {
    /// Why a file could not be made: the path and the system's reason.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Makes `folder/stem.md` under `root` holding `bytes`, or `stem-2.md`, `stem-3.md` … when
    /// the name is taken (a title used again); returns the path made, under `root`.
    static func createNumbered(in root: URL, folder: String, stem: String, _ bytes: [UInt8]) throws(SiteStarter.Refusal) -> String {
        for n in 1 ... 1000 {
            let path = folder + "/" + stem + (n == 1 ? "" : "-\(n)") + ".md"
            do {
                if try create(root.appendingPathComponent(path).path, bytes) { return path }
            } catch {
                throw SiteStarter.Refusal(description: error.description)
            }
        }
        throw SiteStarter.Refusal(description: "\(folder)/\(stem).md and 999 more of that name are already there: expected a title not used a thousand times")
    }

    /// Makes the file at `path` (and its folders) holding `bytes`; false when a file is there.
    static func create(_ path: String, _ bytes: [UInt8]) throws(Failure) -> Bool {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "\(path): cannot make its folder (\(error.localizedDescription)): expected a folder you may write to")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0, errno == EEXIST { return false }
        guard fd >= 0 else { throw Failure(description: "\(path): cannot write the file (\(String(cString: strerror(errno)))): expected a folder you may write to") }
        defer { close(fd) }
        do {
            // Through the descriptor made with O_EXCL: reopening by name could meet another file.
            try bytes.withUnsafeBytes { raw in
                Result { () throws(OutputWriter.WriteError) in try OutputWriter.writeAll(fd, raw, path: path) }
            }.get()
        } catch {
            unlink(path)
            throw Failure(description: "\(path): cannot write the file (\(error)): expected a folder you may write to")
        }
        return true
    }
}
