import Foundation
import Testing
@testable import Site
import TestSupport

@Test func gfmRawHTMLAndShortcodesReachThePageOrAreWarnedAt() throws {
    let body = """
    导语：职工代表大会顺利召开。

    <!--more-->

    | 代表团 | 人数 |
    |---|---:|
    | 机关 | 12 |

    决议已通过[^1]，~~草案~~作废。详见 https://example.org/report 。

    <figure><img src="photo.gif" alt="会场"><figcaption>会场一角</figcaption></figure>

    H<sub>2</sub>O 讲座<script>alert(1)</script>结束。

    <a href="/news/b/" onclick="track()">链接</a>

    <iframe src="https://player.example.cn/v/9"></iframe>

    <iframe src="https://video.example.com/v/9"></iframe>

    {{< youtube abc >}}

    [^1]: 以举手方式表决。
    """
    let site = try TestSite([
        "-- site.yml --\ntitle: 工会\nembeds: [player.example.cn]",
        article("a.md", "title: 甲\ndate: 2020-01-01\nslug: a", body: body),
        article("b.md", "title: 乙\ndate: 2020-01-02\nslug: b"),
        "-- content/news/photo.gif --\nx",
    ].joined(separator: "\n"))
    defer { site.remove() }
    let report = try site.builder().build()
    let page = try #require(site.output("news/a/index.html"))
    #expect(page == """
        <title>甲</title><h1>甲</h1>2020-01-01 00:00|||导语：职工代表大会顺利召开。|<p>导语：职工代表大会顺利召开。</p>
        <div class="table-scroll" tabindex="0">
        <table>
        <thead>
        <tr>
        <th>代表团</th>
        <th style="text-align: right">人数</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>机关</td>
        <td style="text-align: right">12</td>
        </tr>
        </tbody>
        </table>
        </div>
        <p>决议已通过<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref="">1</a></sup>，<del>草案</del>作废。详见 <a href="https://example.org/report">https://example.org/report</a> 。</p>
        <figure><img src="/news/photo.gif" alt="会场" /><figcaption>会场一角</figcaption></figure>
        <p>H<sub>2</sub>O 讲座结束。</p>
        <p><a href="/news/b/">链接</a></p>
        <iframe src="https://player.example.cn/v/9"></iframe>

        <section class="footnotes" data-footnotes="">
        <ol>
        <li id="fn-1">
        <p>以举手方式表决。 <a href="#fnref-1" class="footnote-backref" data-footnote-backref="" aria-label="返回正文">↩</a></p>
        </li>
        </ol>
        </section>
        |prev=|next=/news/b/


        """)
    #expect(report.warnings.map(\.summary) == [
        "content/news/a.md:18:18: warning: removed `<script>` and its content: it is not allowed in Markdown",
        "content/news/a.md:20:20: warning: removed the `onclick` attribute of `<a>`: event handlers (`on…`) are not allowed in Markdown",
        "content/news/a.md:24:1: warning: removed `<iframe>` from video.example.com: that host is not in `embeds:` in site.yml; add it (`embeds: [video.example.com]`) to allow it",
        "content/news/a.md:26:1: warning: left out the Hugo shortcode `{{< youtube >}}`: shortcodes are not supported, write its content in Markdown or HTML",
    ])
}

@Test func rawHTMLLinksAndImagesAreCheckedLikeMarkdownOnes() throws {
    let site = try TestSite([
        article("a.md", "title: 甲\ndate: 2020-01-01\nslug: a", body: "<a href=\"/news/nope/\">坏</a>\n\n<img src=\"missing.jpg\" alt=\"缺\">"),
    ].joined(separator: "\n"))
    defer { site.remove() }
    let report = try site.builder().build()
    #expect(report.warnings.map(\.summary) == [
        "content/news/a.md:6:4: warning: link to `/news/nope/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)",
        "content/news/a.md:8:6: warning: image to `missing.jpg` points inside the site at nothing: put the file under content/ (it is copied to the same path) or fix the path",
    ])
}

@Test func embedsMustBeAListOfHostNames() throws {
    let site = try TestSite("-- site.yml --\ntitle: 工会\nembeds:\n  - https://Player.Example.cn/embed\n  - a b\n" + article("a.md", "title: 甲\ndate: 2020-01-01"))
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [
        "site.yml:3:5: warning: `embeds` lists host names: using `player.example.cn` of `https://Player.Example.cn/embed`",
        "site.yml:4:5: `embeds` lists host names like `player.example.cn`, found `a b`",
    ])
    let mapped = try TestSite("-- site.yml --\ntitle: 工会\nembeds: {a: b}\n" + article("a.md", "title: 甲\ndate: 2020-01-01"))
    defer { mapped.remove() }
    #expect(mapped.build().map(\.summary) == [
        "site.yml:2:9: `embeds` must be a list of host names, found a map: expected `embeds: [player.example.cn]`",
    ])
}


@Test func pagesAndHonoreeDeedsAreSanitizedAndWarnedAtToo() throws {
    let site = try TestSite(honorTemplates + "\n" + [
        "-- content/pages/about.md --\n---\ntitle: 关于\n---\n简介<span onmouseover=\"x()\">工会</span>。\n",
        honoree("wang.md", "name: 王大明\nhonors:\n  - title: 劳模\n    level: 市", body: "事迹{{% bio %}}。<style>p{}</style>"),
        article("a.md", "title: 甲\ndate: 2020-01-01", body: "王大明。"),
    ].joined(separator: "\n"))
    defer { site.remove() }
    let report = try site.builder().build()
    #expect(report.warnings.map(\.summary) == [
        "content/honorees/wang.md:7:3: warning: left out the Hugo shortcode `{{% bio %}}`: shortcodes are not supported, write its content in Markdown or HTML",
        "content/honorees/wang.md:7:15: warning: removed `<style>` and its content: it is not allowed in Markdown",
        "content/pages/about.md:4:9: warning: removed the `onmouseover` attribute of `<span>`: event handlers (`on…`) are not allowed in Markdown",
    ])
    #expect(site.output("guan-yu/index.html")?.contains("<p>简介<span>工会</span>。</p>") == true)
    #expect(site.output("honorees/wang-da-ming/index.html")?.contains("<p>事迹。</p>") == true)
}
