import HTML
import Testing

private func clean(_ html: String, embeds: [String] = []) -> String {
    sanitizeHTML(html, policy: HTMLPolicy(embedHosts: embeds)).html
}

private func removed(_ html: String, embeds: [String] = []) -> [String] {
    sanitizeHTML(html, policy: HTMLPolicy(embedHosts: embeds)).removals.map { "\($0.line):\($0.column): \($0.message)" }
}

@Test func allowedElementsAndAttributesPass() {
    let html = #"<figure><img src="a.jpg" alt="合影" width="300" height="200" title="t"><figcaption>劳模合影</figcaption></figure>"#
    #expect(clean(html) == #"<figure><img src="a.jpg" alt="合影" width="300" height="200" title="t" /><figcaption>劳模合影</figcaption></figure>"#)
    #expect(removed(html) == [])
    #expect(clean("H<sub>2</sub>O x<sup>2</sup><br><hr>") == "H<sub>2</sub>O x<sup>2</sup><br /><hr />")
    #expect(clean(#"<details open><summary>总结</summary>正文</details>"#) == #"<details open=""><summary>总结</summary>正文</details>"#)
    #expect(clean(#"<div class="note"><p class="x">段</p><span class="y">字</span></div>"#)
        == #"<div class="note"><p class="x">段</p><span class="y">字</span></div>"#)
    #expect(clean(#"<video src="v.mp4" controls poster="p.jpg"><source src="v.webm" type="video/webm"></video><audio src="a.mp3" controls></audio>"#)
        == #"<video src="v.mp4" controls="" poster="p.jpg"><source src="v.webm" type="video/webm" /></video><audio src="a.mp3" controls=""></audio>"#)
    #expect(clean(#"<table><tr><td colspan="2">甲</td></tr></table>"#) == #"<table><tbody><tr><td colspan="2">甲</td></tr></tbody></table>"#)
}

@Test func linksKeepHTTPMailtoAndRelativeAddresses() {
    #expect(clean(#"<a href="https://a.cn/x">a</a><a href="mailto:x@a.cn">b</a><a href="../c.html#d">c</a><a href="http://e.cn">e</a>"#)
        == #"<a href="https://a.cn/x">a</a><a href="mailto:x@a.cn">b</a><a href="../c.html#d">c</a><a href="http://e.cn">e</a>"#)
    // An image whose address may not stay goes whole: `<img>` without `src` is not HTML.
    #expect(clean(#"<img src="mailto:x@a.cn">"#) == "")
    #expect(clean(#"<img alt="无地址">"#) == "")
    #expect(removed(#"<img alt="无地址"><video><source></video>"#) == [
        "1:1: removed `<img>` without a `src`: it shows nothing; give it the file's address",
        "1:23: removed `<source>` without a `src`: it shows nothing; give it the file's address",
    ])
}

@Test func scriptsAndStylesGoWithTheirText() {
    #expect(clean("前<script>alert(1)</script>后<style>p{}</style>") == "前后")
    #expect(removed("前<script>alert(1)</script>后\n<style>p{}</style>") == [
        "1:2: removed `<script>` and its content: it is not allowed in Markdown",
        "2:1: removed `<style>` and its content: it is not allowed in Markdown",
    ])
}

@Test func formsAreUnwrappedKeepingTheirLabels() {
    #expect(clean(#"<form action="/x"><label>姓名</label><input name="n"><button>提交</button></form>"#) == "姓名提交")
    #expect(removed(#"<form action="/x"><label>姓名</label><input name="n"></form>"#) == [
        "1:1: removed the `<form>` tag, kept its text: it is not allowed in Markdown",
        "1:19: removed the `<label>` tag, kept its text: it is not allowed in Markdown",
        "1:36: removed `<input>`: only a task list's checkbox (`- [ ]`) is allowed in Markdown",
    ])
}

@Test func eventHandlersStylesAndBadSchemesAreRemoved() {
    #expect(clean(#"<p onclick="x()" style="color:red" class="k">字</p>"#) == #"<p class="k">字</p>"#)
    #expect(removed(#"<p onclick="x()" style="color:red">字</p>"#) == [
        "1:4: removed the `onclick` attribute of `<p>`: event handlers (`on…`) are not allowed in Markdown",
        "1:18: removed the `style` attribute of `<p>`: it is not allowed in Markdown",
    ])
    #expect(removed(#"<a href="javascript:alert(1)">x</a>"#) == [
        "1:4: removed the `href` attribute of `<a>`: a `javascript:` address is not allowed in Markdown, only http:, https:, mailto:, tel: or relative ones",
    ])
    #expect(removed(#"<img src="data:image/png;base64,AAAA">"#) == [
        "1:1: removed `<img>`: its `src` is a `data:` address, and only http:, https: or relative ones are allowed in Markdown; save the file beside the article and give its name",
    ])
}

@Test func classicXSSInputsComeOutHarmless() {
    let cases: [(String, String)] = [
        (#"<img src=x onerror=alert(1)>"#, #"<img src="x" />"#),
        (#"<a href="jav&#x61;script:alert(1)">x</a>"#, "<a>x</a>"),
        (#"<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>"#, "<a>x</a>"),
        ("<a href=\"java\tscript:alert(1)\">x</a>", "<a>x</a>"),
        (#"<a href=" JAVASCRIPT:alert(1)">x</a>"#, "<a>x</a>"),
        (#"<A HREF="javascript:alert(1)" ONCLICK="x()">X</A>"#, "<a>X</a>"),
        (#"<SCRIPT>alert(1)</SCRIPT>"#, ""),
        (#"<scr<script>ipt>alert(1)</script>"#, "ipt&gt;alert(1)"),
        (#"<svg onload=alert(1)><circle r="1"/></svg>"#, ""),
        (#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#, ""),
        (#"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#, ""),
        (#"<img src="x" alt="a" "onerror="alert(1)">"#, #"<img src="x" alt="a" />"#),
        (#"<img """><script>alert(1)</script>">"#, "&quot;&gt;"),
        (#"<p title="</p><script>alert(1)</script>">t</p>"#, #"<p>t</p>"#),
        (#"<div><img src=x onerror=alert(1)"#, "<div></div>"),
        (#"<object data="x.swf"></object><embed src="x.swf">"#, ""),
        (#"<a href="data:text/html,<script>alert(1)</script>">x</a>"#, "<a>x</a>"),
        (#"<video poster="javascript:alert(1)"></video>"#, "<video></video>"),
        (#"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#, ""),
        (#"<base href="javascript:/">"#, ""),
        (#"<input type="checkbox" autofocus onfocus="alert(1)">"#, ""),
        ("<!--<img src=x onerror=alert(1)>-->", ""),
        (#"<p data-a"b='x' data-ok="1">t</p>"#, #"<p data-ok="1">t</p>"#),
        (#"<details open ontoggle="alert(1)"><summary>s</summary></details>"#, #"<details open=""><summary>s</summary></details>"#),
        (#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#, ""),
    ]
    for (input, expected) in cases {
        #expect(clean(input) == expected, "\(input)")
    }
}

@Test func unclosedTagsAreClosedAsABrowserWould() {
    #expect(clean("<details><summary>总结</summary>正文") == "<details><summary>总结</summary>正文</details>")
    #expect(clean("<b>粗<i>斜</b>字</i>") == "<b>粗<i>斜</i></b><i>字</i>")
    #expect(clean("</div>孤立的结束标记") == "孤立的结束标记")
}

@Test func iframesOnlyFromListedHosts() {
    let frame = #"<iframe src="https://player.example.cn/v/1" width="560" allowfullscreen></iframe>"#
    #expect(clean(frame, embeds: ["Player.Example.cn"]) == #"<iframe src="https://player.example.cn/v/1" width="560" allowfullscreen=""></iframe>"#)
    #expect(clean(frame) == "")
    #expect(removed(frame) == [
        "1:1: removed `<iframe>` from player.example.cn: that host is not in `embeds:` in site.yml; add it (`embeds: [player.example.cn]`) to allow it",
    ])
    #expect(removed(#"<iframe src="javascript:alert(1)"></iframe>"#, embeds: ["a.cn"]) == [
        "1:1: removed `<iframe>`: only an iframe with an http: or https: `src` from a host in `embeds:` in site.yml is allowed",
    ])
    #expect(clean(#"<iframe src="//a.cn/x" srcdoc="<b>x</b>"></iframe>"#, embeds: ["a.cn"]) == #"<iframe src="//a.cn/x"></iframe>"#)
    #expect(clean(#"<iframe src="https://evil.cn@a.cn.evil.cn/"></iframe>"#, embeds: ["a.cn"]) == "")
}

@Test func preKeepsItsLeadingLineBreak() {
    #expect(clean("<pre>\n\nx</pre>") == "<pre>\n\nx</pre>")
}

@Test func aTableCellKeepsOnlyItsAlignmentAsAStyle() {
    #expect(clean(#"<table><tr><td style="text-align: center">甲</td><th style="text-align: right">乙</th></tr></table>"#)
        == #"<table><tbody><tr><td style="text-align: center">甲</td><th style="text-align: right">乙</th></tr></tbody></table>"#)
    #expect(removed(#"<table><tr><td style="text-align: center; color: red">甲</td></tr></table><p style="text-align: center">乙</p>"#) == [
        "1:16: removed the `style` attribute of `<td>`: it is not allowed in Markdown",
        "1:77: removed the `style` attribute of `<p>`: it is not allowed in Markdown",
    ])
}

/// Browsers read `\` as `/` in an http(s) address: `https://evil.example\@www.youtube.com/` loads
/// evil.example. An iframe's host must be a plain host name, or the iframe goes.
@Test func anIframeHostHidingBehindABackslashOrUserInfoIsRefused() {
    let listed = ["www.youtube.com"]
    for src in [#"https://evil.example\@www.youtube.com/embed/x"#, #"//evil.example\@www.youtube.com/x"#,
                "https://evil.example@www.youtube.com/x", "https://www.youtube.com%2eevil.example/x",
                "https://www.youtube.com:80x/x", "https://www.youtube.com\\/x"] {
        #expect(clean("<iframe src=\"\(src)\"></iframe>", embeds: listed) == "", "\(src)")
        #expect(removed("<iframe src=\"\(src)\"></iframe>", embeds: listed).first?.contains("removed `<iframe>`") == true, "\(src)")
    }
    #expect(clean(#"<iframe src="https://www.youtube.com:443/embed/x"></iframe>"#, embeds: listed)
        == #"<iframe src="https://www.youtube.com:443/embed/x"></iframe>"#)
    #expect(clean(#"<iframe src="https://WWW.YouTube.com/embed/x"></iframe>"#, embeds: listed)
        == #"<iframe src="https://WWW.YouTube.com/embed/x"></iframe>"#)
}

/// The walks recurse, and pages render on threads with small stacks: HTML nested deeper than
/// `maximumHTMLDepth` is refused whole, with a report, instead of overflowing the stack.
@Test func htmlNestedThousandsDeepIsRefusedNotCrashedOn() {
    let deep = String(repeating: "<div>", count: 20000) + "x"
    #expect(clean(deep) == "")
    #expect(removed(deep) == ["1:1: left out raw HTML nested more than 256 elements deep: simplify it"])
    #expect(swallowsFollowingHTML(deep))
    var text = deep
    #expect(text.withUTF8 { visibleText(utf8: $0) } == [])
    let fine = String(repeating: "<div>", count: 200) + "x"
    #expect(clean(fine).hasPrefix("<div><div>"))
}
