import Foundation
@testable import Markdown
import Testing

private func notices(_ source: String, embeds: [String] = []) -> [String] {
    renderMarkdown(source, options: MarkdownOptions(firstLine: 3, embeds: embeds)).notices.map { "\($0.line):\($0.column): \($0.message)" }
}

@Test func tablesRenderAndTheirCellsAreVisibleText() {
    let rendered = renderMarkdown("| 单位 | 人数 |\n|---|:-:|\n| 机关 | ~~12~~ 13 |\n")
    #expect(rendered.html == "<div class=\"table-scroll\" tabindex=\"0\">\n<table>\n<thead>\n<tr>\n<th>单位</th>\n<th style=\"text-align: center\">人数</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>机关</td>\n<td style=\"text-align: center\"><del>12</del> 13</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
    #expect(rendered.plainText == "单位 人数\n机关 12 13")
}

@Test func strikethroughAndTaskLists() {
    #expect(renderMarkdown("~~旧章程~~新章程").html == "<p><del>旧章程</del>新章程</p>\n")
    // One tilde is a range in Chinese text, not strikethrough.
    #expect(renderMarkdown("4月~5月，送去500元~1000元").html == "<p>4月~5月，送去500元~1000元</p>\n")
    #expect(renderMarkdown("- [x] 完成\n- [ ] 待办\n").html
        == "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> 完成</li>\n<li><input type=\"checkbox\" disabled=\"\" /> 待办</li>\n</ul>\n")
}

@Test func footnotesGetBackLinksAndTheirTextIsPlainText() {
    let rendered = renderMarkdown("会议决定[^n]。\n\n[^n]: 经职代会 ~~通过~~ 表决\n")
    #expect(rendered.html == """
        <p>会议决定<sup class="footnote-ref"><a href="#fn-n" id="fnref-n" data-footnote-ref>1</a></sup>。</p>
        <section class="footnotes" data-footnotes>
        <ol>
        <li id="fn-n">
        <p>经职代会 <del>通过</del> 表决 <a href="#fnref-n" class="footnote-backref" data-footnote-backref aria-label="返回正文">↩</a></p>
        </li>
        </ol>
        </section>

        """)
    #expect(rendered.plainText == "会议决定。\n经职代会 通过 表决")
    #expect(rendered.links == [])
}

@Test func bareURLsAreLinkedEndingBeforeChineseText() {
    let rendered = renderMarkdown("一\n见 https://example.cn/a。下文 和 ok@x.cn 及 www.x.cn，完\n", options: MarkdownOptions(firstLine: 3))
    #expect(rendered.html == "<p>一见 <a href=\"https://example.cn/a\">https://example.cn/a</a>。下文 和 <a href=\"mailto:ok@x.cn\">ok@x.cn</a> 及 <a href=\"http://www.x.cn\">www.x.cn</a>，完</p>\n")
    #expect(rendered.links.map { "\($0.destination) \($0.line):\($0.column)" }
        == ["https://example.cn/a 4:3", "mailto:ok@x.cn 4:29", "http://www.x.cn 4:39"])
    #expect(rendered.plainText == "一见 https://example.cn/a。下文 和 ok@x.cn 及 www.x.cn，完")
}

@Test func writtenAutolinksKeepTheirAddress() {
    #expect(renderMarkdown("<https://a.cn/中>").html == "<p><a href=\"https://a.cn/%E4%B8%AD\">https://a.cn/中</a></p>\n")
}

@Test func htmlAcrossBlocksKeepsItsStructure() {
    let source = "<details>\n<summary>总结</summary>\n\n**要点**\n\n</details>\n\n<div class=\"note\">\n\n段落\n\n</div>\n"
    #expect(renderMarkdown(source).html
        == "<details>\n<summary>总结</summary>\n<p><strong>要点</strong></p>\n</details>\n<div class=\"note\">\n<p>段落</p>\n</div>\n")
    #expect(notices(source) == [])
}

@Test func rawHTMLRemovalsAreLocated() {
    let source = "标题下\n\n段落 <img src=x onerror=alert(1)> 后 <script>alert(1)</script> 尾\n\n<p onclick=\"x()\">点</p>\n"
    let rendered = renderMarkdown(source, options: MarkdownOptions(firstLine: 3))
    #expect(rendered.html == "<p>标题下</p>\n<p>段落 <img src=\"x\" /> 后  尾</p>\n<p>点</p>\n")
    #expect(rendered.plainText == "标题下\n段落  后  尾\n点")
    #expect(notices(source) == [
        "5:15: removed the `onerror` attribute of `<img>`: event handlers (`on…`) are not allowed in Markdown",
        "5:35: removed `<script>` and its content: it is not allowed in Markdown",
        "7:4: removed the `onclick` attribute of `<p>`: event handlers (`on…`) are not allowed in Markdown",
    ])
}

@Test func anUnclosedInlineScriptDoesNotSwallowThePage() {
    #expect(renderMarkdown("前 <script> 后\n\n下一段\n").html == "<p>前  后</p>\n<p>下一段</p>\n")
}

@Test func iframesFromListedHostsOnly() {
    let source = "<iframe src=\"https://v.example.cn/e/1\"></iframe>\n\n<iframe src=\"https://evil.example.com/x\"></iframe>\n"
    #expect(renderMarkdown(source, options: MarkdownOptions(embeds: ["v.example.cn"])).html
        == "<iframe src=\"https://v.example.cn/e/1\"></iframe>\n\n")
    #expect(notices(source, embeds: ["v.example.cn"]) == [
        "5:1: removed `<iframe>` from evil.example.com: that host is not in `embeds:` in site.yml; add it (`embeds: [evil.example.com]`) to allow it",
    ])
}

@Test func commentsGoQuietlyAndMoreCutsTheSummary() {
    let rendered = renderMarkdown("导语一。\n\n导语二。\n\n<!--more-->\n\n正文<!-- 备注 -->。\n")
    #expect(rendered.html == "<p>导语一。</p>\n<p>导语二。</p>\n<p>正文。</p>\n")
    #expect(rendered.notices == [])
    #expect(rendered.summaryCut.map { String(decoding: rendered.plainTextUTF8.prefix($0), as: UTF8.self) } == "导语一。\n导语二。")
    #expect(renderMarkdown("无分隔").summaryCut == nil)
}

@Test func unsafeModeKeepsEverything() {
    let rendered = renderMarkdown("<script>x()</script>\n\n{{< y >}}\n", options: MarkdownOptions(unsafe: true))
    #expect(rendered.html == "<script>x()</script>\n")
    #expect(rendered.notices.count == 1)
}

@Test func shortcodesAreLeftOutWithANotice() {
    let source = "正文 {{< youtube abc >}} 和 {{<figure src=\"a.jpg\">}} 完\n\n{{% notice %}}\n\n提示\n\n{{% /notice %}}\n\n`{{< code >}}`\n\n    {{< block >}}\n"
    let rendered = renderMarkdown(source, options: MarkdownOptions(firstLine: 3))
    #expect(rendered.html == "<p>正文  和  完</p>\n<p>提示</p>\n<p><code>{{&lt; code &gt;}}</code></p>\n<pre><code>{{&lt; block &gt;}}\n</code></pre>\n")
    #expect(notices(source) == [
        "3:4: left out the Hugo shortcode `{{< youtube >}}`: shortcodes are not supported, write its content in Markdown or HTML",
        "3:26: left out the Hugo shortcode `{{< figure >}}`: shortcodes are not supported, write its content in Markdown or HTML",
        "5:1: left out the Hugo shortcode `{{% notice %}}`: shortcodes are not supported, write its content in Markdown or HTML",
        "9:1: left out the Hugo shortcode `{{% /notice %}}`: shortcodes are not supported, write its content in Markdown or HTML",
    ])
}

@Test func aShortcodeHoldingAURLOrSplitByInlineHTMLGoesWhole() {
    // libcmark-gfm links the bare URL, so the shortcode runs over a text, a link and a text.
    let source = "{{< video src=\"https://v.example.cn/1.mp4\" >}}\n\n看 {{< video src=\"https://v.example.cn/2.mp4\" title=\"工会\" >}} 后 {{<figure src=\"a.jpg\" >}}尾\n\n{{< link https://a.example.cn 没有结束\n"
    let rendered = renderMarkdown(source)
    #expect(rendered.html == "<p>看  后 尾</p>\n<p>{{&lt; link <a href=\"https://a.example.cn\">https://a.example.cn</a> 没有结束</p>\n")
    #expect(notices(source) == [
        "3:1: left out the Hugo shortcode `{{< video >}}`: shortcodes are not supported, write its content in Markdown or HTML",
        "5:3: left out the Hugo shortcode `{{< video >}}`: shortcodes are not supported, write its content in Markdown or HTML",
        "5:63: left out the Hugo shortcode `{{< figure >}}`: shortcodes are not supported, write its content in Markdown or HTML",
    ])
    #expect(rendered.plainText == "看  后 尾\n{{< link https://a.example.cn 没有结束")
}

@Test func documentsWithoutRawHTMLAreNotSanitized() {
    // A `javascript:` link is emptied by libcmark-gfm's safe mode, not by the sanitizer, which would drop the attribute.
    #expect(renderMarkdown("[x](javascript:alert(1))").html == "<p><a href=\"\">x</a></p>\n")
}

@Test func anUnclosedScriptStyleOrCommentInAnHTMLBlockDoesNotSwallowThePage() {
    #expect(renderMarkdown("<div class=\"a\">\n<script>alert(1)\n\n下一段\n").html == "<div class=\"a\">\n</div>\n<p>下一段</p>\n")
    #expect(renderMarkdown("<div><!-- 未闭合\n\n下一段\n").html == "<div></div>\n<p>下一段</p>\n")
    #expect(renderMarkdown("<p><textarea>\n\n下一段\n").html == "<p></p>\n<p>下一段</p>\n")
    #expect(renderMarkdown("<div><plaintext>\n\n下一段\n").html == "<div></div>\n<p>下一段</p>\n")
    #expect(renderMarkdown("前<plaintext>后\n\n下一段\n").html == "<p>前后</p>\n<p>下一段</p>\n")
}

@Test func aParagraphOfShortcodesOnSeveralLinesGoesOnce() {
    #expect(renderMarkdown("{{% a %}}\n{{% b %}}\n\n正文\n").html == "<p>正文</p>\n")
}

@Test func textInRawHTMLBlocksIsPlainTextButScriptsAreNot() {
    let source = "前言\n\n<figure><img src=\"a.jpg\"><figcaption>会场&amp;一角</figcaption></figure>\n\n<table><tr><td>甲</td><td>乙</td></tr></table>\n\n<div><script>var x</script><style>p{}</style>文字</div>\n"
    #expect(renderMarkdown(source).plainText == "前言\n会场&一角\n甲 乙\n文字")
}

@Test func sanitizingADocumentLeavesMarkdownsOwnHTMLAsItWas() {
    let markdown = "# 标题 \"引号\" & 'x'\n\n段落*强调*和`代码 <b>`、[链接](/a \"题\")。\n\n```swift\nlet a = \"<p>\" && b\n```\n\n> 引用\n\n1. 一\n2. 二\n\n- [ ] 待办\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n![图](p.jpg \"说明\")\n\n---\n"
    let plain = renderMarkdown(markdown).html
    let withHTML = renderMarkdown(markdown + "\n<br>\n").html
    #expect(withHTML == plain + "<br />\n")
}

@Test func markdownScriptLinksInADocumentWithRawHTMLLoseTheirAddress() {
    let html = renderMarkdown("[点](javascript:alert(1)) ![图](javascript:alert(2)) <javascript:alert(3)> <b>粗</b>").html
    #expect(html == "<p><a>点</a>  <a>javascript:alert(3)</a> <b>粗</b></p>\n")
}

@Test func footnoteBackLinksSayTheirLabelInTheSitesLanguage() {
    let source = "正文[^1]。\n\n[^1]: 注释。\n"
    #expect(renderMarkdown(source).html.contains(#"aria-label="返回正文">↩</a>"#))
    #expect(renderMarkdown(source, options: MarkdownOptions(footnoteBackLabel: "回到\"正文\"")).html.contains(#"aria-label="回到&quot;正文&quot;">↩</a>"#))
    // With raw HTML the sanitizer writes the HTML again; the label is put in after it.
    #expect(renderMarkdown(source + "\n<sub>1</sub>\n").html.contains(#"data-footnote-backref="" aria-label="返回正文">↩</a>"#))
    #expect(!renderMarkdown(source).html.contains("Back to content"))
}

@Test func aTableGFMDoesNotReadIsNoted() {
    // The header has four cells and the delimiter row two; a header cell runs over two lines.
    let source = "年份 | 2019 | 2020 | 2021\n--- | ---\n工会 | 1 | 2 | 3\n\n| 项目 | 说明\n继续 |\n| --- | --- |\n| 甲 | 乙 |\n\n| 好 | 表 |\n|:--|--:|\n| 1 | 2 |\n\n标题\n---\n\n- | 不是表\n"
    let rendered = renderMarkdown(source, options: MarkdownOptions(firstLine: 3))
    #expect(rendered.html.split(separator: "<table>", omittingEmptySubsequences: false).count == 2)
    #expect(notices(source) == [
        "4:1: this table is shown as text: a table needs its header row right above this `---` row, on one line with 2 cells (`| a | b |`); a cell cannot hold a line break (write `<br>`)",
        "9:1: this table is shown as text: a table needs its header row right above this `---` row, on one line with 2 cells (`| a | b |`); a cell cannot hold a line break (write `<br>`)",
    ])
}

@Test(arguments: [("| --- | :-: |", 2), ("--- | ---", 2), ("|---|", 1), (" :--: | -- ", 2), ("---", nil), ("| a |", nil), ("|", nil), ("| : |", nil), ("- | x", nil)] as [(String, Int?)])
func delimiterRowsAreToldApart(_ line: String, _ cells: Int?) {
    var line = line
    #expect(line.withUTF8 { delimiterRowCells($0) } == cells)
}

@Test func aPageNestedTooDeepToCheckIsWrittenWithoutItsRawHTML() {
    let source = String(repeating: "* ", count: 2000) + "x\n\n<b>粗</b> 与 ![图](a.png)\n"
    let rendered = renderMarkdown(source)
    #expect(!rendered.html.contains("<b>"))
    #expect(rendered.html.contains("<!-- raw HTML omitted -->粗<!-- raw HTML omitted --> 与 <img src=\"a.png\" alt=\"图\" />"))
    #expect(notices(source) == ["5:1: left out this page's raw HTML: with its Markdown the page nests more than 256 elements deep, too deep to check; simplify it"])
    let deepHTML = String(repeating: "<div>", count: 5000) + "文\n"
    #expect(notices(deepHTML) == ["3:1: left out raw HTML nested more than 256 elements deep: simplify it"])
    #expect(!renderMarkdown(deepHTML).html.contains("<div>"))
}

/// An unclosed element that goes with its content must not take the rest of the page with it.
@Test(arguments: ["文字 <select> 更多\n\n## 小标题\n\n第二段文字。\n", "<template>\n\n## 小标题\n\n第二段文字。\n",
                  "<object>\n\n## 小标题\n\n第二段文字。\n", "<svg>\n\n## 小标题\n\n第二段文字。\n",
                  "<div>\n<select><option>甲\n</div>\n\n## 小标题\n\n第二段文字。\n"])
func anUnclosedElementDroppedWithItsContentLeavesThePageAfterIt(_ source: String) {
    let html = renderMarkdown(source).html
    #expect(html.contains("<h2 id=\"小标题\">小标题</h2>"), "\(html)")
    #expect(html.contains("<p>第二段文字。</p>"), "\(html)")
    #expect(!html.contains("<select") && !html.contains("<template") && !html.contains("<svg") && !html.contains("<object"))
}

/// On a page with raw HTML the sanitizer checks Markdown's links and images too: what it takes is
/// warned at, where the Markdown wrote it; `tel:` links stay (offices print their numbers).
@Test func markdownLinksAndImagesTheSanitizerTakesAreWarnedAt() {
    let source = "<b>粗</b>\n\n![图](data:image/png;base64,iVBORw0KGgo=) [电话](tel:+86-797-1234567) [点](javascript:alert(1))\n"
    #expect(renderMarkdown(source).html == "<p><b>粗</b></p>\n<p> <a href=\"tel:+86-797-1234567\">电话</a> <a>点</a></p>\n")
    #expect(notices(source) == [
        "5:1: removed the image's `data:` address: on a page with raw HTML, Markdown's links and images are checked as HTML's are, and only http:, https: or relative ones are allowed",
        "5:68: removed the link's `javascript:` address: on a page with raw HTML, Markdown's links and images are checked as HTML's are, and only http:, https:, mailto:, tel: or relative ones are allowed",
    ])
}

/// libcmark-gfm keeps the extensions' special characters (`~` for strikethrough, `:` and `w` for
/// bare links) in one table for every parser, and each parser takes them out when it finishes: two
/// documents finished at once on two threads could each lose its strikethroughs. The site renders
/// articles on all cores.
@Test func strikethroughAndBareLinksSurviveDocumentsRenderedAtOnce() {
    let n = 4000
    let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
    defer { results.deallocate() }
    nonisolated(unsafe) let out = results
    DispatchQueue.concurrentPerform(iterations: n) { i in
        if i % 2 == 0 {
            let html = String(decoding: renderMarkdown("报名时间由 ~~5月1日~~ 改为 5月8日，见 www.example.org 。").htmlUTF8, as: UTF8.self)
            out[i] = html.contains("<del>5月1日</del>") && html.contains("href=\"http://www.example.org\"")
        } else {
            out[i] = !String(decoding: renderMarkdown("没有删除线的一段话。\n\n第二段。").htmlUTF8, as: UTF8.self).isEmpty
        }
    }
    #expect(results.filter { !$0 }.count == 0)
}
