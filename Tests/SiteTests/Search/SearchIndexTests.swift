import Foundation
import TestSupport
import Testing
@testable import Site

// The index files read back as search.js reads them (docs/SEARCH.md): a term's shard file lists
// the documents it is in, with a title flag; the position file of a block gives where.

private func varint(_ bytes: [UInt8], _ i: inout Int) -> Int {
    var value = 0, shift = 0
    while true {
        let b = bytes[i]
        i += 1
        value |= Int(b & 0x7F) << shift
        if b < 0x80 { return value }
        shift += 7
    }
}

/// Where the payload of `spelling`'s entry starts in a file of entries (varint spelling length,
/// spelling, `extra` varints, varint payload length, payload), with the extra varints.
private func entry(_ spelling: [UInt8], in file: [UInt8], extra: Int) -> (extras: [Int], start: Int)? {
    var i = 0
    while i < file.count {
        let length = varint(file, &i)
        let name = Array(file[i ..< i + length])
        i += length
        let extras = (0 ..< extra).map { _ in varint(file, &i) }
        let size = varint(file, &i)
        if name == spelling { return (extras, i) }
        i += size
    }
    return nil
}

/// The documents of `term` in `files` as (document, in title), and their positions (one block).
private func lookUp(_ term: String, in index: SearchIndex, files: [OutputFile]) -> (docs: [(Int, Bool)], positions: [[Int]])? {
    lookUpWithTitles(term, in: index, files: files).map { ($0.docs, $0.positions) }
}

/// `lookUp`, with the first position of the term in each title that has it.
private func lookUpWithTitles(_ term: String, in index: SearchIndex, files: [OutputFile])
    -> (docs: [(Int, Bool)], positions: [[Int]], firstInTitle: [Int: Int])? {
    let spelling = Array(term.utf8)
    let scalars = term.unicodeScalars.map(\.value)
    let shard = SearchIndex.shard(scalars[0], scalars.count > 1 ? scalars[1] : 0, shards: index.shards)
    guard let file = files.first(where: { $0.path == "search/t/\(shard).bin" })?.bytes,
          let (extras, start) = entry(spelling, in: file, extra: 1)
    else { return nil }
    var i = start, docs: [(Int, Bool)] = [], last = -1, firstInTitle: [Int: Int] = [:]
    for _ in 0 ..< extras[0] {
        let v = varint(file, &i)
        last += (v >> 1) + 1
        docs.append((last, v & 1 == 1))
        if v & 1 == 1 { firstInTitle[last] = varint(file, &i) }
    }
    // After the list: where the positions are in each block's file.
    var places: [Int: (offset: Int, length: Int)] = [:]
    for _ in 0 ..< varint(file, &i) {
        let block = varint(file, &i)
        places[block] = (varint(file, &i), varint(file, &i))
    }
    guard let p = files.first(where: { $0.path == "search/p/\(shard)-0.bin" })?.bytes,
          var j = entry(spelling, in: p, extra: 0)?.start
    else { return (docs, [], firstInTitle) }
    // The block table points at the same bytes as the entry found by its spelling.
    guard places[0]?.offset == j else { return nil }
    let positions = docs.map { _ in
        var at = 0
        return (0 ..< varint(p, &j)).map { _ in
            at += varint(p, &j)
            return at
        }
    }
    return (docs, positions, firstInTitle)
}

@Test func aTermListsItsDocumentsAndWhereInThemItIs() throws {
    let docs = [
        SearchDocument(url: "/a/", title: "劳模风采", kind: "article", date: "2024-01-02", body: Array("劳模精神，勞模工匠。".utf8)),
        SearchDocument(url: "/b/", title: "工会", kind: "article", date: nil, body: Array("没有那个词".utf8)),
        SearchDocument(url: "/c/", title: "张三", kind: "honoree", date: nil, body: Array("省劳模".utf8)),
    ]
    let index = SearchIndex(docs: docs)
    let files = index.files()
    let found = try #require(lookUp("劳模", in: index, files: files))
    #expect(found.docs.map(\.0) == [0, 2])
    #expect(found.docs.map(\.1) == [true, false])
    // In "劳模风采\n劳模精神，勞模工匠。": at 0 (the title), 5 and 10 (written 勞模).
    #expect(found.positions == [[0, 5, 10], [4]])
    // A term in a title says where, so that a phrase in a title needs no positions read.
    let inTitles = try #require(lookUpWithTitles("模风", in: index, files: files))
    #expect(inTitles.firstInTitle == [0: 1])
    #expect(lookUp("无双", in: index, files: files) == nil)
    // A title's single characters, for one-character queries.
    #expect(try #require(lookUp("\u{1}张", in: index, files: files)).docs.map(\.0) == [2])
}

@Test func theTextPackHoldsEachDocumentInUTF16AtItsOffset() throws {
    let docs = [
        SearchDocument(url: "/a/", title: "甲", kind: "article", date: nil, body: Array("工会𠀀A".utf8)),
        SearchDocument(url: "/b/", title: "乙", kind: "article", date: nil, body: Array("劳模".utf8)),
    ]
    let files = SearchIndex(docs: docs).files()
    let pack = try #require(files.first { $0.path == "search/x/0.bin" }?.bytes)
    let units = stride(from: 0, to: pack.count, by: 2).map { UInt16(pack[$0]) | UInt16(pack[$0 + 1]) << 8 }
    #expect(String(decoding: units, as: UTF16.self) == "甲\n工会𠀀A乙\n劳模")
    let table = try #require(files.first { $0.path == "search/d/0.json" }?.bytes)
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(table)) as? [[String: Any]])
    // The second document starts after 甲, the line break, 工会, 𠀀 (two units) and A: 7 units.
    #expect((rows[1]["x"] as? [Int]) == [0, 14, 4])
    #expect((rows[0]["x"] as? [Int]) == [0, 0, 7])
    #expect(rows[0]["u"] as? String == "/a/")
}

@Test func searchIsMadeWhenSiteYmlAsksAndTheThemeHasAPage() throws {
    let articles = article("a.md", "title: 劳模风采\ndate: 2024-01-02", body: "劳模精神。")
    let page = "\n-- templates/search.html --\n{% layout 'base' %}<ol id=\"search-results\"></ol>"
    let on = "\n-- site.yml --\ntitle: 示例\nsearch: true\n"
    // Asked for, by a theme of the site's own without a search page (nothing of the built-in
    // theme under it); the page without being asked for: neither is made.
    for files in [honorTemplates + "\n" + articles + on + "theme: none\n", articles + page] {
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(site.build().isEmpty)
        #expect(!site.exists("public/search/index.html"))
        #expect(!site.exists("public/search/meta.json"))
    }
    // Asked for, with the built-in theme under the site's templates/: its search page.
    let builtIn = try TestSite(articles + on)
    defer { builtIn.remove() }
    #expect(builtIn.build().isEmpty)
    #expect(builtIn.output("search/index.html")?.contains("id=\"search-page-input\"") == true)
    #expect(builtIn.exists("public/search/meta.json"))
    let with = try TestSite(articles + page + on)
    defer { with.remove() }
    #expect(with.build().isEmpty)
    #expect(with.output("search/index.html")?.contains("search-results") == true)
    let meta = try #require(with.output("search/meta.json"))
    #expect(meta.contains("\"docs\":1"))
    #expect(with.exists("public/search/t/0.bin"))
    #expect(with.exists("public/search/x/0.bin"))
    #expect(with.exists("public/search/f/0.txt"))
    // Not a page for the sitemap.
    #expect(with.output("sitemap.xml")?.contains("search/") == false)
}

@Test func honoreesAndPagesAreIndexedByTheTextAReaderSees() throws {
    // Their Markdown's visible text, as for articles: no markup, entities as characters.
    let site = try TestSite(honorTemplates + "\n" + article("a.md", "title: 甲\ndate: 2024-01-02") + """

    -- content/honorees/wang.md --
    ---
    name: 王平
    unit: 县供电公司
    honors:
      - title: 全国五一劳动奖章
        level: national
    ---
    工会<strong>主席</strong>说**得好** &amp; 做得好。
    -- content/pages/about.md --
    ---
    title: 关于我们
    ---
    劳模&#x5de5;匠 *之家*
    -- templates/search.html --
    {% layout 'base' %}<ol id="search-results"></ol>
    -- site.yml --
    title: 示例
    search: true

    """)
    defer { site.remove() }
    #expect(site.build().isEmpty)
    let pack = try #require(FileManager.default.contents(atPath: site.output.appendingPathComponent("search/x/0.bin").path))
    let units = stride(from: 0, to: pack.count, by: 2).map { UInt16(pack[$0]) | UInt16(pack[$0 + 1]) << 8 }
    let text = String(decoding: units, as: UTF16.self)
    #expect(text.contains("王平\n县供电公司\n全国五一劳动奖章\n工会主席说得好 & 做得好。"))
    #expect(text.contains("关于我们\n劳模工匠 之家"))
    #expect(!text.contains("<") && !text.contains("*") && !text.contains("&amp;"))
}
