import Foundation

/// The fields of an article as pages read them: the keys of its value, in the value's order
/// (`ValueBuilder.articleLayout` is made from them), then what only its own page has.
enum ArticleField: Int, CaseIterable {
    case kind, title, url, permalink, slug, date, dateYMD, authors, editors, source, originalTitle, summary,
         column, tags, cover, coverImage, ogImage, images, pinned, featured, scheduled, content, characters, honorees, updated, params
    /// On the article's own page: its newer and older neighbours' titles and URLs.
    case next, previous

    var key: String {
        switch self {
        case .dateYMD: return "date_ymd"
        case .originalTitle: return "original_title"
        case .coverImage: return "cover_image"
        case .ogImage: return "og_image"
        case .images: return "images"
        default: return "\(self)"
        }
    }

    /// The keys of the value every list shows (not `next` and `previous`).
    static let listed = allCases.filter { $0 != .next && $0 != .previous }
}

/// A column's or tag's fields as pages read them (`TaxonomyDrop`).
enum TaxonomyField: Int {
    case name, slug, count, articles
    /// A column's `_index.md` (`description`, `content`, `params`); a tag's honorees.
    case extra
}

/// Every fact of one build of the site (`Fact`) and its value, as a hash: which entity each
/// article, column, tag, honoree, page and list is, and what each of their fields holds.
///
/// A fact's hash is made from what the value templates see is made from, so equal hashes mean
/// equal values: an article's title from its title, its `url` from its path, its `column` from
/// its column's name and slug. `ValueBuilder` builds the values beside the lists of fields here.
struct SiteFacts: Sendable {
    let articles: [Entity]
    let columns: [Entity], columnLists: [Entity]
    let tags: [Entity], tagLists: [Entity], tagHonorees: [Entity]
    let honorees: [Entity], honoreeLists: [Entity]
    let pages: [Entity]
    let data: [String: Entity]
    let articlesList: Entity, columnsList: Entity, tagsList: Entity, honoreesList: Entity, pagesList: Entity, roll: Entity
    /// The honorees as `site.honorees` lists them, by name.
    let honoreesByName: [Int]

    private enum Kind: UInt8 {
        case none, article, column, tag, honoree, page, data, columnList, tagList, tagHonorees, honoreeList
        case articlesList, columnsList, tagsList, honoreesList, pagesList, roll
    }
    private struct Slot { var kind: Kind = .none; var index: Int32 = 0 }
    /// Where each entity is in this build, by its number.
    private let slots: [Slot]
    /// Each article's field hashes, `ArticleField.allCases.count` an article, one after another.
    private let articleHashes: [UInt64]
    private static let articleStride = ArticleField.allCases.count
    private let honoreeKeys: [UInt64]
    /// Made once a build: pages read a column's name on every page.
    private let columnHashes: [UInt64], tagHashes: [UInt64], pageKeys: [UInt64]
    private let rollKey: UInt64
    private let dataKeys: [UInt64]
    let site: Site

    /// The hash of a fact whose entity this build does not have.
    static let absent: UInt64 = 0xA65E_17_0000_0001

    /// `previous`: the facts of the last build over the same entity table, whose articles'
    /// numbers are taken where the same file is at the same place (most of them), sparing the
    /// table's lookups.
    init(site: Site, data: [DataFile] = [], entities: EntityTable, previous: SiteFacts? = nil) {
        self.site = site
        articles = site.articles.indices.map { i in
            if let p = previous, i < p.articles.count, p.site.articles[i].file == site.articles[i].file { return p.articles[i] }
            return entities.entity(EntityName.article(site.articles[i].file))
        }
        columns = site.columns.map { entities.entity(EntityName.column($0.slug)) }
        columnLists = site.columns.map { entities.entity(EntityName.columnArticles($0.slug)) }
        tags = site.tags.map { entities.entity(EntityName.tag($0.slug)) }
        tagLists = site.tags.map { entities.entity(EntityName.tagArticles($0.slug)) }
        tagHonorees = site.tags.map { entities.entity(EntityName.tagHonorees($0.slug)) }
        honorees = site.honorees.map { entities.entity(EntityName.honoree($0.file)) }
        honoreeLists = site.honorees.map { entities.entity(EntityName.honoreeArticles($0.file)) }
        pages = site.pages.map { entities.entity(EntityName.page($0.file)) }
        var dataEntities: [String: Entity] = [:]
        for d in data { dataEntities[d.name] = entities.entity(EntityName.data(d.name)) }
        self.data = dataEntities
        dataKeys = data.map(\.hash)
        articlesList = entities.entity(EntityName.articles)
        columnsList = entities.entity(EntityName.columns)
        tagsList = entities.entity(EntityName.tags)
        honoreesList = entities.entity(EntityName.honorees)
        pagesList = entities.entity(EntityName.pages)
        roll = entities.entity(EntityName.roll)
        // Names compared as text are slow: the last order stands while the names are the same.
        if let p = previous, p.site.honorees.count == site.honorees.count,
           site.honorees.indices.allSatisfy({ p.site.honorees[$0].name == site.honorees[$0].name && p.site.honorees[$0].file == site.honorees[$0].file }) {
            honoreesByName = p.honoreesByName
        } else {
            honoreesByName = Self.byName(site.honorees)
        }

        var slots = [Slot](repeating: Slot(), count: entities.count)
        func place(_ list: [Entity], _ kind: Kind) {
            for (i, e) in list.enumerated() { slots[Int(e.id)] = Slot(kind: kind, index: Int32(i)) }
        }
        place(articles, .article)
        place(columns, .column)
        place(columnLists, .columnList)
        place(tags, .tag)
        place(tagLists, .tagList)
        place(tagHonorees, .tagHonorees)
        place(honorees, .honoree)
        place(honoreeLists, .honoreeList)
        place(pages, .page)
        place(data.compactMap { dataEntities[$0.name] }, .data)
        place([articlesList], .articlesList)
        place([columnsList], .columnsList)
        place([tagsList], .tagsList)
        place([honoreesList], .honoreesList)
        place([pagesList], .pagesList)
        place([roll], .roll)
        self.slots = slots

        let honoreeKeys = site.honorees.map { h -> UInt64 in
            var f = Fingerprint()
            f.add(h.sourceHash)
            f.add(h.slug)
            return f.value
        }
        self.honoreeKeys = honoreeKeys
        columnHashes = Self.taxonomyHashes(site.columns, lists: columnLists) { UInt64(bitPattern: Int64(site.columns[$0].index?.sourceHash ?? 0)) }
        tagHashes = Self.taxonomyHashes(site.tags, lists: tagLists) { t in
            var f = Fingerprint()
            for h in site.honoreesOfTag[t] { f.add(Int(truncatingIfNeeded: honoreeKeys[h])) }
            return f.value
        }
        pageKeys = site.pages.indices.map { p in
            var f = Fingerprint()
            f.add(site.pages[p].sourceHash)
            f.add(site.pages[p].slug)
            return f.value
        }
        var all = Fingerprint()
        for (h, k) in honoreeKeys.enumerated() {
            all.add(Int(truncatingIfNeeded: k))
            for t in site.tagsOfHonoree[h] { all.add(site.tags[t].name); all.add(site.tags[t].slug) }
        }
        for list in site.roll.mentionedIn { all.add(list.count) }
        rollKey = all.value
        articleHashes = Self.articleHashes(of: site, honoreeKeys: honoreeKeys)
    }

    /// Honorees by name, then file.
    private static func byName(_ honorees: [Honoree]) -> [Int] {
        honorees.indices.sorted { a, b in
            honorees[a].name != honorees[b].name ? honorees[a].name < honorees[b].name : honorees[a].file < honorees[b].file
        }
    }

    /// The value of `fact` in this build.
    func hash(_ fact: Fact) -> UInt64 {
        let id = Int(fact.entity.id)
        guard id < slots.count else { return Self.absent }
        let slot = slots[id], i = Int(slot.index), field = fact.field
        switch slot.kind {
        case .none: return Self.absent
        case .article: return field < Self.articleStride ? articleHashes[i &* Self.articleStride &+ field] : Self.absent
        case .column: return field < Self.taxonomyStride ? columnHashes[i &* Self.taxonomyStride &+ field] : Self.absent
        case .tag: return field < Self.taxonomyStride ? tagHashes[i &* Self.taxonomyStride &+ field] : Self.absent
        case .honoree: return honoreeKeys[i]
        case .page: return pageKeys[i]
        case .data: return dataKeys[i]
        case .roll: return rollKey
        case .columnList: return listHash(site.columns[i].articles.lazy.map { articles[$0] }, field)
        case .tagList: return listHash(site.tags[i].articles.lazy.map { articles[$0] }, field)
        case .tagHonorees: return listHash(site.honoreesOfTag[i].lazy.map { honorees[$0] }, field)
        case .honoreeList: return listHash(site.roll.mentionedIn[i].lazy.map { articles[$0] }, field)
        case .articlesList: return listHash(articles, field)
        case .columnsList: return listHash(columns, field)
        case .tagsList: return listHash(tags, field)
        case .honoreesList: return listHash(honoreesByName.lazy.map { honorees[$0] }, field)
        case .pagesList: return listHash(pages, field)
        }
    }

    /// What article `i`'s value as lists show it is made of: its listed fields' hashes.
    /// What honoree `i`'s summary is made of (its file and slug), as its one fact's value.
    func honoreeKey(_ i: Int) -> UInt64 { honoreeKeys[i] }

    func articleKey(_ i: Int) -> UInt64 {
        var f = Fingerprint()
        for field in ArticleField.listed { f.add(Int(truncatingIfNeeded: articleHashes[i * Self.articleStride + field.rawValue])) }
        return f.value
    }

    /// How many facts an entity of this build has: an article's fields, a column's or tag's, a
    /// list's size and items, or the one fact of an honoree, page, data file or the roll.
    private func factCount(_ id: Int) -> Int {
        guard id < slots.count else { return 0 }
        let i = Int(slots[id].index)
        switch slots[id].kind {
        case .none: return 0
        case .article: return Self.articleStride
        case .column, .tag: return TaxonomyField.extra.rawValue + 1
        case .honoree, .page, .data, .roll: return 1
        case .columnList: return site.columns[i].articles.count + 1
        case .tagList: return site.tags[i].articles.count + 1
        case .tagHonorees: return site.honoreesOfTag[i].count + 1
        case .honoreeList: return site.roll.mentionedIn[i].count + 1
        case .articlesList: return site.articles.count + 1
        case .columnsList: return site.columns.count + 1
        case .tagsList: return site.tags.count + 1
        case .honoreesList: return site.honorees.count + 1
        case .pagesList: return site.pages.count + 1
        }
    }

    /// The entities (by number) with a fact whose value is not what it was in `old`, a build of the
    /// same entity table: a page that read none of their facts reads what it read then.
    func changed(since old: SiteFacts) -> ChangedEntities {
        let count = max(slots.count, old.slots.count)
        return ChangedEntities(concurrentMap(Array(0..<count)) { id in
            // One past the last item of a list whose size changed: a page that read that place saw it empty.
            let n = max(factCount(id), old.factCount(id)) + 1
            for field in 0..<n {
                let fact = Fact(Entity(id: UInt32(id)), field)
                if hash(fact) != old.hash(fact) { return true }
            }
            return false
        })
    }

    /// A page's fingerprint: what it is (`identity`: its template, path and what it shows) and
    /// the value of every fact it read.
    func fingerprint(identity: UInt64, reads: some Sequence<Fact>) -> Int {
        // Fingerprint's mix, a word at a time without going through bytes.
        var h = identity ^ 0xcbf2_9ce4_8422_2325
        for r in reads { h = mix(mix(h, r.raw), hash(r)) }
        return Int(truncatingIfNeeded: h)
    }

    /// A list's size (field 0) or the entity of its item `field - 1`.
    private func listHash<C: Collection>(_ members: C, _ field: Int) -> UInt64 where C.Element == Entity, C.Index == Int {
        if field == 0 { return UInt64(members.count) }
        let k = field - 1
        guard k < members.count else { return Self.absent }
        return UInt64(members[members.startIndex + k].id) | 0x1_0000_0000
    }

    private static let taxonomyStride = TaxonomyField.extra.rawValue + 1

    /// The hashes of a column's or tag's fields (`TaxonomyField`), one after another.
    private static func taxonomyHashes(_ list: [Taxonomy], lists: [Entity], extra: (Int) -> UInt64) -> [UInt64] {
        var out: [UInt64] = []
        out.reserveCapacity(list.count * taxonomyStride)
        for i in list.indices {
            out += [hash(list[i].name), hash(list[i].slug), UInt64(list[i].articles.count), UInt64(lists[i].id), extra(i)]
        }
        return out
    }

    /// The hashes of the fields of an article that come from its file alone, by `ArticleField`
    /// (0 for the others, which `articleHashes` fills in).
    static func sourceHashes(of a: Article) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: ArticleField.allCases.count)
        for field in ArticleField.allCases {
            let v: UInt64
            switch field {
            case .kind: v = 1
            case .title: v = hash(a.title)
            case .date, .dateYMD: v = hash(a.date)
            case .authors: v = hash(a.authors)
            case .editors: v = hash(a.editors)
            case .source: v = hash(a.source)
            case .originalTitle: v = hash(a.originalTitle)
            case .summary: v = hash(a.summary)
            case .cover: v = a.cover.map { hash([$0, a.file]) } ?? absent
            case .coverImage, .ogImage, .images: v = a.cover == nil ? absent : hash(a.coverAlt)
            case .featured: v = a.featured ? 1 : 2
            // Of the build's time: set for each build (`articleHashes`).
            case .pinned, .scheduled: v = 0
            case .content: v = a.contentHash
            case .characters: v = UInt64(a.characters)
            case .updated: v = hash(a.updated)
            case .params:
                var f = Fingerprint()
                for e in a.params { f.add(e.key); e.value.fingerprint(into: &f) }
                v = f.value
            case .url, .permalink, .slug, .column, .tags, .honorees, .next, .previous: v = 0
            }
            out[field.rawValue] = v
        }
        return out
    }

    private static func hash(_ s: String) -> UInt64 { Fingerprint.of(s).value }
    private static func hash(_ list: [String]) -> UInt64 {
        var f = Fingerprint()
        for s in list { f.add(s) }
        return f.value
    }
    private static func hash(_ d: Date?) -> UInt64 {
        d.map { UInt64(bitPattern: Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? absent
    }

    /// The hash of each field of every article (`ArticleField`), one article after another: those
    /// of its file, made when it was read, and those assembly gave it, made of hashes worked out
    /// once a slug, column and tag.
    private static func articleHashes(of site: Site, honoreeKeys: [UInt64]) -> [UInt64] {
        let n = site.articles.count, stride = articleStride
        let slugs = concurrentMap(Array(0..<n)) { hash(site.articles[$0].slug) }
        // The URL is the path assembly gave (`url:`, or the site's pattern of slug, date, column).
        let paths = concurrentMap(Array(0..<n)) { hash(site.articles[$0].path) }
        let values = ValueBuilder(site: site)
        let coverKeys = (0..<n).map { i in
            site.articles[i].cover.flatMap { site.photos[values.contentPath(of: $0, from: site.articles[i].file)]?.key } ?? absent
        }
        let columnHashes = site.columns.map { hash([$0.name, $0.slug]) }
        let tagHashes = site.tags.map { hash([$0.name, $0.slug]) }
        var out = [UInt64](repeating: 0, count: n * stride)
        out.withUnsafeMutableBufferPointer { buffer in
            let base = UncheckedSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: n) { i in
                let row = UnsafeMutableBufferPointer(rebasing: base.value[(i * stride)..<((i + 1) * stride)])
                let source = site.articles[i].sourceFacts
                if source.count == stride { _ = row.initialize(from: source) } else { _ = row.initialize(from: sourceHashes(of: site.articles[i])) }
                row[ArticleField.url.rawValue] = paths[i]
                // The crops of its cover: made of the photo's bytes, and `cover_alt` (the file's).
                let image = coverKeys[i]
                for field in [ArticleField.coverImage, .ogImage, .images] where image != absent {
                    row[field.rawValue] = mix(row[field.rawValue], image)
                }
                // `cover` is the URL of a copy, whose name has the photo's size.
                if image != absent { row[ArticleField.cover.rawValue] = mix(row[ArticleField.cover.rawValue], image) }
                row[ArticleField.permalink.rawValue] = paths[i]
                row[ArticleField.pinned.rawValue] = site.articles[i].pinned ? 1 : 2
                row[ArticleField.scheduled.rawValue] = site.articles[i].scheduled ? 1 : 2
                row[ArticleField.slug.rawValue] = slugs[i]
                row[ArticleField.column.rawValue] = site.columnOfArticle[i].map { columnHashes[$0] } ?? absent
                var t: UInt64 = 0xcbf2_9ce4_8422_2325
                for tag in site.tagsOfArticle[i] { t = mix(t, tagHashes[tag]) }
                row[ArticleField.tags.rawValue] = t
                var m: UInt64 = 0xcbf2_9ce4_8422_2325
                for h in site.articles[i].mentions { m = mix(m, honoreeKeys[h]) }
                row[ArticleField.honorees.rawValue] = m
                // A neighbour's title and URL.
                func link(_ j: Int) -> UInt64 {
                    guard j >= 0, j < n else { return absent }
                    return mix(mix(0, site.articles[j].sourceFacts.count == stride ? site.articles[j].sourceFacts[ArticleField.title.rawValue]
                                                                              : hash(site.articles[j].title)), paths[j])
                }
                // By date: a pinned article's neighbours are the articles of its time.
                let rank = site.dateRank.isEmpty ? i : site.dateRank[i]
                row[ArticleField.next.rawValue] = rank > 0 ? link(site.byDate.isEmpty ? rank - 1 : site.byDate[rank - 1]) : absent
                row[ArticleField.previous.rawValue] = rank + 1 < n ? link(site.byDate.isEmpty ? rank + 1 : site.byDate[rank + 1]) : absent
            }
        }
        return out
    }
}

/// Fingerprint's mix of one word into a hash.
@inline(__always) func mix(_ h: UInt64, _ x: UInt64) -> UInt64 {
    let m = (h ^ x) &* 0x9E37_79B9_7F4A_7C15
    return m ^ (m >> 29)
}

/// A value handed to concurrent work that only touches its own part of it.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The entities whose facts changed since a build (`SiteFacts.changed(since:)`), to tell whether a
/// page read any of them.
struct ChangedEntities: Sendable {
    /// By entity number.
    let flags: [Bool]
    /// The greatest number of those that changed; nil when none did.
    let highest: UInt32?

    init(_ flags: [Bool]) {
        self.flags = flags
        highest = flags.lastIndex(of: true).map(UInt32.init)
    }

    /// Whether `reads` holds a fact of a changed entity or of one this build does not know.
    /// The facts are in order of entity, so the search ends past the last changed one.
    func touched(_ reads: PageReads) -> Bool {
        guard let last = reads.last else { return false }
        if Int(last.entity.id) >= flags.count { return true }
        guard let highest else { return false }
        for fact in reads {
            let id = fact.entity.id
            if id > highest { return false }
            if flags[Int(id)] { return true }
        }
        return false
    }
}
