import Foundation
import Synchronization
import Testing
@testable import Serve
import Site
import TestSupport

@Test func aTargetNamesThePageAtItsOutputPath() {
    #expect(PathResolver.pagePath("/") == "index.html")
    #expect(PathResolver.pagePath("/news/a/?x=1#y") == "news/a/index.html")
    #expect(PathResolver.pagePath("/news/%E5%8A%B3/") == "news/劳/index.html")
    #expect(PathResolver.pagePath("/404.html") == "404.html")
    #expect(PathResolver.pagePath("/assets/site.css") == nil)
    #expect(PathResolver.pagePath("/news/a") == nil)
    #expect(PathResolver.pagePath("/../x/") == nil)
}

@Test func aTabSaysWhichPageItShows() {
    let hub = LiveReload()
    let home = hub.subscribe(page: SiteResponder.page("page=%2F"))
    let article = hub.subscribe(page: SiteResponder.page("x=1&page=%2Fnews%2F%25E5%258A%25B3%2F"))
    #expect(hub.openPages == ["index.html", "news/劳/index.html"])
    _ = (home, article)
    #expect(Injection.script(build: "b").contains("?page=\" + encodeURIComponent(location.pathname)"))
}

@Test func aShownPageIsServedFromMemoryAndOthersWaitUntilTheBuildIsDone() async throws {
    let site = try TestSite(article("a.md", "title: 旧\ndate: 2023-09-01"))
    defer { site.remove() }
    _ = site.rebuild([], nil)
    let shown = ShownFirst()
    let responder = SiteResponder(output: site.output.path, liveReload: LiveReload(), shownFirst: shown)
    shown.show(["news/jiu/index.html": Array("<html><body>新</body></html>".utf8)])
    guard case .bytes(let bytes) = responder.respond(method: "GET", target: "/news/jiu/").body else { Issue.record("no body"); return }
    #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("<html><body>新"))
    // The home page is not among those shown: it waits for the build.
    let served = Mutex(false)
    let waiting = Task {
        await shown.wait(for: "index.html")
        served.withLock { $0 = true }
    }
    await shown.wait(for: "news/jiu/index.html")
    try await Task.sleep(for: .milliseconds(100))
    #expect(served.withLock { $0 } == false)
    shown.done()
    await waiting.value
    #expect(served.withLock { $0 })
    // Done: the page comes from the output folder again.
    guard case .bytes(let after) = responder.respond(method: "GET", target: "/news/jiu/").body else { Issue.record("no body"); return }
    #expect(String(decoding: after, as: UTF8.self).contains("<h1>旧</h1>"))
}

@Test func tabsReloadOnceWhenTheirPagesAreShownAndSeeTheErrorsOfARebuildThatFailsLater() async throws {
    let site = try TestSite(article("a.md", "title: 甲\ndate: 2023-09-01"))
    defer { site.remove() }
    let fails = Mutex(false)
    let rebuild: Rebuild = { changed, first in
        first?.ready(["index.html": Array("<html><body>先</body></html>".utf8)])
        if fails.withLock({ $0 }) { return .failure(BuildFailure([Diagnostic(file: "templates/x.html", line: 1, column: 1, message: "坏了")])) }
        return site.rebuild(changed, nil)
    }
    let session = PreviewSession(rebuild: rebuild)
    session.build(changed: [])
    let server = try await RunningServer.start(output: site.output, liveReload: session.liveReload)
    let tab = try EventStreamClient(port: server.port)
    #expect(await tab.wait { EventStreamClient.buildEvents(in: $0).count == 1 })
    let good = session.build(changed: ["content/news/a.md"])
    #expect(good.shownAfter != nil)
    #expect(good.lines.summary.contains("(open pages shown after "))
    #expect(session.shownFirst.page("index.html") == nil)
    fails.withLock { $0 = true }
    let bad = session.build(changed: ["content/news/a.md"])
    #expect(bad.errorText != nil)
    // One event for the good build (the reload when its pages were shown), two for the failed one.
    #expect(await tab.wait { EventStreamClient.buildEvents(in: $0).count == 4 })
    let events = tab.buildEvents
    #expect(events.count == 4)
    #expect(events.last?.contains("坏了") == true)
    #expect(events.dropLast().allSatisfy { $0.contains("\"error\":null") })
    await server.stop()
}
