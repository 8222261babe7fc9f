import Testing
@testable import Markdown

@Test func plainTextDropsSyntax() {
    let source = """
        # 标题 **一**

        这是*强调*和**加粗**，还有[链接](https://example.com/x "t")与`代码`。
        ![图片说明](a.png)

        - 列表一
        - 列表二

        > 引用
        > 文字

        ```swift
        let x = 1
        ```

        ---

        <div>raw</div>

        最后&amp;一段
        """
    #expect(renderMarkdown(source).plainText == """
        标题 一
        这是强调和加粗，还有链接与代码。
        列表一
        列表二
        引用文字
        let x = 1
        raw
        最后&一段
        """)
}

@Test func softBreaksJoinOnlyBetweenEastAsianCharacters() {
    let source = "工会\n改革，\n“创新”\nunion\nreform\n中文\nEnglish\n１２\n３"
    #expect(renderMarkdown(source).plainText == "工会改革，“创新” union reform 中文 English １２３")
}

@Test func curlyQuotesJoinChineseButNotEachOther() {
    #expect(renderMarkdown("他说：\n“好。”\n“走\n吧”\nokay").plainText == "他说：“好。” “走吧” okay")
}

@Test func hardBreaksAndKoreanKeepTheirSeparation() {
    #expect(renderMarkdown("一行  \n二行").plainText == "一行\n二行")
    #expect(renderMarkdown("한국어\n문장").plainText == "한국어 문장")
}

@Test func softBreakAcrossMarkupUsesTheCharactersAroundIt() {
    #expect(renderMarkdown("工会\n*改革*").plainText == "工会改革")
    #expect(renderMarkdown("word\n*改革*").plainText == "word 改革")
    #expect(renderMarkdown("工会\n![图](a.png)文字").plainText == "工会 文字")
}

@Test func characterCountSkipsWhitespace() {
    let rendered = renderMarkdown("# 标题\n\n工会 改革\n\nab c👍🏽")
    #expect(rendered.plainText == "标题\n工会 改革\nab c👍🏽")
    #expect(rendered.characterCount == 10)
}
