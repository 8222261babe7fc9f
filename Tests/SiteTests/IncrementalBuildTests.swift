import Foundation
import Testing
@testable import Site
import TestSupport

/// Every file under `folder`, by relative path.
func tree(_ folder: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return out }
    for case let url as URL in walker {
        if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true { continue }
        out[String(url.path.dropFirst(folder.path.count + 1))] = FileManager.default.contents(atPath: url.path)
    }
    return out
}

/// Folders under `folder` that hold no file (a rebuild must not leave them behind).
func emptyFolders(_ folder: URL) -> [String] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
    var out: [String] = []
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
        if (try? FileManager.default.contentsOfDirectory(atPath: url.path).isEmpty) == true { out.append(url.path) }
    }
    return out
}

@Test func rebuildsAfterEditsEqualACleanBuildByteForByte() throws {
    let site = try TestSite(honorTemplates + "\n" + [
        "-- site.yml --\nper_page: 2",
        article("a.md", "title: 劳模王大明\ndate: 2020-01-01\ntags: [劳模]", body: "王大明说：干就完了。"),
        article("b.md", "title: 第二篇\ndate: 2020-01-02\ntags: [工匠]\ncolumn: 工会动态"),
        article("c.md", "title: 第三篇\ndate: 2020-01-03\ntags: [劳模, 工匠]"),
        honoree("wang.md", "name: 王大明\nhonors:\n  - title: 全国劳动模范\n    year: 2015\n    level: national"),
        "-- content/news/photo.txt --\npixels",
    ].joined(separator: "\n"))
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()

    func expectSameAsClean(_ step: String) throws {
        let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        _ = try SiteBuilder(root: site.root, options: .init(output: clean)).build()
        let a = tree(site.root.appendingPathComponent("public")), b = tree(clean)
        #expect(a.keys.sorted() == b.keys.sorted(), "\(step): different files")
        for (path, data) in b where a[path] != data {
            Issue.record("\(step): \(path) differs from a clean build:\n\(String(decoding: a[path] ?? Data(), as: UTF8.self))\n---\n\(String(decoding: data, as: UTF8.self))")
        }
        #expect(emptyFolders(site.root.appendingPathComponent("public")) == [], "\(step): empty folders left")
    }

    let edits: [(String, () throws -> Void)] = [
        ("edit a title", { try site.write(article("a.md", "title: 劳模王大明的故事\ndate: 2020-01-01\ntags: [劳模]", body: "王大明说：干就完了。")) }),
        ("add an article", { try site.write(article("d.md", "title: 新来的\ndate: 2021-05-01\ntags: [勞模]\ncolumn: 工会动态")) }),
        ("delete an article", { try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/news/b.md")) }),
        ("edit an honoree", { try site.write(honoree("wang.md", "name: 王大明\naka: [大明]\nhonors:\n  - title: 全国劳动模范\n    year: 2016\n    level: national")) }),
        ("edit a template", { try site.write("-- templates/article.html --\n{% layout 'base' %}<h2>{{ page.title }}</h2>{{ page.content }}") }),
        ("edit site.yml", { try site.write("-- site.yml --\nper_page: 1\ntitle: 新站名") }),
        ("add and delete an asset", {
            try site.write("-- content/news/2021/new.txt --\nnew")
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/news/photo.txt"))
        }),
    ]
    for (step, edit) in edits {
        try edit()
        _ = try live.rebuild()
        try expectSameAsClean(step)
    }
}

@Test func aRebuildRendersOnlyThePagesAnEditTouches() throws {
    let site = try TestSite((0..<30).map { article("a\($0).md", "title: 第\($0)篇\ndate: 2020-01-\(String(format: "%02d", $0 + 1))\ntags: [t\($0 % 3)]") }.joined(separator: "\n"))
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    let first = try live.rebuild()
    #expect(first.rendered == first.pages)
    let unchanged = try live.rebuild()
    #expect(unchanged.rendered == 0)
    #expect(unchanged.written == 0)
    // The body of the oldest article: its own page and nothing that lists only titles.
    try site.write(article("a0.md", "title: 第0篇\ndate: 2020-01-01\ntags: [t0]", body: "改过的正文。"))
    let edited = try live.rebuild()
    #expect(edited.rendered < first.pages / 3)
    #expect(site.output("news/di-0-pian/index.html")?.contains("改过的正文。") == true)
}

@Test func aFailedRebuildWritesNothingAndTheNextGoodOneRecovers() throws {
    let site = try TestSite(article("a.md", "title: 好\ndate: 2020-01-01"))
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let before = tree(site.root.appendingPathComponent("public"))
    try site.write(article("a.md", "title 坏了\ndate: 2020-01-01"))
    #expect(throws: BuildFailure.self) { try live.rebuild() }
    #expect(tree(site.root.appendingPathComponent("public")) == before)
    try site.write(article("a.md", "title: 又好了\ndate: 2020-01-01"))
    _ = try live.rebuild()
    #expect(site.output("news/you-hao-le/index.html") != nil)
    #expect(site.output("news/hao/index.html") == nil)
}
