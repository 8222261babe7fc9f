import Foundation
import Testing
@testable import Serve
import Site
import TestSupport

@Test(arguments: [
    ("index.html", "text/html; charset=utf-8"), ("A.HTML", "text/html; charset=utf-8"),
    ("feed.xml", "application/atom+xml; charset=utf-8"), ("sitemap.xml", "application/xml; charset=utf-8"),
    ("x/site.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"),
    ("a.svg", "image/svg+xml"), ("a.json", "application/json"), ("robots.txt", "text/plain; charset=utf-8"),
    ("a.webp", "image/webp"), ("a.png", "image/png"), ("a.jpg", "image/jpeg"), ("a.jpeg", "image/jpeg"),
    ("a.gif", "image/gif"), ("favicon.ico", "image/x-icon"), ("f.woff2", "font/woff2"), ("f.woff", "font/woff"),
    ("通知.pdf", "application/pdf"), ("README.md", "text/markdown; charset=utf-8"),
    ("a.unknown", "application/octet-stream"), ("Makefile", "application/octet-stream"), (".htaccess", "application/octet-stream"),
])
func contentTypesByName(name: String, type: String) {
    #expect(ContentTypes.forPath(name) == type)
}

@Test func theScriptGoesBeforeTheLastBodyCloseOrAtTheEnd() {
    let status = LiveReload.Status(build: "s-1", error: nil)
    let html = Array("<body>a</body><!-- </Body> -->tail".utf8)
    let out = String(decoding: Injection.inject(into: html, status: status), as: UTF8.self)
    #expect(out.hasPrefix("<body>a</body><!-- <script data-unionsite-live-reload>"))
    #expect(out.hasSuffix("</script></Body> -->tail"))
    let bare = String(decoding: Injection.inject(into: Array("<p>x".utf8), status: status), as: UTF8.self)
    #expect(bare.hasPrefix("<p>x<script"))
    #expect(bare.hasSuffix("</script>"))
    #expect(bare.contains("var build = \"s-1\";"))
    #expect(!bare.contains(Injection.overlayID + "\" style"))
}

@Test func theOverlayEscapesTheErrorText() {
    let status = LiveReload.Status(build: "s-2", error: "a.md:1:1: bad `<script>alert(1)</script>` & \"x\"")
    let out = String(decoding: Injection.inject(into: Array("<body></body>".utf8), status: status), as: UTF8.self)
    #expect(out.contains("<div id=\"__unionsite-overlay\""))
    #expect(out.contains("a.md:1:1: bad `&lt;script&gt;alert(1)&lt;/script&gt;` &amp; &quot;x&quot;"))
    #expect(!out.contains("<script>alert"))
}

@Test func eventsCarryTheStatusAsJSONSafeInAPage() {
    let event = String(decoding: LiveReload.event(.init(build: "s-3", error: "a\n<b>\"c\"\u{2028}")), as: UTF8.self)
    #expect(event == "event: build\ndata: {\"build\":\"s-3\",\"error\":\"a\\n\\u003cb\\u003e\\\"c\\\"\\u2028\"}\n\n")
}

@Test func aSubscriberGetsTheCurrentStatusThenEachBuild() async {
    let hub = LiveReload()
    hub.buildFinished(error: nil)
    let stream = hub.subscribe()
    hub.buildFinished(error: "x.md:1:1: bad")
    hub.closeAll()
    var text = ""
    for await chunk in stream { text += String(decoding: chunk, as: UTF8.self) }
    #expect(text.hasPrefix("retry: 500\n\nevent: build\ndata: {\"build\":\""))
    #expect(text.contains("-1\",\"error\":null}"))
    #expect(text.contains("-2\",\"error\":\"x.md:1:1: bad\"}"))
    #expect(hub.subscriberCount == 0)
}

@Test func theTerminalLineSaysWhatChangedAndHowLongItTook() throws {
    let site = try TestSite(article("a.md", "title: 一\ndate: 2023-09-01"))
    defer { site.remove() }
    let session = PreviewSession(rebuild: site.rebuild)
    #expect(session.build(changed: []).lines.summary.hasPrefix("built 4 pages in "))
    let line = session.build(changed: ["content/news/a.md"]).lines.summary
    #expect(line.hasPrefix("rebuilt in ") && line.hasSuffix(" ms, 0 pages rendered, 0 written (content/news/a.md changed)"), "\(line)")
    #expect(BuildOutcome.duration(0.0234) == "23 ms")
    #expect(BuildOutcome.duration(1.254) == "1.25 s")
    #expect(BuildOutcome.describe(["a", "b", "c"]) == "a and 2 more")
    try site.write(article("a.md", "title 一\ndate: 2023-09-01"))
    let failed = session.build(changed: ["content/news/a.md", "site.yml"])
    // The missing `:` only: the title it hid is not reported missing too.
    #expect(failed.lines.summary == "build failed: 1 error (content/news/a.md and site.yml changed); still serving the last good site")
    #expect(failed.lines.diagnostics.first?.hasPrefix("content/news/a.md:2:6: ") == true)
}

@Test func theResolverDecodesOnceAndChecksEverySegment() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-resolve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("tags/劳模"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data().write(to: dir.appendingPathComponent("tags/劳模/index.html"))
    try Data().write(to: dir.appendingPathComponent("%2e%2e"))
    let real = try #require(PathResolver.realPath(dir.path))
    let r = PathResolver(root: dir.path)
    #expect(r.resolve("/tags/%E5%8A%B3%E6%A8%A1/") == .file(real + "/tags/劳模/index.html"))
    #expect(r.resolve("/tags/劳模/") == .file(real + "/tags/劳模/index.html"))
    #expect(r.resolve("/tags/劳模#top") == .redirect("/tags/%E5%8A%B3%E6%A8%A1/"))
    #expect(r.resolve("//tags//劳模/") == .file(real + "/tags/劳模/index.html"))
    // Double encoding names a file literally called %2e%2e, inside the folder.
    #expect(r.resolve("/%252e%252e") == .file(real + "/%2e%2e"))
    #expect(r.resolve("/%2e%2e") == .badRequest)
    #expect(r.resolve("/a%2fb") == .badRequest)
    #expect(r.resolve("/a%5cb") == .badRequest)
    #expect(r.resolve("/a%0ab") == .badRequest)
    #expect(r.resolve("/a%00") == .badRequest)
    #expect(r.resolve("/a%") == .badRequest)
    #expect(r.resolve("/%ff") == .badRequest)
    #expect(r.resolve("*") == .badRequest)
    #expect(PathResolver(root: dir.path + "/missing").resolve("/") == .notFound)
}
