import Testing
@testable import Markdown

@Test func linksAndImagesAreReportedWithLineAndColumn() {
    let source = """
        第一段[链接](/news/a/)和![图](/img/b.png)
        续行 <https://example.com>

        > 引用里的[链接](/q/)

        - 列表 [项](/item/ "标题")

        [引用式][r]

        [r]: /ref/
        """
    let rendered = renderMarkdown(source)
    #expect(rendered.links == [
        LinkReference(destination: "/news/a/", line: 1, column: 4),
        LinkReference(destination: "https://example.com", line: 2, column: 4),
        LinkReference(destination: "/q/", line: 4, column: 7),
        LinkReference(destination: "/item/", line: 6, column: 6),
        LinkReference(destination: "/ref/", line: 8, column: 1),
    ])
    #expect(rendered.images == [LinkReference(destination: "/img/b.png", line: 1, column: 19)])
    #expect(rendered.firstImage == "/img/b.png")
}

@Test func continuationLineColumnsAreCorrected() {
    // libcmark 0.30 reports these as if the leading blanks were not there.
    let source = "甲\n   [a](/a) [b](/b)\n\t![c](/c)\n\n> 乙\n>    [d](/d)\n\n- 丙\n     [e](/e)\n"
    let rendered = renderMarkdown(source)
    #expect(rendered.links.map { "\($0.line):\($0.column)" } == ["2:4", "2:12", "6:6", "9:6"])
    #expect(rendered.images.map { "\($0.line):\($0.column)" } == ["3:2"])
}

@Test func autolinkColumnsOnLaterLinesAreCorrected() {
    // libcmark 0.30 counts an autolink's column from the paragraph's start on its later lines.
    let source = "一\n续行 <https://e.com> [x](y) <a@b.cn>\n  再 <http://z.com>\n\n> a\n> b <http://q.com>\n"
    #expect(renderMarkdown(source).links.map { "\($0.line):\($0.column)" } == ["2:4", "2:20", "2:27", "3:5", "6:5"])
}

@Test func locationsHonourFirstLineBOMAndCRLF() {
    let source = "\u{FEFF}前言\r\n[链接](/a)\r一[b](/b)"
    let rendered = renderMarkdown(source, options: MarkdownOptions(firstLine: 5))
    #expect(rendered.links.map { "\($0.line):\($0.column)" } == ["6:1", "7:2"])
}

@Test func unsafeDestinationsAreStillReported() {
    #expect(renderMarkdown("[x](javascript:alert(1))").links.map(\.destination) == ["javascript:alert(1)"])
}

@Test func firstImageSkipsEmptySources() {
    #expect(renderMarkdown("![a]() ![b](/b.png)").firstImage == "/b.png")
}
