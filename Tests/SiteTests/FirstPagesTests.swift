import Foundation
import Synchronization
import Testing
@testable import Site
import TestSupport

// `IncrementalBuild.rebuild(changed:first:)`: the pages asked for first (serve's open tabs) and
// the saved articles' own pages are rendered and handed over before the others, and nothing is
// written before every page is rendered.

private func three(_ title: String = "乙") -> String {
    [article("a.md", "title: 甲\ndate: 2023-09-01"),
     article("b.md", "title: \(title)\ndate: 2023-09-02"),
     article("c.md", "title: 丙\ndate: 2023-09-03")].joined(separator: "\n")
}

@Test func theFirstPagesAreHandedOverBeforeAnyFileIsWritten() throws {
    let site = try TestSite(three())
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let before = try #require(site.output("index.html"))
    try site.write(three("乙改"))
    let handed = Mutex<(pages: [String: [UInt8]], onDisk: String?)?>(nil)
    let first = FirstPages(paths: ["index.html"]) { [site] pages in
        handed.withLock { $0 = (pages, site.output("index.html")) }
    }
    _ = try live.rebuild(changed: ["content/news/b.md"], first: first)
    let (pages, onDisk) = try #require(handed.withLock { $0 })
    // The open page and the saved article's own, as they were then written; nothing written yet.
    #expect(Set(pages.keys) == ["index.html", "news/yi-gai/index.html"])
    #expect(pages["index.html"].map { String(decoding: $0, as: UTF8.self) } == site.output("index.html"))
    #expect(pages["news/yi-gai/index.html"].map { String(decoding: $0, as: UTF8.self) } == site.output("news/yi-gai/index.html"))
    #expect(onDisk == before)
    #expect(site.output("index.html")?.contains("乙改") == true)
}

@Test func aPageThatFailsAfterTheFirstOnesLeavesTheOutputAsItWas() throws {
    let site = try TestSite(three())
    defer { site.remove() }
    // A column of a one-letter name fails (a division by zero); the home page does not.
    try site.write("-- templates/column.html --\n{% layout 'base' %}{% assign n = column.name | size | minus: 1 %}{{ 6 | divided_by: n }}")
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let before = try #require(site.output("index.html"))
    try site.write(article("b.md", "title: 乙改\ndate: 2023-09-02\ncolumn: 坏"))
    let handed = Mutex<Set<String>>([])
    #expect(throws: BuildFailure.self) {
        try live.rebuild(changed: ["content/news/b.md"], first: FirstPages(paths: ["index.html"]) { pages in handed.withLock { $0 = Set(pages.keys) } })
    }
    // The first pages were handed over; the column page failed after them: nothing is written.
    #expect(handed.withLock { $0 } == ["index.html", "news/yi-gai/index.html"])
    #expect(site.output("index.html") == before)
    #expect(!site.exists("news/yi-gai/index.html"))
}

@Test func theFirstPagesAreNotHandedOverWhenAFileCopiedAtTheEndChanged() throws {
    let site = try TestSite(three() + "\n-- content/news/photo.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    try site.write(three("乙改") + "\n-- content/news/photo.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"/>")
    let handed = Mutex(false)
    _ = try live.rebuild(changed: ["content/news/b.md", "content/news/photo.svg"],
                         first: FirstPages(paths: ["index.html"]) { _ in handed.withLock { $0 = true } })
    #expect(handed.withLock { $0 } == false)
    #expect(site.output("index.html")?.contains("乙改") == true)
}

@Test func anOpenPageTheSaveDidNotChangeIsNeitherRenderedNorLost() throws {
    let site = try TestSite(three())
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let other = try #require(site.output("news/jia/index.html"))
    // Only b's body changes: a's page, open in a tab, reads nothing of it.
    try site.write(article("b.md", "title: 乙\ndate: 2023-09-02", body: "改过的正文。"))
    let handed = Mutex<Set<String>?>(nil)
    let report = try live.rebuild(changed: ["content/news/b.md"],
                                  first: FirstPages(paths: ["news/jia/index.html"]) { pages in handed.withLock { $0 = Set(pages.keys) } })
    #expect(handed.withLock { $0 } == ["news/yi/index.html"])
    #expect(report.rendered == 1)
    #expect(site.output("news/jia/index.html") == other)
    #expect(site.output("news/yi/index.html")?.contains("改过的正文") == true)
}
