import Diagnostics
import Testing
@testable import FrontMatter

@Test(arguments: [
    ("标题", "title"), ("標題", "title"), ("日期", "date"), ("时间", "date"), ("作者", "author"), ("来源", "source"),
    ("來源", "source"), ("责编", "editor"), ("責編", "editor"), ("编辑", "editor"), ("編輯", "editor"),
    ("栏目", "column"), ("欄目", "column"), ("标签", "tags"), ("標籤", "tags"), ("摘要", "summary"), ("草稿", "draft"),
    ("封面", "cover"), ("原标题", "original_title"), ("原標題", "original_title"), ("slug", "slug"), ("title", "title"),
])
func articleAliases(_ alias: String, _ canonical: String) {
    #expect(KeyTable.article.canonical(alias) == canonical)
}

@Test(arguments: [
    ("姓名", "name"), ("名称", "name"), ("名稱", "name"), ("类型", "kind"), ("類型", "kind"), ("单位", "unit"),
    ("單位", "unit"), ("职务", "position"), ("岗位", "position"), ("職務", "position"), ("崗位", "position"),
    ("地区", "region"), ("地區", "region"), ("照片", "photo"), ("荣誉", "honors"), ("榮譽", "honors"),
    ("别名", "aka"), ("別名", "aka"), ("标签", "tags"), ("標籤", "tags"),
])
func honoreeAliases(_ alias: String, _ canonical: String) {
    #expect(KeyTable.honoree.canonical(alias) == canonical)
}

@Test func honorAndValueAliases() {
    #expect(["称号", "稱號", "年份", "级别", "級別"].map { KeyTable.honor.canonical($0) } == ["title", "title", "year", "level", "level"])
    #expect(["全国", "国家级", "省", "省级", "市", "市级", "县", "县级", "区级", "national"].map { ValueTable.level.canonical($0) }
            == ["national", "national", "provincial", "provincial", "municipal", "municipal", "county", "county", "county", "national"])
    #expect(["个人", "集体", "person", "個人", "集體"].map { ValueTable.kind.canonical($0) }
            == ["person", "collective", "person", "person", "collective"])
}

@Test func knownKeysMatchInAnyASCIICase() {
    #expect(["Title", "DATE", "Tags", "Original_Title"].map { KeyTable.article.canonical($0) }
            == ["title", "date", "tags", "original_title"])
    #expect(KeyTable.honor.canonical("YEAR") == "year")
    #expect(KeyTable.article.canonical("Layout") == nil)
    let n = parseBlock("Title: 劳模风采\nDATE: 2023-09-01\nTags: [劳模]\n标题s: x\n").mapping.normalized(with: .article)
    #expect(n.mapping.keys == ["title", "date", "tags", "标题s"])
    #expect(n.mapping.entries.map(\.writtenKey) == ["Title", "DATE", "Tags", "标题s"])
    #expect(n.unknownKeys.map(\.key) == ["标题s"])
}

@Test func titleAndCapitalisedTitleBothSetTitle() {
    let n = parseBlock("title: a\nTitle: b\n").mapping.normalized(with: .article)
    #expect(n.errors.map(E.init) == [E(3, 1, "`Title` on line 3 and `title` on line 2 both set `title`: keep only one")])
}

@Test func normalisationRenamesAliasesAndKeepsWhatWasWritten() {
    let p = parseBlock("标题：劳模风采\n日期: 2023-09-01\n标签: [劳模]\n")
    let n = p.mapping.normalized(with: .article)
    #expect(n.errors.isEmpty)
    #expect(n.unknownKeys.isEmpty)
    #expect(n.mapping.keys == ["title", "date", "tags"])
    #expect(n.mapping.entries.map(\.writtenKey) == ["标题", "日期", "标签"])
    #expect(n.mapping.entry("title")?.keyLocation == loc(2, 1))
}

@Test func normalisationRecursesIntoHonors() {
    let p = parseBlock("""
        姓名：张三
        荣誉：
          - 称号： 江阴工匠
            年份： 2016
            级别： 县级
          - title: 全国劳模
            yaer: 2019
        """)
    let n = p.mapping.normalized(with: .honoree)
    #expect(n.mapping.plain == m(("name", .s("张三")), ("honors", .l([
        m(("title", .s("江阴工匠")), ("year", .s("2016")), ("level", .s("县级"))),
        m(("title", .s("全国劳模")), ("yaer", .s("2019"))),
    ]))))
    #expect(n.unknownKeys == [UnknownKey(key: "yaer", location: loc(8, 5), suggestion: "year", parent: "honors")])
    #expect(n.unknownKeys.first?.message == "unknown key `yaer` in `honors`: did you mean `year`?")
}

@Test(arguments: [
    ("titel", "title"), ("标签s", "标签"), ("Titel", "title"), ("tag", "tags"), ("summery", "summary"),
    ("orginal_title", "original_title"), ("標签", "标签"),
])
func unknownKeysGetSuggestions(_ key: String, _ suggestion: String) {
    let n = parseBlock("\(key): x\n").mapping.normalized(with: .article)
    #expect(n.unknownKeys == [UnknownKey(key: key, location: loc(2, 1), suggestion: suggestion)])
    #expect(n.mapping.keys == [key])
}

@Test(arguments: ["layout", "weight", "x", "作品集"])
func unknownKeysWithoutNearMiss(_ key: String) {
    let n = parseBlock("\(key): x\n").mapping.normalized(with: .article)
    #expect(n.unknownKeys == [UnknownKey(key: key, location: loc(2, 1), suggestion: nil)])
    #expect(n.unknownKeys.first?.message == "unknown key `\(key)`")
}

@Test func twoSpellingsOfOneKeyAreAnErrorNamingBothLines() {
    let n = parseBlock("title: a\ndate: 2023-09-01\n标题: b\n").mapping.normalized(with: .article)
    #expect(n.errors.map(E.init) == [E(4, 1, "`标题` on line 4 and `title` on line 2 both set `title`: keep only one")])
    #expect(n.mapping.plain == m(("title", .s("a")), ("date", .s("2023-09-01"))))
}

@Test func editDistances() {
    func d(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: 5)
    }
    #expect(d("titel", "title") == 1)
    #expect(d("title", "title") == 0)
    #expect(d("", "abc") == 3)
    #expect(d("kitten", "sitting") == 3)
    #expect(editDistance(Array("abcdefgh".unicodeScalars), Array("stuvwxyz".unicodeScalars), limit: 2) == 3)
}
