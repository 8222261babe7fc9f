import Foundation
@testable import Site

/// A site written from a txtar-like text (`-- path --` lines, then the file's content), in a
/// fresh temporary folder: Hugo's integration-test style.
struct TestSite {
    let root: URL

    /// Minimal templates that print what the tests look for, so tests do not depend on the theme.
    static let templates = """
    -- templates/base.html --
    <title>{{ page.title }}</title>{{ content }}
    -- templates/index.html --
    {% layout 'base' %}{% for a in paginator.items %}[{{ a.title }}|{{ a.url }}]{% endfor %}p{{ paginator.page }}/{{ paginator.total_pages }}{% if paginator.next_url %} next={{ paginator.next_url }}{% endif %}
    -- templates/article.html --
    {% layout 'base' %}<h1>{{ page.title }}</h1>{{ page.date | date: "%Y-%m-%d %H:%M" }}|{{ page.column.name }}|{% for t in page.tags %}{{ t.name }}={{ t.url }};{% endfor %}|{{ page.summary }}|{{ page.content }}|prev={{ page.previous.url }}|next={{ page.next.url }}
    -- templates/column.html --
    {% layout 'base' %}{{ column.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}
    -- templates/tags.html --
    {% layout 'base' %}{% for t in tags %}{{ t.name }}({{ t.count }}){{ t.url }};{% endfor %}
    -- templates/tag.html --
    {% layout 'base' %}{{ tag.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}p{{ paginator.page }}/{{ paginator.total_pages }}
    -- templates/page.html --
    {% layout 'base' %}{{ page.content }}
    -- templates/404.html --
    {% layout 'base' %}not found
    """

    init(_ archive: String, withTemplates: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try write(withTemplates ? Self.templates + "\n" + archive : archive)
    }

    /// Copies the repository's default theme (templates/) into the site.
    func copyDefaultTheme() throws {
        let theme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates")
        try FileManager.default.copyItem(at: theme, to: root.appendingPathComponent("templates"))
    }

    /// The paths of the files of an archive text, in order: what a watcher reports after `write`.
    static func paths(in archive: String) -> [String] {
        archive.split(separator: "\n").filter(isFileLine).map { String($0.dropFirst(3).dropLast(3)) }
    }

    /// `-- path --`.
    private static func isFileLine(_ line: Substring) -> Bool {
        line.hasPrefix("-- ") && line.hasSuffix(" --") && line.count > 6
    }

    /// Writes (or overwrites) the files of an archive text.
    func write(_ archive: String) throws {
        var path: String?
        var lines: [Substring] = []
        func flush() throws {
            guard let path else { return }
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
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

    func builder(drafts: Bool = false) -> SiteBuilder {
        SiteBuilder(root: root, options: .init(drafts: drafts))
    }

    /// Builds; returns the failure's diagnostics (empty on success).
    @discardableResult
    func build(drafts: Bool = false) -> [Diagnostic] {
        do {
            let report = try builder(drafts: drafts).build()
            return report.warnings.filter { $0.severity == .error }
        } catch {
            return error.diagnostics
        }
    }

    /// The text of an output file, or nil.
    func output(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent("public/" + path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
