import Testing
@testable import Markdown

@Test func chineseHeadingGetsItsTextAsID() {
    let rendered = renderMarkdown("## 工会改革创新\n\n正文")
    #expect(rendered.html == "<h2 id=\"工会改革创新\">工会改革创新</h2>\n<p>正文</p>\n")
    #expect(rendered.headings == [Heading(level: 2, text: "工会改革创新", id: "工会改革创新")])
}

@Test func headingKeepsItsInlineMarkup() {
    let rendered = renderMarkdown("# Hi *there* `code` [link](/x)")
    #expect(rendered.html == "<h1 id=\"hi-there-code-link\">Hi <em>there</em> <code>code</code> <a href=\"/x\">link</a></h1>\n")
    #expect(rendered.headings.first?.text == "Hi there code link")
}

@Test(arguments: [
    ("工会改革创新", "工会改革创新"),
    ("Hello, World!", "hello-world"),
    ("喜迎十九大：“改革創新無止境”", "喜迎十九大-改革創新無止境"),
    ("  2023年 工作 总结 ", "2023年-工作-总结"),
    ("snake_case -- and—dash", "snake-case-and-dash"),
    ("Über uns", "über-uns"),
    ("Cafe\u{301} ÉTÉ", "cafe\u{301}-été"),
    ("ＡＢＣ１２３ 第１章", "ａｂｃ１２３-第１章"),
    ("かな・カナー", "かな-カナー"),
    ("！？。", "section"),
    ("", "section"),
    ("🎉 庆祝 🎉", "庆祝"),
])
func headingSlugs(text: String, slug: String) {
    #expect(headingSlug(text) == slug)
}

@Test func duplicateHeadingsAreNumbered() {
    let rendered = renderMarkdown("# 总结\n## 总结\n### 总结\n## 总结-1\n## ！\n## ？")
    #expect(rendered.headings.map(\.id) == ["总结", "总结-1", "总结-2", "总结-1-1", "section", "section-1"])
    #expect(rendered.html.contains("<h3 id=\"总结-2\">总结</h3>"))
}

@Test func setextAndNestedHeadingsGetIDs() {
    let rendered = renderMarkdown("第一\n行\n===\n\n> ## 引用\n\n- ### 列表\n")
    #expect(rendered.headings == [
        Heading(level: 1, text: "第一行", id: "第一行"),
        Heading(level: 2, text: "引用", id: "引用"),
        Heading(level: 3, text: "列表", id: "列表"),
    ])
    #expect(rendered.html == """
        <h1 id="第一行">第一行</h1>
        <blockquote>
        <h2 id="引用">引用</h2>
        </blockquote>
        <ul>
        <li>
        <h3 id="列表">列表</h3>
        </li>
        </ul>

        """)
}

@Test func emptyHeadingGetsSectionID() {
    #expect(renderMarkdown("#\n").html == "<h1 id=\"section\"></h1>\n")
}

@Test func idsAreWrittenInSafeMode() {
    // libcmark writes custom nodes' texts verbatim whatever the options; the id must survive safe mode.
    #expect(renderMarkdown("## A").html == "<h2 id=\"a\">A</h2>\n")
}

@Test func rawHeadingHTMLDoesNotShiftIDs() {
    let source = "<h2>raw</h2>\n\n## 真的\n\n<h2 id=\"x\">又一个</h2>\n\n## 真的\n"
    let unsafe = renderMarkdown(source, options: MarkdownOptions(unsafe: true))
    #expect(unsafe.headings.map(\.id) == ["真的", "真的-1"])
    #expect(unsafe.html == """
        <h2>raw</h2>
        <h2 id="真的">真的</h2>
        <h2 id="x">又一个</h2>
        <h2 id="真的-1">真的</h2>

        """)
    #expect(renderMarkdown(source).headings.map(\.id) == ["真的", "真的-1"])
}

@Test func attributeEscaping() {
    #expect(escapeAttribute("a\"b<c>&'") == "a&quot;b&lt;c&gt;&amp;&#39;")
    #expect(escapeAttribute("工会") == "工会")
}

/// The punctuation `headingSlug` drops without looking up properties is what the property
/// lookup would drop too: neither a letter, a number nor a combining mark.
@Test func theChinesePunctuationShortcutAgreesWithTheProperties() {
    let shortcut: [UInt32] = [0xB7, 0x3001, 0x3002] + Array(0x3008...0x3011) + [0x3014, 0x3015, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
                                                                            0x2026, 0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F]
    for v in shortcut {
        let p = Unicode.Scalar(v)!.properties
        #expect(!p.isAlphabetic && p.numericType == nil && !p.isGraphemeExtend, "U+\(String(v, radix: 16))")
        #expect(headingSlug("工会\(Unicode.Scalar(v)!)改革") == "工会-改革")
    }
}

@Test func headingIDsAreNumberedByTheirBytes() {
    var ids = HeadingIDs()
    #expect(["劳模", "劳模", "劳模-1", "劳模"].map { ids.id(for: $0) } == ["劳模", "劳模-1", "劳模-1-1", "劳模-2"])
}

/// libcmark-gfm's alt text in a heading points into the heading's buffer: the replaced heading is
/// freed only after rendering (freeing it at once wrote heap garbage into `alt`).
@Test func anImageInAHeadingKeepsItsAltText() {
    #expect(renderMarkdown("## 第二节 ![图片说明](a.png)\n\nTitle ![c **d**](x)\n===\n").html
        == "<h2 id=\"第二节\">第二节 <img src=\"a.png\" alt=\"图片说明\" /></h2>\n<h1 id=\"title\">Title <img src=\"x\" alt=\"c d\" /></h1>\n")
    #expect(renderMarkdown("# a <b>x</b>", options: MarkdownOptions(unsafe: true)).html == "<h1 id=\"a-x\">a <b>x</b></h1>\n")
}
