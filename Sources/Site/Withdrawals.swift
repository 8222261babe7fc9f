import Foundation

/// 撤稿: an article past its `expires` leaves every list, the feed, the sitemap and search, and
/// at its address stands a short notice instead, so that a link to it, shared or bookmarked,
/// still leads somewhere that says what happened (not a bare 404).
extension SiteBuilder {
    /// The notices of `withdrawn` articles, as pages at `paths` with `slugs`, the addresses the
    /// articles had (their slugs claimed among the live ones', `assemble`). One whose address a live article
    /// or page has, or another notice, is left out, with a warning.
    func withdrawalNotices(_ withdrawn: [Article], slugs: [String], paths: [String], site: Site, diagnostics: inout [Diagnostic]) -> [StandalonePage] {
        guard !withdrawn.isEmpty else { return [] }
        var taken = Set(site.articles.map(\.path) + site.pages.map(\.path))
        let timeZone = site.config.timeZone
        let heading = (site.config.strings + ValueBuilder.defaultStrings).first { $0.0 == "withdrawn" }?.1 ?? ""
        var notices: [StandalonePage] = []
        for (a, (slug, path)) in zip(withdrawn, zip(slugs, paths)) {
            guard taken.insert(path).inserted else {
                diagnostics.append(Diagnostic(.warning, file: a.file, line: 0, column: 0,
                    message: "the article is withdrawn (`expires`), and its address /\(path) is another page's now: no notice stands there"))
                continue
            }
            let when = a.expires.map { CivilTime($0, timeZone: timeZone) }
            var notice = StandalonePage(file: a.file, title: heading)
            notice.path = path
            notice.slug = slug
            notice.withdrawn = true
            let text = when.map { "此文已于\($0.year)年\($0.month)月\($0.day)日撤稿。" } ?? "此文已撤稿。"
            notice.summary = text
            notice.htmlUTF8 = Array("<p>\(text)</p>\n".utf8)
            notice.plainTextUTF8 = Array(text.utf8)
            var f = Fingerprint()
            f.add(path)
            f.add(text)
            f.add(heading)
            notice.sourceHash = Int(truncatingIfNeeded: f.value)
            notices.append(notice)
        }
        return notices
    }
}
