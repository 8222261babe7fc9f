import Foundation
import Testing
@testable import Site

@Test func theBuildStateReadsBackWhatWasSaved() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-state-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.path + "/.unionsite-cache/public-1.state"
    let pages: [String: BuildState.Entry] = [
        "index.html": .init(fingerprint: -9_223_372_036_854_775_807, stamp: .init(size: 0, seconds: 1_700_000_000, nanoseconds: 999_999_999, inode: .max),
                            reads: PageReads(sorted: [Fact(raw: 0), Fact(Entity(id: 1), 7), Fact(raw: .max)])),
        "news/a b/index.html": .init(fingerprint: 42, stamp: .init(size: 12_345, seconds: -5, nanoseconds: 0, inode: 7)),
        "news/unstamped/index.html": .init(fingerprint: 1, stamp: nil),
        "news/line\nbreak/index.html": .init(fingerprint: 2, stamp: .init(size: 1, seconds: 1, nanoseconds: 1, inode: 1)),
    ]
    let entities = ["a\u{1}content/news/甲.md", "L\u{1}articles", ""]
    BuildState(identity: "unionsite-state 4 test", pages: pages, entities: entities).save(path)
    let loaded = try #require(BuildState.load(path))
    #expect(loaded.identity == "unionsite-state 4 test")
    #expect(loaded.entities == entities)
    // Pages without a stamp are left out: the next build renders them.
    #expect(loaded.pages.keys.sorted() == ["index.html", "news/a b/index.html", "news/line\nbreak/index.html"])
    for (key, entry) in loaded.pages {
        #expect(entry.fingerprint == pages[key]?.fingerprint)
        #expect(entry.stamp == pages[key]?.stamp)
        #expect(entry.reads == pages[key]?.reads)
        #expect(Array(entry.reads) == Array(pages[key]?.reads ?? PageReads()))
    }
    // A file cut short is no state at all.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try bytes.dropLast(3).write(to: URL(fileURLWithPath: path))
    #expect(BuildState.load(path) == nil)
}

@Test func pageReadsGiveBackTheFactsTheyWereMadeOf() throws {
    let facts = [Fact(raw: 0), Fact(raw: 1), Fact(raw: 0x7F), Fact(raw: 0x80), Fact(Entity(id: 9), 3), Fact(raw: .max)]
    let reads = PageReads(sorted: facts)
    #expect(Array(reads) == facts)
    #expect(reads.count == facts.count && reads.last == facts.last)
    #expect(PageReads(bytes: reads.bytes, count: facts.count) == reads)
    // Bytes that end inside a fact, or hold another number of facts, are not reads.
    #expect(PageReads(bytes: Array(reads.bytes.dropLast()), count: facts.count) == nil)
    #expect(PageReads(bytes: reads.bytes, count: facts.count - 1) == nil)
    #expect(PageReads(bytes: [0x80, 0x80], count: 1) == nil)
}

@Test func fingerprintsTellEveryOneByteEditApart() {
    let text = Array("工会新闻：劳模座谈会在县总工会召开，12 位劳模参加。".utf8)
    var seen: Set<UInt64> = []
    var f = Fingerprint()
    f.add(bytes: text)
    seen.insert(f.value)
    for i in text.indices {
        for delta: UInt8 in [1, 0x80] {
            var edited = text
            edited[i] ^= delta
            var g = Fingerprint()
            g.add(bytes: edited)
            #expect(seen.insert(g.value).inserted, "byte \(i) ^ \(delta)")
        }
    }
    // One byte more or less, and the same bytes again.
    for cut in [text.count - 1, text.count - 8, 8, 0] {
        var g = Fingerprint()
        g.add(bytes: text.prefix(cut))
        #expect(seen.insert(g.value).inserted, "prefix \(cut)")
    }
    var again = Fingerprint()
    again.add(bytes: text)
    #expect(again == f)
    #expect(Fingerprint.of("ab", "c") != Fingerprint.of("a", "bc"))
}
