import Diagnostics
import Testing
@testable import FrontMatter

@Test func rendersFileLineColumnTheLineAndACaret() {
    let source = "---\ntitle 太仓市\n---\n"
    let e = FrontMatterError(line: 2, column: 6, message: "missing `:` after key `title`: expected `key: value`")
    #expect(e.description(file: "content/news/a.md", source: source) == """
        content/news/a.md:2:6: missing `:` after key `title`: expected `key: value`
        2 | title 太仓市
          |      ^
        """)
}

@Test func caretLinesUpUnderWideCharacters() {
    let source = "\u{FEFF}---\r\n标题：劳模\r\n年份： 二〇一九\r\n---\r\n"
    let e = FrontMatterError(line: 3, column: 5, message: "expected a whole number for `年份`, found `二〇一九`")
    #expect(e.description(file: "h.md", source: source) == """
        h.md:3:5: expected a whole number for `年份`, found `二〇一九`
        3 | 年份： 二〇一九
          |        ^
        """)
}

@Test func caretCopiesTabs() {
    let source = "---\n\ttitle: x\n---\n"
    let e = FrontMatterError(line: 2, column: 2, message: "m")
    #expect(e.description(file: "a.md", source: source) == "a.md:2:2: m\n2 | \ttitle: x\n  | \t^")
}

@Test func lineNumbersWithLoneCRAndAWideGutter() {
    let source = String(repeating: "a: 1\r", count: 11) + "x: 2\r"
    let e = FrontMatterError(line: 12, column: 1, message: "m")
    #expect(e.description(file: "a.md", source: source) == "a.md:12:1: m\n12 | x: 2\n   | ^")
}

@Test func aLineOutsideTheSourceRendersTheMessageOnly() {
    #expect(FrontMatterError(line: 9, column: 1, message: "m").description(file: "a.md", source: "x\n") == "a.md:9:1: m")
}

@Test func parsedErrorsRenderAgainstTheWholeFile() {
    let source = "---\n标题：劳模\n作者 张三\n---\n正文\n"
    let doc = FrontMatter.parse(source)
    #expect(doc.errors.map { $0.description(file: "a.md", source: source) } == ["""
        a.md:3:3: missing `:` after key `作者`: expected `key: value`
        3 | 作者 张三
          |     ^
        """])
}

@Test(arguments: [("a", 1), ("中", 2), ("：", 2), ("한", 2), ("あ", 2), ("é", 1), ("\u{301}", 0), ("😀", 2), ("，", 2), ("、", 2)])
func displayWidths(_ ch: Character, _ width: Int) {
    #expect(displayWidth(of: ch) == width)
}
