import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Site
import TestSupport

@Test func buildsArticlePagesWithPinyinSlugsAndDates() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 测试工会
    base_url: https://example.org/union/
    \(article("a.md", "标题： 劳模风采\n日期： 2023年9月1日 14:07\n栏目： 工会动态\n标签： [劳模, 工匠]", body: "劳动最光荣。"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let page = try #require(site.output("news/lao-mo-feng-cai/index.html"))
    #expect(page.contains("<h1>劳模风采</h1>2023-09-01 14:07|工会动态|劳模=/union/tags/lao-mo/;工匠=/union/tags/gong-jiang/;"))
    #expect(page.contains("<p>劳动最光荣。</p>"))
    #expect(site.output("index.html")?.contains("[劳模风采|/union/news/lao-mo-feng-cai/]") == true)
    #expect(site.output("columns/gong-hui-dong-tai/index.html")?.contains("工会动态:[劳模风采]") == true)
}

@Test func derivedSlugsThatCollideGetNumericSuffixesOldestFirst() throws {
    let site = try TestSite("""
    \(article("old.md", "title: 通知\ndate: 2020-01-01"))
    \(article("new.md", "title: 通知\ndate: 2021-01-01"))
    \(article("newest.md", "title: 通知\ndate: 2022-01-01"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("news/tong-zhi/index.html")?.contains("2020-01-01") == true)
    #expect(site.output("news/tong-zhi-2/index.html")?.contains("2021-01-01") == true)
    #expect(site.output("news/tong-zhi-3/index.html")?.contains("2022-01-01") == true)
}

@Test func twoExplicitEqualSlugsAreAnErrorNamingBothFiles() throws {
    let site = try TestSite("""
    \(article("a.md", "title: 甲\ndate: 2020-01-01\nslug: same"))
    \(article("b.md", "title: 乙\ndate: 2021-01-01\nslug: same"))
    """)
    defer { site.remove() }
    let errors = site.build()
    #expect(errors.count == 1)
    let message = errors.first?.summary ?? ""
    #expect(message.contains("content/news/a.md") && message.contains("content/news/b.md"))
}

@Test func unicodeSlugsKeepTheCharacters() throws {
    let site = try TestSite("""
    -- site.yml --
    slugs: unicode
    \(article("a.md", "title: 劳模 风采\ndate: 2020-01-01\ntags: [工匠]"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("news/劳模-风采/index.html") != nil)
    #expect(site.output("tags/工匠/index.html") != nil)
}

@Test func traditionalAndSimplifiedTagsAreOneTagNamedByTheMostUsedSpelling() throws {
    let site = try TestSite("""
    \(article("a.md", "title: 一\ndate: 2020-01-01\ntags: [勞模]"))
    \(article("b.md", "title: 二\ndate: 2020-01-02\ntags: [劳模]"))
    \(article("c.md", "title: 三\ndate: 2020-01-03\ntags: [劳模]"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let tags = try #require(site.output("tags/index.html"))
    #expect(tags.contains("劳模(3)/tags/lao-mo/;"))
    #expect(!tags.contains("勞模"))
    #expect(site.output("tags/lao-mo/index.html")?.contains("劳模:[三][二][一]") == true)
}

@Test func variantsOfOneCharacterAreOneTagAsOpenCCConvertsThem() throws {
    // 匯 and 滙 are both 汇 in Simplified: a character table that knows only one of them makes two tags.
    let site = try TestSite("""
    \(article("a.md", "title: 一\ndate: 2020-01-01\ntags: [匯豐]"))
    \(article("b.md", "title: 二\ndate: 2020-01-02\ntags: [滙豐]"))
    \(article("c.md", "title: 三\ndate: 2020-01-03\ntags: [汇丰]"))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let tags = try #require(site.output("tags/index.html"))
    #expect(tags.contains("(3)/tags/"))
    #expect(site.output("tags/hui-feng/index.html")?.contains(":[三][二][一]") == true)
}

/// Articles a.md … with dates one day apart, newest last.
func articles(_ n: Int) -> String {
    (0..<n).map { article("a\($0).md", "title: 第\($0)篇\ndate: 2020-01-\(String(format: "%02d", $0 + 1))") }.joined(separator: "\n")
}

@Test(arguments: [(0, 1), (1, 1), (3, 1), (4, 2)])
func paginationEdges(count: Int, pages: Int) throws {
    let site = try TestSite("-- site.yml --\nper_page: 3\n" + articles(count))
    defer { site.remove() }
    #expect(site.build() == [])
    let home = try #require(site.output("index.html"))
    #expect(home.contains("p1/\(pages)"))
    #expect(home.components(separatedBy: "[第").count - 1 == min(count, 3))
    if pages > 1 {
        #expect(home.contains("next=/page/2/"))
        let second = try #require(site.output("page/2/index.html"))
        #expect(second.contains("p2/2") && second.contains("[第0篇|/news/di-0-pian/]"))
    } else {
        #expect(!home.contains("next="))
        #expect(site.output("page/2/index.html") == nil)
    }
}

@Test func draftsAreBuiltOnlyWhenAskedFor() throws {
    let site = try TestSite(article("d.md", "title: 草稿文章\ndate: 2020-01-01\n草稿: 是"))
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("news/cao-gao-wen-zhang/index.html") == nil)
    #expect(site.build(drafts: true) == [])
    #expect(site.output("news/cao-gao-wen-zhang/index.html") != nil)
}

@Test func scriptTitleIsEscapedInPagesFeedAndSitemap() throws {
    let evil = "<script>alert(1)</script>"
    let site = try TestSite(article("x.md", "title: \"\(evil)\"\ndate: 2020-01-01\ntags: [\"\(evil)\"]\ncolumn: \"\(evil)\"\nslug: x"))
    defer { site.remove() }
    #expect(site.build() == [])
    for path in ["index.html", "news/x/index.html", "tags/index.html", "feed.xml", "sitemap.xml"] {
        let text = try #require(site.output(path), "\(path) missing")
        #expect(!text.contains("<script>"), "\(path) has an unescaped script tag")
    }
    #expect(site.output("news/x/index.html")?.contains("&lt;script&gt;alert(1)&lt;/script&gt;") == true)
    #expect(site.output("feed.xml")?.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>") == true)
}

@Test func feedStaysWellFormedWithControlCharacters() throws {
    let site = try TestSite(article("x.md", "title: \"标题\\u0001含控制字符 & 符号\"\ndate: 2020-01-01"))
    defer { site.remove() }
    #expect(site.build() == [])
    let feed = try #require(site.output("feed.xml"))
    #expect(feed.contains("<title>标题含控制字符 &amp; 符号</title>"))
    #expect(XMLParser(data: Data(feed.utf8)).parse())
}

@Test func failedBuildLeavesThePreviousOutputUntouched() throws {
    let site = try TestSite(article("a.md", "title: 好文章\ndate: 2020-01-01"))
    defer { site.remove() }
    #expect(site.build() == [])
    let before = try #require(site.output("index.html"))
    try site.write(article("b.md", "title 没有冒号\ndate: 2020-01-02"))
    let errors = site.build()
    #expect(errors.first?.file == "content/news/b.md")
    #expect(site.output("index.html") == before)
    #expect(site.output("news/hao-wen-zhang/index.html") != nil)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public") }
    #expect(leftovers == [])
}

@Test func templateErrorNamesTheTemplateFile() throws {
    let site = try TestSite(article("a.md", "title: 文章\ndate: 2020-01-01") + "\n-- templates/article.html --\n{% layout 'base' %}\n{{ page.title | upcas }}")
    defer { site.remove() }
    let errors = site.build()
    #expect(errors.map(\.summary) == ["templates/article.html:2:17: unknown filter 'upcas': did you mean 'upcase'?"])
}

@Test func subPathSiteLinksCarryTheBasePath() throws {
    let site = try TestSite("-- site.yml --\nbase_url: https://example.org/sub/\nper_page: 1\n" + articles(2))
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("index.html")?.contains("next=/sub/page/2/") == true)
    #expect(site.output("sitemap.xml")?.contains("<loc>https://example.org/sub/news/di-0-pian/</loc>") == true)
}

@Test func contentAssetsAreCopiedToTheSamePath() throws {
    let site = try TestSite(article("2023/a.md", "title: 图\ndate: 2020-01-01") + "\n-- content/news/2023/photo.txt --\npixels")
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("news/2023/photo.txt") == "pixels\n")
}

@Test func foldersLeftByAnInterruptedBuildAreRemovedAndNothingElse() throws {
    let site = try TestSite(article("a.md", "title: 好\ndate: 2020-01-01"))
    defer { site.remove() }
    // A process id that cannot be running (above the kernel's pid limit).
    let stale = site.root.appendingPathComponent(".public.building-99999999")
    let unrelated = site.root.appendingPathComponent(".public.building-notes")
    for folder in [stale, unrelated] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    #expect(site.build() == [])
    #expect(!FileManager.default.fileExists(atPath: stale.path))
    #expect(FileManager.default.fileExists(atPath: unrelated.path))
}

@Test(arguments: ["2023年“工匠”ABC大赛！", "劳模风采", "工商银行行长走进重庆地铁", "重慶銀行😀長江", "人行道上行下效", "重\u{FE00}庆银行", "重庆\u{301}地铁", "重庆\u{E0100}Ａ", "喜迎十九大:“改革創新無止境”", "Team 5·一线", "  ", "强基层 创特色——射阳",
                  "ABC-def_GHI 9 劳模", "〇一二三", "a", "", "—", "😀劳模", "劳模😀工匠", "Ａ劳模", "café 劳模", "劳模ⅩⅡ", "第①名劳模", "２０２３年劳模", "丆丏",
                  String(repeating: "全国五一劳动奖章获得者", count: 4), "abcdefghij" + String(repeating: "劳", count: 30), String(repeating: "x", count: 100) + " 劳模"])
func fastSlugsAgreeWithTheGeneralPath(_ title: String) {
    for s in [Slugger(), Slugger(maxLength: 12)] {
        #expect(s.fastSlug(title) == scalarFastSlug(title, maxLength: s.maxLength))
        #expect(s.fastSlug(title).map { $0 == s.computeSlug(title) } ?? true)
    }
}

/// Every line of the seed articles, cut to title length, slugs the same by the byte path, the
/// earlier scalar path and (where the fast path takes it) ICU's.
@Test func fastSlugsAgreeOnTheSeedLines() throws {
    let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/seeds")
    let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path)
    var lines: [String] = []
    for f in files {
        let text = try String(contentsOf: seeds.appendingPathComponent(f), encoding: .utf8)
        lines += text.split(separator: "\n").map { String($0.prefix(60)) }
    }
    try #require(lines.count > 100)
    var fast = 0
    for s in [Slugger(), Slugger(maxLength: 20)] {
        for line in lines {
            let slug = s.fastSlug(line)
            #expect(slug == scalarFastSlug(line, maxLength: s.maxLength), "\(line)")
            if let slug { fast += 1; #expect(slug == s.computeSlug(line), "\(line)") }
        }
    }
    #expect(fast > lines.count)  // most lines of both sluggers took the fast path
}

@Test func thePinyinTableAsBytesHoldsEveryEntry() {
    let entries = Slugger.pinyinData.split(whereSeparator: { $0 == " " || $0 == "\n" })
    #expect(entries.count == 0x9FFF - 0x4E00 + 1 && Slugger.pinyinTable.ends.count == entries.count)
    for (k, entry) in entries.enumerated() {
        #expect(Array(Slugger.pinyin(of: 0x4E00 + UInt32(k))) == (entry == "-" ? [] : Array(entry.utf8)))
    }
    #expect(Slugger.pinyin(of: 0x4DFF).isEmpty && Slugger.pinyin(of: 0xA000).isEmpty)
}

/// `Slugger.fastSlug` as it was written on scalars, for comparison, with phrases matched by
/// trying the longest run of characters first against a dictionary of the table.
private func scalarFastSlug(_ text: String, maxLength: Int) -> String? {
    var words: [String] = []
    var current = String.UnicodeScalarView()
    func flush() {
        if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
    }
    let scalars = Array(text.unicodeScalars)
    var i = 0
    scalars: while i < scalars.count {
        let u = scalars[i]
        let v = u.value
        i += 1
        if v < 0x80 {
            if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) {
                current.append(u)
            } else if (0x41...0x5A).contains(v), let lower = Unicode.Scalar(v + 0x20) {
                current.append(lower)
            } else {
                flush()
            }
        } else if v >= 0x4E00, v <= 0x9FFF {
            flush()
            var run = i - 1
            while run < scalars.count, (0x4E00...0x9FFF).contains(scalars[run].value) { run += 1 }
            for n in stride(from: min(run - (i - 1), 12), through: 2, by: -1) {
                let phrase = String(String.UnicodeScalarView(scalars[(i - 1)..<(i - 1 + n)]))
                if let reading = phraseReadings[HanFolding.fold(phrase)] {
                    words += reading
                    i += n - 1
                    continue scalars
                }
            }
            let p = Slugger.pinyin(of: v)
            if !p.isEmpty { words.append(String(decoding: p, as: UTF8.self)) }
        } else if u.properties.isAlphabetic || u.properties.numericType != nil {
            return nil
        } else {
            flush()
        }
    }
    flush()
    return Slugger(maxLength: maxLength).join(words)
}

/// The phrase table as a dictionary from the phrase folded to Simplified to its syllables.
private let phraseReadings: [String: [String]] = {
    var readings: [String: [String]] = [:]
    for line in Slugger.pinyinPhraseData.split(separator: "\n") {
        let parts = line.split(separator: " ").map(String.init)
        if let phrase = parts.first { readings[HanFolding.fold(phrase)] = Array(parts.dropFirst()) }
    }
    return readings
}()

@Test func listPageTitlesPutTheNumberForEachPercentD() {
    #expect(substitutingNumber(12, in: "第 %d 页") == "第 12 页")
    #expect(substitutingNumber(3, in: "%d/%d") == "3/3")
    #expect(substitutingNumber(3, in: "100% 第%") == "100% 第%")
    #expect(substitutingNumber(3, in: "") == "")
}

@Test(arguments: ["劳模", "勞模 ", " Ａ劳模", "Team 5·一线", "工匠\t精神\r\n", "ÉCOLE 劳模", "İstanbul", "喜迎十九大:“改革創新無止境”",
                  "〇一二三", "劳\u{3000}模", "劳\u{302A}模", "葛\u{E0100}", "ABC-def_GHI", "", "𠮷野家", "ǅ", "ß"])
func folderKeysAgreeWithTheGeneralPath(_ name: String) {
    #expect(ScriptFolder().key(name) == HanFolding.fold(name).lowercased().filter { !$0.isWhitespace })
}

@Test func markdownFilesAreKnownByTheirNameInAnyCase() {
    for yes in ["a.md", "news/2020/a.MD", "x.Markdown", "a/b/.md", "长.md"] { #expect(isMarkdownName(yes), "\(yes)") }
    for no in ["a.mdx", "md", "a.markdow", "news/a.md/b.txt", "a.md~", ""] { #expect(!isMarkdownName(no), "\(no)") }
    // Where Characters and lowercasing have rules of their own, as before: the Kelvin sign is a
    // K, and U+0600 (a prepended mark) joins the dot after it into one character.
    #expect(isMarkdownName("a.mar\u{212A}down") && !isMarkdownName("x\u{0600}.md") && isMarkdownName("劳模.MD"))
}

@Test func datesAppendAsTheyPrint() {
    for zone in [TimeZone(secondsFromGMT: 8 * 3600)!, TimeZone(secondsFromGMT: -5 * 3600)!, TimeZone(secondsFromGMT: 5 * 3600 + 45 * 60)!,
                 TimeZone(secondsFromGMT: 0)!] {
        for t in [0, 1_693_526_400, -2_208_988_800, 253_402_300_799, -62_135_596_800 + 86_400 * 400, 1_000_000_000] {
            let c = CivilTime(Date(timeIntervalSince1970: TimeInterval(t)), timeZone: zone)
            var out: [UInt8] = []
            c.appendYMD(to: &out)
            #expect(String(decoding: out, as: UTF8.self) == c.ymd)
            // As the interpolation with zero-padded fields printed them.
            func pad(_ n: Int, _ w: Int = 2) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
            let o = abs(c.offsetSeconds)
            #expect(c.ymd == "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))")
            #expect(c.rfc3339 == "\(c.ymd)T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))\(c.offsetSeconds < 0 ? "-" : "+")\(pad(o / 3600)):\(pad(o % 3600 / 60))")
        }
    }
}

@Test func twoFilesWithOneSlugArePointedAtTheirSlugLines() throws {
    let site = try TestSite("""
    \(article("a.md", "title: 甲\ndate: 2021-01-01\nslug: same"))
    \(article("b.md", "title: 乙\ndate: 2020-01-01\n\nslug:  same"))
    -- content/pages/p.md --
    ---
    title: 页
    slug: news
    ---
    -- content/honorees/h1.md --
    ---
    name: 王平
    slug: wang
    honors: [{title: 劳模, level: 市}]
    ---
    -- content/honorees/h2.md --
    ---
    name: 王萍
    honors: [{title: 劳模, level: 市}]
    slug: wang
    ---
    """)
    defer { site.remove() }
    #expect(site.build().map(\.description) == [
        "content/honorees/h2.md:4:7: slug `wang` is already used by content/honorees/h1.md:3:7: two honorees cannot share a URL; change one `slug:`\n4 | slug: wang\n  |       ^",
        "content/news/b.md:5:8: slug `same` is already used by content/news/a.md:4:7: two articles cannot share a URL; change one `slug:`\n5 | slug:  same\n  |        ^",
        "content/pages/p.md:3:7: slug `news` is already used by (the site itself): choose another `slug:`\n3 | slug: news\n  |       ^",
    ])
}
