import Foundation
import Testing
@testable import Serve
import Site
import TestSupport

private let goodArticle = article("a.md", "title: 劳模风采\ndate: 2023-09-01\ntags: [劳模]")

@Test func aRebuildSendsAnEventWithANewBuildToken() async throws {
    let site = try TestSite(goodArticle)
    defer { site.remove() }
    let session = PreviewSession(rebuild: site.rebuild)
    session.build(changed: [])
    let server = try await RunningServer.start(output: site.output, liveReload: session.liveReload)
    let tab = try EventStreamClient(port: server.port)
    #expect(await tab.wait { $0.contains("\"error\":null}") })
    let first = try #require(tab.buildEvents.first)
    // The page carries the token of the build it came from.
    #expect(try await server.get("/").text.contains(session.liveReload.status.build))

    try site.write(goodArticle.replacingOccurrences(of: "劳模风采", with: "工匠风采"))
    session.build(changed: ["content/news/a.md"])
    #expect(await tab.wait { EventStreamClient.buildEvents(in: $0).count == 2 })
    #expect(tab.buildEvents.last != first)
    #expect(tab.buildEvents.last?.contains("\"error\":null") == true)
    #expect(try await server.get("/news/gong-jiang-feng-cai/").text.contains("<h1>工匠风采</h1>"))
    await server.stop()
}

@Test func aFailedRebuildSendsTheErrorsAndOverlaysServedPagesUntilTheNextGoodBuild() async throws {
    let site = try TestSite(goodArticle)
    defer { site.remove() }
    let session = PreviewSession(rebuild: site.rebuild)
    session.build(changed: [])
    let server = try await RunningServer.start(output: site.output, liveReload: session.liveReload)
    let tab = try EventStreamClient(port: server.port)
    #expect(await tab.wait { $0.contains("event: build") })

    // A front matter line without its colon, and HTML in the title to check the escaping.
    try site.write(article("a.md", "title <b>劳模</b>\ndate: 2023-09-01"))
    let outcome = session.build(changed: ["content/news/a.md"])
    #expect(outcome.lines.summary.hasPrefix("build failed: "))
    #expect(await tab.wait { EventStreamClient.buildEvents(in: $0).count == 2 })
    let event = try #require(tab.buildEvents.last)
    #expect(event.contains("content/news/a.md:2:"))
    #expect(!event.contains("<b>"))  // escaped as \u003c in the JSON

    // The last good site is still served, with the overlay on top.
    let page = try await server.get("/news/lao-mo-feng-cai/")
    #expect(page.status == 200)
    #expect(page.text.contains("<h1>劳模风采</h1>"))
    #expect(page.text.contains("id=\"\(Injection.overlayID)\""))
    #expect(page.text.contains("content/news/a.md:2:"))
    #expect(page.text.contains("title &lt;b&gt;劳模&lt;/b&gt;"))
    #expect(!page.text.contains("title <b>"))
    let disk = try String(contentsOf: site.output.appendingPathComponent("news/lao-mo-feng-cai/index.html"), encoding: .utf8)
    #expect(!disk.contains(Injection.overlayID))

    try site.write(goodArticle)
    session.build(changed: ["content/news/a.md"])
    #expect(await tab.wait { EventStreamClient.buildEvents(in: $0).count == 3 })
    #expect(tab.buildEvents.last?.contains("\"error\":null") == true)
    #expect(!(try await server.get("/news/lao-mo-feng-cai/").text.contains("id=\"\(Injection.overlayID)\"")))
    await server.stop()
}

@Test func aDeletedArticleDisappearsFromItsPageAndEveryList() async throws {
    let site = try TestSite(goodArticle + article("b.md", "title: 工匠精神\ndate: 2023-09-02\ntags: [劳模]"))
    defer { site.remove() }
    let session = PreviewSession(rebuild: site.rebuild)
    session.build(changed: [])
    let server = try await RunningServer.start(output: site.output, liveReload: session.liveReload)
    #expect(try await server.get("/news/gong-jiang-jing-shen/").status == 200)
    #expect(try await server.get("/").text.contains("[工匠精神|"))
    #expect(try await server.get("/tags/lao-mo/").text.contains("[工匠精神]"))

    try site.remove("content/news/b.md")
    session.build(changed: ["content/news/b.md"])
    let gone = try await server.get("/news/gong-jiang-jing-shen/")
    #expect(gone.status == 404)
    #expect(gone.text.contains("(site 404)"))
    #expect(!(try await server.get("/").text.contains("工匠精神")))
    #expect(!(try await server.get("/tags/lao-mo/").text.contains("工匠精神")))
    #expect(!(try await server.get("/feed.xml").text.contains("工匠精神")))
    #expect(try await server.get("/news/lao-mo-feng-cai/").status == 200)
    await server.stop()
}

@Test func aFirstBuildThatFailsStillServesWhatTheFolderHasWithTheOverlay() async throws {
    let site = try TestSite(article("a.md", "title 坏的\ndate: 2023-09-01"))
    defer { site.remove() }
    try site.write("public/index.html", "<html><body>old site</body></html>")
    let session = PreviewSession(rebuild: site.rebuild)
    #expect(session.build(changed: []).errorText?.contains("content/news/a.md:2:") == true)
    let server = try await RunningServer.start(output: site.output, liveReload: session.liveReload)
    let page = try await server.get("/")
    #expect(page.text.contains("old site"))
    #expect(page.text.contains(Injection.overlayID))
    // Without any output folder, a miss is still an HTML page that carries the overlay.
    try site.remove("public")
    let miss = try await server.get("/")
    #expect(miss.status == 404)
    #expect(miss.text.contains(Injection.overlayID))
    await server.stop()
}

@Test func anEditOnDiskReachesTheTabThroughTheWatcher() async throws {
    let site = try TestSite(goodArticle)
    defer { site.remove() }
    let session = PreviewSession(rebuild: site.rebuild)
    session.build(changed: [])
    let server = try await RunningServer.start(output: site.output, liveReload: session.liveReload)
    let watcher = try InotifyWatcher(scope: WatchScope(root: site.root))
    let batches = Batches()
    try watcher.start { changed in
        batches.append(changed)
        session.build(changed: changed)
    }
    let tab = try EventStreamClient(port: server.port)
    #expect(await tab.wait { $0.contains("event: build") })
    let saved = Date()
    try site.write(goodArticle.replacingOccurrences(of: "劳模风采", with: "工匠风采"))
    #expect(await tab.wait(timeout: 15) { EventStreamClient.buildEvents(in: $0).count == 2 })
    let elapsed = Date().timeIntervalSince(saved)
    #expect(elapsed < 5)
    #expect(batches.all == [["content/news/a.md"]])
    #expect(try await server.get("/news/gong-jiang-feng-cai/").status == 200)
    watcher.stop()
    await server.stop()
}

@Test func aSiteWithoutTemplatesServesTheBuiltInThemeAndFollowsAnOverrideSavedWhileServing() async throws {
    // Only content: the built-in theme renders it, and templates/ appears while serving.
    let site = try TestSite(files: "-- site.yml --\ntitle: 测试工会\n" + goodArticle)
    defer { site.remove() }
    let incremental = IncrementalBuild(builder: SiteBuilder(root: site.root))
    let session = PreviewSession(rebuild: { changed, first in
        Result { () throws(BuildFailure) in try incremental.rebuild(changed: changed.isEmpty ? nil : changed, first: first) }
    })
    session.build(changed: [])
    let server = try await RunningServer.start(output: site.output, liveReload: session.liveReload)
    let watcher = try InotifyWatcher(scope: WatchScope(root: site.root))
    try watcher.start { changed in session.build(changed: changed) }
    let tab = try EventStreamClient(port: server.port)
    #expect(await tab.wait { $0.contains("event: build") })
    #expect(try await server.get("/").text.contains("class=\"site-nav\""))
    try site.write("-- templates/partials/nav.html --\n<nav id=\"own-nav\">本会导航</nav>")
    #expect(await tab.wait(timeout: 15) { EventStreamClient.buildEvents(in: $0).count == 2 })
    let home = try await server.get("/").text
    #expect(home.contains("<nav id=\"own-nav\">本会导航</nav>") && !home.contains("class=\"site-nav\""))
    #expect(try await server.get("/news/lao-mo-feng-cai/").text.contains("own-nav"))
    // Taken away: the built-in navigation is back.
    try site.remove("templates/partials/nav.html")
    #expect(await tab.wait(timeout: 15) { EventStreamClient.buildEvents(in: $0).count == 3 })
    #expect(try await server.get("/").text.contains("class=\"site-nav\""))
    watcher.stop()
    await server.stop()
}

@Test func stoppingTheServerEndsTheEventStreams() async throws {
    let site = try TestSite(goodArticle)
    defer { site.remove() }
    let session = PreviewSession(rebuild: site.rebuild)
    session.build(changed: [])
    let server = try await RunningServer.start(output: site.output, liveReload: session.liveReload)
    let tab = try EventStreamClient(port: server.port)
    #expect(await tab.wait { $0.contains("event: build") })
    #expect(session.liveReload.subscriberCount == 1)
    let start = ContinuousClock.now
    await server.stop()
    #expect(ContinuousClock.now - start < .seconds(3))
    #expect(session.liveReload.subscriberCount == 0)
    // The stream ends with the last chunk.
    #expect(await tab.wait(timeout: 5) { $0.contains("0\r\n\r\n") })
}

@Test func theStreamOfAClosedTabIsDropped() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-ping-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let hub = LiveReload()
    let server = try PreviewServer(output: dir.path, liveReload: hub, host: "127.0.0.1", port: 0, pingInterval: .milliseconds(100))
    let port = try await server.start()
    let tabs = try (0..<3).map { _ in try EventStreamClient(port: port) }
    for tab in tabs { #expect(await tab.wait { $0.contains("event: build") }) }
    #expect(hub.subscriberCount == 3)
    tabs[0].close()
    tabs[1].close()
    let deadline = ContinuousClock.now + .seconds(5)
    while hub.subscriberCount > 1, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    #expect(hub.subscriberCount == 1)
    #expect(await tabs[2].wait { $0.contains(": ping") })
    await server.stop()
}

/// Batches a watcher reported, collected across threads.
final class Batches: @unchecked Sendable {
    private let lock = NSLock()
    private var batches: [[String]] = []
    func append(_ batch: [String]) { lock.withLock { batches.append(batch) } }
    var all: [[String]] { lock.withLock { batches } }
}
