import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Site
import TestSupport

@Test func gbkFileIsConvertedWithAWarningNamingIt() throws {
    let site = try TestSite("")
    defer { site.remove() }
    let text = "---\ntitle: 劳模风采\ndate: 2020-01-01\n---\n职工之家建设成效显著。\n"
    let gbk = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
    #expect(String(data: gbk, encoding: .utf8) == nil)
    let url = site.root.appendingPathComponent("content/news/gbk.md")
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try gbk.write(to: url)
    let report = try site.builder().build()
    #expect(report.warnings.map(\.summary).contains { $0.hasPrefix("content/news/gbk.md: warning: the file is in GBK/GB18030") })
    #expect(site.output("news/lao-mo-feng-cai/index.html")?.contains("职工之家建设成效显著。") == true)
}

@Test func bytesThatAreNeitherUTF8NorChineseAreAnErrorAtTheirPlace() throws {
    let site = try TestSite("")
    defer { site.remove() }
    var bytes = Array("---\ntitle: ok\ndate: 2020-01-01\n---\nab".utf8)
    bytes += [0xFF, 0x00, 0x01]
    let url = site.root.appendingPathComponent("content/news/bad.md")
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    let errors = site.build()
    #expect(errors.map(\.summary) == ["content/news/bad.md:5:3: the file is not valid UTF-8 (byte 0xFF here): save it as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)"])
}

@Test func utf16WithABOMIsConverted() throws {
    let site = try TestSite("")
    defer { site.remove() }
    let text = "---\ntitle: 通知\ndate: 2020-01-01\n---\n正文\n"
    let data = try #require(text.data(using: .utf16))   // Foundation writes a BOM
    let url = site.root.appendingPathComponent("content/news/u16.md")
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
    let report = try site.builder().build()
    #expect(report.warnings.contains { $0.message.hasPrefix("the file is UTF-16") })
    #expect(site.output("news/tong-zhi/index.html") != nil)
}

@Test func invisibleCharactersAreRemovedWithAWarningAndTheOutputStaysValid() throws {
    let site = try TestSite(article("x.md", "title: \"劳模\\u0000风采\\u200B\"\ndate: 2020-01-01", body: "正文\u{0001}含控制字符\u{200B}。"))
    defer { site.remove() }
    let report = try site.builder().build()
    #expect(report.warnings.map(\.summary) == [
        "content/news/x.md:5:3: warning: 2 invisible characters removed (the first, U+0001, here): they come from pasting and break pages and feeds",
        "content/news/x.md:2:8: warning: invisible characters removed from `title`: they break pages and feeds",
    ])
    let page = try #require(site.output("news/lao-mo-feng-cai/index.html"))
    #expect(page.contains("<p>正文含控制字符。</p>"))
    #expect(!page.unicodeScalars.contains { $0.value < 0x09 || $0.value == 0x200B })
    #expect(XMLParser(data: Data(try #require(site.output("feed.xml")).utf8)).parse())
}

@Test func aSymbolicLinkOutOfTheSiteIsRefused() throws {
    let site = try TestSite(article("a.md", "title: 好\ndate: 2020-01-01"))
    defer { site.remove() }
    try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/news/passwd.md").path,
                                               withDestinationPath: "/etc/passwd")
    let errors = site.build()
    #expect(errors.map(\.summary) == ["content/news/passwd.md: symbolic link points outside the site (/etc/passwd): copy the file into content/ instead"])
    #expect(site.output("index.html") == nil)
}
