import Testing
@testable import FrontMatter

// The YAML that editors of Hugo and Jekyll sites write: quoted text over several lines, anchors
// and aliases, YAML 1.1 booleans, dates with `+0800`, empty dates.

@Test func doubleQuotedTextOverSeveralLinesIsFolded() {
    let p = parseBlock("title: \"全国总工会\n  召开会议  \n\n  部署工作\"\ndate: 2023-09-01\n")
    #expect(p.errors.map(E.init) == [])
    #expect(p.mapping.plain == m(("title", .s("全国总工会召开会议\n部署工作")), ("date", .s("2023-09-01"))))
    #expect(p.mapping["title"]?.location == loc(2, 8))
    #expect(p.mapping["title"]?.scalar?.style == .doubleQuoted)
    #expect(p.mapping.entry("date")?.keyLocation == loc(6, 1))
}

@Test func escapedLineBreakJoinsLinesInDoubleQuotes() {
    let p = parseBlock("title: \"职工\\\n    书屋 \\t\n  开放\"\n")
    #expect(p.errors.map(E.init) == [])
    #expect(p.mapping["title"]?.scalar?.text == "职工书屋 \t 开放")
}

@Test func singleQuotedTextOverSeveralLines() {
    let p = parseBlock("title: '劳模''s\n  故事'\n")
    #expect(p.errors.map(E.init) == [])
    #expect(p.mapping["title"]?.scalar?.text == "劳模's 故事")
}

@Test func quotedTextMayContinueAtColumnOne() {
    // PyYAML and Yams read this; continuation lines that look like `key:` end the search instead.
    let p = parseBlock("title: \"第一段\n第二段\"\ntags: [a]\n")
    #expect(p.errors.map(E.init) == [])
    #expect(p.mapping.plain == m(("title", .s("第一段第二段")), ("tags", .l([.s("a")]))))
}

@Test func quotedTextOverLinesInAListItem() {
    let p = parseBlock("tags:\n  - \"长的\n    标签\"\n  - b\n")
    #expect(p.errors.map(E.init) == [])
    #expect(p.mapping.plain == m(("tags", .l([.s("长的标签"), .s("b")]))))
}

@Test func textAfterTheClosingQuoteOnALaterLine() {
    let p = parseBlock("title: \"a\n  b\" c\n")
    #expect(p.errors.map(E.init) == [E(3, 6, "unexpected text after the closing quote: expected the end of the line (put all of the value inside the quotes)")])
}

@Test func plainAndBlockScalarsOverSeveralLines() {
    let p = parseBlock("summary: 第一行\n  第二行\n\n  第四行\nlit: |\n  甲\n  乙\nfold: >\n  甲\n  乙\n")
    #expect(p.errors.map(E.init) == [])
    #expect(p.mapping.plain == m(("summary", .s("第一行第二行\n第四行")), ("lit", .s("甲\n乙\n")), ("fold", .s("甲乙\n"))))
}

@Test func anchorsAndAliasesRepeatAValue() throws {
    let p = parseBlock("""
        tags: &t [甲, 乙]
        keywords: *t
        author: &who 张三
        editor: *who
        honor: &h
          title: 先进
          year: 2019
        honors:
          - *h
          - *who
        list: [*who, 丙]

        """)
    #expect(p.errors.map(E.init) == [])
    #expect(p.mapping.plain == m(
        ("tags", .l([.s("甲"), .s("乙")])), ("keywords", .l([.s("甲"), .s("乙")])),
        ("author", .s("张三")), ("editor", .s("张三")),
        ("honor", m(("title", .s("先进")), ("year", .s("2019")))),
        ("honors", .l([m(("title", .s("先进")), ("year", .s("2019"))), .s("张三")])),
        ("list", .l([.s("张三"), .s("丙")]))))
    // An alias's value keeps the locations where it was written, as YAML parsers report them.
    #expect(p.mapping["keywords"]?.location == loc(2, 10))
    #expect(p.mapping["editor"]?.location == loc(4, 14))
}

@Test func anchoredValueBelowItsKey() {
    let p = parseBlock("tags: &t\n  - 甲\n  - 乙\nkeywords: *t # 同上\n")
    #expect(p.errors.map(E.init) == [])
    #expect(p.mapping.plain == m(("tags", .l([.s("甲"), .s("乙")])), ("keywords", .l([.s("甲"), .s("乙")]))))
}

@Test(arguments: [("yes", true), ("Yes", true), ("NO", false), ("on", true), ("On", true), ("OFF", false), ("off", false)])
func yaml11BooleansForDraft(_ text: String, _ expected: Bool) throws {
    let p = parseBlock("draft: \(text)\n")
    #expect(try p.mapping["draft"]?.bool(for: "draft") == expected)
}

@Test(arguments: [
    ("2018-03-01 10:20:00 +0800", 1_519_870_800.0),
    ("2018-03-01T10:20:00+0800", 1_519_870_800.0),
    ("2018-03-01 +0800", 1_519_833_600.0),
    ("2019-2-6", 1_549_382_400.0),
])
func dateOffsetsEditorsWrite(_ text: String, _ seconds: Double) throws {
    let p = parseBlock("date: \(text)\n")
    #expect(try p.mapping["date"]?.date(for: "date").timeIntervalSince1970 == seconds)
}

@Test func anEmptyDateIsAnEmptyScalarNotAnError() throws {
    let doc = FrontMatter.parse("---\ntitle: x\ndate: \"\"\n---\n正文\n")
    #expect(doc.errors.isEmpty)
    let date = try #require(doc.frontMatter?["date"])
    #expect(date.scalar?.text == "")
    #expect(date.location == loc(3, 7))
    #expect(date.isEmptyValue)
    #expect(FrontMatter.parse("---\ndate:\n---\n").frontMatter?["date"]?.isEmptyValue == true)
    #expect(FrontMatter.parse("---\ndate: ' '\n---\n").frontMatter?["date"]?.isEmptyValue == true)
    #expect(FrontMatter.parse("---\ndate: 2023-09-01\n---\n").frontMatter?["date"]?.isEmptyValue == false)
}

@Test func capitalisedKeysFromOtherGeneratorsAreKnown() throws {
    let doc = FrontMatter.parse("---\nTitle: 劳模风采\nDate: 2023-09-01\nTAGS: [劳模]\n标题二: x\n---\n")
    let n = try #require(doc.frontMatter).normalized(with: .article)
    #expect(n.mapping.keys == ["title", "date", "tags", "标题二"])
    #expect(n.unknownKeys.map(\.key) == ["标题二"])
}

/// YAML folds a line break into a space; between two East Asian wide characters we put nothing, as
/// the Markdown renderer does, so a Chinese title over two lines shows no stray space. Next to
/// Latin text or digits the space stays.
@Test func lineBreaksBetweenChineseCharactersFoldToNothing() {
    let p = parseBlock("a: \"工会送清凉\n  活动\"\nb: 运动会共有八个项目，\n  近千名职工参加\nc: >\n  第一句。\n  Second line\n  2024 年\nd: \"第一 \n  第二\"\n", firstLine: 1)
    #expect(p.errors.map(E.init) == [])
    #expect(p.mapping.plain == m(("a", .s("工会送清凉活动")), ("b", .s("运动会共有八个项目，近千名职工参加")),
                                 ("c", .s("第一句。 Second line 2024 年\n")), ("d", .s("第一第二"))))
}

/// Aliases repeat whole values: twenty lines can stand for a million values, which every later
/// walk would go through. Past 10,000 repeated values, or 64 levels, it is an error.
@Test func aliasesThatRepeatTooMuchOrNestTooDeepAreErrors() {
    var bomb = "title: 炸弹\nx0: &x0 [a, a]\n"
    for n in 1...30 { bomb += "x\(n): &x\(n) [*x\(n - 1), *x\(n - 1)]\n" }
    let p = parseBlock(bomb, firstLine: 1)
    #expect(p.errors.map(E.init).first?.message.hasPrefix("the aliases of this front matter repeat more than 10000 values") == true)
    var chain = "a0: &a0 [x]\n"
    for n in 1...70 { chain += "a\(n): &a\(n) [*a\(n - 1)]\n" }
    #expect(parseBlock(chain, firstLine: 1).errors.map(E.init).first?.message == "lists and maps nested more than 64 deep: expected at most 64 levels")
    #expect(parseBlock("a: &t [甲, 乙]\nb: *t\nc: [*t, *t]\n", firstLine: 1).errors.isEmpty)
}

/// YAML allows nothing under an alias: indented lines below it were dropped without a word.
@Test func linesIndentedUnderAnAliasAreAnError() {
    let p = parseBlock("a: &x 1\nb: *x\n  c: 2\nd: 3\n", firstLine: 1)
    #expect(p.errors.map(E.init).map(\.description) == ["3:3: nothing may be indented under the alias `*x`: it stands for the whole value; write the value out, or put these lines under another key"])
    #expect(parseBlock("tags: &t [a]\nmore: *t\nnext: x\n", firstLine: 1).errors.isEmpty)
}
