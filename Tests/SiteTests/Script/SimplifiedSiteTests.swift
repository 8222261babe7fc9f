import Foundation
import Testing
import TestSupport
import FrontMatter
@testable import Site

// The main site in standard Simplified: a source written in Traditional characters is shown
// converted by OpenCC's t2s, phrase by phrase; code and addresses stay as written.

private let traditional = article("hk.md", """
    title: 工會幹部頭髮乾淨
    date: 2024-03-01
    column: 工會動態
    tags: [勞動模範]
    """, body: """
    香港工會聯合會的幹部說：發展要靠[會員](https://example.org/會員/)。

    `程式碼 頭髮` 不改，![圖片說明](a.png)

    ```
    代碼塊 乾淨
    ```
    """)

@Test func aTraditionalSourceIsShownInSimplified() throws {
    let site = try TestSite(traditional)
    defer { site.remove() }
    #expect(site.build() == [])
    let page = try #require(site.output("news/gong-hui-gan-bu-tou-fa-gan-jing/index.html"))
    #expect(page.contains("<h1>工会干部头发干净</h1>"))
    #expect(page.contains("|工会动态|"))
    #expect(page.contains("劳动模范="))
    #expect(page.contains("香港工会联合会的干部说：发展要靠"))
    // The image's description is text; code, code blocks and addresses are not.
    #expect(page.contains("alt=\"图片说明\""))
    #expect(page.contains("<code>程式碼 頭髮</code>"))
    #expect(page.contains("代碼塊 乾淨"))
    #expect(page.contains("https://example.org/%E6%9C%83%E5%93%A1/"))  // 會員
}

@Test func scriptAsWrittenKeepsEveryFileAsItWasWritten() throws {
    let site = try TestSite("""
    -- site.yml --
    script: as-written
    \(traditional)
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let page = try #require(site.output("news/gong-hui-gan-bu-tou-fa-qian-jing/index.html"))
    #expect(page.contains("<h1>工會幹部頭髮乾淨</h1>"))
    #expect(page.contains("香港工會聯合會的幹部說"))
}

@Test func aSimplifiedSourceIsNotTouched() throws {
    // A Simplified file is not even given to OpenCC; one with a character that may be
    // Traditional is, and OpenCC keeps what is standard Simplified (乾隆 is a name).
    #expect(!ScriptConverter.hasTraditional("工会干部头发干净。ABC"))
    #expect(ScriptConverter.hasTraditional("工会幹部"))
    #expect(ScriptConverter.hasTraditional("乾隆年间"))
    #expect(try #require(ScriptConverter.simplified).convert("乾隆年间的工会") == "乾隆年间的工会")
}

@Test func anUnknownScriptSettingIsAnError() throws {
    let site = try TestSite("""
    -- site.yml --
    script: traditional
    \(article("a.md", "title: 一\ndate: 2020-01-01"))
    """)
    defer { site.remove() }
    let errors = site.build()
    #expect(errors.map(\.summary) == ["site.yml:1:9: `script` must be `standard` (Traditional sources shown in Simplified) or `as-written`, found `traditional`"])
}

@Test func aTraditionalHonoreeIsShownInSimplified() throws {
    let site = try TestSite(honorTemplates + "\n" + honoree("chen.md", """
    name: 陳一文
    unit: 香港工會聯合會
    honors:
      - title: 全國勞動模範
        year: 2020
        level: national
    """, body: "長期紮根基層。"))
    defer { site.remove() }
    #expect(site.build() == [])
    let page = try #require(site.output("honorees/chen-yi-wen/index.html"))
    #expect(page.hasPrefix("陈一文|个人|全国劳动模范@2020"))
    #expect(page.contains("长期扎根基层。"))
}

@Test func oneFileCanKeepItsTraditionalCharacters() throws {
    // A page that quotes Traditional writing on purpose says so in its front matter.
    let site = try TestSite("""
    \(article("quote.md", "title: 繁體示例\ndate: 2024-03-01\n字形: as-written", body: "“勞模”與“劳模”是同一個標籤。"))
    \(article("bad.md", "title: 二\ndate: 2024-03-02\nscript: simplified"))
    """)
    defer { site.remove() }
    let errors = site.build()
    #expect(errors.map(\.summary) == ["content/news/bad.md:4:9: `script` must be `standard` (shown in Simplified characters) or `as-written`, found `simplified`"])
    let fixed = try TestSite("""
    \(article("quote.md", "title: 繁體示例\ndate: 2024-03-01\n字形: as-written", body: "“勞模”與“劳模”是同一個標籤。"))
    """)
    defer { fixed.remove() }
    #expect(fixed.build() == [])
    let page = try #require(fixed.output("news/fan-ti-shi-li/index.html"))
    #expect(page.contains("<h1>繁體示例</h1>"))
    #expect(page.contains("“勞模”與“劳模”是同一個標籤。"))
}

@Test func theSitesOverridesCorrectWhatOpenCCGetsWrong() throws {
    let text = "江西工會著力強化引領，隨著發展，開展瞭活動，登上瞭望塔。"
    let site = try TestSite("""
    -- script-overrides.yml --
    # 繁体来稿转成简体时 OpenCC 转错的词语
    t2s:
      著力: 着力
      隨著: 随着
      瞭: 了
      瞭望: 瞭望
    \(article("a.md", "title: 一\ndate: 2024-03-01", body: text))
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    let page = try #require(site.output("news/yi/index.html"))
    #expect(page.contains("江西工会着力强化引领，随着发展，开展了活动，登上瞭望塔。"))
    // Without the overrides, OpenCC keeps what the source site's own conversion got wrong.
    #expect(try #require(ScriptConverter.simplified).convert(text) == "江西工会著力强化引领，随著发展，开展瞭活动，登上瞭望塔。")
}

@Test func anOverridesFileThatIsNotAMapOfPhrasesIsAnError() throws {
    let site = try TestSite("""
    -- script-overrides.yml --
    t2s: [著力, 着力]
    s2j:
      a: b
    \(article("a.md", "title: 一\ndate: 2024-03-01"))
    """)
    defer { site.remove() }
    let messages = site.build().map(\.summary)
    #expect(messages.contains("script-overrides.yml:1:6: `t2s` must be a map of phrases, one `原文: 应为` a line: expected `著力: 着力`"))
    #expect(messages.contains("script-overrides.yml:2:1: warning: unknown conversion `s2j`: expected `t2s` (Traditional sources shown in Simplified) or `s2t` (the Traditional mirror)"))
}

@Test func withoutOpenCCATraditionalSourceIsShownAsWrittenWithAWarning() throws {
    var config = SiteConfig()
    config.simplifier = nil
    var f = Fields(file: "content/news/a.md", source: "")
    #expect(ScriptConverter.simplifying("工會", Mapping(), fields: &f, config: config) == nil)
    #expect(f.diagnostics.map(\.summary) == ["content/news/a.md:1:1: warning: shown as written, in Traditional characters: OpenCC could not be opened (\(OpenCC.lastError)); install libopencc-dev with its dictionaries, or set `script: as-written`"])
    // A Simplified source needs no OpenCC, and gets no warning.
    var g = Fields(file: "content/news/b.md", source: "")
    #expect(ScriptConverter.simplifying("工会", Mapping(), fields: &g, config: config) == nil)
    #expect(g.diagnostics.isEmpty)
}
