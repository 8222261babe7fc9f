import Foundation
import Testing
@testable import Site

@Test func theBuildStateReadsBackWhatWasSaved() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-state-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.path + "/.unionsite-cache/public-1.state"
    let pages: [String: BuildState.Entry] = [
        "index.html": .init(fingerprint: -9_223_372_036_854_775_807, stamp: .init(size: 0, seconds: 1_700_000_000, nanoseconds: 999_999_999, inode: .max)),
        "news/a b/index.html": .init(fingerprint: 42, stamp: .init(size: 12_345, seconds: -5, nanoseconds: 0, inode: 7)),
        "news/unstamped/index.html": .init(fingerprint: 1, stamp: nil),
        "news/line\nbreak/index.html": .init(fingerprint: 2, stamp: .init(size: 1, seconds: 1, nanoseconds: 1, inode: 1)),
    ]
    BuildState(identity: "unionsite-state 1 test", pages: pages).save(path)
    let loaded = try #require(BuildState.load(path))
    #expect(loaded.identity == "unionsite-state 1 test")
    // Pages without a stamp, or whose path cannot be a line, are left out: the next build renders them.
    #expect(loaded.pages.keys.sorted() == ["index.html", "news/a b/index.html"])
    for (key, entry) in loaded.pages {
        #expect(entry.fingerprint == pages[key]?.fingerprint)
        #expect(entry.stamp == pages[key]?.stamp)
    }
}
