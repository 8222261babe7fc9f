import Foundation
import Testing
@testable import Site
import TestSupport

/// The unknown-key warnings of a build, as summaries.
private func unknownKeyWarnings(_ site: TestSite) throws -> [String] {
    try site.builder().build().warnings.filter { $0.message.hasPrefix("unknown key") }.map(\.summary)
}

@Test func extraKeysSilenceUnknownKeyWarningsInArticlesPagesAndHonorees() throws {
    let files = honorTemplates + "\n" + [
        article("a.md", "title: 甲\ndate: 2020-01-01\nweight: 3\nbanner: top.jpg\n心情: 好"),
        "-- content/pages/about.md --\n---\ntitle: 关于\nWeight: 1\n---\n简介。\n",
        honoree("wang.md", "name: 王大明\nbanner: x.jpg\nhonors:\n  - title: 劳模\n    level: 市\n    weight: 2"),
    ].joined(separator: "\n")
    let loud = try TestSite(files)
    defer { loud.remove() }
    let loudWarnings = try unknownKeyWarnings(loud)
    #expect(loudWarnings == [
        "content/honorees/wang.md:3:1: warning: unknown key `banner` (templates get it as `params.banner`)",
        "content/honorees/wang.md:7:5: warning: unknown key `weight` in `honors` (it is ignored)",
        "content/news/a.md:4:1: warning: unknown key `weight` (templates get it as `params.weight`)",
        "content/news/a.md:5:1: warning: unknown key `banner` (templates get it as `params.banner`)",
        "content/news/a.md:6:1: warning: unknown key `心情` (templates get it as `params.心情`)",
        "content/pages/about.md:3:1: warning: unknown key `Weight` (templates get it as `params.Weight`)",
    ])
    // Matched without regard to case, as keys are; keys inside a list of honors are not the theme's.
    let quiet = try TestSite(files + "\n-- site.yml --\ntitle: 工会\nextra_keys: [weight, Banner]\n")
    defer { quiet.remove() }
    let quietWarnings = try unknownKeyWarnings(quiet)
    #expect(quietWarnings == [
        "content/honorees/wang.md:7:5: warning: unknown key `weight` in `honors` (it is ignored)",
        "content/news/a.md:6:1: warning: unknown key `心情` (templates get it as `params.心情`)",
    ])
    #expect(try quiet.builder().build().warnings.allSatisfy { !$0.message.contains("extra_keys") })
}

@Test func extraKeysSilenceTheWarningAfterAnInPlaceRebuildToo() throws {
    let site = try TestSite("-- site.yml --\nextra_keys:\n  - weight\n" + article("a.md", "title: 甲\ndate: 2020-01-01\nweight: 3")
                            + "\n" + article("b.md", "title: 乙\ndate: 2020-01-02"))
    defer { site.remove() }
    let incremental = IncrementalBuild(builder: site.builder())
    #expect(try incremental.rebuild().warnings == [])
    try site.write(article("b.md", "title: 乙\ndate: 2020-01-02\nweight: 4\nmood: 好", body: "新的正文。"))
    let report = try incremental.rebuild(changed: ["content/news/b.md"])
    #expect(report.warnings.map(\.summary) == ["content/news/b.md:5:1: warning: unknown key `mood` (templates get it as `params.mood`)"])
}

@Test func extraKeysMustBeAList() throws {
    let site = try TestSite("-- site.yml --\nextra_keys:\n  weight: 1\n" + articles(1))
    defer { site.remove() }
    #expect(site.build().map(\.summary) == ["site.yml:2:3: `extra_keys` must be a list, found a map: expected `extra_keys: [a, b]`"])
}
