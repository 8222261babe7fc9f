import Foundation

extension Article {
    /// The site's order: newest first; ties by title, then file, so the order never depends on
    /// the file system.
    static func listedBefore(_ a: Article, _ b: Article) -> Bool {
        if a.date != b.date { return a.date > b.date }
        if a.title != b.title { return a.title < b.title }
        return a.file < b.file
    }
}

/// Stage 2 of the build: drafts, order, slugs, columns, tags.
extension SiteBuilder {
    /// `memo`: what the last assembly of the same site made, kept by the build.
    func assemble(_ sources: Sources, slugger: Slugger, folder: ScriptFolder, memo: AssemblyMemo? = nil) -> (Site, [Diagnostic]) {
        var clock = StageClock()
        defer { if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() } }
        var diagnostics: [Diagnostic] = []
        // Indices sorted, then the articles gathered once: sorting the articles themselves moves
        // whole structs, a retain and a release for each of their fields at every move.
        let loaded = sources.articles
        let now = options.now ?? Date()
        // 定时发布 and 撤稿: what is left out at this build's time, and what is pinned, told
        // once per article into arrays (`OrderInputs`): the sort reads them by index, as handing
        // an article to a closure copies it, a retain and a release for each of its fields, at
        // every comparison.
        let inputs = AssemblyMemo.OrderInputs(loaded, drafts: options.drafts, future: options.future, now: now)
        let later = { (i: Int) in !options.future && inputs.later[i] }
        let live = { (i: Int) in options.drafts || !inputs.draftFlags[i] }
        // By source index: newest first, then by title, then by file.
        let newestFirst = { (i: Int, j: Int) -> Bool in
            if inputs.dates[i] != inputs.dates[j] { return inputs.dates[i] > inputs.dates[j] }
            if inputs.titles[i] != inputs.titles[j] { return inputs.titles[i] < inputs.titles[j] }
            return inputs.files[i] < inputs.files[j]
        }
        let sort = { () -> [Int] in
            var order = loaded.indices.filter { live($0) && !later($0) && !inputs.withdrawn[$0] }
            // Pinned articles lead every list while they are pinned, newest first among them.
            order.sort { i, j in inputs.pinned[i] != inputs.pinned[j] ? inputs.pinned[i] : newestFirst(i, j) }
            return order
        }
        let order = memo?.order(inputs, sort) ?? sort()
        var articles = order.map { loaded[$0] }
        for (k, i) in order.enumerated() {
            articles[k].scheduled = inputs.dates[i] > now
            articles[k].pinned = inputs.pinned[i]
        }
        // What the build's time leaves out: articles for later, and withdrawn ones (notices).
        let scheduled = loaded.indices.filter { later($0) && live($0) && !inputs.withdrawn[$0] }.map { loaded[$0] }
        let scheduledLater = scheduled.map { (file: $0.file, date: $0.date) }.sorted { $0.date < $1.date }
        let notices = loaded.indices.filter { inputs.withdrawn[$0] && live($0) }.map { loaded[$0] }
        let fileOrder = FileOrder(order, sourceCount: loaded.count)
        var pages = sources.pages.filter { options.drafts || !$0.draft }
        pages.sort { $0.file < $1.file }
        clock.lap("sort")

        var site = Site(config: sources.config, articles: articles, pages: [], columns: [], tags: [],
                        assets: sources.assets, columnOfArticle: [], tagsOfArticle: [])
        site.scheduledLater = scheduledLater
        site.leftOut = scheduled + notices
        site.byDate = order.contains { inputs.pinned[$0] } ? articles.indices.sorted { newestFirst(order[$0], order[$1]) } : Array(articles.indices)
        site.dateRank = [Int](repeating: 0, count: articles.count)
        for (rank, i) in site.byDate.enumerated() { site.dateRank[i] = rank }
        articles = []
        site.columnIndexes = sources.columnIndexes
        // Columns first: an article's URL may hold its column's slug (`:column`).
        assembleColumns(&site, slugger: slugger, folder: folder)
        clock.lap("columns")
        // Pinyin for every title is most of assembling's time: worked out on all cores first.
        // By index: handing each article to the closure copied it, a retain for each of its fields.
        // In a scope of its own: a second reference to the articles still held when they are
        // given their slugs below would make that copy every article.
        let slugBases = { [all = site.articles] in
            concurrentMap(Array(all.indices)) { i in
                all[i].explicitSlug != nil ? "" : all[i].slugBase ?? slugger.slug(all[i].slugSource)
            }
        }()
        let pattern = sources.config.permalinks.article, timeZone = sources.config.timeZone
        // Only what the pattern uses: `/news/:slug/` needs neither dates nor columns.
        let dates = pattern.usesMoreThanSlug ? site.articles.indices.map { site.articles[$0].date } : []
        let columnSlugs = pattern.parts.contains(.token(.column)) ? site.columnOfArticle.map { $0.map { site.columns[$0].slug } } : []
        // The slugs and the tags at once: neither reads what the other makes (filing tags reads
        // the articles' and honorees' tags and the articles' files, not their slugs).
        site.honorees = sources.honorees
        // Withdrawn articles (撤稿) claim their slugs as they did when live, each at its place in
        // time: the live articles keep their addresses, and each notice stands at the one its
        // article had. They come after the live ones, as indices the site's lists do not have.
        let ghosts = notices
        let ghostColumns = ghosts.map { a in a.column.map { name in site.columns.first { $0.name == name }?.slug ?? slugger.slug(name) } }
        let ((allSlugs, allPaths, slugDiagnostics), tagged) = concurrently({ [articles = site.articles, byDate = site.byDate] in
            let all = articles + ghosts
            let bases = slugBases + ghosts.map { $0.explicitSlug != nil ? "" : $0.slugBase ?? slugger.slug($0.slugSource) }
            var oldestFirst = Array(byDate.reversed())
            for (g, a) in ghosts.enumerated() {
                let at = oldestFirst.firstIndex { all[$0].date > a.date } ?? oldestFirst.count
                oldestFirst.insert(articles.count + g, at: at)
            }
            let settle = {
                articleSlugs(all, derived: bases, oldestFirst: oldestFirst) { i, slug in
                    let ghost = i >= articles.count
                    return pattern.path(slug: slug, date: ghost || !dates.isEmpty ? all[i].date : nil,
                                        column: ghost ? ghostColumns[i - articles.count] : columnSlugs.isEmpty ? nil : columnSlugs[i], timeZone: timeZone)
                }
            }
            guard let memo, ghosts.isEmpty else { return settle() }
            let inputs = AssemblyMemo.SlugInputs(articles, in: fileOrder, config: sources.config.sourceFingerprint, bases: slugBases,
                                                 dates: dates, columns: columnSlugs)
            return memo.slugs(inputs, in: fileOrder, settle)
        }, { [site] in
            var filed = site
            if let memo { memo.tags(&filed, in: fileOrder) { assembleTags(&$0, slugger: slugger, folder: folder) } } else {
                assembleTags(&filed, slugger: slugger, folder: folder)
            }
            return (filed.tags, filed.tagsOfArticle, filed.tagsOfHonoree, filed.honoreesOfTag, filed.tagDiagnostics)
        })
        (site.tags, site.tagsOfArticle, site.tagsOfHonoree, site.honoreesOfTag, site.tagDiagnostics) = tagged
        let slugs = Array(allSlugs.prefix(site.articles.count)), paths = Array(allPaths.prefix(site.articles.count))
        let (ghostSlugs, ghostPaths) = (Array(allSlugs.dropFirst(site.articles.count)), Array(allPaths.dropFirst(site.articles.count)))
        for i in site.articles.indices { site.articles[i].slug = slugs[i]; site.articles[i].path = paths[i] }
        diagnostics += slugDiagnostics
        clock.lap("slugs and tags")
        var pageSlugs = SlugTable()
        for reserved in ["news", "columns", "tags", "honors", "honorees", "page", "assets", "feed.xml", "sitemap.xml", "404.html"] {
            _ = pageSlugs.claimExplicit(reserved, file: "(the site itself)")
        }
        for i in pages.indices {
            if let s = pages[i].explicitSlug {
                if let other = pageSlugs.claimExplicit(s, file: Diagnostic.place(pages[i].file, pages[i].slugSpot)) {
                    diagnostics.append(.slugTaken(s, file: pages[i].file, at: pages[i].slugSpot, by: other,
                                                  advice: "choose another `slug:`"))
                }
                pages[i].slug = s
            } else {
                pages[i].slug = pageSlugs.claimDerived(slugger.slug(pages[i].title))
            }
            pages[i].path = pages[i].url ?? sources.config.permalinks.page.path(slug: pages[i].slug)
        }
        site.pages = pages
        site.pages += withdrawalNotices(notices, slugs: ghostSlugs, paths: ghostPaths, site: site, diagnostics: &diagnostics)
        clock.lap("pages")
        site.slugBases = slugBases
        site.roll = assembleHonorRoll(honorees: sources.honorees, articles: site.articles, slugger: slugger, folder: folder,
                                      memo: memo, config: sources.config.sourceFingerprint)
        clock.lap("roll")
        let redirects = redirectCollisions(site)
        clock.lap("urls")
        return (site, diagnostics + site.columnDiagnostics + site.tagDiagnostics + redirects)
    }

    /// Files the site's articles under their columns: `columns`, `columnOfArticle` and the
    /// warnings that go with them (an in-place rebuild runs it again after an article moved).
    func assembleColumns(_ site: inout Site, slugger: Slugger, folder: ScriptFolder) {
        var diagnostics: [Diagnostic] = []
        var columnOfArticle: [Int?] = Array(repeating: nil, count: site.articles.count)
        // An article in several columns is a member of each; its own (URL, breadcrumb) is the first.
        site.columns = group(site.articles.indices.map { i in site.articles[i].column.map { [$0] + site.articles[i].moreColumns } ?? [] },
                             slugger: slugger, folder: folder, kind: "column", pattern: site.config.permalinks.column,
                             diagnostics: &diagnostics, articles: site.articles, assign: { _, _ in },
                             first: { i, t in columnOfArticle[i] = t })
        site.columnOfArticle = columnOfArticle
        describeColumns(&site.columns, with: site.columnIndexes, folder: folder, diagnostics: &diagnostics)
        site.columnDiagnostics = diagnostics
    }

    /// Files the site's articles and honorees under their tags: `tags`, `tagsOfArticle`,
    /// `tagsOfHonoree`, `honoreesOfTag` and the warnings that go with them, made anew from the
    /// articles' and honorees' tags (an in-place rebuild runs it again after an edit of tags).
    func assembleTags(_ site: inout Site, slugger: Slugger, folder: ScriptFolder) {
        var diagnostics: [Diagnostic] = []
        var tagsOfArticle: [[Int]] = Array(repeating: [], count: site.articles.count)
        site.tags = group(site.articles.indices.map { site.articles[$0].tags }, slugger: slugger, folder: folder,
                          kind: "tag", pattern: site.config.permalinks.tag, diagnostics: &diagnostics, articles: site.articles) { i, t in
            if !tagsOfArticle[i].contains(t) { tagsOfArticle[i].append(t) }
        }
        site.tagsOfArticle = tagsOfArticle
        site.tagDiagnostics = diagnostics
        addHonoreeTags(&site, slugger: slugger, folder: folder)
    }

    /// The slugs and paths of articles (newest first). An article's `url:` is its path; the
    /// others' come from `pathOf(i, slug)`, the site's pattern: explicit slugs first (two that
    /// give the same path are an error naming both files), then `derived[i]`, the slug of
    /// article i's title, with -2, -3 … when its path is taken, claimed oldest first so an older
    /// article keeps its URL when a newer one with the same title arrives. `oldestFirst`: the
    /// articles by date, oldest first (the reverse of their order, unless pinned ones lead it).
    func articleSlugs(_ articles: [Article], derived: [String], oldestFirst: [Int], pathOf: (Int, String) -> String)
        -> (slugs: [String], paths: [String], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var table = SlugTable(capacity: articles.count)
        var slugs = derived
        var paths = [String](repeating: "", count: articles.count)
        for i in articles.indices {
            guard let url = articles[i].url else { continue }
            if let other = table.claimExplicit(url, file: Diagnostic.place(articles[i].file, articles[i].urlSpot)) {
                diagnostics.append(.pathTaken(url, key: "url", file: articles[i].file, at: articles[i].urlSpot, by: other))
            }
            slugs[i] = articles[i].explicitSlug ?? derived[i]
            paths[i] = url
        }
        for i in articles.indices where articles[i].url == nil {
            guard let s = articles[i].explicitSlug else { continue }
            let path = pathOf(i, s)
            if let other = table.claimExplicit(path, file: Diagnostic.place(articles[i].file, articles[i].slugSpot)) {
                diagnostics.append(.slugTaken(s, file: articles[i].file, at: articles[i].slugSpot, by: other,
                                              advice: "two articles cannot share a URL; change one `slug:`"))
            }
            slugs[i] = s
            paths[i] = path
        }
        for i in oldestFirst where articles[i].explicitSlug == nil && articles[i].url == nil {
            (slugs[i], paths[i]) = table.claimDerived(derived[i]) { pathOf(i, $0) }
        }
        return (slugs, paths, diagnostics)
    }

    /// Groups articles by names (Simplified and Traditional spellings folded), names each
    /// group by its most used spelling, and orders groups by size, then name.
    /// `assign`: told each article's groups; `first`: each article's group of its first name.
    private func group(_ namesOfArticle: [[String]], slugger: Slugger, folder: ScriptFolder, kind: String, pattern: URLPattern,
                       diagnostics: inout [Diagnostic], articles: [Article], assign: (Int, Int) -> Void,
                       first: ((Int, Int) -> Void)? = nil) -> [Taxonomy] {
        // One lookup per name as written, by its bytes: hashing a Chinese String normalizes
        // it, and three such lookups per tag of every article were most of assembling a site.
        var slotOfName: [TextKey: (group: Int, spelling: Int)?] = [:]
        var keyIndex: [String: Int] = [:]
        var spellings: [[(name: String, count: Int)]] = []
        var members: [[Int]] = []
        var names = NameKeys(folder: folder)
        var firstGroup = [Int?](repeating: nil, count: first == nil ? 0 : namesOfArticle.count)
        for (i, namesOfOne) in namesOfArticle.enumerated() {
            for (n, name) in namesOfOne.enumerated() {
                let slot: (group: Int, spelling: Int)?
                if let known = slotOfName[TextKey(name)] { slot = known } else {
                    let (trimmed, key) = names.key(name)
                    if trimmed.isEmpty { slot = nil } else {
                        let g: Int
                        if let existing = keyIndex[key] { g = existing } else {
                            g = spellings.count
                            keyIndex[key] = g
                            spellings.append([])
                            members.append([])
                        }
                        // Spellings of one name are few: a scan compares as the dictionary did.
                        let k = spellings[g].firstIndex { $0.name == trimmed } ?? {
                            spellings[g].append((trimmed, 0))
                            return spellings[g].count - 1
                        }()
                        slot = (g, k)
                    }
                    slotOfName[TextKey(name)] = slot
                }
                guard let (g, k) = slot else { continue }
                if n == 0, first != nil { firstGroup[i] = g }
                spellings[g][k].count += 1
                if members[g].last != i { members[g].append(i) }
            }
        }
        var groups: [Taxonomy] = []
        for g in spellings.indices {
            // The most used spelling; among equals, the first in code point order.
            let name = spellings[g].max { a, b in a.count != b.count ? a.count < b.count : a.name > b.name }?.name ?? ""
            groups.append(Taxonomy(name: name, slug: "", articles: members[g]))
        }
        // Order: most articles first, then by name; slugs claimed in that order.
        var order = Array(groups.indices)
        order.sort { groups[$0].articles.count != groups[$1].articles.count ? groups[$0].articles.count > groups[$1].articles.count : groups[$0].name < groups[$1].name }
        var slugs = SlugTable()
        var sorted: [Taxonomy] = []
        for g in order {
            var t = groups[g]
            let base = slugger.slug(t.name)
            t.slug = slugs.claimDerived(base)
            if t.slug != base, let firstArticle = t.articles.first {
                diagnostics.append(Diagnostic(.warning, file: articles[firstArticle].file,
                    message: "\(kind) `\(t.name)` has the same URL as another \(kind) (/\(pattern.path(slug: base))): it gets /\(t.slug)/ instead; rename one of them if they are different",
                    kind: Diagnostic.Kind("\(kind) with the same URL as another")))
            }
            sorted.append(t)
        }
        for (g, t) in sorted.enumerated() { for i in t.articles { assign(i, g) } }
        if let first {
            var sortedIndex = [Int](repeating: 0, count: groups.count)
            for (s, g) in order.enumerated() { sortedIndex[g] = s }
            for (i, g) in firstGroup.enumerated() { if let g { first(i, sortedIndex[g]) } }
        }
        return sorted
    }
}

extension SiteBuilder {
    /// Files honorees under the article tags they share (folded like article tags); a tag only
    /// honorees carry gets a tag page of its own.
    func addHonoreeTags(_ site: inout Site, slugger: Slugger, folder: ScriptFolder) {
        var indexOfKey: [String: Int] = [:]
        for (i, t) in site.tags.enumerated() { indexOfKey[folder.key(t.name)] = i }
        var slugs = SlugTable(taken: site.tags.map(\.slug))
        site.tagsOfHonoree = Array(repeating: [], count: site.honorees.count)
        var honoreesOfTag: [Int: [Int]] = [:]
        var names = NameKeys(folder: folder)
        for (h, honoree) in site.honorees.enumerated() {
            for name in honoree.tags {
                let known = names.key(name)
                let trimmed = known.trimmed
                guard !trimmed.isEmpty else { continue }
                let key = known.key
                let t: Int
                if let existing = indexOfKey[key] { t = existing } else {
                    let slug = slugs.claimDerived(slugger.slug(trimmed))
                    t = site.tags.count
                    indexOfKey[key] = t
                    site.tags.append(Taxonomy(name: trimmed, slug: slug, articles: []))
                }
                if !site.tagsOfHonoree[h].contains(t) {
                    site.tagsOfHonoree[h].append(t)
                    honoreesOfTag[t, default: []].append(h)
                }
            }
        }
        site.honoreesOfTag = site.tags.indices.map { honoreesOfTag[$0] ?? [] }
    }
}

/// The site's articles in the order of their files, which editing a date or a title does not
/// change: what assembly remembers is kept by file, and moved to the articles' new places.
struct FileOrder {
    /// The site index (newest first) of the article with each file rank.
    var siteIndexOfRank: [Int]
    /// The file rank of the article at each site index.
    var fileRank: [Int]

    /// `order`: the index among `sourceCount` files (in file order) of each article of the site.
    init(_ order: [Int], sourceCount: Int) {
        var siteIndexOfSource = [Int](repeating: -1, count: sourceCount)
        for (i, s) in order.enumerated() { siteIndexOfSource[s] = i }
        siteIndexOfRank = siteIndexOfSource.filter { $0 >= 0 }
        fileRank = [Int](repeating: 0, count: siteIndexOfRank.count)
        for (r, i) in siteIndexOfRank.enumerated() { fileRank[i] = r }
    }
}

/// What the last assembly made of the site's tags, by what it was made from: filing ten
/// thousand articles' tags again is much of a rebuild's assembly, and most edits leave every
/// article's tags as they were.
final class AssemblyMemo: @unchecked Sendable {
    /// What the articles' order is made from (`SiteBuilder.assemble`).
    struct OrderInputs: Equatable {
        var drafts: Bool
        var dates: [Date], titles: [String], files: [String], draftFlags: [Bool]
        /// Which articles the build's time leaves out or pins: the order changes when one does.
        var later: [Bool], withdrawn: [Bool], pinned: [Bool]
        init(_ articles: [Article], drafts: Bool, future: Bool, now: Date) {
            self.drafts = drafts
            later = future ? [] : articles.indices.map { articles[$0].date > now }
            withdrawn = articles.indices.map { articles[$0].expires.map { $0 <= now } ?? false }
            pinned = articles.indices.map { articles[$0].pinnedUntil.map { $0 > now } ?? false }
            dates = articles.indices.map { articles[$0].date }
            titles = articles.indices.map { articles[$0].title }
            files = articles.indices.map { articles[$0].file }
            draftFlags = articles.indices.map { articles[$0].draft }
        }
    }

    /// What the articles' slugs and URLs are made from (`SiteBuilder.articleSlugs`), in file
    /// order (`FileOrder`): a changed date, which moves an article in the site's order, keeps
    /// them the same.
    struct SlugInputs: Equatable {
        var config: Int, files: [String], explicit: [String?], urls: [String?], bases: [String]
        var slugSpots: [SourceSpot?], urlSpots: [SourceSpot?], dates: [Date], columns: [String?]
        init(_ articles: [Article], in order: FileOrder, config: Int, bases: [String], dates: [Date], columns: [String?]) {
            self.config = config
            let ranked = order.siteIndexOfRank
            files = ranked.map { articles[$0].file }
            explicit = ranked.map { articles[$0].explicitSlug }
            urls = ranked.map { articles[$0].url }
            slugSpots = ranked.map { articles[$0].slugSpot }
            urlSpots = ranked.map { articles[$0].urlSpot }
            self.bases = ranked.map { bases[$0] }
            self.dates = dates.isEmpty ? [] : ranked.map { dates[$0] }
            self.columns = columns.isEmpty ? [] : ranked.map { columns[$0] }
        }

        /// By file rank: whether the article's slug may depend on the order in which the
        /// articles claim theirs. A derived slug does when another article has the same base,
        /// when it did not get its base (`slugs`, by site index), or when its base ends like a
        /// suffix another article's could get (`-2`); explicit slugs and `url:` are claimed
        /// before any derived one, whatever the order.
        func contested(slugs: [String], rankOf: [Int]) -> [Bool] {
            var uses: [String: Int] = [:]
            for r in bases.indices where explicit[r] == nil && urls[r] == nil { uses[bases[r], default: 0] += 1 }
            var contested = [Bool](repeating: false, count: bases.count)
            for (i, slug) in slugs.enumerated() {
                let r = rankOf[i]
                guard explicit[r] == nil && urls[r] == nil else { continue }
                let base = bases[r]
                let suffixed = base.utf8.reversed().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
                contested[r] = uses[base, default: 0] > 1 || slug != base
                    || (suffixed > 0 && base.utf8.dropLast(suffixed).last == UInt8(ascii: "-"))
            }
            return contested
        }
    }
    typealias Slugs = (slugs: [String], paths: [String], diagnostics: [Diagnostic])

    /// What the tags are filed from: site.yml, each article's file and tags in file order
    /// (`FileOrder`), each honoree's tags.
    struct TagInputs: Equatable {
        var config: Int, files: [String], tags: [[String]], honorees: [[String]]
        init(_ site: Site, in order: FileOrder) {
            config = site.config.sourceFingerprint
            files = order.siteIndexOfRank.map { site.articles[$0].file }
            tags = order.siteIndexOfRank.map { site.articles[$0].tags }
            honorees = site.honorees.indices.map { site.honorees[$0].tags }
        }
    }
    typealias Tagged = (tags: [Taxonomy], ofArticle: [[Int]], ofHonoree: [[Int]], honoreesOfTag: [[Int]], diagnostics: [Diagnostic])

    /// What the honor roll is grouped from: site.yml (the slugs' style), each honoree's name and
    /// honors, in file order.
    struct RollInputs: Equatable {
        var config: Int, names: [String], honors: [[Honor]]
        init(_ honorees: [Honoree], config: Int) {
            self.config = config
            names = honorees.indices.map { honorees[$0].name }
            honors = honorees.indices.map { honorees[$0].honors }
        }
    }

    private var lastOrder = Memo<OrderInputs, [Int]>()
    private var lastRoll = Memo<RollInputs, HonorRoll>()
    /// The last slugs, with each article's file rank by its index and, once a move needed it,
    /// which of them may depend on the order (`SlugInputs.contested`).
    private var lastSlugs: (input: SlugInputs, output: Slugs, fileRank: [Int], contested: [Bool]?)?
    /// The last filing, with each article's place in file order (`TagInputs`) by its index.
    private var lastTags: (input: TagInputs, output: Tagged, fileRank: [Int])?

    /// The order `make` gives, or the last one when it was made from the same.
    func order(_ inputs: OrderInputs, _ make: () -> [Int]) -> [Int] { lastOrder.value(for: inputs, make) }

    /// The honor roll `make` groups, or the last one when it was grouped from the same.
    func roll(_ inputs: RollInputs, _ make: () -> HonorRoll) -> HonorRoll { lastRoll.value(for: inputs, make) }

    /// The slugs and URLs `make` gives, or the last ones when they were made from the same: in
    /// another order, moved to the articles' new places when the articles whose slugs depend
    /// on the order are in the same order as before.
    func slugs(_ inputs: SlugInputs, in order: FileOrder, _ make: () -> Slugs) -> Slugs {
        if let last = lastSlugs, last.input == inputs {
            if last.fileRank == order.fileRank { return last.output }
            let contested = last.contested ?? last.input.contested(slugs: last.output.slugs, rankOf: last.fileRank)
            if let moved = Self.moved(last.output, from: last.fileRank, to: order, keepingOrderOf: contested) {
                lastSlugs = (inputs, moved, order.fileRank, contested)
                return moved
            }
        }
        let output = make()
        lastSlugs = (inputs, output, order.fileRank, nil)
        return output
    }

    /// `slugs` with the article at each index i moved to its place in `order`; nil when there is
    /// a diagnostic (it may name whichever article came first) or when the articles `contested`
    /// (by file rank) are not in the same order as before.
    private static func moved(_ slugs: Slugs, from rankOf: [Int], to order: FileOrder, keepingOrderOf contested: [Bool]) -> Slugs? {
        guard slugs.diagnostics.isEmpty else { return nil }
        let before = rankOf.filter { contested[$0] }
        let after = order.fileRank.filter { contested[$0] }
        guard before == after else { return nil }
        var moved = slugs
        for (i, r) in rankOf.enumerated() {
            let to = order.siteIndexOfRank[r]
            moved.slugs[to] = slugs.slugs[i]
            moved.paths[to] = slugs.paths[i]
        }
        return moved
    }

    /// Files `site`'s articles and honorees under their tags with `file`, or as the last time when
    /// the articles' files and tags and the honorees' tags are the same: then, when the articles
    /// are in another order, the last filing with each article's index moved to its new place.
    func tags(_ site: inout Site, in order: FileOrder, _ file: (inout Site) -> Void) {
        let inputs = TagInputs(site, in: order)
        var output: Tagged
        if let last = lastTags, last.input == inputs,
           let kept = last.fileRank == order.fileRank ? last.output : Self.moved(last.output, from: last.fileRank, to: order.siteIndexOfRank) {
            output = kept
        } else {
            var filed = site
            file(&filed)
            output = (filed.tags, filed.tagsOfArticle, filed.tagsOfHonoree, filed.honoreesOfTag, filed.tagDiagnostics)
        }
        lastTags = (inputs, output, order.fileRank)
        (site.tags, site.tagsOfArticle, site.tagsOfHonoree, site.honoreesOfTag, site.tagDiagnostics) = output
    }

    /// `tagged` with the article at each index i moved to `indexOfRank[rankOf[i]]`; nil when it
    /// has a warning, which names a tag's newest article.
    private static func moved(_ tagged: Tagged, from rankOf: [Int], to indexOfRank: [Int]) -> Tagged? {
        guard tagged.diagnostics.isEmpty else { return nil }
        let newIndex = rankOf.map { indexOfRank[$0] }
        var ofArticle = [[Int]](repeating: [], count: newIndex.count)
        for (i, tags) in tagged.ofArticle.enumerated() { ofArticle[newIndex[i]] = tags }
        var tags = tagged.tags
        for t in tags.indices { tags[t].articles = tags[t].articles.map { newIndex[$0] }.sorted() }
        return (tags, ofArticle, tagged.ofHonoree, tagged.honoreesOfTag, tagged.diagnostics)
    }
}

/// The output of the last call, kept with what it was made from: made again only when that
/// differs. Inputs are compared, not hashed: an article read from the cache shares its strings
/// with the last build's, and equal strings that share their storage compare at once.
struct Memo<Input: Equatable, Output> {
    private var last: (input: Input, output: Output)?

    mutating func value(for input: Input, _ make: () -> Output) -> Output {
        if let last, last.input == input { return last.output }
        let output = make()
        last = (input, output)
        return output
    }
}

/// Tag and column names trimmed and folded (勞模 → 劳模), each spelling once: the same few
/// hundred names occur tens of thousands of times.
struct NameKeys {
    let folder: ScriptFolder
    /// By the name's bytes (`TextKey`): hashing a Chinese String normalizes it first.
    private var known: [TextKey: (trimmed: String, key: String)] = [:]

    init(folder: ScriptFolder) { self.folder = folder }

    mutating func key(_ name: String) -> (trimmed: String, key: String) {
        if let hit = known[TextKey(name)] { return hit }
        let trimmed = trimmingBlanks(name)
        let entry = (trimmed: trimmed, key: folder.key(trimmed))
        known[TextKey(name)] = entry
        return entry
    }
}

/// Hands out unique slugs: explicit ones must not collide, derived ones get `-2`, `-3` ….
struct SlugTable {
    private var owners: [String: String] = [:]

    init(capacity: Int = 0) { owners.reserveCapacity(capacity) }

    /// A table in which `slugs` are already taken (by derivation).
    init(taken slugs: [String]) {
        for slug in slugs { owners[slug] = "(derived)" }
    }

    /// Claims `slug` for `file`; returns the file that already has it, if any.
    mutating func claimExplicit(_ slug: String, file: String) -> String? {
        if let owner = owners[slug] { return owner }
        owners[slug] = file
        return nil
    }

    mutating func claimDerived(_ base: String) -> String {
        claimDerived(base) { $0 }.slug
    }

    /// Claims the first of `base`, `base-2`, `base-3` … whose `key` (the URL it gives) is free.
    mutating func claimDerived(_ base: String, key: (String) -> String) -> (slug: String, key: String) {
        var slug = base
        var k = key(slug)
        var n = 2
        while !claimIfFree(k) {
            slug = "\(base)-\(n)"
            k = key(slug)
            n += 1
        }
        return (slug, k)
    }

    /// Takes `slug` if nobody has it, hashing it once (a lookup and then an insert hashed each
    /// slug of the site twice, on every build and every in-place rebuild).
    private mutating func claimIfFree(_ slug: String) -> Bool {
        var free = false
        func take(_ owner: inout String) {
            if owner.isEmpty { owner = "(derived)"; free = true }
        }
        take(&owners[slug, default: ""])
        return free
    }
}
