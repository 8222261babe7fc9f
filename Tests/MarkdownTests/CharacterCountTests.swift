import Testing
@testable import Markdown

@Test(arguments: [
    "", "abc", "工会，改革！ＡＢ", "“引号”—…", "a b\tc\n", "全角　空格", "nbsp\u{A0}x\u{3000}", "é café",
    "e\u{301}x", "か\u{3099}", "ｶﾞ", "中\u{302A}文", "a\u{200D}b", "x\u{20DD}", "👍🏽🇨🇳", "한국어", "\r\n",
])
func characterCountMatchesStringCount(text: String) {
    var text = text
    let all = text.count
    let visible = text.reduce(0) { $1.isWhitespace ? $0 : $0 + 1 }
    text.withUTF8 {
        #expect(characterCount($0, countingWhitespace: true) == all)
        #expect(characterCount($0, countingWhitespace: false) == visible)
    }
}
