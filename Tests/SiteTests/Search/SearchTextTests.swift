import Foundation
import Testing
@testable import Site

// The terms search finds text by (SearchText): pairs of Han characters, words, the pairs where a
// word touches a Han character, and single Han characters of titles; all folded.

/// The terms of `text` (its first `title` UTF-16 units a title), each spelled out, at its position.
private func terms(_ text: String, title: Int = 0) -> [String] {
    var out: [String] = []
    Array(text.utf8).withUnsafeBufferPointer { buffer in
        SearchText.terms(buffer, titleEnd: title) { key, position, word in
            let spelling = SearchText.Key.isWord(key) ? Array(word) : SearchText.Key.spelling(key, words: [:])
            out.append(String(decoding: spelling.map { $0 == 1 ? UInt8(ascii: "^") : $0 }, as: UTF8.self) + "@\(position)")
        }
    }
    return out
}

@Test func hanTextIsEveryPairOfNeighbours() {
    #expect(terms("工会主席") == ["工会@0", "会主@1", "主席@2"])
    // Punctuation and spaces end a run: no pair spans them.
    #expect(terms("工会，主席 好") == ["工会@0", "主席@3"])
}

@Test func numbersArePairsOfDigitsAndWordsAreWhole() {
    // Digits pair as Han characters do, so 12名 is found in 112名.
    #expect(terms("2023年度") == ["20@0", "02@1", "23@2", "3年@3", "年度@4"])
    #expect(terms("第5届") == ["第5@0", "5届@1"])
    #expect(terms("112名") == ["11@0", "12@1", "2名@2"])
    // Letters make whole words, and a pair with the Han character they touch.
    #expect(terms("Wi-Fi覆盖") == ["wi@0", "fi@3", "i覆@4", "覆盖@5"])
    #expect(terms("5G网络") == ["5g@0", "g@1", "g网@1", "网络@2"])
}

@Test func foldingMakesOneTermOfEveryWayToWriteIt() {
    // Traditional to Simplified, full-width to ASCII, upper to lower case.
    #expect(terms("勞模") == terms("劳模"))
    #expect(terms("ＩＣＰ備案") == ["icp@0", "p备@2", "备案@3"])
    #expect(terms("ICP") == terms("icp"))
    #expect(terms("Ärger") == ["ärger@0"])
}

@Test func titlesAlsoHaveTheirHanCharactersAlone() {
    #expect(terms("劳模风采\n工会", title: 4) == ["^劳@0", "劳模@0", "^模@1", "模风@1", "^风@2", "风采@2", "^采@3", "工会@5"])
}

@Test func positionsCountUTF16CodeUnits() {
    // 𠀀 (U+20000, an Extension B character) is two code units.
    #expect(terms("𠀀工会") == ["𠀀工@0", "工会@2"])
}
