import Foundation
import Testing
@testable import Site

// OpenCC through ScriptConverter: phrases as OpenCC converts them, names and overrides as it should.

private func s2t(names: [(String, String?)] = [], overrides: [(String, String)] = []) throws -> ScriptConverter {
    try #require(ScriptConverter(.s2t, names: names.map { (name: $0.0, own: $0.1) }, overrides: overrides),
                 "OpenCC: \(OpenCC.lastError)")
}

@Test func phrasesConvertByTheirMeaningNotCharacterByCharacter() throws {
    let c = try s2t()
    #expect(c.convert("干部") == "幹部")
    #expect(c.convert("干净") == "乾淨")
    #expect(c.convert("头发") == "頭髮")
    #expect(c.convert("发展") == "發展")
    #expect(c.convert("皇后") == "皇后")
    #expect(c.convert("一只") == "一隻")
    let back = try #require(ScriptConverter(.t2s))
    #expect(back.convert("頭髮和乾淨的幹部") == "头发和干净的干部")
    // Variants of one character become one.
    #expect(back.convert("匯豐") == back.convert("滙豐"))
}

@Test func surnamesOpenCCReadsAsWordsStayAsWritten() throws {
    // Without protection OpenCC gets these wrong.
    let plain = try s2t()
    #expect(plain.convert("范小军") == "範小軍")
    let names = ["范小军", "余红梅", "岳建国", "沈丽", "谷雨", "姜文", "于敏", "郁芳", "党伟", "朴正", "卜亮", "钟南山"]
    let c = try s2t(names: names.map { ($0, nil) })
    #expect(names.map(c.convert) == ["范小軍", "余紅梅", "岳建國", "沈麗", "谷雨", "姜文", "于敏", "郁芳", "党偉", "朴正", "卜亮", "鍾南山"])
}

@Test func aNameInRunningTextIsProtectedButTheWordsAroundItAreNot() throws {
    let c = try s2t(names: [("范小军", nil), ("范文", nil)])
    // 范文 in 模范文化 is no name: the neighbours say so, as they do for cross-links.
    #expect(c.convert("范小军同志在模范文化中心工作") == "范小軍同志在模範文化中心工作")
}

@Test func aNameItsOwnTraditionalSpellingIsUsedEverywhere() throws {
    let c = try s2t(names: [("余红梅", "余紅玫")])
    #expect(c.convert("余红梅说") == "余紅玫說")
}

@Test func overridesComeFirstLongestFirst() throws {
    let plain = try s2t()
    #expect(plain.convert("吃饭") == "喫飯")
    let c = try s2t(overrides: [("吃", "吃"), ("吃饭了", "用過飯了")])
    #expect(c.convert("我们吃饭，吃饭了") == "我們吃飯，用過飯了")
    // An override may start with a Latin letter or digit, either way.
    let latin = try s2t(overrides: [("QQ群", "QQ群組"), ("U盘", "隨身碟")])
    #expect(latin.convert("加入QQ群，插上U盘") == "加入QQ群組，插上隨身碟")
    let back = try #require(ScriptConverter(.t2s, overrides: [("U盤", "优盘")]))
    #expect(back.convert("請插上U盤") == "请插上优盘")
}

@Test func manyTextsConvertInOneCallAndComeBackApart() throws {
    let c = try s2t()
    #expect(c.convert(["干部", "", "头发\u{1}发展", "abc"]) == ["幹部", "", "頭髮\u{1}發展", "abc"])
}

@Test func convertedRunsAreKeptForTheNextBuild() throws {
    let path = NSTemporaryDirectory() + "unionsite-runs-\(UUID().uuidString)/opencc-t2s.runs"
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let run = Array("頭髮".utf8), converted = Array("头发".utf8)
    let hash = run.withUnsafeBufferPointer(RunCache.hash)
    let first = RunCache()
    first.add([(hash, run, converted)])
    first.save(path, conversion: .t2s)
    let next = RunCache()
    next.load(path, conversion: .t2s)
    #expect(run.withUnsafeBufferPointer { next.converted([$0], hashes: [hash]) } == [converted])
    // Runs saved for another conversion are not taken for this one.
    let other = RunCache()
    other.load(path, conversion: .s2t)
    #expect(run.withUnsafeBufferPointer { other.converted([$0], hashes: [hash]) } == [nil])
}
