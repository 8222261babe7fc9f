import Testing
@testable import FrontMatter

/// Parses `+++`-fenced TOML front matter: the block starts on line 2.
private func toml(_ block: String) -> FrontMatter.Document {
    FrontMatter.parse("+++\n" + block + "+++\n正文\n")
}

@Test func tomlFrontMatterIsSplitAtPlusLines() throws {
    let doc = toml("title = \"工会送清凉\"\n")
    #expect(doc.format == .toml)
    #expect(doc.errors.isEmpty)
    #expect(doc.frontMatter?.plain == m(("title", .s("工会送清凉"))))
    #expect(String(doc.body) == "正文\n")
    #expect(doc.bodyLine == 4)
    #expect(doc.frontMatter?["title"]?.location == loc(2, 9))
    #expect(doc.frontMatter?.entry("title")?.keyLocation == loc(2, 1))
}

@Test func tomlScalarsBecomeTextTheTypedReadsTake() throws {
    let doc = toml("""
    a = 'C:\\劳模'
    b = "引号\\"和\\u4E2D\\t"
    n = 1_000
    h = 0x1F
    neg = -17
    f = 3.5e2
    t = true
    d1 = 2023-09-01T14:07:00+08:00
    d2 = 2023-09-01 14:07:00
    d3 = 2023-09-01
    d4 = 1979-05-27T00:32:00.999999-07:00
    tm = 07:32:00

    """)
    #expect(doc.errors.map(E.init) == [])
    #expect(doc.frontMatter?.plain == m(
        ("a", .s("C:\\劳模")), ("b", .s("引号\"和中\t")), ("n", .s("1000")), ("h", .s("31")), ("neg", .s("-17")),
        ("f", .s("3.5e2")), ("t", .s("true")), ("d1", .s("2023-09-01T14:07:00+08:00")),
        ("d2", .s("2023-09-01 14:07:00")), ("d3", .s("2023-09-01")), ("d4", .s("1979-05-27T00:32:00.999999-07:00")),
        ("tm", .s("07:32:00"))))
    let fm = try #require(doc.frontMatter)
    #expect(try fm["n"]?.int(for: "n") == 1000)
    #expect(try fm["t"]?.bool(for: "t") == true)
    let d1 = try #require(try fm["d1"]?.localDateTime(for: "d1"))
    #expect(d1.utcOffset == 8 * 3600)
    #expect(d1.hour == 14)
    #expect(try fm["d4"]?.localDateTime(for: "d4").utcOffset == -7 * 3600)
}

@Test func tomlMultiLineStrings() {
    let doc = toml("""
    summary = \"\"\"
    第一行
    第二行\\
       接上\"\"\"
    raw = '''
    原样 \\n
    保留'''

    """)
    #expect(doc.errors.map(E.init) == [])
    #expect(doc.frontMatter?.plain == m(("summary", .s("第一行\n第二行接上")), ("raw", .s("原样 \\n\n保留"))))
}

@Test func tomlArraysInlineTablesAndComments() {
    let doc = toml("""
    # 注释
    tags = ["劳模", "工匠",  # 行尾注释
      "职工",
    ]
    empty = []
    nested = [[1, 2], ["a"]]
    honor = { title = "五一劳动奖章", year = 2019 }
    site.params.color = "red"
    "标 题" = "引号键"
    标题 = "裸中文键"

    """)
    #expect(doc.errors.map(E.init) == [])
    #expect(doc.frontMatter?.plain == m(
        ("tags", .l([.s("劳模"), .s("工匠"), .s("职工")])), ("empty", .l([])),
        ("nested", .l([.l([.s("1"), .s("2")]), .l([.s("a")])])),
        ("honor", m(("title", .s("五一劳动奖章")), ("year", .s("2019")))),
        ("site", m(("params", m(("color", .s("red")))))),
        ("标 题", .s("引号键")), ("标题", .s("裸中文键"))))
    #expect(doc.frontMatter?["tags"]?.location == loc(3, 8))
    #expect(doc.frontMatter?["tags"]?.items?[2].location == loc(4, 3))
}

@Test func tomlTablesAndArraysOfTables() throws {
    let doc = toml("""
    name = "张三"

    [[honors]]
    title = "全国劳动模范"
    year = 2020

    [[honors]]
    title = "省五一劳动奖章"
    level = "provincial"

    [params]
    color = "red"

    [params.deep]
    x = 1

    """)
    #expect(doc.errors.map(E.init) == [])
    #expect(doc.frontMatter?.plain == m(
        ("name", .s("张三")),
        ("honors", .l([m(("title", .s("全国劳动模范")), ("year", .s("2020"))),
                       m(("title", .s("省五一劳动奖章")), ("level", .s("provincial")))])),
        ("params", m(("color", .s("red")), ("deep", m(("x", .s("1"))))))))
    let honors = try #require(doc.frontMatter?["honors"])
    #expect(honors.location == loc(4, 3))
    #expect(honors.items?[1].location == loc(8, 3))
    #expect(honors.items?[1].mapping?.entry("level")?.keyLocation == loc(10, 1))
    let n = try #require(doc.frontMatter).normalized(with: .honoree)
    #expect(n.unknownKeys.map(\.key) == ["params"])
}

struct TOMLErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var block: String
    var error: E
    var testDescription: String { name }
}

let tomlErrorCases: [TOMLErrorCase] = [
    .init(name: "unquoted text", block: "title = 全国劳模\n",
          error: E(2, 9, "`全国劳模` is not a TOML value for `title`: expected text in quotes (`\"…\"`), a number, true or false, a date, `[` or `{`")),
    .init(name: "YAML colon", block: "title: \"x\"\n",
          error: E(2, 6, "expected `=` after key `title`, found `:`: TOML front matter (between `+++` lines) writes `key = value`")),
    .init(name: "no equals", block: "title \"x\"\n",
          error: E(2, 7, "missing `=` after key `title`: expected `key = value`")),
    .init(name: "missing value", block: "title =\n",
          error: E(2, 8, "missing value after `title =`: expected text in quotes, a number, true or false, a date, `[` or `{`")),
    .init(name: "unclosed string", block: "title = \"abc\n",
          error: E(2, 9, "missing closing `\"`: a TOML string ends on its own line (for text over several lines use `\"\"\"`)")),
    .init(name: "unclosed multi-line string", block: "s = '''abc\n",
          error: E(2, 5, "missing closing `'''`: expected it to end the text that starts here")),
    .init(name: "unclosed array", block: "tags = [\"a\",\n  \"b\"\n",
          error: E(2, 8, "`[` is never closed: expected `]` to end the list")),
    .init(name: "missing comma", block: "tags = [\"a\" \"b\"]\n",
          error: E(2, 13, "expected `,` or `]` after an item of the list, found `\"b\"`")),
    .init(name: "inline table separator", block: "h = {a = 1; b = 2}\n",
          error: E(2, 10, "`1;` is not a TOML value for `a`: expected text in quotes (`\"…\"`), a number, true or false, a date, `[` or `{`")),
    .init(name: "text after value", block: "year = 2019 年\n",
          error: E(2, 13, "unexpected `年` after the value: expected the end of the line (a comment starts with `#`)")),
    .init(name: "duplicate key", block: "title = \"a\"\ntitle = \"b\"\n",
          error: E(3, 1, "duplicate key `title`: it is already set on line 2; each key may appear only once")),
    .init(name: "table twice", block: "[a]\nx = 1\n[a]\n",
          error: E(4, 1, "`[a]` is defined twice: `a` is already set on line 2; each table may appear only once")),
    .init(name: "array of tables over a value", block: "honors = 1\n[[honors]]\n",
          error: E(3, 1, "`[[honors]]` names `honors`, which is already set on line 2 to something that is not a list of tables: use another name")),
    .init(name: "dotted key over a value", block: "a = 1\na.b = 2\n",
          error: E(3, 1, "`a.b` cannot add to `a`: it is already set on line 2; each key may appear only once")),
    .init(name: "text after a table name", block: "[params] x = 1\n",
          error: E(2, 10, "unexpected `x` after the table name: expected the end of the line (a comment starts with `#`)")),
    .init(name: "unclosed header", block: "[params\n",
          error: E(2, 8, "expected `]` to end the table name, found the end of the line")),
    .init(name: "bad date", block: "date = 2023-02-30\n",
          error: E(2, 16, "`2023-02-30` is not a valid date for `date`: day must be 1 to 28 in February 2023, found 30")),
    .init(name: "bad escape", block: "t = \"a\\qb\"\n",
          error: E(2, 7, "unknown escape `\\q` in a string: expected one of \\n \\t \\\" \\\\ \\uXXXX (write `\\\\` for a backslash, or use '…' for text with backslashes)")),
    .init(name: "leading zero", block: "n = 007\n",
          error: E(2, 5, "`007` is not a TOML value for `n`: expected text in quotes (`\"…\"`), a number, true or false, a date, `[` or `{`")),
    .init(name: "missing key", block: "= 1\n",
          error: E(2, 1, "missing key before `=`: expected a key such as `title` or `\"标题\"`")),
]

@Test(arguments: tomlErrorCases)
func tomlErrorsAreLocated(_ c: TOMLErrorCase) {
    let doc = toml(c.block)
    #expect(doc.errors.map(E.init) == [c.error])
}

@Test func unterminatedTOMLFrontMatter() {
    let doc = FrontMatter.parse("+++\ntitle = \"x\"\n")
    #expect(doc.errors.map(E.init) == [E(1, 1, "front matter starts here but never ends: expected a line `+++` after it")])
    #expect(doc.frontMatter == nil)
}

@Test func tomlKeysAreNormalisedLikeYAML() throws {
    let doc = toml("标题 = \"x\"\n\"日期\" = 2023-09-01\n")
    let n = try #require(doc.frontMatter).normalized(with: .article)
    #expect(n.mapping.keys == ["title", "date"])
    #expect(n.unknownKeys.isEmpty)
}

/// Each part of a dotted key or table name is a table nested in the one before: 10,000 parts
/// overflowed the stack; past 64 it is the nesting error, at the key.
@Test func aDottedKeyOfThousandsOfPartsIsTheNestingError() {
    let key = Array(repeating: "a", count: 10000).joined(separator: ".")
    for block in ["title = \"题\"\n\(key) = 1", "[\(key)]\nx = 1"] {
        let doc = FrontMatter.parse("+++\n\(block)\n+++\n正文\n")
        #expect(doc.errors.map(\.description) == ["\(block.hasPrefix("[") ? 2 : 3):\(block.hasPrefix("[") ? 2 : 1): lists and maps nested more than 64 deep: expected at most 64 levels"])
    }
    let fine = Array(repeating: "a", count: 64).joined(separator: ".")
    #expect(FrontMatter.parse("+++\n\(fine) = 1\n+++\n").errors.isEmpty)
}

/// TOML's `inf` and `nan` come out in YAML's spelling, which typed reads know as floats; a sign or
/// `_` right after `0x`/`0o`/`0b` is not TOML.
@Test func tomlInfinitiesAreYAMLsAndSignedRadixNumbersAreErrors() {
    #expect(toml("a = inf\nb = -inf\nc = nan\nd = +inf\n").frontMatter?.plain
        == m(("a", .s(".inf")), ("b", .s("-.inf")), ("c", .s(".nan")), ("d", .s(".inf"))))
    for bad in ["0x-5", "0x+7", "0o_7"] {
        #expect(toml("n = \(bad)\n").errors.map(\.description)
            == ["2:5: `\(bad)` is not a TOML value for `n`: expected text in quotes (`\"…\"`), a number, true or false, a date, `[` or `{`"])
    }
}
