import Testing
@testable import FrontMatter

struct SplitCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var block: String?
    var body: String
    var bodyLine: Int
    var testDescription: String { name }
}

let splitCases: [SplitCase] = [
    .init(name: "LF", text: "---\ntitle: x\n---\nbody\n", block: "title: x\n", body: "body\n", bodyLine: 4),
    .init(name: "CRLF", text: "---\r\ntitle: x\r\n---\r\nbody\r\n", block: "title: x\r\n", body: "body\r\n", bodyLine: 4),
    .init(name: "lone CR", text: "---\rtitle: x\ra: b\r---\rbody", block: "title: x\ra: b\r", body: "body", bodyLine: 5),
    .init(name: "BOM", text: "\u{FEFF}---\ntitle: x\n---\nbody", block: "title: x\n", body: "body", bodyLine: 4),
    .init(name: "closing ...", text: "---\ntitle: x\n...\nbody", block: "title: x\n", body: "body", bodyLine: 4),
    .init(name: "fences with trailing spaces", text: "--- \ntitle: x\n---\t\nbody", block: "title: x\n", body: "body", bodyLine: 4),
    .init(name: "empty front matter", text: "---\n---\nbody", block: "", body: "body", bodyLine: 3),
    .init(name: "closing line at end of file", text: "---\na: 1\n---", block: "a: 1\n", body: "", bodyLine: 4),
    .init(name: "body keeps later --- lines", text: "---\na: 1\n---\nx\n---\ny\n", block: "a: 1\n", body: "x\n---\ny\n", bodyLine: 4),
    .init(name: "no front matter", text: "# 标题\n正文\n", block: nil, body: "# 标题\n正文\n", bodyLine: 1),
    .init(name: "no front matter, BOM stripped", text: "\u{FEFF}正文", block: nil, body: "正文", bodyLine: 1),
    .init(name: "---- is not a fence", text: "----\na: 1\n", block: nil, body: "----\na: 1\n", bodyLine: 1),
    .init(name: "indented --- is not a fence", text: " ---\na: 1\n", block: nil, body: " ---\na: 1\n", bodyLine: 1),
    .init(name: "empty file", text: "", block: nil, body: "", bodyLine: 1),
]

@Test(arguments: splitCases)
func splits(_ c: SplitCase) throws {
    let s = try FrontMatter.split(c.text).get()
    #expect(s.block.map(String.init) == c.block)
    #expect(String(s.body) == c.body)
    #expect(s.bodyLine == c.bodyLine)
    if c.block != nil { #expect(s.blockLine == 2) }
}

@Test(arguments: ["---\ntitle: x\n", "---", "\u{FEFF}---\r\na: 1\r\n", "---\n--\n"])
func unterminatedFrontMatter(_ text: String) {
    #expect(throws: FrontMatterError(line: 1, column: 1,
        message: "front matter starts here but never ends: expected a line `---` after it")) {
        try FrontMatter.split(text).get()
    }
}

@Test func documentWithoutFrontMatterHasNoMapping() {
    let doc = FrontMatter.parse("正文\n")
    #expect(doc.frontMatter == nil)
    #expect(doc.errors.isEmpty)
    #expect(doc.body == "正文\n")
}

@Test func documentWithBadFrontMatterStillHasItsBody() {
    let doc = FrontMatter.parse("---\ntitle 太仓\ndate: 2023-09-01\n---\n正文\n")
    #expect(doc.errors.map(E.init) == [E(2, 6, "missing `:` after key `title`: expected `key: value`")])
    #expect(doc.frontMatter?.plain == m(("date", .s("2023-09-01"))))
    #expect(doc.body == "正文\n")
    #expect(doc.bodyLine == 5)
}

@Test func wholeFileYAMLStartsAtLineOne() {
    let p = FrontMatter.parse(yaml: "\u{FEFF}title: 工会\nmenus:\n  - name: 首页\n    url: /\n")
    #expect(p.errors.isEmpty)
    #expect(p.mapping.plain == m(("title", .s("工会")), ("menus", .l([m(("name", .s("首页")), ("url", .s("/")))]))))
    #expect(p.mapping.entries.map(\.keyLocation) == [loc(1, 1), loc(2, 1)])
}
