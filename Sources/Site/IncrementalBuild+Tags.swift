/// What filing edited articles under other tags changed, for an in-place rebuild.
struct RetaggedSite {
    /// The tags (indices into the new `Site.tags`) whose pages are made again: every tag an
    /// edited article is in now or was in before, and every tag whose name or slug changed.
    var tags: Set<Int> = []
    /// The files of those tags' pages that are gone (a tag's list a page shorter, a tag no
    /// article or honoree has now), and that are new; sorted.
    var removed: [String] = []
    var added: [String] = []
    /// Articles that were not edited but show their tags otherwise now: in another order
    /// (an article lists its tags in the site's order of tags, biggest first), or by another
    /// name (a tag's most used spelling changed). Their pages are made again.
    var reshown: Set<Int> = []
}

extension IncrementalBuild {
    /// At most this many articles not edited may show their tags otherwise for the rebuild to
    /// stay in place: beyond, the full path, which renders in parallel from the start, is as fast.
    static let reshownLimit = 200

    /// Files `site`'s articles and honorees under their tags again, after the articles
    /// `edited` were saved with other tags; nil when that changes an honoree's tags, or the
    /// tags of more than `reshownLimit` other articles: the full path's work.
    ///
    /// Every tag that keeps its name, slug and members keeps its pages' fingerprints; the
    /// others are re-rendered whole, since one article more or fewer moves every later page of
    /// the list. The order of tags may change (they go by size): the list of tags, the sitemap
    /// and the articles whose tags come in another order show it.
    func refileTags(_ site: inout Site, edited: Set<Int>, slugger: Slugger) -> RetaggedSite? {
        let before = (tags: site.tags, ofArticle: site.tagsOfArticle, ofHonoree: site.tagsOfHonoree)
        builder.assembleTags(&site, slugger: slugger, folder: ScriptFolder())
        // Old tag index → the new index of the tag with the same slug and name, or -1. Compared
        // once a tag, so that each article's tags compare as integers: comparing Chinese names
        // normalizes them, ~100,000 times at 10,000 articles.
        var indexOfSlug: [String: Int] = [:]
        indexOfSlug.reserveCapacity(site.tags.count)
        for (t, tag) in site.tags.enumerated() { indexOfSlug[tag.slug] = t }
        let now = site.tags
        let mapped = before.tags.map { tag in indexOfSlug[tag.slug].flatMap { now[$0].name == tag.name ? $0 : nil } ?? -1 }
        func same(_ new: [Int], as old: [Int]) -> Bool {
            guard new.count == old.count else { return false }
            for k in new.indices where new[k] != mapped[old[k]] { return false }
            return true
        }
        for h in site.honorees.indices {
            guard same(site.tagsOfHonoree[h], as: before.ofHonoree[h]) else { return nil }
        }
        var change = RetaggedSite()
        for i in site.articles.indices where !edited.contains(i) && !same(site.tagsOfArticle[i], as: before.ofArticle[i]) {
            change.reshown.insert(i)
            if change.reshown.count > Self.reshownLimit { return nil }
        }
        var oldPaths = Set<String>()
        func changed(old t: Int) {
            if mapped[t] >= 0 { change.tags.insert(mapped[t]) }
            oldPaths.formUnion(pagePaths(of: before.tags[t], base: ValueBuilder.tagPath, perPage: site.config.perPage))
        }
        for i in edited {
            change.tags.formUnion(site.tagsOfArticle[i])
            for t in before.ofArticle[i] { changed(old: t) }
        }
        // Tags renamed or given another slug, and new ones.
        for t in before.tags.indices where mapped[t] < 0 { changed(old: t) }
        var isImage = [Bool](repeating: false, count: now.count)
        for n in mapped where n >= 0 { isImage[n] = true }
        for n in now.indices where !isImage[n] { change.tags.insert(n) }
        // Only the tags filed again: another tag's pages rendered because they list a reshown article stay.
        var newPaths = Set<String>()
        for t in change.tags { newPaths.formUnion(pagePaths(of: now[t], base: ValueBuilder.tagPath, perPage: site.config.perPage)) }
        change.removed = oldPaths.subtracting(newPaths).sorted()
        change.added = newPaths.subtracting(oldPaths).sorted()
        return change
    }

    /// The files of a tag's or column's pages (`base`: where a slug's pages go), as
    /// `SiteBuilder.pageJobs` names them.
    func pagePaths(of list: Taxonomy, base: (_ slug: String) -> String, perPage: Int) -> [String] {
        let base = base(list.slug)
        return paginate(list.articles, perPage: perPage).map { $0.file(base: base) }
    }
}
