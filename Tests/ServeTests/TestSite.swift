import Foundation
import Serve
import Site

/// A site written from a txtar-like text (`-- path --` lines, then the file's content) in a
/// fresh temporary folder, with minimal templates so tests do not depend on the theme.
struct TestSite {
    let root: URL

    static let templates = """
    -- site.yml --
    title: 测试工会
    -- templates/base.html --
    <!doctype html><html><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body>{{ content }}</body></html>
    -- templates/index.html --
    {% layout 'base' %}{% for a in paginator.items %}[{{ a.title }}|{{ a.url }}]{% endfor %}
    -- templates/article.html --
    {% layout 'base' %}<h1>{{ page.title }}</h1>{{ page.content }}
    -- templates/column.html --
    {% layout 'base' %}{{ column.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}
    -- templates/tags.html --
    {% layout 'base' %}{% for t in tags %}{{ t.name }}({{ t.count }}){{ t.url }};{% endfor %}
    -- templates/tag.html --
    {% layout 'base' %}{{ tag.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}
    -- templates/page.html --
    {% layout 'base' %}{{ page.content }}
    -- templates/404.html --
    {% layout 'base' %}<p>这里没有页面 (site 404)</p>
    """

    init(_ archive: String = "") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try write(Self.templates + "\n" + archive)
    }

    /// Writes (or overwrites) the files of an archive text.
    func write(_ archive: String) throws {
        var path: String?
        var lines: [Substring] = []
        func flush() throws {
            guard let path else { return }
            try write(path, lines.joined(separator: "\n") + "\n")
        }
        for line in archive.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                try flush()
                path = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else {
                lines.append(line)
            }
        }
        try flush()
    }

    /// Writes one file (folders created as needed).
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    var output: URL { root.appendingPathComponent("public") }

    /// The full build the serve command uses.
    var rebuild: Rebuild {
        let builder = SiteBuilder(root: root)
        return { _ in Result { () throws(BuildFailure) -> SiteBuilder.Report in try builder.build() } }
    }

    func delete() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// An article file with the given front matter lines and body.
func article(_ path: String, _ frontMatter: String, body: String = "正文。") -> String {
    "-- content/news/\(path) --\n---\n\(frontMatter)\n---\n\(body)\n"
}

/// A running preview server over a folder, on a free loopback port.
struct RunningServer {
    let server: PreviewServer
    let port: UInt16

    static func start(output: URL, liveReload: LiveReload = LiveReload()) async throws -> RunningServer {
        let server = try PreviewServer(output: output.path, liveReload: liveReload, host: "127.0.0.1", port: 0)
        return RunningServer(server: server, port: try await server.start())
    }

    /// Sends a raw request for `target` (not normalised: `..` stays `..`).
    func get(_ target: String, method: String = "GET") async throws -> RawResponse {
        let port = self.port
        return try await offThePool {
            try RawHTTP.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port)
        }
    }

    func stop() async { await server.stop() }
}

/// Runs blocking work (socket reads) on a thread of its own: blocking one of the few threads of
/// Swift's cooperative pool (or of Dispatch's global queues, as wide as the cores) would starve
/// the server under test.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
