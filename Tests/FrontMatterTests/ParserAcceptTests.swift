import Testing
@testable import FrontMatter

/// One accepted front matter block and the values it must give.
struct AcceptCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var expected: P
    var testDescription: String { name }
}

let acceptCases: [AcceptCase] = [
    .init(name: "plain value", yaml: "title: 太仓市总工会\n", expected: m(("title", .s("太仓市总工会")))),
    .init(name: "several keys keep file order", yaml: "b: 1\na: 2\nc: 3\n",
          expected: m(("b", .s("1")), ("a", .s("2")), ("c", .s("3")))),
    .init(name: "full-width colon", yaml: "标题：劳模风采\n", expected: m(("标题", .s("劳模风采")))),
    .init(name: "full-width colon then space", yaml: "标题： 劳模风采\n", expected: m(("标题", .s("劳模风采")))),
    .init(name: "Chinese key with ASCII colon", yaml: "作者: 孙洋亮\n", expected: m(("作者", .s("孙洋亮")))),
    .init(name: "value with colon", yaml: "source: 工人日报:北京\n", expected: m(("source", .s("工人日报:北京")))),
    .init(name: "value with full-width colon", yaml: "title: 太仓市：工会送清凉\n",
          expected: m(("title", .s("太仓市：工会送清凉")))),
    .init(name: "value with colon and space", yaml: "title: 专访: 劳模张三\n", expected: m(("title", .s("专访: 劳模张三")))),
    .init(name: "Chinese key, value with full-width colon", yaml: "标题：泰兴市：喜迎十九大\n",
          expected: m(("标题", .s("泰兴市：喜迎十九大")))),
    .init(name: "time value", yaml: "time: 14:07\n", expected: m(("time", .s("14:07")))),
    .init(name: "URL value", yaml: "cover: http://example.com/a.jpg\n",
          expected: m(("cover", .s("http://example.com/a.jpg")))),
    .init(name: "trailing comment", yaml: "title: 会议 # 备注\n", expected: m(("title", .s("会议")))),
    .init(name: "hash without space is text", yaml: "title: 第#1号\n", expected: m(("title", .s("第#1号")))),
    .init(name: "single quoted with '' escape", yaml: "title: 'It''s 劳模'\n", expected: m(("title", .s("It's 劳模")))),
    .init(name: "double quoted escapes", yaml: #"title: "a \"b\" \\ c\n\t\u4E2D\x41""# + "\n",
          expected: m(("title", .s("a \"b\" \\ c\n\t中A")))),
    .init(name: "quoted keeps # and colon", yaml: "title: \"a # b: c\"\n", expected: m(("title", .s("a # b: c")))),
    .init(name: "quoted then comment", yaml: "title: \"x\"  # c\n", expected: m(("title", .s("x")))),
    .init(name: "empty quoted", yaml: "title: \"\"\n", expected: m(("title", .s("")))),
    .init(name: "flow list", yaml: "tags: [劳模, 工匠, \"c, d\"]\n",
          expected: m(("tags", .l([.s("劳模"), .s("工匠"), .s("c, d")])))),
    .init(name: "flow list with full-width comma", yaml: "tags: [劳模，工匠， 先锋]\n",
          expected: m(("tags", .l([.s("劳模"), .s("工匠"), .s("先锋")])))),
    .init(name: "empty flow list", yaml: "tags: []\n", expected: m(("tags", .l([])))),
    .init(name: "flow list trailing comma", yaml: "tags: [a, b,]\n", expected: m(("tags", .l([.s("a"), .s("b")])))),
    .init(name: "flow list over lines", yaml: "tags: [a,\n  b, # note\n  c]\nx: 1\n",
          expected: m(("tags", .l([.s("a"), .s("b"), .s("c")])), ("x", .s("1")))),
    .init(name: "flow list item with colon and full-width colon", yaml: "tags: [工人日报:北京, 工会：基层]\n",
          expected: m(("tags", .l([.s("工人日报:北京"), .s("工会：基层")])))),
    .init(name: "flow list then comment", yaml: "tags: [a, b] # c\n", expected: m(("tags", .l([.s("a"), .s("b")])))),
    .init(name: "nested flow", yaml: "x: [[a, b], {k: v}]\n",
          expected: m(("x", .l([.l([.s("a"), .s("b")]), m(("k", .s("v")))])))),
    .init(name: "flow map", yaml: "honor: {title: 全国五一劳动奖章, year: 2019}\n",
          expected: m(("honor", m(("title", .s("全国五一劳动奖章")), ("year", .s("2019")))))),
    .init(name: "flow map with full-width separators", yaml: "honor: {称号：江阴工匠，年份：2016}\n",
          expected: m(("honor", m(("称号", .s("江阴工匠")), ("年份", .s("2016")))))),
    .init(name: "flow map empty value", yaml: "x: {a: , b: 1}\n", expected: m(("x", m(("a", .null), ("b", .s("1")))))),
    .init(name: "block list", yaml: "tags:\n  - 劳模\n  - 工匠\n", expected: m(("tags", .l([.s("劳模"), .s("工匠")])))),
    .init(name: "block list at key's indentation", yaml: "tags:\n- 劳模\n- 工匠\ntitle: x\n",
          expected: m(("tags", .l([.s("劳模"), .s("工匠")])), ("title", .s("x")))),
    .init(name: "block list of quoted and flow items", yaml: "x:\n  - \"a, b\"\n  - [c, d]\n  - 'e'\n",
          expected: m(("x", .l([.s("a, b"), .l([.s("c"), .s("d")]), .s("e")])))),
    .init(name: "honors list of maps", yaml: """
        honors:
          - title: 全国五一劳动奖章
            year: 2019
            level: national
          - title: 江阴工匠
            level: county
        """,
          expected: m(("honors", .l([
              m(("title", .s("全国五一劳动奖章")), ("year", .s("2019")), ("level", .s("national"))),
              m(("title", .s("江阴工匠")), ("level", .s("county"))),
          ])))),
    .init(name: "honors with Chinese keys and full-width colons", yaml: """
        荣誉：
          - 称号： 江阴工匠
            年份： 2016
          - 称号：全国劳模
        """,
          expected: m(("荣誉", .l([m(("称号", .s("江阴工匠")), ("年份", .s("2016"))), m(("称号", .s("全国劳模")))])))),
    .init(name: "honors as flow maps", yaml: "honors:\n  - {title: X, year: 2019}\n  - {title: Y}\n",
          expected: m(("honors", .l([m(("title", .s("X")), ("year", .s("2019"))), m(("title", .s("Y")))])))),
    .init(name: "list item map with nested list", yaml: "x:\n  - a: 1\n    b:\n      - c\n    d: 2\n",
          expected: m(("x", .l([m(("a", .s("1")), ("b", .l([.s("c")])), ("d", .s("2")))])))),
    .init(name: "list item map under an empty dash", yaml: "x:\n  -\n    a: 1\n    b: 2\n",
          expected: m(("x", .l([m(("a", .s("1")), ("b", .s("2")))])))),
    .init(name: "nested list on one line", yaml: "x:\n  - - a\n    - b\n  - c\n",
          expected: m(("x", .l([.l([.s("a"), .s("b")]), .s("c")])))),
    .init(name: "empty value at end", yaml: "cover:\n", expected: m(("cover", .null))),
    .init(name: "empty value before key", yaml: "cover:\ntitle: x\n", expected: m(("cover", .null), ("title", .s("x")))),
    .init(name: "empty value with comment", yaml: "cover: # none yet\ntitle: x\n",
          expected: m(("cover", .null), ("title", .s("x")))),
    .init(name: "null words", yaml: "a: ~\nb: null\nc: NULL\nd: \"null\"\ne: nullable\n",
          expected: m(("a", .null), ("b", .null), ("c", .null), ("d", .s("null")), ("e", .s("nullable")))),
    .init(name: "empty list items", yaml: "x:\n  -\n  - a\n", expected: m(("x", .l([.null, .s("a")])))),
    .init(name: "comments and blank lines", yaml: "# 文章\n\ntitle: x\n  # indented comment\n\n# end\ndate: y\n",
          expected: m(("title", .s("x")), ("date", .s("y")))),
    .init(name: "literal block scalar", yaml: "summary: |\n  第一行\n  第二行\n\n  第四行\ntitle: x\n",
          expected: m(("summary", .s("第一行\n第二行\n\n第四行\n")), ("title", .s("x")))),
    .init(name: "literal strip", yaml: "summary: |-\n  a\n  b\n\n", expected: m(("summary", .s("a\nb")))),
    .init(name: "literal keep", yaml: "summary: |+\n  a\n\n\nx: 1\n", expected: m(("summary", .s("a\n\n\n")), ("x", .s("1")))),
    .init(name: "folded block scalar", yaml: "summary: >\n  a\n  b\n\n  c\n", expected: m(("summary", .s("a b\nc\n")))),
    .init(name: "folded keeps more-indented lines", yaml: "s: >\n  a\n    b\n  c\n", expected: m(("s", .s("a\n  b\nc\n")))),
    .init(name: "block scalar keeps # lines", yaml: "s: |\n  # not a comment\n", expected: m(("s", .s("# not a comment\n")))),
    .init(name: "block scalar with explicit indentation", yaml: "s: |2\n    a\n  b\n", expected: m(("s", .s("  a\nb\n")))),
    .init(name: "multi-line plain scalar", yaml: "summary: 第一段\n  继续\n\n  第二段\ntitle: x\n",
          expected: m(("summary", .s("第一段继续\n第二段")), ("title", .s("x")))),
    .init(name: "value on the next line", yaml: "summary:\n  很长的摘要\ntitle: x\n",
          expected: m(("summary", .s("很长的摘要")), ("title", .s("x")))),
    .init(name: "nested map", yaml: "meta:\n  a: 1\n  b:\n    c: 2\nd: 3\n",
          expected: m(("meta", m(("a", .s("1")), ("b", m(("c", .s("2")))))), ("d", .s("3")))),
    .init(name: "quoted keys", yaml: "\"my key\": v\n'k2'：w\n", expected: m(("my key", .s("v")), ("k2", .s("w")))),
    .init(name: "indented top level", yaml: "  title: x\n  date: y\n", expected: m(("title", .s("x")), ("date", .s("y")))),
    .init(name: "tab after colon", yaml: "title:\tx\n", expected: m(("title", .s("x")))),
    .init(name: "tab inside a value", yaml: "title: a\tb\n", expected: m(("title", .s("a\tb")))),
    .init(name: "negative number", yaml: "n: -5\n", expected: m(("n", .s("-5")))),
    .init(name: "@ and % and backtick start plain text", yaml: "a: @工人日报\nb: %50\nc: `x`\n",
          expected: m(("a", .s("@工人日报")), ("b", .s("%50")), ("c", .s("`x`")))),
    .init(name: "、 in a plain scalar is text", yaml: "tags: 劳模、工匠\n", expected: m(("tags", .s("劳模、工匠")))),
    .init(name: "commas in a plain scalar are text", yaml: "tags: 劳模, 工匠\n", expected: m(("tags", .s("劳模, 工匠")))),
    .init(name: "empty block", yaml: "", expected: m()),
    .init(name: "only comments", yaml: "# nothing\n\n", expected: m()),
    .init(name: "CRLF line endings", yaml: "title: x\r\ntags:\r\n  - a\r\n", expected: m(("title", .s("x")), ("tags", .l([.s("a")])))),
    .init(name: "lone CR line endings", yaml: "title: x\rtags: [a]\r", expected: m(("title", .s("x")), ("tags", .l([.s("a")])))),
    .init(name: "no final line break", yaml: "title: x", expected: m(("title", .s("x")))),
]

@Test(arguments: acceptCases)
func acceptedForms(_ c: AcceptCase) {
    let parsed = parseBlock(c.yaml)
    #expect(parsed.errors.map(E.init) == [])
    #expect(parsed.mapping.plain == c.expected)
}

@Test func scalarStylesAreRecorded() {
    let p = parseBlock("a: x\nb: 'x'\nc: \"x\"\nd: |\n  x\ne: >\n  x\n")
    #expect(p.mapping.entries.map { $0.value.scalar?.style } == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
    #expect(p.mapping["b"]?.scalar?.isQuoted == true)
    #expect(p.mapping["a"]?.scalar?.isQuoted == false)
}

@Test func locationsOfKeysAndValues() {
    let p = parseBlock("""
        title: 太仓市
        标题：劳模
        tags: [劳模, "工匠"]
        honors:
          - 称号： 江阴工匠
            year: 2019
        cover:
        summary: |
          text
        """)
    #expect(p.errors.isEmpty)
    let e = p.mapping.entries
    #expect(e.map(\.keyLocation) == [loc(2, 1), loc(3, 1), loc(4, 1), loc(5, 1), loc(8, 1), loc(9, 1)])
    #expect(e[0].value.location == loc(2, 8))
    #expect(e[1].value.location == loc(3, 4))
    #expect(e[2].value.location == loc(4, 7))
    #expect(e[2].value.items?.map(\.location) == [loc(4, 8), loc(4, 12)])
    #expect(e[3].value.location == loc(6, 3))
    let honor = e[3].value.items?.first?.mapping
    #expect(honor?.entries.map(\.keyLocation) == [loc(6, 5), loc(7, 5)])
    #expect(honor?.entries.first?.value.location == loc(6, 9))
    #expect(honor?.entries.last?.value.location == loc(7, 11))
    #expect(e[4].value == .null(loc(8, 7)))
    #expect(e[5].value.location == loc(9, 10))
}

@Test func wholeFileLocationsCountTheOpeningLineAndSkipTheBOM() {
    let doc = FrontMatter.parse("\u{FEFF}---\r\ntitle: 标题\r\n标签：[a, b]\r\n---\r\n正文\r\n")
    #expect(doc.errors.isEmpty)
    let fm = doc.frontMatter
    #expect(fm?.entries.map(\.keyLocation) == [loc(2, 1), loc(3, 1)])
    #expect(fm?["title"]?.location == loc(2, 8))
    #expect(fm?["标签"]?.location == loc(3, 4))
    #expect(fm?["标签"]?.items?.last?.location == loc(3, 8))
    #expect(doc.body == "正文\r\n")
    #expect(doc.bodyLine == 5)
}

@Test func columnsCountCharactersNotBytes() {
    // Combining marks and emoji take the slow path of the column counter.
    let p = parseBlock("é́: x\n👷‍♀️标题: y\n")
    #expect(p.mapping.entries.map { $0.value.location } == [loc(2, 4), loc(3, 6)])
}
