import Testing
@testable import Markdown

@Test func linksLibcmark() { #expect(cmarkVersion.hasPrefix("0.")) }

@Test func rendersCommonMark() {
    let html = renderMarkdown("段落*强调*与**加粗**\n\n- 一\n- 二\n").html
    #expect(html == "<p>段落<em>强调</em>与<strong>加粗</strong></p>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n")
}

@Test func emptyDocumentRendersNothing() {
    let rendered = renderMarkdown("")
    #expect(rendered == RenderedMarkdown())
    #expect(rendered.firstImage == nil)
    #expect(rendered.characterCount == 0)
}

@Test func chineseQuotesStayAsWritten() {
    // CMARK_OPT_SMART would turn both quotes of “引号” into right quotes; it is never set.
    #expect(renderMarkdown("他说\"改革\"和“引号”--好").html == "<p>他说&quot;改革&quot;和“引号”--好</p>\n")
}

@Test func rawHTMLIsSanitizedInSafeMode() {
    let source = "<div class=\"x\" style=\"color:red\">块</div>\n\n文字<span>内联</span><font>字</font>\n"
    #expect(renderMarkdown(source).html == "<div class=\"x\">块</div>\n<p>文字<span>内联</span>字</p>\n")
}

@Test func rawHTMLIsKeptInUnsafeMode() {
    let source = "<div class=\"x\">块</div>\n\n文字<span>内联</span>\n"
    let html = renderMarkdown(source, options: MarkdownOptions(unsafe: true)).html
    #expect(html == "<div class=\"x\">块</div>\n<p>文字<span>内联</span></p>\n")
}

@Test func scriptLinksAreEmptiedInSafeMode() {
    let source = "[a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x) ![d](data:image/png;base64,AA)"
    let html = renderMarkdown(source).html
    #expect(html == "<p><a href=\"\">a</a> <a href=\"\">b</a> <a href=\"\">c</a> <img src=\"data:image/png;base64,AA\" alt=\"d\" /></p>\n")
    let unsafe = renderMarkdown(source, options: MarkdownOptions(unsafe: true)).html
    #expect(unsafe.contains("href=\"javascript:alert(1)\""))
}

@Test func hardBreaksOption() {
    #expect(renderMarkdown("一\n二").html == "<p>一二</p>\n")
    #expect(renderMarkdown("one\ntwo").html == "<p>one\ntwo</p>\n")
    #expect(renderMarkdown("一\n二", options: MarkdownOptions(hardBreaks: true)).html == "<p>一<br />\n二</p>\n")
}

@Test func eastAsianSoftBreaksAreDroppedFromHTML() {
    let source = "工会改革\n创新，\n“引号”\nEnglish\n中文\n![图](a.png)\n字"
    #expect(renderMarkdown(source).html
        == "<p>工会改革创新，“引号”\nEnglish\n中文\n<img src=\"a.png\" alt=\"图\" />\n字</p>\n")
    let kept = renderMarkdown(source, options: MarkdownOptions(eastAsianLineBreaks: false)).html
    #expect(kept == "<p>工会改革\n创新，\n“引号”\nEnglish\n中文\n<img src=\"a.png\" alt=\"图\" />\n字</p>\n")
}

@Test func softBreakBeforeEmphasisIsJoinedToo() {
    #expect(renderMarkdown("工会\n**改革**\n创新").html == "<p>工会<strong>改革</strong>创新</p>\n")
}
