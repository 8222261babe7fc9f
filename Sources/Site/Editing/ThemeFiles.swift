import Diagnostics
import Foundation

/// The default theme compiled into the binary (`BuiltInTheme`, from the repository's
/// theme/), file by file: what `unionsite theme list` shows beside a site's own
/// templates/, and what `unionsite theme eject` copies there to be edited.
public enum ThemeFiles {
    /// One file of the built-in theme: its path under templates/, and whether the site has its own.
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var overridden: Bool
    }

    /// The built-in theme's files, by path, with their bytes.
    static func builtIn() -> [(path: String, bytes: Data)] {
        SiteTheme.builtIn.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Every file of the built-in theme, whether the site at `root` has its own in templates/,
    /// and whether the built-in theme is used at all (not under site.yml's `theme: none`).
    public static func list(in root: URL) -> (entries: [Entry], builtInUsed: Bool) {
        let theme = SiteTheme(root: root)
        let settings = FileManager.default.contents(atPath: root.appendingPathComponent("site.yml").path)
        let used = settings.map { SiteConfig.load(text: String(decoding: $0, as: UTF8.self), file: "site.yml").0.builtInTheme } ?? true
        return (SiteTheme.builtIn.keys.sorted().map { Entry(path: $0, overridden: theme.overrides($0)) }, used)
    }

    /// Files of the site's templates/ that the built-in theme does not have (a likely typo, or
    /// a template of the site's own), but for the README.md `unionsite init` writes there.
    public static func extras(in root: URL) -> [String] {
        // Listed as the build lists them: no hidden files, no editor backups (`base.html~`).
        listFiles(root.appendingPathComponent("templates").path).map(\.relative)
            .filter { SiteTheme.builtIn[$0] == nil && $0 != "README.md" }.sorted()
    }

    /// Copies the built-in theme's files `names` (all when empty) into the site's templates/,
    /// never over a file there. Returns what was copied and what was kept; an unknown name is
    /// refused before anything is written.
    public static func eject(_ names: [String], into root: URL) throws(SiteStarter.Refusal) -> (copied: [String], kept: [String]) {
        let theme = builtIn()
        let known = Set(theme.map(\.path))
        let wanted = names.map { $0.hasPrefix("templates/") ? String($0.dropFirst("templates/".count)) : $0 }
        if let unknown = wanted.first(where: { !known.contains($0) }) {
            let near = theme.map(\.path).first { $0.hasSuffix("/" + unknown) || $0 == unknown + ".html" } ?? nearest(unknown, in: known)
            throw SiteStarter.Refusal(description: "the built-in theme has no `\(unknown)`: expected one of the files `unionsite theme list` shows" + (near.map { " (did you mean `\($0)`?)" } ?? ""))
        }
        var copied: [String] = [], kept: [String] = []
        for file in theme where wanted.isEmpty || wanted.contains(file.path) {
            do {
                if try NewFile.create(root.appendingPathComponent("templates/" + file.path).path, Array(file.bytes)) {
                    copied.append(file.path)
                } else {
                    kept.append(file.path)
                }
            } catch {
                throw SiteStarter.Refusal(description: error.description)
            }
        }
        return (copied, kept)
    }
}
