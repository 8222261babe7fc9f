/// What moving edited articles to other columns changed, for an in-place rebuild.
struct RecolumnedSite {
    /// The columns (indices into `Site.columns`, the same before and after) whose pages are made
    /// again whole: each one an edited article left or joined. One article more or fewer moves
    /// every later page of the list, and every page shows the list's length.
    var columns: Set<Int> = []
    /// The files of those columns' pages that are gone (a list a page shorter) and that are new.
    var removed: [String] = []
    var added: [String] = []
    /// Whether the newest article of one of those columns changed: the sitemap gives each
    /// column the date of its newest article.
    var newestChanged = false
}

extension IncrementalBuild {
    /// Files `site`'s articles under their columns again, after the articles `edited` were
    /// saved with another column; nil when that changes more than those columns' members: a
    /// column that comes or goes, another order of columns (they go by size), a column's name
    /// (its most used spelling) or slug, or the warnings of filing — the full path's work, since
    /// every page shows the columns' names in order.
    ///
    /// What stays in place changes only the lists of the columns left and joined, the edited
    /// articles' own pages and lists, and the pages that show the columns' sizes (the default
    /// theme's aside on every page of the home list): `PageReads` noted which those are.
    func refileColumns(_ site: inout Site, edited: Set<Int>, before: [Int?], slugger: Slugger) -> RecolumnedSite? {
        let old = (columns: site.columns, diagnostics: site.columnDiagnostics)
        builder.assembleColumns(&site, slugger: slugger, folder: ScriptFolder())
        guard site.columns.count == old.columns.count, site.columnDiagnostics == old.diagnostics else { return nil }
        for (new, was) in zip(site.columns, old.columns) where new.name != was.name || new.slug != was.slug { return nil }
        var change = RecolumnedSite()
        for i in edited {
            for c in [before[i], site.columnOfArticle[i]] { if let c { change.columns.insert(c) } }
        }
        var oldPaths = Set<String>(), newPaths = Set<String>()
        for c in change.columns {
            change.newestChanged = change.newestChanged || site.columns[c].articles.first != old.columns[c].articles.first
            oldPaths.formUnion(pagePaths(of: old.columns[c], base: ValueBuilder.columnPath, perPage: site.config.perPage))
            newPaths.formUnion(pagePaths(of: site.columns[c], base: ValueBuilder.columnPath, perPage: site.config.perPage))
        }
        change.removed = oldPaths.subtracting(newPaths).sorted()
        change.added = newPaths.subtracting(oldPaths).sorted()
        return change
    }
}
