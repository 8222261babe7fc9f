import Foundation
import Synchronization
import Template

/// The theme a site renders with: its own `templates/` laid over the default theme compiled into
/// the binary (`BuiltInTheme`), file by file, as Jekyll's gem themes and Hugo's theme modules
/// are. A site's `templates/base.html` replaces the layout and nothing else; a file the site does
/// not have is the built-in one. `theme: none` in site.yml turns the built-in theme off: the
/// site's templates/ is then the whole theme.
struct SiteTheme: TemplateSource {
    /// The label errors in a built-in file are located under: `(built-in)/article.html:12:3`.
    static let builtInFolder = "(built-in)"

    /// The site's templates/ folder.
    let folder: URL
    /// Whether files the site does not have come from the built-in theme.
    let layered: Bool
    private let own: DirectorySource
    /// The site's own files this theme has served, by path: what `check` tells the files that do
    /// something from those that do nothing. Shared by every copy of the theme (the main site's
    /// engine and the mirror's).
    let served = Served()

    /// Paths, recorded from any thread.
    final class Served: Sendable {
        private let paths = Mutex<Set<String>>([])
        func insert(_ path: String) { _ = paths.withLock { $0.insert(path) } }
        func contains(_ path: String) -> Bool { paths.withLock { $0.contains(path) } }
    }

    init(root: URL, layered: Bool = true) {
        folder = root.appendingPathComponent("templates")
        self.layered = layered
        own = DirectorySource(root: folder)
    }

    /// The built-in theme's files by path, decoded once a process (by the one decoder of the
    /// folders compiled in; a damaged copy, which only a damaged binary has, leaves no theme,
    /// and every page says its template is missing, rather than one file quietly gone).
    static let builtIn: [String: Data] = Dictionary(
        ((try? SiteStarter.embedded(BuiltInTheme.files)) ?? []).map { ($0.path, $0.bytes) },
        uniquingKeysWith: { a, _ in a })

    func load(_ name: String) throws(TemplateError) -> String? {
        if let text = try own.load(name) {
            served.insert(name)
            return text
        }
        guard layered, let data = Self.builtIn[name] else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether the site's own templates/ has the file `path`.
    func overrides(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.path + "/" + path)
    }

    /// Whether the theme, the site's or the built-in one, has the template `name`.
    func has(_ name: String) -> Bool {
        overrides(name) || (layered && Self.builtIn[name] != nil)
    }

    /// Where the file `name` that a template error names was read from, as diagnostics show it:
    /// `templates` for the site's own, `(built-in)` for the default theme's.
    func folder(of name: String) -> String {
        layered && !overrides(name) && Self.builtIn[name] != nil ? Self.builtInFolder : "templates"
    }

    /// The site's own assets (templates/assets/** → assets/**), copied from their files.
    func ownAssets() -> [(URL, String)] {
        let dir = folder.path + "/assets"
        return listFiles(dir).map { (URL(fileURLWithPath: dir + "/" + $0.relative), "assets/" + $0.relative) }
            .sorted { $0.1 < $1.1 }
    }

    /// The built-in theme's assets the site does not replace, written from the binary's bytes.
    func builtInAssets() -> [OutputFile] {
        guard layered else { return [] }
        return Self.builtIn.keys.filter { $0.hasPrefix("assets/") && !overrides($0) }.sorted()
            .compactMap { path in Self.builtIn[path].map { OutputFile(path: path, bytes: [UInt8]($0)) } }
    }

    /// The fingerprint of the templates as they render: every file of the site's templates/ but
    /// its assets (and hidden files and editor backups, as everywhere), and whether the built-in
    /// theme lies under them (the built-in files change only with the binary, which a build's
    /// saved state is keyed by). When it changes, every page is rendered again with freshly
    /// parsed templates.
    func fingerprint() -> Int {
        var f = Fingerprint()
        f.add(layered ? "layered" : "own")
        for entry in listFiles(folder.path).sorted(by: { $0.relative < $1.relative }) where !entry.relative.hasPrefix("assets/") {
            f.add(entry.relative)
            if let data = FileManager.default.contents(atPath: folder.path + "/" + entry.relative) { f.add(bytes: data) }
        }
        return Int(truncatingIfNeeded: f.value)
    }
}
