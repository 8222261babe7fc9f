import Foundation
import Testing
@testable import Site

/// One way to break a site: a file to write, and the diagnostic it must give (exactly).
struct Breakage: Sendable, CustomStringConvertible {
    var name: String
    var path: String
    var content: String
    var expected: String
    var description: String { name }
}

/// The error catalogue (docs/ERRORS.md): every entry, with its exact message and location.
let catalogue: [Breakage] = [
    Breakage(name: "unterminated front matter", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n正文\n",
             expected: "content/news/x.md:1:1: front matter starts here but never ends: expected a line `---` after it"),
    Breakage(name: "a key without a value", path: "content/news/x.md", content: "---\ntitle:\ndate: 2020-01-01\n---\n",
             expected: "content/news/x.md:2:7: missing `title` (标题): every article needs one, e.g. `title: 劳模风采`"),
    Breakage(name: "a key without its colon", path: "content/news/x.md", content: "---\ntitle 甲\ndate: 2020-01-01\n---\n",
             expected: "content/news/x.md:2:6: missing `:` after key `title`: expected `key: value`"),
    Breakage(name: "bad indentation in a list of honors", path: "content/honorees/h.md",
             content: "---\nname: 王平\nhonors:\n  - title: 劳模\n     level: 市\n---\n",
             expected: "content/honorees/h.md:5:6: bad indentation of `level`: found column 6, expected column 5, in line with `title` on line 4"),
    Breakage(name: "a missing required field", path: "content/news/x.md", content: "---\ntitle: 甲\n---\n",
             expected: "content/news/x.md:1:1: missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`"),
    Breakage(name: "an impossible date", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2023-13-01\n---\n",
             expected: "content/news/x.md:3:12: `2023-13-01` is not a valid date for `date`: month must be 1 to 12, found 13"),
    Breakage(name: "an unknown honor level", path: "content/honorees/h.md",
             content: "---\nname: 王平\nhonors:\n  - title: 劳模\n    level: 乡\n---\n",
             expected: "content/honorees/h.md:5:12: unknown `level` `乡`: expected national, provincial, municipal or county (or 全国, 省, 市, 县)"),
    Breakage(name: "a duplicate slug", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\nslug: good\n---\n",
             expected: "content/news/x.md: slug `good` is already used by content/news/good.md: two articles cannot share a URL; change one `slug:`"),
    Breakage(name: "a missing layout", path: "templates/article.html", content: "{% layout 'nope' %}x",
             expected: "templates/article.html:1:1: layout 'nope' not found: expected a file 'nope' or 'nope.html' among the templates"),
    Breakage(name: "a missing include", path: "templates/article.html", content: "{% layout 'base' %}{% include 'partials/nope.html' %}",
             expected: "templates/article.html:1:20: template 'partials/nope.html' not found: expected a file 'partials/nope.html' among the templates"),
    Breakage(name: "an unknown filter", path: "templates/article.html", content: "{% layout 'base' %}{{ page.title | upcas }}",
             expected: "templates/article.html:1:36: unknown filter 'upcas': did you mean 'upcase'?"),
    Breakage(name: "an unclosed tag", path: "templates/article.html", content: "{% layout 'base' %}\n{% if page.title %}x",
             expected: "templates/article.html:2:1: 'if' is never closed: expected '{% endif %}'"),
    Breakage(name: "embeds that are not a list", path: "site.yml", content: "title: 工会\nembeds: {a: b}\n",
             expected: "site.yml:2:9: `embeds` must be a list of host names, found a map: expected `embeds: [player.example.cn]`"),
    Breakage(name: "embeds that are not host names", path: "site.yml", content: "title: 工会\nembeds: [a b]\n",
             expected: "site.yml:2:10: `embeds` lists host names like `player.example.cn`, found `a b`"),
    Breakage(name: "a missing page template", path: "templates/tags.html", content: "",
             expected: "templates/tags.html: the file is missing: the theme needs it to render the list of tags"),
]

/// Warnings: the build goes on, the message is exact.
let warningCatalogue: [Breakage] = [
    Breakage(name: "an unknown key", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n标签s: [a]\n---\n",
             expected: "content/news/x.md:4:1: warning: unknown key `标签s`: did you mean `标签`?"),
    Breakage(name: "two tags with one URL", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\ntags: [A B, a-b]\n---\n",
             expected: "content/news/x.md: warning: tag `a-b` has the same URL as another tag (/tags/a-b/): it gets /a-b-2/ instead; rename one of them if they are different"),
    Breakage(name: "a link to a page that does not exist", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n[旧文](/news/old/)\n",
             expected: "content/news/x.md:5:1: warning: link to `/news/old/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)"),
    Breakage(name: "an image that does not exist", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n![图](photo.jpg)\n",
             expected: "content/news/x.md:5:1: warning: image to `photo.jpg` points inside the site at nothing: put the file under content/ (it is copied to the same path) or fix the path"),
    Breakage(name: "a script in raw HTML", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n正文<script>alert(1)</script>\n",
             expected: "content/news/x.md:5:3: warning: removed `<script>` and its content: it is not allowed in Markdown"),
    Breakage(name: "a tag not on the allowlist", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n<font color=red>红字</font>\n",
             expected: "content/news/x.md:5:1: warning: removed the `<font>` tag, kept its text: it is not allowed in Markdown"),
    Breakage(name: "an event handler attribute", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n<img src=\"a.jpg\" onerror=\"x()\">\n",
             expected: "content/news/x.md:5:18: warning: removed the `onerror` attribute of `<img>`: event handlers (`on…`) are not allowed in Markdown"),
    Breakage(name: "an attribute not on the allowlist", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n<p style=\"color:red\">段</p>\n",
             expected: "content/news/x.md:5:4: warning: removed the `style` attribute of `<p>`: it is not allowed in Markdown"),
    Breakage(name: "a script address", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n<a href=\"javascript:x()\">点</a>\n",
             expected: "content/news/x.md:5:4: warning: removed the `href` attribute of `<a>`: a `javascript:` address is not allowed in Markdown, only http:, https:, mailto: or relative ones"),
    Breakage(name: "an iframe from an unlisted host", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n<iframe src=\"https://v.example.com/1\"></iframe>\n",
             expected: "content/news/x.md:5:1: warning: removed `<iframe>` from v.example.com: that host is not in `embeds:` in site.yml; add it (`embeds: [v.example.com]`) to allow it"),
    Breakage(name: "a form field", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n<input name=\"q\">\n",
             expected: "content/news/x.md:5:1: warning: removed `<input>`: only a task list's checkbox (`- [ ]`) is allowed in Markdown"),
    Breakage(name: "a Hugo shortcode", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n---\n视频：{{< youtube abc >}}\n",
             expected: "content/news/x.md:5:4: warning: left out the Hugo shortcode `{{< youtube >}}`: shortcodes are not supported, write its content in Markdown or HTML"),
    Breakage(name: "a full address in embeds", path: "site.yml", content: "title: 工会\nembeds: [https://v.example.cn/e]\n",
             expected: "site.yml:2:10: warning: `embeds` lists host names: using `v.example.cn` of `https://v.example.cn/e`"),
]

/// The breakage as an archive for `TestSite.write` (which ends every file with a line break).
func archive(_ b: Breakage) -> String {
    "-- \(b.path) --\n" + (b.content.hasSuffix("\n") ? String(b.content.dropLast()) : b.content)
}

/// A small good site built with the real theme.
func goodSite() throws -> TestSite {
    let site = try TestSite(article("good.md", "title: 好文章\ndate: 2020-01-01\nslug: good") + "\n"
        + honoree("ok.md", "name: 好文章作者\nhonors:\n  - title: 劳模\n    level: 市"), withTemplates: false)
    try site.copyDefaultTheme()
    return site
}

@Test(arguments: catalogue)
func eachErrorIsReportedExactlyAndLeavesPublicUntouched(_ b: Breakage) throws {
    let site = try goodSite()
    defer { site.remove() }
    #expect(site.build() == [])
    let before = tree(site.root.appendingPathComponent("public"))
    let url = site.root.appendingPathComponent(b.path)
    let original = FileManager.default.contents(atPath: url.path)
    if b.content.isEmpty { try FileManager.default.removeItem(at: url) } else { try site.write(archive(b)) }
    let errors = site.build()
    #expect(errors.first?.summary == b.expected)
    #expect(tree(site.root.appendingPathComponent("public")) == before, "public/ changed after \(b.name)")
    // Putting the file back gives a good build again.
    if let original { try original.write(to: url) } else { try FileManager.default.removeItem(at: url) }
    #expect(site.build() == [])
}

@Test(arguments: warningCatalogue)
func eachWarningIsReportedExactly(_ b: Breakage) throws {
    let site = try goodSite()
    defer { site.remove() }
    try site.write(archive(b))
    let report = try site.builder().build()
    #expect(report.warnings.map(\.summary).contains(b.expected), "\(report.warnings.map(\.summary))")
}
