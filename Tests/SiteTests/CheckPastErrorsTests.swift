import Foundation
import Testing
@testable import Site
import TestSupport

@Test func checkRunsEveryCheckWhenSomeFilesHaveErrors() throws {
    let site = try TestSite(honorTemplates + "\n" + [
        article("a.md", "title: 甲\ndate: 2020-01-01\nslug: a", body: "[乙](/news/b/) [旧](/columns/old/) [关于](/about/)\n\n![缺](gone.png)"),
        article("b.md", "title: 乙\ndate: 2020-01-02\nslug: b"),
        // Fails to load: no date. Its page would be under news/; what it uses and names counts.
        article("broken.md", "title: 丙\nslug: c", body: "李小红讲话。![图](only-broken.gif)"),
        honoree("li.md", "name: 李小红\nhonors:\n  - title: 劳模\n    level: 市"),
        honoree("zhao.md", "name: 赵四\nhonors:\n  - title: 劳模\n    level: 市"),
        "-- content/news/only-broken.gif --\nx",
        "-- content/news/stray.gif --\ny",
    ].joined(separator: "\n"))
    defer { site.remove() }
    let summaries = site.builder().check().map(\.summary)
    #expect(summaries == [
        "content/news/broken.md:1:1: missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`, or a file name that starts with it, e.g. `2023-09-01-标题.md`",
        "content/news/a.md:6:15: warning: link to `/columns/old/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)",
        "content/news/a.md:6:34: warning: link to `/about/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)",
        "content/news/a.md:8:1: warning: image to `gone.png` points inside the site at nothing: put the file under content/ (it is copied to the same path) or fix the path",
        "content/honorees/zhao.md: warning: no article mentions 赵四: check the name is written as in the articles, or add the spellings they use under `aka:`",
        "content/news/stray.gif: warning: no page uses this file: link it from an article, or remove it",
    ])
    #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("public").path))
}

@Test func linksToWhereAFailedFileWouldBeAreNotReportedAsBroken() throws {
    // 丙 → bing (its title), c (its slug), 2023-05-01-ding.md → ding (its file name), 张三 →
    // zhang-san (an honoree's name), /about/ (a page whose front matter gives no title: every
    // one-segment address). Deeper addresses, other sections and other names are still checked.
    let body = "[标题](/news/bing/) [别名](/news/c/) [文件](/news/ding/) [撞名](/news/bing-2/) [荣誉](/honorees/zhang-san/) [关于](/about/)"
        + " [旧文](/news/old/) [栏目](/columns/nope/) [旧人](/honorees/li/) [深处](/news/bing/x/)"
    let site = try TestSite(honorTemplates + "\n" + [
        article("a.md", "title: 甲\ndate: 2020-01-01", body: body),
        article("bad.md", "title: 丙\ndate: 2020-13-01"),
        article("bad2.md", "title: 丁\nslug: c"),
        article("2023-05-01-ding.md", "title: 戊\ndate: 2023-02-30"),
        honoree("zhang.md", "name: 张三\nhonors:\n  - title: 劳模\n    level: 乡"),
        "-- content/pages/about.md --\n---\ntitle 关于\n---\n简介。\n",
    ].joined(separator: "\n"))
    defer { site.remove() }
    let report = DiagnosticReport(site.builder().check())
    #expect(Set(report.errors.map(\.file)) == ["content/honorees/zhang.md", "content/news/bad.md", "content/news/bad2.md",
                                               "content/news/2023-05-01-ding.md", "content/pages/about.md"])
    #expect(report.warnings.map(\.summary) == [
        "content/news/a.md:5:113: warning: link to `/news/old/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)",
        "content/news/a.md:5:130: warning: link to `/columns/nope/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)",
        "content/news/a.md:5:151: warning: link to `/honorees/li/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)",
        "content/news/a.md:5:171: warning: link to `/news/bing/x/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)",
    ])
}

@Test func checkPastATemplateErrorStillChecksLinksAgainstEveryPage() throws {
    // Every article page fails to render; the links to them are still good links.
    let site = try TestSite(articles(2) + "\n" + article("c.md", "title: 丙\ndate: 2020-02-01\nslug: c", body: "[一](/news/di-0-pian/) [无](/news/none/)")
                            + "\n-- templates/article.html --\n{{ page.title | upcas }}\n")
    defer { site.remove() }
    let report = DiagnosticReport(site.builder().check())
    #expect(report.lines() == [
        "content/news/c.md:6:23: warning: link to `/news/none/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)\n6 | [一](/news/di-0-pian/) [无](/news/none/)\n  |                        ^",
        "templates/article.html:1:17: unknown filter 'upcas': did you mean 'upcase'?\n1 | {{ page.title | upcas }}\n  |                 ^",
    ])
}
