import Foundation
import Testing
import TestSupport
@testable import Site

// The Traditional mirror and a theme of one's own: the words a template shows are converted,
// never what names a file, a key, an address, or what is marked to stay as written.

/// A site with the mirror on, the test templates, and `template` as article.html.
private func site(_ template: String, _ more: String = "") throws -> TestSite {
    try TestSite("""
    -- site.yml --
    title: 示例
    traditional: s2t
    slugs: unicode
    -- templates/article.html --
    \(template)
    -- templates/partials/页脚.html --
    <footer>页脚：{{ site.title }}</footer>
    -- data/友情链接.yml --
    - {名称: 全国总工会, 网址: "https://www.acftu.org/", 类别: 总工会}
    - {名称: 劳动模范, 网址: "/tags/劳动模范/", 类别: 本站}
    - {名称: 范小军照片, 网址: "/files/范小军.pdf", 类别: 本站}
    -- content/files/范小军.pdf --
    PDF
    \(article("a.md", "title: 头发\ndate: 2024-03-01\ntags: [劳动模范]", body: "正文头发。"))
    \(more)
    """)
}

@Test func aThemesWordsAreConvertedButNotItsNamesKeysOrAddresses() throws {
    let s = try site("""
    <h1>{{ page.title }}</h1>
    <p class="t">{{ page.missing | default: '默认头发' }}{{ '干部' }}{% assign 词 = '发展' %}{{ 词 }}</p>
    {% render 'partials/页脚.html', site: site %}
    {%- for l in site.data.友情链接 %}
    <a class="l" href="{{ l["网址"] }}">{{ l["名称"] }}|{{ l.类别 }}</a>
    {%- endfor %}
    <p class="n">{{ site.data.友情链接 | where: "类别", "本站" | size }}</p>
    <img src="{{ site.root_path }}files/范小军.pdf" alt="头发的照片">
    <a class="tag" href="/tags/劳动模范/">劳动模范</a>
    <p translate="no">苏ICP备12345678号</p><code>代码头发</code>
    {%- # it's a note, with an apostrophe %}
    <p class="after">{{ page.missing | default: '头发' }}</p>
    {% raw %}<p class="raw">{{ 头发 }}</p>{% endraw %}
    """)
    defer { s.remove() }
    #expect(s.build() == [])
    let main = try #require(s.output("news/头发/index.html"))
    let mirror = try #require(s.output("zh-hant/news/头发/index.html"))
    #expect(main.contains("<p class=\"t\">默认头发干部发展</p>"))
    #expect(mirror.contains("<h1>頭髮</h1>"))
    #expect(mirror.contains("<p class=\"t\">默認頭髮幹部發展</p>"))
    // A partial by a Chinese file name, data by Chinese keys, and a filter's keys: as written.
    #expect(mirror.contains("<footer>頁腳：示例</footer>"))
    #expect(mirror.contains("<a class=\"l\" href=\"https://www.acftu.org/\">全國總工會|總工會</a>"))
    #expect(mirror.contains("<p class=\"n\">2</p>"))
    // Addresses: a page's into the mirror, as written (a Chinese slug stays); a file's as it is.
    #expect(mirror.contains("<a class=\"l\" href=\"/zh-hant/tags/劳动模范/\">勞動模範|本站</a>"))
    #expect(mirror.contains("<a class=\"l\" href=\"/files/范小军.pdf\">"))
    #expect(mirror.contains("<img src=\"/files/范小军.pdf\" alt=\"頭髮的照片\">"))
    #expect(mirror.contains("<a class=\"tag\" href=\"/zh-hant/tags/劳动模范/\">勞動模範</a>"))
    #expect(s.exists("public/zh-hant/tags/劳动模范/index.html"))
    // What is marked to stay, code, and what an inline comment's apostrophe must not upset.
    #expect(mirror.contains("<p translate=\"no\">苏ICP备12345678号</p><code>代码头发</code>"))
    #expect(mirror.contains("<p class=\"after\">頭髮</p>"))
    #expect(mirror.contains("<p class=\"raw\">{{ 頭髮 }}</p>"))
}

/// A site with the mirror on and the test templates: site.yml's more lines, then `files`.
private func mirrored(_ siteYml: String, _ files: String) throws -> TestSite {
    try TestSite("-- site.yml --\ntitle: 示例\ntraditional: s2t\n" + siteYml + "\n" + files)
}

@Test func aLinkToAnHtmPageGoesToTheMirrorsPage() throws {
    let s = try mirrored("menus:\n  - {name: 通知, url: /notice.htm}", """
    \(article("a.md", "title: 通知\ndate: 2024-03-01\nurl: /notice.htm"))
    \(article("b.md", "title: 其他\ndate: 2024-03-02", body: "见[通知](/notice.htm)。"))
    """)
    defer { s.remove() }
    #expect(s.build() == [])
    #expect(s.exists("public/zh-hant/notice.htm"))
    let mirror = try #require(s.output("zh-hant/news/qi-ta/index.html"))
    #expect(mirror.contains("<a href=\"/zh-hant/notice.htm\">通知</a>"))
}

@Test func anHonorWhoseTitleAnOverrideChangesKeepsItsLink() throws {
    let s = try mirrored("", """
    -- script-overrides.yml --
    s2t:
      劳动模范: 勞動模範（全國）
    \(honorTemplates)
    -- templates/honoree.html --
    {% for h in page.honors %}[{{ h.title }}|{{ h.url }}]{% endfor %}
    \(honoree("a.md", "name: 张三\nhonors:\n  - {title: 劳动模范, year: 2020, level: national}"))
    """)
    defer { s.remove() }
    #expect(s.build() == [])
    let main = try #require(s.output("honorees/zhang-san/index.html"))
    let mirror = try #require(s.output("zh-hant/honorees/zhang-san/index.html"))
    #expect(main.contains("[劳动模范|/honors/lao-dong-mo-fan/]"))
    #expect(mirror.contains("[勞動模範（全國）|/zh-hant/honors/lao-dong-mo-fan/]"))
}
