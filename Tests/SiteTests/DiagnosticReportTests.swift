import Foundation
import Testing
@testable import Site
import TestSupport

/// A warning of the unknown-key kind at line 4 of `file`.
private func unknownWeight(_ file: String, line: Int = 4) -> Diagnostic {
    Diagnostic(.warning, file: file, line: line, column: 1, message: "unknown key `weight` (it is ignored)",
               sourceLine: "weight: 3", kind: .unknownKey("weight", suggestion: nil))
}

@Test func warningsOfOneKindAreSummarisedWithTheirCountAndFirstThreePlaces() {
    let report = DiagnosticReport((1...5).map { unknownWeight("content/news/a\($0).md", line: $0 == 3 ? 5 : 4) })
    #expect(report.lines() == [
        "warning: unknown key `weight` in 5 files, e.g. content/news/a1.md:4:1, content/news/a2.md:4:1, content/news/a3.md:5:1 (--verbose lists every one)",
    ])
    #expect(report.counts == "0 errors, 5 warnings (1 kind)")
}

@Test func aKindSeenOnceIsShownInFullWithItsCaret() {
    let report = DiagnosticReport([unknownWeight("content/news/a.md")])
    #expect(report.lines() == ["content/news/a.md:4:1: warning: unknown key `weight` (it is ignored)\n4 | weight: 3\n  | ^"])
}

@Test func twoOrThreeOfAKindAreAllNamedAndRepeatsInOneFileAreCounted() {
    let links = [(3, 1), (7, 5), (2, 9)].map { file, line in
        Diagnostic(.warning, file: "content/news/\(file).md", line: line, column: 2,
                   message: "link to `/x\(line)/` points inside the site at nothing: …", kind: .brokenLink)
    } + [Diagnostic(.warning, file: "content/news/3.md", line: 8, column: 2, message: "link to `/y/` points inside the site at nothing: …", kind: .brokenLink)]
    #expect(DiagnosticReport(Array(links.prefix(2))).lines() == [
        "warning: link that points inside the site at nothing in 2 files: content/news/3.md:1:2, content/news/7.md:5:2 (--verbose lists every one)",
    ])
    #expect(DiagnosticReport(links).lines() == [
        "warning: link that points inside the site at nothing 4 times in 3 files, e.g. content/news/3.md:1:2, content/news/7.md:5:2, content/news/2.md:9:2 (--verbose lists every one)",
    ])
}

@Test func summariesComeInTheOrderTheirKindsWereFirstMetAndErrorsComeLastInFull() {
    let error = Diagnostic(file: "content/news/bad.md", line: 2, column: 7, message: "missing `title` (标题): every article needs one, e.g. `title: 劳模风采`",
                           sourceLine: "title:")
    let unused = (1...2).map { Diagnostic(.warning, file: "content/news/f\($0).txt", message: "no page uses this file: link it from an article, or remove it", kind: .unusedFile) }
    // Made without a kind: the message is its own kind, and a comma parts it from the count.
    let plain = (1...4).map { Diagnostic(.warning, file: "content/x\($0).md", message: "Markdown outside news/, pages/ and honorees/ is not built: move it into one of them") }
    let report = DiagnosticReport([unused[0], unknownWeight("content/news/a.md"), error, plain[0], plain[1], unknownWeight("content/news/b.md"),
                                   unused[1], plain[2], plain[3]])
    #expect(report.lines() == [
        "warning: file no page uses in 2 files: content/news/f1.txt, content/news/f2.txt (--verbose lists every one)",
        "warning: unknown key `weight` in 2 files: content/news/a.md:4:1, content/news/b.md:4:1 (--verbose lists every one)",
        "warning: Markdown outside news/, pages/ and honorees/ is not built: move it into one of them, in 4 files, e.g. content/x1.md, content/x2.md, content/x3.md (--verbose lists every one)",
        "content/news/bad.md:2:7: missing `title` (标题): every article needs one, e.g. `title: 劳模风采`\n2 | title:\n  |       ^",
    ])
    #expect(report.counts == "1 error, 8 warnings (3 kinds)")
    #expect(report.lines(quiet: true) == [error.description])
}

@Test func verboseShowsEveryWarningInFullInTheOrderFoundThenTheErrors() {
    let error = Diagnostic(file: "site.yml", line: 1, column: 1, message: "bad")
    let warnings = (1...4).map { unknownWeight("content/news/a\($0).md") }
    let report = DiagnosticReport([warnings[0], error] + warnings.dropFirst())
    #expect(report.lines(verbose: true) == warnings.map(\.description) + [error.description])
    #expect(report.lines(verbose: true, quiet: true) == [error.description])
}

@Test func countsAreWrittenWithThousandsSeparatorsAndNoKindsWithoutWarnings() {
    let many = (1...1_234).map { unknownWeight("content/news/a\($0).md") }
    #expect(DiagnosticReport(many).counts == "0 errors, 1,234 warnings (1 kind)")
    #expect(DiagnosticReport(many).lines().first?.hasPrefix("warning: unknown key `weight` in 1,234 files, e.g. ") == true)
    #expect(DiagnosticReport([]).counts == "0 errors, 0 warnings")
    #expect(DiagnosticReport([Diagnostic(file: "a", message: "x"), Diagnostic(file: "b", message: "y")]).counts == "2 errors, 0 warnings")
}

@Test func aWholeSiteSummarisesTheUnknownKeyItsArticlesShare() throws {
    let site = try TestSite((1...4).map { article("a\($0).md", "title: 第\($0)篇\ndate: 2020-01-0\($0)\nweight: \($0)") }.joined(separator: "\n")
                            + "\n" + article("b.md", "title: 乙\ndate: 2020-02-01\n作者s: 张三"))
    defer { site.remove() }
    let report = DiagnosticReport(try site.builder().build().warnings)
    #expect(report.lines() == [
        "warning: unknown key `weight` in 4 files, e.g. content/news/a1.md:4:1, content/news/a2.md:4:1, content/news/a3.md:4:1 (--verbose lists every one)",
        "content/news/b.md:4:1: warning: unknown key `作者s`: did you mean `作者`?\n4 | 作者s: 张三\n  | ^",
    ])
    #expect(report.counts == "0 errors, 5 warnings (2 kinds)")
}
