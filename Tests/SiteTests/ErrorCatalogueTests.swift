import Foundation
import Testing
@testable import Site
import TestSupport

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
    Breakage(name: "no front matter at all", path: "content/news/x.md", content: "# 标题\n正文\n",
             expected: "content/news/x.md:1:1: no front matter: expected the file to start with a `---` line, then `title: …` and `date: …`, then `---` (or TOML between `+++` lines, or a JSON object)"),
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
             expected: "content/news/x.md:1:1: missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`, or a file name that starts with it, e.g. `2023-09-01-标题.md`"),
    Breakage(name: "a file name that looks dated but is not, and no date", path: "content/news/2019-13-40-x.md", content: "---\ntitle: 甲\n---\n",
             expected: "content/news/2019-13-40-x.md:1:1: the file name starts with `2019-13-40`, which is not a date (month must be 1 to 12, found 13), and there is no `date` (日期): name the file like `2023-09-01-标题.md` or add `date: 2023-09-01`"),
    Breakage(name: "an impossible date", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2023-13-01\n---\n",
             expected: "content/news/x.md:3:12: `2023-13-01` is not a valid date for `date`: month must be 1 to 12, found 13"),
    Breakage(name: "an unknown honor level", path: "content/honorees/h.md",
             content: "---\nname: 王平\nhonors:\n  - title: 劳模\n    level: 乡\n---\n",
             expected: "content/honorees/h.md:5:12: unknown `level` `乡`: expected national, provincial, municipal or county (or 全国, 省, 市, 县)"),
    Breakage(name: "a duplicate slug", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\nslug: good\n---\n",
             expected: "content/news/x.md:4:7: slug `good` is already used by content/news/good.md:4:7: two articles cannot share a URL; change one `slug:`"),
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
    Breakage(name: "home_columns below 1", path: "site.yml", content: "title: 工会\nhome_columns: 0\n",
             expected: "site.yml:2:15: `home_columns` must be at least 1, found 0"),
    Breakage(name: "a footer key that is not text", path: "site.yml", content: "title: 工会\n主办单位: [甲, 乙]\n",
             expected: "site.yml:2:7: `主办单位` must be text, found a list: expected `主办单位: some text`"),
    Breakage(name: "a missing page template, without the built-in theme", path: "site.yml", content: "title: 示例\ntheme: none\n",
             expected: "templates/index.html: the file is missing: the theme needs it to render the home page"),
    Breakage(name: "an error in a built-in file", path: "templates/index.html",
             content: "{% layout 'base' %}{% render 'partials/brief-list.html', articles: site.articles, limit: '六' %}",
             expected: "(built-in)/partials/brief-list.html:13:3: 'limit' must be a number, got a string"),
    Breakage(name: "an unknown theme", path: "site.yml", content: "title: 示例\ntheme: minima\n",
             expected: "site.yml:2:8: `theme` must be `built-in` (the site's templates/ over the default theme, file by file) or `none` (templates/ is the whole theme), found `minima`"),
    Breakage(name: "TOML front matter never closed", path: "content/news/x.md", content: "+++\ntitle = \"甲\"\n正文\n",
             expected: "content/news/x.md:1:1: front matter starts here but never ends: expected a line `+++` after it"),
    Breakage(name: "JSON front matter never closed", path: "content/news/x.md", content: "{\n  \"title\": \"甲\",\n正文\n",
             expected: "content/news/x.md:1:1: front matter starts here but never ends: expected a `}` that closes this `{`"),
    Breakage(name: "text without quotes in TOML", path: "content/news/x.md", content: "+++\ntitle = 劳模风采\ndate = 2020-01-01\n+++\n",
             expected: "content/news/x.md:2:9: `劳模风采` is not a TOML value for `title`: expected text in quotes (`\"…\"`), a number, true or false, a date, `[` or `{`"),
    Breakage(name: "a YAML colon in TOML", path: "content/news/x.md", content: "+++\ntitle: \"甲\"\n+++\n",
             expected: "content/news/x.md:2:6: expected `=` after key `title`, found `:`: TOML front matter (between `+++` lines) writes `key = value`"),
    Breakage(name: "a JSON key without quotes", path: "content/news/x.md", content: "{\n  title: \"甲\"\n}\n",
             expected: "content/news/x.md:2:3: expected a key in double quotes, found `title:`"),
    Breakage(name: "an alias to no anchor", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\ntags: *t\n---\n",
             expected: "content/news/x.md:4:7: unknown alias `*t`: no value above is marked `&t`; expected an anchor `&t` before it, or put the value in quotes"),
    Breakage(name: "a merge key", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n<<: *t\n---\n",
             expected: "content/news/x.md:4:1: merge keys `<<` are not supported: write the keys out in this map (an alias `*name` may stand for a whole value)"),
    Breakage(name: "a quote never closed", path: "content/news/x.md", content: "---\ntitle: \"甲\n  乙\ndate: 2020-01-01\n---\n",
             expected: "content/news/x.md:2:8: missing closing `\"`: expected a `\"` to end the value, on this line or on the lines that continue it before the next `key:`"),
    Breakage(name: "extra_keys not a list", path: "site.yml", content: "extra_keys:\n  weight: 1\n",
             expected: "site.yml:2:3: `extra_keys` must be a list, found a map: expected `extra_keys: [a, b]`"),
    Breakage(name: "a URL pattern with an unknown token", path: "site.yml", content: "title: 工会\npermalinks:\n  article: /:year/:title/\n",
             expected: "site.yml:3:12: `permalinks.article` `/:year/:title/` has an unknown token `:title`: expected `:year`, `:month`, `:day`, `:slug` or `:column`"),
    Breakage(name: "a url that is not a path under the site", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\nurl: 2019/x/\n---\n",
             expected: "content/news/x.md:4:6: `url` `2019/x/` does not start with `/`: expected a path under the site like `/2019/old-path/` or `/2019/old-path.html`"),
    Breakage(name: "an alias that is another page's address", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\naliases: [/news/good/]\n---\n",
             expected: "content/news/x.md:4:11: `aliases` `/news/good/` is already the address of content/news/good.md: two pages cannot share a URL; change or remove one of them"),
]

/// Warnings: the build goes on, the message is exact.
let warningCatalogue: [Breakage] = [
    Breakage(name: "an unknown key", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\n标签s: [a]\n---\n",
             expected: "content/news/x.md:4:1: warning: unknown key `标签s`: did you mean `标签`?"),
    Breakage(name: "an unknown key that reaches templates", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-01\nweight: 3\n---\n",
             expected: "content/news/x.md:4:1: warning: unknown key `weight` (templates get it as `params.weight`)"),
    Breakage(name: "an updated date before the date", path: "content/news/x.md", content: "---\ntitle: 甲\ndate: 2020-01-02\nlastmod: 2020-01-01\n---\n",
             expected: "content/news/x.md:4:10: warning: `lastmod` (2020-01-01) is before `date` (2020-01-02): an article is updated after it is published; check both dates"),
    Breakage(name: "an _index.md outside a folder of news/", path: "content/honorees/_index.md", content: "---\ntitle: 荣誉榜\n---\n",
             expected: "content/honorees/_index.md:1:1: warning: `_index.md` in honorees/ is skipped: it is not an article, a page or an honoree; only an `_index.md` in a folder of news/ counts, as the description of a column"),
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
             expected: "content/news/x.md:5:4: warning: removed the `href` attribute of `<a>`: a `javascript:` address is not allowed in Markdown, only http:, https:, mailto:, tel: or relative ones"),
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
