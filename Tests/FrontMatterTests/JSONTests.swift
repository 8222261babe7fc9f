import Testing
@testable import FrontMatter

@Test func jsonFrontMatterIsTheObjectAtTheTop() throws {
    let text = """
    {
      "title": "职工书屋开放",
      "date": "2023-09-01T14:07:00+08:00",
      "tags": ["书屋", "阅读"],
      "draft": false,
      "weight": -1.5e3,
      "cover": null,
      "honor": {"title": "先进集体", "year": 2019}
    }
    正文第一行

    """
    let doc = FrontMatter.parse(text)
    #expect(doc.format == .json)
    #expect(doc.errors.map(E.init) == [])
    #expect(doc.frontMatter?.plain == m(
        ("title", .s("职工书屋开放")), ("date", .s("2023-09-01T14:07:00+08:00")),
        ("tags", .l([.s("书屋"), .s("阅读")])), ("draft", .s("false")), ("weight", .s("-1.5e3")),
        ("cover", .null), ("honor", m(("title", .s("先进集体")), ("year", .s("2019"))))))
    #expect(String(doc.body) == "正文第一行\n")
    #expect(doc.bodyLine == 10)
    let fm = try #require(doc.frontMatter)
    #expect(fm.entry("title")?.keyLocation == loc(2, 3))
    #expect(fm["title"]?.location == loc(2, 12))
    #expect(fm["tags"]?.items?[1].location == loc(4, 18))
    #expect(try fm["draft"]?.bool(for: "draft") == false)
    #expect(try fm["date"]?.localDateTime(for: "date").utcOffset == 8 * 3600)
}

@Test func jsonStringEscapes() {
    let doc = FrontMatter.parse(#"{"t": "a\"b\\c\/d\n\u4E2D\uD83D\uDE00"}"# + "\n")
    #expect(doc.errors.map(E.init) == [])
    #expect(doc.frontMatter?.plain == m(("t", .s("a\"b\\c/d\n中😀"))))
}

@Test func jsonBodyMayFollowTheBraceOnItsLine() {
    let doc = FrontMatter.parse("{\"title\": \"x\"} 正文")
    #expect(doc.errors.isEmpty)
    #expect(String(doc.body) == " 正文")
    #expect(doc.bodyLine == 1)
}

@Test func jsonBracesInsideStringsDoNotEndTheObject() {
    let doc = FrontMatter.parse("{\"title\": \"}{\"}\n正文\n")
    #expect(doc.frontMatter?.plain == m(("title", .s("}{"))))
    #expect(String(doc.body) == "正文\n")
}

@Test func unterminatedJSONFrontMatter() {
    let doc = FrontMatter.parse("{\n  \"title\": \"x\",\n正文\n")
    #expect(doc.errors.map(E.init) == [E(1, 1, "front matter starts here but never ends: expected a `}` that closes this `{`")])
    #expect(doc.frontMatter == nil)
    #expect(String(doc.body) == "{\n  \"title\": \"x\",\n正文\n")
}

struct JSONErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var error: E
    var testDescription: String { name }
}

let jsonErrorCases: [JSONErrorCase] = [
    .init(name: "unquoted key", text: "{\n  title: \"x\"\n}\n",
          error: E(2, 3, "expected a key in double quotes, found `title:`")),
    .init(name: "missing colon", text: "{\"title\" \"x\"}\n",
          error: E(1, 10, "expected `:` after key \"title\", found `\"x\"`")),
    .init(name: "missing comma", text: "{\n  \"a\": 1\n  \"b\": 2\n}\n",
          error: E(3, 3, "expected `,` or `}` after the value of \"a\", found `\"b\":`")),
    .init(name: "trailing comma", text: "{\"a\": 1,}\n",
          error: E(1, 9, "unexpected `}` after `,`: JSON allows no comma after the last value")),
    .init(name: "unquoted text", text: "{\"title\": 劳模}\n",
          error: E(1, 11, "`劳模` is not a JSON value for \"title\": expected text in double quotes, a number, true, false, null, `[` or `{`")),
    .init(name: "single quotes", text: "{\"title\": 'x'}\n",
          error: E(1, 11, "`'x'` is not a JSON value for \"title\": expected text in double quotes, a number, true, false, null, `[` or `{`")),
    .init(name: "duplicate key", text: "{\n\"a\": 1,\n\"a\": 2}\n",
          error: E(3, 1, "duplicate key \"a\": it is already set on line 2; each key may appear only once")),
    .init(name: "string over lines", text: "{\"a\": \"x\ny\"}\n",
          error: E(1, 7, "missing closing `\"`: a JSON string ends on its own line (write `\\n` for a line break)")),
    .init(name: "list missing comma", text: "{\"tags\": [\"a\" \"b\"]}\n",
          error: E(1, 15, "expected `,` or `]` after an item of the list, found `\"b\"`")),
    .init(name: "bad escape", text: "{\"a\": \"\\x\"}\n",
          error: E(1, 8, "unknown escape `\\x` in a string: expected one of \\n \\t \\\" \\\\ \\/ \\uXXXX (write `\\\\` for a backslash)")),
]

@Test(arguments: jsonErrorCases)
func jsonErrorsAreLocated(_ c: JSONErrorCase) {
    let doc = FrontMatter.parse(c.text)
    #expect(doc.errors.map(E.init) == [c.error])
}

@Test(arguments: ["{{< figure src=\"a.jpg\" >}}\n正文\n", "{% raw %}x{% endraw %}\n"])
func templateSyntaxAtTheTopIsNotJSONFrontMatter(_ text: String) {
    let doc = FrontMatter.parse(text)
    #expect(doc.errors.isEmpty)
    #expect(doc.frontMatter == nil)
    #expect(String(doc.body) == text)
}
