import Testing
@testable import FrontMatter

/// One bad front matter block and every error it must report (the block's first line is line 2).
struct RejectCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var errors: [E]
    /// What is still read around the errors, when the case checks recovery.
    var recovered: P? = nil
    var testDescription: String { name }
}

let rejectCases: [RejectCase] = [
    .init(name: "missing colon", yaml: "title 太仓市\n",
          errors: [E(2, 6, "missing `:` after key `title`: expected `key: value`")]),
    .init(name: "missing colon after a Chinese key", yaml: "标题 劳模\n",
          errors: [E(2, 3, "missing `:` after key `标题`: expected `key: value`")]),
    .init(name: "missing space after colon", yaml: "title:太仓\n",
          errors: [E(2, 6, "missing space after `:` in `title:太仓`: expected `key: value`, with a space after `:`")]),
    .init(name: "missing key", yaml: ": x\n", errors: [E(2, 1, "missing key before `:`: expected `key: value`")]),
    .init(name: "tab indentation", yaml: "honors:\n\t- title: x\n",
          errors: [E(3, 1, "tab used for indentation: YAML does not allow tabs here, use spaces")],
          recovered: m(("honors", .null))),
    .init(name: "tab after spaces in indentation", yaml: "honors:\n  - title: x\n  \tyear: 2019\n",
          errors: [E(4, 3, "tab used for indentation: YAML does not allow tabs here, use spaces")],
          recovered: m(("honors", .l([m(("title", .s("x")))])))),
    .init(name: "duplicate key", yaml: "title: a\ndate: d\ntitle: b\n",
          errors: [E(4, 1, "duplicate key `title`: it is already set on line 2; each key may appear only once")],
          recovered: m(("title", .s("a")), ("date", .s("d")))),
    .init(name: "duplicate key in an honor", yaml: "honors:\n  - title: a\n    title: b\n",
          errors: [E(4, 5, "duplicate key `title`: it is already set on line 3; each key may appear only once")]),
    .init(name: "honor key indented too far", yaml: """
        honors:
          - title: 全国五一劳动奖章
             year: 2019
            level: national
        """,
          errors: [E(4, 6, "bad indentation of `year`: found column 6, expected column 5, in line with `title` on line 3")],
          recovered: m(("honors", .l([m(("title", .s("全国五一劳动奖章")), ("level", .s("national")))])))),
    .init(name: "honor key indented too little", yaml: """
        honors:
          - title: 全国五一劳动奖章
           year: 2019
          - title: 江阴工匠
        """,
          errors: [E(4, 4, "bad indentation of `year`: found column 4, expected column 5, in line with `title` on line 3")],
          recovered: m(("honors", .l([m(("title", .s("全国五一劳动奖章"))), m(("title", .s("江阴工匠")))])))),
    .init(name: "key indented under a key with a value", yaml: "title: x\n  date: y\nz: 1\n",
          errors: [E(3, 3, "bad indentation of `date`: found column 3, expected column 1, in line with `title` on line 2 (a line that continues the text above may not look like `key: value`: for long text use `|` or `>`)")],
          recovered: m(("title", .s("x")), ("z", .s("1")))),
    .init(name: "continued text that looks like a key", yaml: "summary: 第一段\n  工会主席：张三\n",
          errors: [E(3, 3, "bad indentation of `工会主席`: found column 3, expected column 1, in line with `summary` on line 2 (a line that continues the text above may not look like `key: value`: for long text use `|` or `>`)")]),
    .init(name: "nested key misaligned", yaml: "meta:\n    a: 1\n  b: 2\n",
          errors: [E(4, 3, "bad indentation of `b`: found column 3, expected column 5, in line with `a` on line 3")]),
    .init(name: "list item where a key is expected", yaml: "title: x\n- a\n",
          errors: [E(3, 1, "unexpected list item: expected `key: value` at column 1; a list goes on the lines below a `key:` line")]),
    .init(name: "text where a list item is expected", yaml: "tags:\n  - a\n  b\n",
          errors: [E(4, 3, "expected a list item `- …` at column 3, found `b`")]),
    .init(name: "list item misaligned", yaml: "tags:\n  - a\n   - b\n",
          errors: [E(4, 4, "bad indentation: found column 4, expected column 3")]),
    .init(name: "unterminated double quote", yaml: "title: \"abc\ndate: x\n",
          errors: [E(2, 8, "missing closing `\"`: expected a `\"` to end the value, on this line or on the lines that continue it before the next `key:`")],
          recovered: m(("title", .null), ("date", .s("x")))),
    .init(name: "unterminated double quote over lines", yaml: "title: \"abc\n  def\n\n  ghi\ndate: x\n",
          errors: [E(2, 8, "missing closing `\"`: expected a `\"` to end the value, on this line or on the lines that continue it before the next `key:`")],
          recovered: m(("title", .null), ("date", .s("x")))),
    .init(name: "unterminated single quote", yaml: "title: 'abc\n",
          errors: [E(2, 8, "missing closing `'`: expected a `'` to end the value, on this line or on the lines that continue it before the next `key:`")]),
    .init(name: "unterminated quote in a flow list", yaml: "tags: [\"abc]\n",
          errors: [E(2, 8, "missing closing `\"`: a quoted value must end on the same line (for long text use `|` or `>`)")]),
    .init(name: "text after closing quote", yaml: "title: \"a\" b\n",
          errors: [E(2, 12, "unexpected text after the closing quote: expected the end of the line (put all of the value inside the quotes)")]),
    .init(name: "unknown escape", yaml: "title: \"a\\qb\"\n",
          errors: [E(2, 10, "unknown escape `\\q` in a double-quoted value: expected one of \\n \\t \\\" \\\\ \\uXXXX (write `\\\\` for a backslash)")]),
    .init(name: "short \\u escape", yaml: "title: \"\\u12\"\n",
          errors: [E(2, 9, "expected 4 hex digits after `\\u` in a double-quoted value")]),
    .init(name: "surrogate \\u escape", yaml: "title: \"\\uD800\"\n",
          errors: [E(2, 9, "`\\uD800` is not a Unicode character: expected a code point outside U+D800–U+DFFF and at most U+10FFFF")]),
    .init(name: "flow list never closed", yaml: "tags: [a, b\ntitle: x\n",
          errors: [E(2, 7, "`[` is never closed: expected `]` to end the list, on this line or on lines indented under it")],
          recovered: m(("tags", .null), ("title", .s("x")))),
    .init(name: "flow map never closed", yaml: "h: {a: 1\n",
          errors: [E(2, 4, "`{` is never closed: expected `}` to end the map, on this line or on lines indented under it")]),
    .init(name: "、 between flow items", yaml: "tags: [劳模、工匠]\n",
          errors: [E(2, 10, "`、` does not separate items: write `,` (or `，`) between items, or put the item in quotes if `、` is part of it")]),
    .init(name: "pair inside a flow list", yaml: "tags: [a: b]\n",
          errors: [E(2, 9, "a `key: value` pair inside `[…]` is not supported: write `{key: value}`, or put the item in quotes")]),
    .init(name: "empty flow item", yaml: "tags: [a, , b]\n", errors: [E(2, 11, "empty item before `,`: expected a value")]),
    .init(name: "text after flow list", yaml: "tags: [a] b\n",
          errors: [E(2, 11, "unexpected text after `]`: expected the end of the line")]),
    .init(name: "wrong closer", yaml: "tags: [a}\n",
          errors: [E(2, 9, "expected `,` or `]` after an item of the list, found `}`")]),
    .init(name: "flow map key without colon", yaml: "h: {a b}\n",
          errors: [E(2, 8, "missing `:` after key `a b` in `{…}`: expected `{key: value, …}`")]),
    .init(name: "duplicate flow map key", yaml: "h: {a: 1, a: 2}\n",
          errors: [E(2, 11, "duplicate key `a`: it is already set at 2:5; each key may appear only once")]),
    .init(name: "list on the key's line", yaml: "tags: - a\n",
          errors: [E(2, 7, "a list cannot start on the same line as `tags:`: put each `- item` on its own line below, indented, or write `[a, b]`")]),
    .init(name: "alias to an unknown anchor", yaml: "title: *劳模*\n",
          errors: [E(2, 8, "unknown alias `*劳模*`: no value above is marked `&劳模*`; expected an anchor `&劳模*` before it, or put the value in quotes")]),
    .init(name: "alias before its anchor", yaml: "a: *t\nb: &t x\n",
          errors: [E(2, 4, "unknown alias `*t`: no value above is marked `&t`; expected an anchor `&t` before it, or put the value in quotes")]),
    .init(name: "alias in a flow list to an unknown anchor", yaml: "tags: [a, *t]\n",
          errors: [E(2, 11, "unknown alias `*t`: no value above is marked `&t`; expected an anchor `&t` before it, or put the value in quotes")]),
    .init(name: "anchor inside a flow list", yaml: "tags: [&t a]\n",
          errors: [E(2, 8, "an item inside `[…]` or `{…}` cannot start with `&`: an anchor marks a whole value (`key: &name …`); put the item in quotes")]),
    .init(name: "text after an alias", yaml: "a: &t x\nb: *t y\n",
          errors: [E(3, 7, "unexpected text after the alias `*t`: expected the end of the line")]),
    .init(name: "empty anchor name", yaml: "a: & x\n",
          errors: [E(2, 4, "missing anchor name after `&`: expected `&name` then the value")]),
    .init(name: "merge key", yaml: "base: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n",
          errors: [E(4, 3, "merge keys `<<` are not supported: write the keys out in this map (an alias `*name` may stand for a whole value)")]),
    .init(name: "tag", yaml: "year: !!str 2019\n",
          errors: [E(2, 7, "a value cannot start with `!`: YAML reads it as a tag, which front matter does not support; put the value in quotes")]),
    .init(name: "text after block scalar indicator", yaml: "summary: | text\n",
          errors: [E(2, 12, "unexpected text after `|`: the text of a block scalar starts on the next line, indented")]),
    .init(name: "every bad line is reported", yaml: """
        title 太仓
        date: 2023-09-01
        author 张三
        tags: [a
        editor: x
        editor: y
        """,
          errors: [
            E(2, 6, "missing `:` after key `title`: expected `key: value`"),
            E(4, 7, "missing `:` after key `author`: expected `key: value`"),
            E(5, 7, "`[` is never closed: expected `]` to end the list, on this line or on lines indented under it"),
            E(7, 1, "duplicate key `editor`: it is already set on line 6; each key may appear only once"),
          ],
          recovered: m(("date", .s("2023-09-01")), ("tags", .null), ("editor", .s("x")))),
    .init(name: "lines under a bad key are skipped with it", yaml: "honors\n  - title: x\n  - title: y\nname: z\n",
          errors: [E(2, 7, "missing `:` after key `honors`: expected `key: value`")],
          recovered: m(("name", .s("z")))),
]

@Test(arguments: rejectCases)
func rejectedForms(_ c: RejectCase) {
    let parsed = parseBlock(c.yaml)
    #expect(parsed.errors.map(E.init) == c.errors)
    if let recovered = c.recovered {
        #expect(parsed.mapping.plain == recovered)
    }
}

@Test func unterminatedFrontMatterIsReportedAtTheOpeningLine() {
    let doc = FrontMatter.parse("---\ntitle: x\n\n正文\n")
    #expect(doc.errors.map(E.init) == [E(1, 1, "front matter starts here but never ends: expected a line `---` after it")])
    #expect(doc.frontMatter == nil)
}
