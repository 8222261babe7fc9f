import Testing
@testable import Site
import TestSupport

@Test(arguments: [
    ("重庆", "chong-qing"), ("地铁", "di-tie"), ("长江", "chang-jiang"), ("银行", "yin-hang"),
    ("行长", "hang-zhang"), ("长大", "zhang-da"), ("重新", "chong-xin"), ("音乐", "yin-yue"),
    ("工会", "gong-hui"), ("劳动模范", "lao-dong-mo-fan"), ("先进工作者", "xian-jin-gong-zuo-zhe"),
    ("会计", "kuai-ji"), ("重要", "zhong-yao"), ("行业", "hang-ye"), ("单位", "dan-wei"),
    ("朝阳", "chao-yang"), ("朝阳区总工会", "chao-yang-qu-zong-gong-hui"),
])
func polyphonesAreReadByWord(_ title: String, _ slug: String) {
    #expect(Slugger().slug(title) == slug)
}

@Test func traditionalSpellingsReadLikeSimplifiedOnes() {
    let s = Slugger()
    #expect(s.slug("重慶") == "chong-qing")
    #expect(s.slug("銀行") == "yin-hang")
    #expect(s.slug("長江") == "chang-jiang")
    #expect(s.slug("音樂會計") == "yin-yue-kuai-ji")
    #expect(s.slug("行業單位") == "hang-ye-dan-wei")
}

@Test func overlappingPhrasesAreSegmentedLongestFirstFromTheLeft() {
    let s = Slugger()
    // 银行 is taken first, then 行长 from the next character on.
    #expect(s.slug("银行行长") == "yin-hang-hang-zhang")
    #expect(s.slug("工商银行行长") == "gong-shang-yin-hang-hang-zhang")
    #expect(s.slug("行长大") == "hang-zhang-da")
    // 人行道 reads like its characters, but is kept so that 行道 (hang-dao) inside it does not win.
    #expect(s.slug("人行道") == "ren-xing-dao")
    #expect(s.slug("行道") == "hang-dao")
}

@Test func phrasesAtTheStartEndAndNextToPunctuationAndASCII() {
    let s = Slugger()
    #expect(s.slug("银行职工运动会") == "yin-hang-zhi-gong-yun-dong-hui")
    #expect(s.slug("走进重庆") == "zou-jin-chong-qing")
    #expect(s.slug("「长江」保护：行长说") == "chang-jiang-bao-hu-hang-zhang-shuo")
    #expect(s.slug("2024年重庆地铁ABC线开通") == "2024-nian-chong-qing-di-tie-abc-xian-kai-tong")
    #expect(s.slug("Bank of 重庆: 音乐节!") == "bank-of-chong-qing-yin-yue-jie")
}

@Test func phrasesDoNotSpanSpacesOrPunctuation() {
    let s = Slugger()
    #expect(s.slug("重 庆") == "zhong-qing")
    #expect(s.slug("银，行") == "yin-xing")
    #expect(s.slug("银A行") == "yin-a-xing")
}

@Test func aPhraseCutByTheLengthLimitEndsTheSlugAtAHyphen() {
    #expect(Slugger(maxLength: 16).slug("工商银行行长") == "gong-shang-yin")
    #expect(Slugger(maxLength: 19).slug("工商银行行长") == "gong-shang-yin-hang")
}

@Test func theGeneralPathReadsPhrasesAsTheFastPathDoes() {
    let s = Slugger()
    // Ａ (full width) and é send these titles through `computeSlug`.
    #expect(s.fastSlug("重庆Ａ银行行长") == nil)
    #expect(s.slug("重庆Ａ银行行长") == "chong-qing-a-yin-hang-hang-zhang")
    #expect(s.slug("café 长江音乐") == "cafe-chang-jiang-yin-yue")
    #expect(s.computeSlug("人行道，地铁") == "ren-xing-dao-di-tie")
}

@Test func unicodeSlugsKeepPhrasesAsCharacters() {
    #expect(Slugger(style: .unicode).slug("重庆 银行") == "重庆-银行")
}

@Test func thePhraseTableReadsEveryLineAndIsSortedByFoldedPhrase() {
    let lines = Slugger.pinyinPhraseData.split(separator: "\n")
    let table = Slugger.phraseTable
    #expect(table.count == lines.count)
    #expect(table.count > 1000)
    for k in 1..<table.count {
        let a = table.chars[Int(table.starts[k - 1])..<Int(table.starts[k])]
        let b = table.chars[Int(table.starts[k])..<Int(table.starts[k + 1])]
        #expect(a.lexicographicallyPrecedes(b), "phrase \(k)")
    }
    let line = lines.first { $0.hasPrefix("银行 ") }
    #expect(line == "银行 yin hang")
}

@Test func everyPhraseOfTheTableSlugsToItsOwnReading() {
    let s = Slugger()
    for line in Slugger.pinyinPhraseData.split(separator: "\n") {
        let parts = line.split(separator: " ")
        guard let phrase = parts.first else { continue }
        #expect(s.fastSlug(String(phrase)) == parts.dropFirst().joined(separator: "-"), "\(line)")
    }
}

@Test func titlesThatCollideAfterPhraseReadingStillGetSuffixes() throws {
    let site = try TestSite("""
    \(article("a.md", "title: 重庆\ndate: 2020-01-01"))
    \(article("b.md", "title: 重慶\ndate: 2021-01-01"))
    \(article("c.md", "title: 重庆！\ndate: 2022-01-01"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("news/chong-qing/index.html")?.contains("2020-01-01") == true)
    #expect(site.output("news/chong-qing-2/index.html")?.contains("2021-01-01") == true)
    #expect(site.output("news/chong-qing-3/index.html")?.contains("2022-01-01") == true)
}

@Test func tagsAndColumnsReadPhrasesByWord() throws {
    let site = try TestSite("""
    \(article("a.md", "title: 通知\ndate: 2020-01-01\ncolumn: 银行工会\ntags: [地铁, 音乐]"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("columns/yin-hang-gong-hui/index.html") != nil)
    #expect(site.output("tags/di-tie/index.html") != nil)
    #expect(site.output("tags/yin-yue/index.html") != nil)
}

/// ICU reads 地 as the particle de; the character table overrides it (and 拓, 埔, 桔) with the reading
/// titles use, and the phrase table keeps the words where 地 is de.
@Test(arguments: [
    ("各地工会", "ge-di-gong-hui"), ("江苏各地", "jiang-su-ge-di"), ("地区", "di-qu"), ("开拓创新", "kai-tuo-chuang-xin"),
    ("黄埔", "huang-pu"), ("桔子", "ju-zi"), ("一步步地", "yi-bu-bu-de"),
])
func overriddenCharacterReadingsAndTheParticleDe(_ title: String, _ slug: String) {
    #expect(Slugger().slug(title) == slug)
}
