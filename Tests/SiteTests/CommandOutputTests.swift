import Foundation
import Testing
@testable import Site

/// The `unionsite` executable built beside the tests.
private let executable = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".build/debug/unionsite").path

/// Runs `unionsite arguments…`; its exit status, standard output and standard error.
private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    try #require(FileManager.default.isExecutableFile(atPath: executable), "build the executable first (swift build)")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Both read to the end together would need threads; these outputs are far below a pipe's buffer.
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
}

/// Five articles sharing an unknown key, one with a broken link.
private func noisySite(_ extra: String = "") throws -> TestSite {
    try TestSite((1...5).map { n in
        article("a\(n).md", "title: 第\(n)篇\ndate: 2020-01-0\(n)\nslug: a\(n)\nweight: \(n)", body: n == 2 ? "[旧](/news/old/)" : "正文。")
    }.joined(separator: "\n") + extra)
}

private let weightSummary = "warning: unknown key `weight` in 5 files, e.g. content/news/a1.md:5:1, content/news/a2.md:5:1, content/news/a3.md:5:1 (--verbose lists every one)"
private let linkWarning = "content/news/a2.md:7:1: warning: link to `/news/old/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)\n7 | [旧](/news/old/)\n  | ^"

@Test func buildPrintsOneSummaryPerKindAndClosesWithTheCounts() throws {
    let site = try noisySite()
    defer { site.remove() }
    let r = try run(["build", "-s", site.root.path])
    #expect(r.status == 0)
    #expect(r.err == weightSummary + "\n" + linkWarning + "\n")
    let last = try #require(r.out.split(separator: "\n").last)
    #expect(last.hasPrefix("built 8 pages in "))
    #expect(last.hasSuffix(" s: 0 errors, 6 warnings (2 kinds) → \(site.root.appendingPathComponent("public").path)"))
}

@Test func verbosePrintsEveryWarningInFullAndQuietNone() throws {
    let site = try noisySite()
    defer { site.remove() }
    let verbose = try run(["build", "--verbose", "-s", site.root.path])
    let expected = try site.builder().build().warnings.map(\.description)
    #expect(verbose.err == expected.map { $0 + "\n" }.joined())
    #expect(expected.count == 6)
    let quiet = try run(["build", "-q", "-s", site.root.path])
    #expect(quiet.status == 0 && quiet.out == "" && quiet.err == "")
}

@Test func aFailedBuildPrintsTheWarningsSummaryThenEveryErrorThenTheCounts() throws {
    let site = try noisySite("\n" + article("bad1.md", "title: 坏\nslug: bad1") + "\n" + article("bad2.md", "title: 坏\nslug: bad2"))
    defer { site.remove() }
    let missingDate = "missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`\n1 | ---\n  | ^"
    let r = try run(["build", "-s", site.root.path])
    #expect(r.status == 1)
    #expect(r.out == "")
    // A failed build stops before its links are checked: the warnings are those of loading.
    #expect(r.err == [
        weightSummary,
        "content/news/bad1.md:1:1: \(missingDate)",
        "content/news/bad2.md:1:1: \(missingDate)",
        "build failed: 2 errors, 5 warnings (1 kind); public/ was not changed",
    ].joined(separator: "\n") + "\n")
    let quiet = try run(["build", "-q", "-s", site.root.path])
    #expect(quiet.err == [
        "content/news/bad1.md:1:1: \(missingDate)",
        "content/news/bad2.md:1:1: \(missingDate)",
        "build failed: 2 errors, 5 warnings (1 kind); public/ was not changed",
    ].joined(separator: "\n") + "\n")
}

@Test func checkWithErrorsStillReportsBrokenLinksAndClosesWithTheCounts() throws {
    let site = try noisySite("\n" + article("bad.md", "title: 坏\nslug: bad"))
    defer { site.remove() }
    let r = try run(["check", "-s", site.root.path])
    #expect(r.status == 1)
    #expect(r.err == [
        weightSummary,
        linkWarning,
        "content/news/bad.md:1:1: missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`\n1 | ---\n  | ^",
    ].joined(separator: "\n") + "\n")
    #expect(r.out == "check: 1 error, 6 warnings (2 kinds)\n")
    let quiet = try run(["check", "--strict", "-q", "-s", site.root.path])
    #expect(quiet.out == "check: 1 error, 6 warnings (2 kinds)\n")
    #expect(quiet.err == "content/news/bad.md:1:1: missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`\n1 | ---\n  | ^\n")
}
