import Testing
@testable import Markdown

/// Links each name's first mention to its profile, as the honoree cross-links will.
final class NameLinker: AutoLinker {
    let names: [String: String]
    var linked: Set<String> = []
    var calls: [String] = []

    init(_ names: [String: String]) { self.names = names }

    func links(in text: String) -> [AutoLink] {
        calls.append(text)
        var found: [AutoLink] = []
        for (name, url) in names.sorted(by: { $0.key < $1.key }) where !linked.contains(name) {
            if let range = text.firstRange(of: name) {
                linked.insert(name)
                found.append(AutoLink(range: range, url: url, title: name))
            }
        }
        return found
    }
}

@Test func linksANameInAParagraph() {
    let linker = NameLinker(["陈一文": "/honorees/chen-yiwen/"])
    let html = renderMarkdown("劳模陈一文同志。", linker: linker).html
    #expect(html == "<p>劳模<a href=\"/honorees/chen-yiwen/\" title=\"陈一文\">陈一文</a>同志。</p>\n")
}

@Test func linksOnlyTheFirstMentionThroughTheLinkersState() {
    let linker = NameLinker(["陈一文": "/p/"])
    let html = renderMarkdown("陈一文说。\n\n后来陈一文又说，陈一文！", linker: linker).html
    #expect(html == "<p><a href=\"/p/\" title=\"陈一文\">陈一文</a>说。</p>\n<p>后来陈一文又说，陈一文！</p>\n")
}

@Test func linkerIsAskedInDocumentOrderAndNotAboutCodeLinksOrHeadings() {
    let linker = NameLinker([:])
    let source = """
        # 标题里

        一*二*三[链接里](/x)四`代码`五![图里](a.png)六

        ```
        代码块
        ```

        - 列表
        > 引用
        """
    _ = renderMarkdown(source, linker: linker)
    #expect(linker.calls == ["一", "二", "三", "四", "五", "六", "列表", "引用"])
}

@Test func doesNotLinkInsideLinksHeadingsOrCode() {
    let linker = NameLinker(["王五": "/p/"])
    let source = "## 王五\n\n[王五](/other/) `王五`\n\n```\n王五\n```\n\n![王五](x.png)\n\n最后王五"
    let html = renderMarkdown(source, linker: linker).html
    #expect(html == """
        <h2 id="王五">王五</h2>
        <p><a href="/other/">王五</a> <code>王五</code></p>
        <pre><code>王五
        </code></pre>
        <p><img src="x.png" alt="王五" /></p>
        <p>最后<a href="/p/" title="王五">王五</a></p>

        """)
}

@Test func nameSplitByEmphasisIsNotLinked() {
    // The linker sees the runs "陈" and "一文", never "陈一文": a documented limitation.
    let linker = NameLinker(["陈一文": "/p/"])
    let html = renderMarkdown("**陈**一文", linker: linker).html
    #expect(html == "<p><strong>陈</strong>一文</p>\n")
    #expect(linker.calls == ["陈", "一文"])
}

@Test func nameInsideEmphasisIsLinked() {
    let linker = NameLinker(["陈一文": "/p/"])
    #expect(renderMarkdown("*陈一文*", linker: linker).html == "<p><em><a href=\"/p/\" title=\"陈一文\">陈一文</a></em></p>\n")
}

@Test func urlAndTitleAreEscaped() {
    final class Fixed: AutoLinker {
        func links(in text: String) -> [AutoLink] {
            [AutoLink(range: text.startIndex..<text.endIndex, url: "/a b?x=1&y=\"<2>\"", title: "\"T\" & <t>")]
        }
    }
    #expect(renderMarkdown("名<字>", linker: Fixed()).html
        == "<p><a href=\"/a%20b?x=1&amp;y=%22%3C2%3E%22\" title=\"&quot;T&quot; &amp; &lt;t&gt;\">名&lt;字&gt;</a></p>\n")
}

@Test func scriptURLsFromTheLinkerAreEmptiedInSafeMode() {
    final class Evil: AutoLinker {
        func links(in text: String) -> [AutoLink] { [AutoLink(range: text.startIndex..<text.endIndex, url: "javascript:x")] }
    }
    #expect(renderMarkdown("字", linker: Evil()).html == "<p><a href=\"\">字</a></p>\n")
}

@Test func severalLinksInOneRunAndBadRangesIgnored() {
    final class Many: AutoLinker {
        func links(in text: String) -> [AutoLink] {
            let a = text.firstRange(of: "张三")!, b = text.firstRange(of: "李四")!
            let other = "别的字符串很长很长很长"
            return [
                AutoLink(range: b, url: "/li/"),
                AutoLink(range: a, url: "/zhang/"),
                AutoLink(range: a.lowerBound..<text.index(after: a.lowerBound), url: "/overlap/"),
                AutoLink(range: a.lowerBound..<a.lowerBound, url: "/empty/"),
                AutoLink(range: other.startIndex..<other.endIndex, url: "/foreign/"),
            ]
        }
    }
    #expect(renderMarkdown("有张三和李四在", linker: Many()).html
        == "<p>有<a href=\"/zhang/\">张三</a>和<a href=\"/li/\">李四</a>在</p>\n")
}

@Test func autolinksAreNotReportedAsSourceLinksButPlainTextIsKept() {
    let linker = NameLinker(["张三": "/p/"])
    let rendered = renderMarkdown("张三[来源](/s/)", linker: linker)
    #expect(rendered.links == [LinkReference(destination: "/s/", line: 1, column: 3)])
    #expect(rendered.plainText == "张三来源")
}

@Test func entitiesAreDecodedBeforeTheLinkerSeesThem() {
    let linker = NameLinker(["A&B": "/ab/"])
    #expect(renderMarkdown("x A&amp;B y", linker: linker).html == "<p>x <a href=\"/ab/\" title=\"A&amp;B\">A&amp;B</a> y</p>\n")
}
