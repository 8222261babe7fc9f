import Template

/// The values pages are rendered with, made on first use and shared by every page of one build:
/// the articles, columns, tags, honorees and standalone pages as drops that note what each page
/// reads of them (`Reads`), and the lists `site` holds.
final class SiteValues: Sendable {
    let values: ValueBuilder
    let facts: SiteFacts
    private let articleMemo: ValueMemo
    private let columnMemo: ValueMemo
    private let tagMemo: ValueMemo
    private let honoreeMemo: ValueMemo
    /// What each article's value is made of, by index: the fields every list shows (`SiteFacts`)
    /// and site.yml, whose base URL and time zone are in its `url` and `date`.
    let articleKeys: [UInt64]
    /// What each honoree's summary is made of, by index: its file and slug, and site.yml.
    let honoreeKeys: [UInt64]
    let data: Value

    /// `reusing`: article and honoree values a build of the same site made, by entity, with the
    /// key they were made from: one whose key is the same is used again.
    init(_ values: ValueBuilder, facts: SiteFacts, data: [DataFile] = [], reusing: [UInt32: (key: UInt64, value: Value)] = [:]) {
        self.values = values
        self.facts = facts
        let settings = UInt64(bitPattern: Int64(values.site.config.sourceFingerprint))
        articleKeys = values.site.articles.indices.map { mix(facts.articleKey($0), settings) }
        honoreeKeys = values.site.honorees.indices.map { mix(facts.honoreeKey($0), settings) }
        /// The values of `reusing` made from the same keys, by index; empty when there are none.
        func reused(_ entities: [Entity], _ keys: [UInt64]) -> [Value?] {
            guard !reusing.isEmpty else { return [] }
            return entities.indices.map { i -> Value? in
                guard let old = reusing[entities[i].id], old.key == keys[i] else { return Value?.none }
                return old.value
            }
        }
        articleMemo = ValueMemo(count: articleKeys.count, reusing: reused(facts.articles, articleKeys))
        columnMemo = ValueMemo(count: values.site.columns.count)
        tagMemo = ValueMemo(count: values.site.tags.count)
        honoreeMemo = ValueMemo(count: honoreeKeys.count, reusing: reused(facts.honorees, honoreeKeys))
        self.data = .drop(DataDrop(data, values: values, facts: facts))
    }

    /// The article and honoree values made so far, by entity, with their keys: for the next
    /// build to reuse.
    var built: [UInt32: (key: UInt64, value: Value)] {
        var out: [UInt32: (key: UInt64, value: Value)] = [:]
        for (i, v) in articleMemo.built.enumerated() {
            if let v { out[facts.articles[i].id] = (articleKeys[i], v) }
        }
        for (i, v) in honoreeMemo.built.enumerated() {
            if let v { out[facts.honorees[i].id] = (honoreeKeys[i], v) }
        }
        return out
    }

    var site: Site { values.site }

    /// Article `i` as every list shows it.
    func article(_ i: Int) -> Value {
        articleMemo.value(i) {
            guard case .object(let o) = values.article(i) else { return .nil }
            return .drop(ArticleDrop(o, entity: facts.articles[i]))
        }
    }

    /// Article `i` on its own page: with the honorees it mentions and its neighbours.
    func articlePage(_ i: Int) -> Value {
        guard case .drop(let d as ArticleDrop) = article(i), d.object.count == ArticleField.listed.count else { return .nil }
        // The listed value's fields by position, then the page's own: no key is hashed or looked up.
        var fields = (0..<d.object.count).map(d.object.value(at:))
        fields[ArticleField.honorees.rawValue] = .array(site.articles[i].mentions.map(honoree))
        // The whole column, as `site.columns` has it: a sidebar lists its articles without
        // searching `site.columns`, which would make every article depend on that list's order.
        if let c = site.columnOfArticle[i] { fields[ArticleField.column.rawValue] = column(c) }
        // By date: a pinned article's neighbours are the articles of its time.
        let rank = site.dateRank.isEmpty ? i : site.dateRank[i]
        let byDate = site.byDate
        let at = { (r: Int) in byDate.isEmpty ? r : byDate[r] }
        let newer = rank > 0 ? at(rank - 1) : nil, older = rank + 1 < site.articles.count ? at(rank + 1) : nil
        fields.append(newer.map(link) ?? .nil)
        fields.append(older.map(link) ?? .nil)
        return .drop(ArticleDrop(Object(Self.pageLayout, fields), entity: facts.articles[i]))
    }

    /// The keys of an article on its own page: every `ArticleField`, in order.
    private static let pageLayout = ObjectLayout(ArticleField.allCases.map(\.key))
    private static let linkLayout = ObjectLayout(["title", "url"])

    /// An article's title and URL, as `page.next` and `page.previous`.
    private func link(_ i: Int) -> Value {
        .object(Object(Self.linkLayout, [.string(site.articles[i].title), .string(values.url(site.articles[i].path))]))
    }

    /// `members` of the list `entity` (articles), or the window of them a page shows.
    func articles(_ entity: Entity, _ members: [Int], window: Range<Int>? = nil) -> Value {
        .drop(list(entity, members, window: window))
    }

    func column(_ c: Int) -> Value {
        columnMemo.value(c) {
            let t = site.columns[c]
            let index = (description: Value.string(t.index?.description ?? ""), content: Value.safe(utf8: t.index?.htmlUTF8 ?? []),
                         params: values.params(t.index?.params ?? []))
            return .drop(TaxonomyDrop(entity: facts.columns[c], name: t.name, slug: t.slug, url: values.url(values.columnPath(t)),
                                      count: t.articles.count, articles: list(facts.columnLists[c], t.articles), index: index))
        }
    }

    func tag(_ t: Int) -> Value {
        tagMemo.value(t) {
            let tag = site.tags[t]
            return .drop(TaxonomyDrop(entity: facts.tags[t], name: tag.name, slug: tag.slug, url: values.url(values.tagPath(tag)),
                                      count: tag.articles.count, articles: list(facts.tagLists[t], tag.articles), index: nil))
        }
    }

    private func list(_ entity: Entity, _ members: [Int], window: Range<Int>? = nil) -> ListValue {
        ListValue(entity, members: members, window: window, articlesOf: self)
    }

    /// An honoree as lists show them (`ValueBuilder.honoreeSummary`), read as one fact.
    func honoree(_ h: Int) -> Value {
        honoreeMemo.value(h) { whole(values.honoreeSummary(h), Fact(facts.honorees[h], 0)) }
    }

    /// A standalone page, read as one fact.
    func page(_ p: Int) -> Value {
        whole(values.page(site.pages[p]), Fact(facts.pages[p], 0))
    }

    // MARK: `site`'s lists

    var articles: Value { articles(facts.articlesList, Array(site.articles.indices)) }

    var columns: Value {
        .drop(ListValue(facts.columnsList, members: Array(site.columns.indices)) { [unowned(unsafe) self] in column($0) })
    }

    var tags: Value {
        .drop(ListValue(facts.tagsList, members: Array(site.tags.indices)) { [unowned(unsafe) self] in tag($0) })
    }

    var honorees: Value {
        .drop(ListValue(facts.honoreesList, members: facts.honoreesByName) { [unowned(unsafe) self] in honoree($0) })
    }

    var pages: Value {
        .drop(ListValue(facts.pagesList, members: site.pages.indices.filter { !site.pages[$0].withdrawn }) { [unowned(unsafe) self] in page($0) })
    }

    /// The honors as honors.html gets them, read as the honor roll's one fact.
    var honors: Value {
        .drop(WholeList(fact: Fact(facts.roll, 0)) { [values] in values.honors() })
    }
}

/// A file of `data/` (`data/links.yml` → `site.data.links`), as templates see it.
public struct DataFile: Sendable {
    /// The file's name without its extension.
    public var name: String
    /// Path under the site root.
    public var file: String
    var param: Param
    /// A fingerprint of the file's bytes: the value of its one fact.
    var hash: UInt64
}

/// `site.data`: each data file by name, read as one fact.
final class DataDrop: Drop {
    private let files: [String: Value]

    init(_ files: [DataFile], values: ValueBuilder, facts: SiteFacts) {
        var byName: [String: Value] = [:]
        for f in files {
            if let e = facts.data[f.name] { byName[f.name] = whole(values.value(of: f.param), Fact(e, 0)) }
        }
        self.files = byName
    }

    func value(forKey key: String) -> Value? { files[key] }

    func materialize() -> Value {
        .object(Object(files.keys.sorted().map { ($0, files[$0] ?? .nil) }))
    }
}
