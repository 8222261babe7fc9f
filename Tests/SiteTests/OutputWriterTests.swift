import Foundation
import Testing
@testable import Site
import TestSupport

/// The inode and modification time of a file: equal before and after a build means the build
/// left the file alone.
private func identity(_ path: String) -> [Int]? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return [Int(st.st_ino), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
}

@Test func aBuildOverAnExistingSiteWritesOnlyWhatChangedAndRemovesWhatIsGone() throws {
    let site = try TestSite([
        article("a.md", "title: 第一篇\ndate: 2020-01-01", body: "原来的正文。"),
        article("b.md", "title: 第二篇\ndate: 2020-01-02"),
        article("c.md", "title: 第三篇\ndate: 2020-01-03"),
        article("d.md", "title: 第四篇\ndate: 2020-01-04"),
        article("e.md", "title: 第五篇\ndate: 2020-01-05"),
    ].joined(separator: "\n"))
    defer { site.remove() }
    _ = try site.builder().build()
    let public_ = site.root.appendingPathComponent("public").path
    // What a publisher keeps in public/: hidden files are not the build's to remove.
    try FileManager.default.createDirectory(atPath: public_ + "/.git", withIntermediateDirectories: true)
    try Data("ref".utf8).write(to: URL(fileURLWithPath: public_ + "/.git/HEAD"))
    try Data("stale".utf8).write(to: URL(fileURLWithPath: public_ + "/news/stale.html"))
    // The third article's neighbours stay, so nothing on its page changes.
    let untouched = identity(public_ + "/news/di-san-pian/index.html")
    #expect(untouched != nil)

    try site.write(article("a.md", "title: 第一篇\ndate: 2020-01-01", body: "改过的正文。"))
    try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/news/e.md"))
    _ = try site.builder().build()

    #expect(site.output("news/di-yi-pian/index.html")?.contains("改过的正文。") == true)
    #expect(site.output("news/di-wu-pian/index.html") == nil, "a deleted article's page is removed")
    #expect(!FileManager.default.fileExists(atPath: public_ + "/news/di-wu-pian"), "and its folder")
    #expect(site.output("news/stale.html") == nil, "files the site does not have are removed")
    #expect(FileManager.default.fileExists(atPath: public_ + "/.git/HEAD"), "hidden files are left alone")
    #expect(identity(public_ + "/news/di-san-pian/index.html") == untouched, "an unchanged page is not rewritten")
    #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.") } == [])

    // The result is what a build into an empty folder gives.
    let clean = site.root.appendingPathComponent("clean")
    _ = try SiteBuilder(root: site.root, options: .init(output: clean)).build()
    var built = tree(site.root.appendingPathComponent("public"))
    built = built.filter { !$0.key.hasPrefix(".git/") }
    #expect(built == tree(clean))
}

@Test func aBuildIntoANewFolderLeavesNoStagingFolderBehindEvenWhenItFails() throws {
    let site = try TestSite(article("a.md", "title: 好\ndate: 2020-01-01"))
    defer { site.remove() }
    try site.write("-- templates/article.html --\n{% if %}")
    #expect(throws: BuildFailure.self) { try site.builder().build() }
    #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("public").path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.") } == [])
}

@Test func aLaterBuildRendersOnlyWhatChangedAndRepairsFilesEditedByHand() throws {
    let site = try TestSite((0..<12).map { article("a\($0).md", "title: 第\($0)篇\ndate: 2020-01-\(String(format: "%02d", $0 + 1))\ntags: [t\($0 % 3)]") }.joined(separator: "\n"))
    defer { site.remove() }
    let first = try site.builder().build()
    #expect(first.rendered == first.pages)
    let again = try site.builder().build()
    #expect(again.rendered == 0, "nothing changed: nothing rendered")

    // Each build is a new builder, as each `unionsite build` is a new process.
    try site.write(article("a0.md", "title: 第0篇\ndate: 2020-01-01\ntags: [t0]", body: "改过的正文。"))
    let public_ = site.root.appendingPathComponent("public").path
    try Data("edited by hand".utf8).write(to: URL(fileURLWithPath: public_ + "/news/di-5-pian/index.html"))
    try FileManager.default.removeItem(atPath: public_ + "/news/di-6-pian/index.html")
    let edited = try site.builder().build()
    #expect(edited.rendered > 0 && edited.rendered < first.pages / 2)
    #expect(site.output("news/di-0-pian/index.html")?.contains("改过的正文。") == true)
    #expect(site.output("news/di-5-pian/index.html")?.contains("第5篇") == true, "a page edited by hand is rendered again")
    #expect(site.output("news/di-6-pian/index.html") != nil, "a page deleted by hand is rendered again")

    let clean = site.root.appendingPathComponent("clean")
    _ = try SiteBuilder(root: site.root, options: .init(output: clean)).build()
    #expect(tree(site.root.appendingPathComponent("public")) == tree(clean))

    // Other templates: every page again.
    try site.write("-- templates/article.html --\n{% layout 'base' %}<h2>{{ page.title }}</h2>{{ page.content }}")
    let retemplated = try site.builder().build()
    #expect(retemplated.rendered == retemplated.pages)
}

@Test func anEmptyPageIsWrittenAndComparedLikeAnyOther() throws {
    let site = try TestSite(article("a.md", "title: 一\ndate: 2020-01-01"))
    defer { site.remove() }
    try Data().write(to: site.root.appendingPathComponent("templates/404.html"))
    _ = try site.builder().build()
    #expect(site.output("404.html") == "")
    // Over the existing site, in this process and in the next: compared with the empty file, not rewritten.
    let live = IncrementalBuild(builder: site.builder())
    let again = try live.rebuild()
    #expect(again.written == 0)
    try FileManager.default.removeItem(at: site.root.appendingPathComponent(".unionsite-cache"))
    let unstated = try site.builder().build()
    #expect(unstated.rendered == unstated.pages && unstated.written == 0)
}

@Test func aChangedPageIsWrittenOverInPlaceButNeverThroughALinkOrAnotherName() throws {
    let site = try TestSite([
        article("a.md", "title: 第一篇\ndate: 2020-01-01", body: "原来的一段很长很长很长很长的正文。"),
        article("b.md", "title: 第二篇\ndate: 2020-01-02", body: "原来的正文。"),
        article("c.md", "title: 第三篇\ndate: 2020-01-03", body: "原来的正文。"),
    ].joined(separator: "\n"))
    defer { site.remove() }
    _ = try site.builder().build()
    let public_ = site.root.appendingPathComponent("public").path
    let a = public_ + "/news/di-yi-pian/index.html", b = public_ + "/news/di-er-pian/index.html"
    let c = public_ + "/news/di-san-pian/index.html"
    // b has a second name outside the site (a deploy's snapshot); c is a link to a file outside.
    let snapshot = site.root.appendingPathComponent("snapshot.html").path
    let outside = site.root.appendingPathComponent("outside.html").path
    #expect(link(b, snapshot) == 0)
    try Data("not the site's".utf8).write(to: URL(fileURLWithPath: outside))
    try FileManager.default.removeItem(atPath: c)
    try FileManager.default.createSymbolicLink(atPath: c, withDestinationPath: outside)
    let inodeOfA = identity(a)?.first
    let snapshotBefore = try Data(contentsOf: URL(fileURLWithPath: snapshot))

    try site.write([
        article("a.md", "title: 第一篇\ndate: 2020-01-01", body: "短了。"),
        article("b.md", "title: 第二篇\ndate: 2020-01-02", body: "改过的正文。"),
        article("c.md", "title: 第三篇\ndate: 2020-01-03", body: "改过的正文。"),
    ].joined(separator: "\n"))
    _ = try site.builder().build()

    #expect(identity(a)?.first == inodeOfA, "a page written over where it is keeps its inode")
    #expect(site.output("news/di-yi-pian/index.html")?.contains("短了。") == true)
    #expect(site.output("news/di-yi-pian/index.html")?.contains("很长") == false, "and is cut to its new length")
    #expect(try Data(contentsOf: URL(fileURLWithPath: snapshot)) == snapshotBefore, "a file's other name keeps the old page")
    #expect(site.output("news/di-er-pian/index.html")?.contains("改过的正文。") == true)
    #expect(try String(contentsOfFile: outside, encoding: .utf8) == "not the site's", "a link is replaced, not written through")
    var st = stat()
    #expect(lstat(c, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG, "the link became the page")
    let clean = site.root.appendingPathComponent("clean")
    _ = try SiteBuilder(root: site.root, options: .init(output: clean)).build()
    #expect(tree(site.root.appendingPathComponent("public")) == tree(clean))
}

/// The `unionsite` executable the package builds beside the tests (`swift build --build-tests`
/// builds it too), run in a shell with a resource limit, so the limit binds only that process.

/// Runs `unionsite build -q -s root` after `limit` (a shell `ulimit`), with SIGXFSZ ignored so
/// a write over the file-size limit fails with EFBIG instead of killing the process.
private func buildLimited(_ limit: String, _ root: URL) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "trap '' XFSZ; \(limit) && exec \"$0\" build -q -s \"$1\"", unionsiteExecutable, root.path]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Every page changed (a template edited) on a site of 300 articles, under a limit of 128 open
/// files: a rebuild that changes more files than the limit allows (1,024 by default on most
/// Linux systems; a column move at 10,000 articles changes ~1,300) writes them all, one file
/// open at a time.
@Test func aRebuildThatChangesMoreFilesThanTheOpenFileLimitStillWrites() throws {
    try #require(FileManager.default.isExecutableFile(atPath: unionsiteExecutable), "build the executable first (swift build)")
    let site = try TestSite((0..<300).map { n in
        article("a\(n).md", "title: 第\(n)篇\ndate: 2020-\(String(format: "%02d", n / 28 + 1))-\(String(format: "%02d", n % 28 + 1))")
    }.joined(separator: "\n"))
    defer { site.remove() }
    _ = try site.builder().build()
    try site.write("-- templates/base.html --\n<title>{{ page.title }}</title><main>{{ content }}</main>")
    let (status, output) = try buildLimited("ulimit -n 128", site.root)
    #expect(status == 0, "\(output)")
    let clean = site.root.appendingPathComponent("clean")
    _ = try SiteBuilder(root: site.root, options: .init(output: clean)).build()
    let live = tree(site.root.appendingPathComponent("public")), wanted = tree(clean)
    let differing = wanted.keys.filter { live[$0] != wanted[$0] }
    #expect(differing.isEmpty, "\(differing.count) of \(wanted.count) files differ from a clean build, e.g. \(differing.sorted().prefix(3))")
}

/// A write over a file that fails halfway (here the file-size limit, EFBIG; a user's disk
/// quota, EDQUOT, which statvfs does not show, or EIO do the same) after other files were
/// already written over: every file written over is put back, the new article's temporary is
/// removed, and the old site is left as it was.
@Test func aWriteThatFailsHalfwayLeavesTheOldSiteWholeAndNoTemporaries() throws {
    try #require(FileManager.default.isExecutableFile(atPath: unionsiteExecutable), "build the executable first (swift build)")
    let site = try TestSite((1...3).map { n in article("a\(n).md", "title: A\(n)\ndate: 2020-01-0\(n)", body: "正文\(n)。") }.joined(separator: "\n"))
    defer { site.remove() }
    _ = try site.builder().build()
    let before = tree(site.root.appendingPathComponent("public"))
    // a1's page grows past 100 KiB; a4 is new (written beside its target, then renamed).
    try site.write(article("a1.md", "title: A1\ndate: 2020-01-01", body: String(repeating: "很长的正文。", count: 20_000))
                   + "\n" + article("a4.md", "title: A4\ndate: 2020-01-04", body: "新的。"))
    let (status, output) = try buildLimited("ulimit -f 200", site.root)   // 200 blocks of 512 bytes
    #expect(status != 0, "the build fails: \(output)")
    let after = tree(site.root.appendingPathComponent("public"))
    #expect(after == before, "the old site stays whole: changed \(after.keys.filter { after[$0] != before[$0] }.sorted())")
    #expect(!after.keys.contains { $0.contains(".unionsite-") }, "temporaries left: \(after.keys.filter { $0.contains(".unionsite-") })")
}

@Test func anOutputFolderInFoldersNotYetMadeIsWritten() throws {
    let site = try TestSite(article("a.md", "title: 甲\ndate: 2020-01-01\nslug: a"))
    defer { site.remove() }
    let output = site.root.appendingPathComponent("new/deeper/public")
    _ = try SiteBuilder(root: site.root, options: .init(output: output)).build()
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("news/a/index.html").path))
}
