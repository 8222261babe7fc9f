import Foundation

/// A site written from a txtar-like text (`-- path --` lines, then the file's content) in a fresh
/// temporary folder: Hugo's integration-test style. Each test target adds its own small theme and
/// its own way of building (SiteTests' `build()`, ServeTests' `rebuild`) in an extension.
public struct TestSite: Sendable {
    public let root: URL

    /// Writes the files of `archive` into a new temporary folder.
    public init(files archive: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try write(archive)
    }

    /// The paths of the files of an archive text, in order: what a watcher reports after `write`.
    public static func paths(in archive: String) -> [String] {
        archive.split(separator: "\n").filter(isFileLine).map { String($0.dropFirst(3).dropLast(3)) }
    }

    /// `-- path --`.
    private static func isFileLine(_ line: Substring) -> Bool {
        line.hasPrefix("-- ") && line.hasSuffix(" --") && line.count > 6
    }

    /// Writes (or overwrites) the files of an archive text; each file ends with a newline.
    public func write(_ archive: String) throws {
        var path: String?
        var lines: [Substring] = []
        func flush() throws {
            guard let path else { return }
            try write(path, lines.joined(separator: "\n") + "\n")
        }
        for line in archive.split(separator: "\n", omittingEmptySubsequences: false) {
            if Self.isFileLine(line) {
                try flush()
                path = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else {
                lines.append(line)
            }
        }
        try flush()
    }

    /// Writes one file exactly as given (folders created as needed).
    public func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The built site's folder.
    public var output: URL { root.appendingPathComponent("public") }

    /// The text of an output file, or nil.
    public func output(_ path: String) -> String? {
        FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether a file or folder exists at a path of the site.
    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Removes one file or folder of the site.
    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// Removes the whole site folder.
    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// An article file (`content/news/<path>`) with the given front matter lines and body.
public func article(_ path: String, _ frontMatter: String, body: String = "正文。") -> String {
    "-- content/news/\(path) --\n---\n\(frontMatter)\n---\n\(body)\n"
}
