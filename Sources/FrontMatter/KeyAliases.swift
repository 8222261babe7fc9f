#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keys one kind of file may use, and the other spellings editors write for them.
///
/// Aliases are the Chinese names of DESIGN.md's tables, in Simplified and Traditional characters.
/// Known keys match without regard to ASCII case (`Title`, `DATE` are `title`, `date`: other
/// generators' editors write them so); unknown keys keep their case.
public struct KeyTable: Sendable {
    /// What the table is for, in messages ("article", "honoree", "honor").
    public let name: String
    /// The canonical keys, in the order the design lists them.
    public let keys: [String]
    /// Other spelling → canonical key.
    public let aliases: [String: String]
    /// Tables for the maps inside a list under a key (honoree `honors` items use `honor`).
    public let itemTables: [String: KeyTable]
    /// Every spelling with its canonical key, searched by bytes: hashing or comparing Chinese
    /// `String`s goes through Unicode normalisation, which costs more than a short scan.
    private let lookup: SpellingIndex

    /// Creates a table; `aliases` maps each canonical key to its other spellings.
    public init(name: String, keys: [String], aliases: [String: [String]], itemTables: [String: KeyTable] = [:]) {
        self.name = name
        self.keys = keys
        var map: [String: String] = [:]
        for (canonical, spellings) in aliases {
            for s in spellings { map[s] = canonical }
        }
        self.aliases = map
        self.itemTables = itemTables
        self.lookup = SpellingIndex(keys.map { ($0, $0) } + map.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })
    }

    /// The canonical key for a key or alias, ASCII letters matched in any case; nil for a key
    /// the table does not know.
    public func canonical(_ key: String) -> String? {
        if let c = lookup.canonical(key) { return c }
        // Only a key with an ASCII capital pays for a second look.
        guard key.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        return lookup.canonical(String(decoding: key.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self))
    }

    /// Article keys (`content/news/**`).
    public static let article = KeyTable(
        name: "article",
        keys: ["title", "date", "author", "source", "editor", "column", "tags", "summary", "slug",
               "draft", "cover", "cover_alt", "original_title", "pinned", "featured", "expires",
               // Hugo's and Jekyll's names for what an article already has.
               "description", "categories", "updated",
               // The page's own address, and the old addresses that redirect to it.
               "url", "aliases",
               // Shown as written, or in standard Simplified (site.yml's `script`, for one file).
               "script"],
        aliases: [
            "title": ["标题", "標題"],
            "date": ["日期", "时间", "時間"],
            "author": ["作者", "authors"],
            "updated": ["lastmod", "更新时间", "更新時間"],
            "categories": ["category", "分类", "分類"],
            "description": ["描述"],
            "source": ["来源", "來源"],
            "editor": ["责编", "編輯", "编辑", "責編"],
            "column": ["栏目", "欄目"],
            "tags": ["标签", "標籤", "標簽"],
            "summary": ["摘要"],
            "draft": ["草稿"],
            "pinned": ["置顶"],
            "featured": ["头条", "頭條"],
            // Hugo's `expiryDate` is the same thing.
            "expires": ["撤稿时间", "撤稿時間", "expirydate"],
            "cover": ["封面"],
            "cover_alt": ["封面说明", "封面說明"],
            "original_title": ["原标题", "原標題"],
            // Jekyll's `permalink:` and jekyll-redirect-from's `redirect_from:` are the same things.
            "url": ["网址", "網址", "permalink"],
            "aliases": ["旧网址", "舊網址", "redirect_from"],
            "script": ["字形"],
        ])

    /// Keys of one map in an honoree's `honors` list.
    public static let honor = KeyTable(
        name: "honor",
        keys: ["title", "year", "level"],
        aliases: [
            "title": ["称号", "稱號"],
            "year": ["年份"],
            "level": ["级别", "級別"],
        ])

    /// Honoree keys (`content/honorees/*.md`); `honors` items are read with `honor`.
    public static let honoree = KeyTable(
        name: "honoree",
        keys: ["name", "name_hant", "kind", "unit", "position", "region", "photo", "honors", "aka", "tags", "slug", "script"],
        aliases: [
            "name": ["姓名", "名称", "名稱"],
            "name_hant": ["繁体名", "繁體名"],
            "kind": ["类型", "類型"],
            "unit": ["单位", "單位"],
            "position": ["职务", "岗位", "職務", "崗位"],
            "region": ["地区", "地區"],
            "photo": ["照片"],
            "honors": ["荣誉", "榮譽"],
            "aka": ["别名", "別名"],
            "tags": ["标签", "標籤", "標簽"],
            "script": ["字形"],
        ],
        itemTables: ["honors": honor])
}

/// A closed set of values with the other spellings editors write for them.
public struct ValueTable: Sendable {
    /// What the values are, in messages ("level", "kind").
    public let name: String
    /// The canonical values, in order.
    public let values: [String]
    /// Other spelling → canonical value.
    public let aliases: [String: String]
    /// The aliases to show in messages, in order.
    private let shownAliases: [String]

    /// Creates a table; `aliases` lists each canonical value's other spellings, the first ones
    /// being those shown in messages.
    public init(name: String, values: [String], aliases: KeyValuePairs<String, [String]>) {
        self.name = name
        self.values = values
        var map: [String: String] = [:]
        var shown: [String] = []
        for (canonical, spellings) in aliases {
            for s in spellings { map[s] = canonical }
            if let first = spellings.first { shown.append(first) }
        }
        self.aliases = map
        self.shownAliases = shown
    }

    /// The canonical value for a value or alias (canonical values match case-insensitively).
    public func canonical(_ text: String) -> String? {
        if let a = aliases[text] { return a }
        let lower = text.lowercased()
        return values.contains(lower) ? lower : nil
    }

    /// "national, provincial, municipal or county (or 全国, 省, 市, 县)".
    public var describedValues: String {
        let main = values.count > 1
            ? values.dropLast().joined(separator: ", ") + " or " + (values.last ?? "")
            : values.joined()
        return shownAliases.isEmpty ? main : main + " (or " + shownAliases.joined(separator: ", ") + ")"
    }

    /// Honor levels.
    public static let level = ValueTable(
        name: "level",
        values: ["national", "provincial", "municipal", "county"],
        aliases: [
            "national": ["全国", "国家级", "全國", "國家級"],
            "provincial": ["省", "省级", "省級"],
            "municipal": ["市", "市级", "市級"],
            "county": ["县", "县级", "区级", "縣", "縣級", "區級"],
        ])

    /// Honoree kinds.
    public static let kind = ValueTable(
        name: "kind",
        values: ["person", "collective"],
        aliases: [
            "person": ["个人", "個人"],
            "collective": ["集体", "集體"],
        ])
}

/// Spellings packed into one byte buffer and scanned with `memcmp`: looking up a key then
/// neither hashes a `String` (which normalises Chinese text) nor retains one per candidate.
struct SpellingIndex: Sendable {
    private let bytes: [UInt8]
    private let spans: [(start: Int, count: Int, canonical: Int)]
    private let canonicals: [String]

    init(_ pairs: [(spelling: String, canonical: String)]) {
        var bytes: [UInt8] = []
        var spans: [(start: Int, count: Int, canonical: Int)] = []
        var canonicals: [String] = []
        for (spelling, canonical) in pairs {
            let c = canonicals.firstIndex(of: canonical) ?? canonicals.count
            if c == canonicals.count { canonicals.append(canonical) }
            spans.append((bytes.count, spelling.utf8.count, c))
            bytes += spelling.utf8
        }
        self.bytes = bytes
        self.spans = spans
        self.canonicals = canonicals
    }

    func canonical(_ key: String) -> String? {
        var key = key
        let found: Int? = key.withUTF8 { k in
            bytes.withUnsafeBufferPointer { all in
                guard let kb = k.baseAddress, let base = all.baseAddress else { return nil }
                for span in spans where span.count == k.count && memcmp(base + span.start, kb, k.count) == 0 {
                    return span.canonical
                }
                return nil
            }
        }
        return found.map { canonicals[$0] }
    }
}
