import Foundation
import Testing
@testable import Serve
import TestSupport

@Test func theDebouncerWaitsForAQuietPeriod() {
    var d = Debouncer(quiet: .milliseconds(100), maxDelay: .seconds(2))
    let t0 = ContinuousClock.now
    #expect(d.deadline == nil)
    d.add(["content/a.md"], at: t0)
    d.add(["content/b.md"], at: t0 + .milliseconds(60))
    #expect(d.takeIfDue(at: t0 + .milliseconds(120)) == nil)
    d.add(["content/a.md"], at: t0 + .milliseconds(150))
    #expect(d.deadline == t0 + .milliseconds(250))
    #expect(d.takeIfDue(at: t0 + .milliseconds(250)) == ["content/a.md", "content/b.md"])
    #expect(d.deadline == nil)
    #expect(d.takeIfDue(at: t0 + .seconds(5)) == nil)
}

@Test func theDebouncerHandsOverASteadyStreamOfChangesEveryMaxDelay() {
    var d = Debouncer(quiet: .milliseconds(100), maxDelay: .seconds(1))
    let t0 = ContinuousClock.now
    for i in 0..<20 { d.add(["content/log.md"], at: t0 + .milliseconds(90 * i)) }
    #expect(d.takeIfDue(at: t0 + .milliseconds(1000)) == ["content/log.md"])
}

@Test func scratchFilesOfEditorsAreNotContent() {
    for name in [".a.md.swp", ".#a.md", "a.md~", "#a.md#", "4913", ".DS_Store", "a.md.swp"] {
        #expect(WatchScope.isScratch(name), "\(name)")
    }
    for name in ["a.md", "劳模.md", "photo.jpg", "site.yml"] {
        #expect(!WatchScope.isScratch(name), "\(name)")
    }
}

/// A watcher over a fresh site folder, recording its batches.
private final class WatchedFolder: @unchecked Sendable {
    let site: TestSite
    let watcher: any FileWatcher
    let batches = Batches()

    init(polling: Bool = false) throws {
        site = try TestSite(article("a.md", "title: 一\ndate: 2023-09-01") + "-- content/pages/about.md --\n---\ntitle: 关于\n---\n")
        let scope = WatchScope(root: site.root)
        // A longer quiet period than the server's 100 ms: on a loaded machine the test's own
        // writes may be further apart than an editor's.
        let quiet = Duration.milliseconds(250)
        watcher = polling ? PollingWatcher(scope: scope, interval: .milliseconds(50), quiet: quiet) : try InotifyWatcher(scope: scope, quiet: quiet)
        try watcher.start { [batches] in batches.append($0) }
    }

    /// Waits until the batches satisfy `done` (or `timeout` passes).
    func wait(timeout: Duration = .seconds(10), _ done: ([[String]]) -> Bool) async -> [[String]] {
        let deadline = ContinuousClock.now + timeout
        while !done(batches.all), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        // A little longer, to catch a batch that should not come.
        try? await Task.sleep(for: .milliseconds(300))
        return batches.all
    }

    func finish() {
        watcher.stop()
        site.remove()
    }
}

@Test func aSaveAllMakesOneBatch() async throws {
    let w = try WatchedFolder()
    defer { w.finish() }
    for i in 1...5 { try w.site.write("content/news/n\(i).md", "---\ntitle: \(i)\ndate: 2023-09-0\(i)\n---\n") }
    try w.site.write("templates/article.html", "{{ page.title }}")
    try w.site.write("site.yml", "title: 新名字")
    let batches = await w.wait { !$0.isEmpty }
    #expect(batches.count == 1)
    #expect(batches.first == ["content/news/n1.md", "content/news/n2.md", "content/news/n3.md", "content/news/n4.md",
                              "content/news/n5.md", "site.yml", "templates/article.html"])
}

@Test func newFoldersRenamesAndDeletionsAreReported() async throws {
    let w = try WatchedFolder()
    defer { w.finish() }
    // A new folder, then a file in it: the folder gets its own watch.
    try FileManager.default.createDirectory(at: w.site.root.appendingPathComponent("content/news/2024"), withIntermediateDirectories: true)
    _ = await w.wait { !$0.isEmpty }
    try w.site.write("content/news/2024/new.md", "---\ntitle: 新\ndate: 2024-01-01\n---\n")
    var batches = await w.wait { $0.joined().contains("content/news/2024/new.md") }
    #expect(batches.joined().contains("content/news/2024/new.md"))

    let before = batches.count
    let fm = FileManager.default
    try fm.moveItem(at: w.site.root.appendingPathComponent("content/news/a.md"), to: w.site.root.appendingPathComponent("content/news/b.md"))
    batches = await w.wait { $0.count > before }
    #expect(batches.last == ["content/news/a.md", "content/news/b.md"])

    let before2 = batches.count
    try w.site.remove("content/pages/about.md")
    batches = await w.wait { $0.count > before2 }
    #expect(batches.last == ["content/pages/about.md"])

    // A folder moved in brings its files; its files then report under the new name.
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-incoming-\(UUID().uuidString)")
    try fm.createDirectory(at: outside.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try Data("x".utf8).write(to: outside.appendingPathComponent("sub/c.md"))
    let before3 = batches.count
    try fm.moveItem(at: outside, to: w.site.root.appendingPathComponent("content/news/moved"))
    batches = await w.wait { $0.count > before3 }
    #expect(batches.last == ["content/news/moved", "content/news/moved/sub/c.md"])
    let before4 = batches.count
    try w.site.write("content/news/moved/sub/c.md", "y")
    batches = await w.wait { $0.count > before4 }
    #expect(batches.last == ["content/news/moved/sub/c.md"])
}

@Test func theOutputFolderScratchFilesAndOtherRootFilesAreIgnored() async throws {
    let w = try WatchedFolder()
    defer { w.finish() }
    try w.site.write("public/index.html", "x")
    try w.site.write(".public.building-1/index.html", "x")
    try w.site.write("notes.txt", "x")
    try w.site.write("content/news/.a.md.swp", "x")
    try w.site.write("content/news/a.md~", "x")
    let batches = await w.wait(timeout: .seconds(1)) { !$0.isEmpty }
    #expect(batches.isEmpty)
}

@Test func aBuildOfTheSiteDoesNotTriggerTheWatcher() async throws {
    let w = try WatchedFolder()
    defer { w.finish() }
    _ = w.site.rebuild([], nil)
    _ = w.site.rebuild([], nil)
    let batches = await w.wait(timeout: .seconds(1)) { !$0.isEmpty }
    #expect(batches.isEmpty)
}

@Test func thePollingFallbackReportsEditsAndDeletions() async throws {
    let w = try WatchedFolder(polling: true)
    defer { w.finish() }
    try w.site.write("content/news/a.md", "---\ntitle: 改\ndate: 2023-09-01\n---\nlonger body")
    try w.site.write("content/news/new.md", "x")
    var batches = await w.wait { !$0.isEmpty }
    #expect(batches == [["content/news/a.md", "content/news/new.md"]])
    try w.site.remove("content/news/new.md")
    batches = await w.wait { $0.count == 2 }
    #expect(batches.last == ["content/news/new.md"])
}

@Test func aWatcherCanBeStoppedTwiceOrWithoutStarting() throws {
    let site = try TestSite()
    defer { site.remove() }
    let unused = try InotifyWatcher(scope: WatchScope(root: site.root))
    unused.stop()
    unused.stop()
    #expect(throws: WatchError.self) { try unused.start { _ in } }
    let used = try InotifyWatcher(scope: WatchScope(root: site.root))
    try used.start { _ in }
    used.stop()
    used.stop()
    let polling = PollingWatcher(scope: WatchScope(root: site.root))
    try polling.start { _ in }
    polling.stop()
    polling.stop()
}
