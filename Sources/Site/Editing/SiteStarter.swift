import Foundation

/// `unionsite init`: a new site written into a folder, ready to build: the starter site
/// (starter/ in the repository: site.yml with every setting explained, an article, an honoree
/// and the 关于我们 page, and a templates/README.md that explains overriding the built-in theme)
/// and a .gitignore. It is compiled into the binary (`StarterSite`); the theme is not copied: the
/// site renders with the built-in one (`SiteTheme`).
public enum SiteStarter {
    /// What `write` did: the files it wrote, and (with `force`) those already there, kept.
    public struct Outcome: Sendable {
        public var written: [String] = []
        public var kept: [String] = []
    }

    /// Why nothing was written.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Why `root` is no site's folder (it has neither site.yml nor content/), or nil when it is one:
    /// the commands that read a site say so rather than list what a site would need.
    public static func notASite(_ root: URL) -> Refusal? {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: root.appendingPathComponent("site.yml").path),
              !fm.fileExists(atPath: root.appendingPathComponent("content").path) else { return nil }
        return Refusal(description: "no unionsite site here (no site.yml, no content/ in \(root.path)): run `unionsite init` to start one, or give --source DIR")
    }

    /// Entries a folder may hold and still count as empty: a repository made before the site.
    static let ignored: Set<String> = [".git", ".DS_Store"]

    /// The files of a folder compiled into the binary (`StarterSite`, `BuiltInTheme`), decoded.
    static func embedded(_ files: [(path: String, base64: String)]) throws(Refusal) -> [(path: String, bytes: Data)] {
        try files.map { file throws(Refusal) in
            guard let bytes = Data(base64Encoded: file.base64) else {
                throw Refusal(description: "this build of unionsite carries a damaged copy of \(file.path): build it again")
            }
            return (file.path, bytes)
        }
    }

    /// The files of a new site, by path under its folder.
    static func files() throws(Refusal) -> [(path: String, bytes: Data)] {
        var out = try embedded(StarterSite.files)
        out.append((".gitignore", Data("# Made by unionsite build and serve: rebuilt from the files above at any time.\npublic/\n.unionsite-cache/\n".utf8)))
        return out
    }

    /// Writes a new site into `folder` (made when missing). A folder that holds anything is
    /// refused, unless `force`: then the site is written beside what is there, and a file that
    /// is already there is kept as it is, never overwritten.
    public static func write(into folder: URL, force: Bool) throws(Refusal) -> Outcome {
        let fm = FileManager.default
        let name = folder.path
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: name, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw Refusal(description: "\(name) is a file, not a folder: expected a new or empty folder to write the site into")
            }
            let present = ((try? fm.contentsOfDirectory(atPath: name)) ?? []).filter { !ignored.contains($0) }.sorted()
            if !present.isEmpty, !force {
                let shown = present.prefix(3).joined(separator: ", ") + (present.count > 3 ? " …" : "")
                throw Refusal(description: "\(name) is not empty (it holds \(shown)): expected a new or empty folder; choose another, or add --force to write the site beside what is there (no file is overwritten)")
            }
        }
        var outcome = Outcome()
        for (path, bytes) in try files() {
            do {
                if try NewFile.create(folder.appendingPathComponent(path).path, Array(bytes)) {
                    outcome.written.append(path)
                } else {
                    outcome.kept.append(path)
                }
            } catch {
                throw Refusal(description: error.description)
            }
        }
        return outcome
    }
}
