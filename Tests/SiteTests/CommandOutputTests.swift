import Foundation
import Testing
@testable import Site
import TestSupport

// What `unionsite build` and `check` print, through the functions they print with: warnings'
// summaries and errors on stderr in `lines`' order, then the last line. (Through the executable
// these ran child processes beside the Serve tests, whose servers then did not start in time.)

/// Five articles sharing an unknown key, one with a broken link.
private func noisySite(_ extra: String = "") throws -> TestSite {
    try TestSite((1...5).map { n in
        article("a\(n).md", "title: 第\(n)篇\ndate: 2020-01-0\(n)\nslug: a\(n)\nweight: \(n)", body: n == 2 ? "[旧](/news/old/)" : "正文。")
    }.joined(separator: "\n") + extra)
}

private let weightSummary = "warning: unknown key `weight` in 5 files, e.g. content/news/a1.md:5:1, content/news/a2.md:5:1, content/news/a3.md:5:1 (--verbose lists every one)"
private let linkWarning = "content/news/a2.md:7:1: warning: link to `/news/old/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)\n7 | [旧](/news/old/)\n  | ^"
private let missingDate = "missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`, or a file name that starts with it, e.g. `2023-09-01-标题.md`\n1 | ---\n  | ^"

@Test func buildShowsOneSummaryPerKindAndClosesWithTheCounts() throws {
    let site = try noisySite()
    defer { site.remove() }
    let built = try site.builder().build()
    let report = DiagnosticReport(built.warnings)
    #expect(report.lines() == [weightSummary, linkWarning])
    #expect(report.builtLine(pages: built.pages, seconds: 0.5, output: "/site/public")
            == "built 8 pages in 0.50 s: 0 errors, 6 warnings (2 kinds) → /site/public")
    #expect(report.lines(verbose: true) == built.warnings.map(\.description))
    #expect(report.lines(verbose: true).count == 6)
    #expect(report.lines(quiet: true) == [])
    #expect(DiagnosticReport([]).builtLine(pages: 1_234, seconds: 12, output: "public") == "built 1,234 pages in 12.00 s: 0 errors, 0 warnings → public")
}

@Test func aFailedBuildShowsTheWarningsSummaryThenEveryErrorThenTheCounts() throws {
    let site = try noisySite("\n" + article("bad1.md", "title: 坏\nslug: bad1") + "\n" + article("bad2.md", "title: 坏\nslug: bad2"))
    defer { site.remove() }
    let failure = try #require(Result { () throws(BuildFailure) in try site.builder().build() }.failureValue)
    let report = DiagnosticReport(failure.diagnostics)
    // A failed build stops before its links are checked: the warnings are those of loading.
    #expect(report.lines() + [report.failedLine(output: "public")] == [
        weightSummary,
        "content/news/bad1.md:1:1: \(missingDate)",
        "content/news/bad2.md:1:1: \(missingDate)",
        "build failed: 2 errors, 5 warnings (1 kind); public/ was not changed",
    ])
    #expect(report.lines(quiet: true) == ["content/news/bad1.md:1:1: \(missingDate)", "content/news/bad2.md:1:1: \(missingDate)"])
    #expect(!site.exists("public"))
}

@Test func checkWithErrorsStillReportsBrokenLinksAndClosesWithTheCounts() throws {
    let site = try noisySite("\n" + article("bad.md", "title: 坏\nslug: bad"))
    defer { site.remove() }
    let report = DiagnosticReport(site.builder().check())
    #expect(report.lines() + [report.checkLine] == [
        weightSummary,
        linkWarning,
        "content/news/bad.md:1:1: \(missingDate)",
        "check: 1 error, 6 warnings (2 kinds)",
    ])
}

private extension Result {
    var failureValue: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
