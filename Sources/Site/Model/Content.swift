import Foundation

/// A news article from `content/news/**/*.md`.
public struct Article: Sendable, Equatable {
    /// Path under the site root, e.g. `content/news/2023/a.md`.
    public var file: String
    public var title: String
    public var date: Date
    public var authors: [String] = []
    public var editors: [String] = []
    public var source = ""
    public var column: String?
    /// The other columns it is listed in (`column: [A, B]`): its URL and breadcrumb are the first's.
    public var moreColumns: [String] = []
    public var tags: [String] = []
    public var summary = ""
    /// Set by `slug:` or derived from the title during assembly.
    public var slug = ""
    public var explicitSlug: String?
    /// Where `slug:` was written, for the error when another file sets the same one.
    var slugSpot: SourceSpot?
    /// The rest of a Jekyll file name (`x` of `2019-04-04-x.md`) when the date came from the
    /// name: the slug is made from it rather than from the title, as Jekyll does.
    var nameSlug: String?
    /// Its page's path under the site (`news/a/`), from `url:` or the site's pattern for
    /// articles, set during assembly: every link to the article is made from it.
    public var path = ""
    /// `url:`, without its leading `/`, and where it was written.
    var url: String?
    var urlSpot: SourceSpot?
    /// `aliases:`: the old paths that redirect to its page, each with where it was written.
    var aliases: [String] = []
    var aliasSpots: [SourceSpot] = []
    /// What the slug is made from when `slug:` does not give it.
    var slugSource: String { nameSlug ?? title }
    /// The slug `slugSource` makes, before collisions are settled; made when the file is read
    /// (nil for an article with `slug:`, or one made otherwise).
    var slugBase: String?
    public var draft = false
    /// Until when it leads the home page and its column (`pinned`, 置顶: `true` is for good,
    /// a date is until then); nil when not pinned.
    public var pinnedUntil: Date?
    /// The portal's headline (`featured`, 头条).
    public var featured = false
    /// When it is withdrawn (`expires`, 撤稿时间): from then on it leaves every list, the feed
    /// and the sitemap, and its page is a short notice.
    public var expires: Date?
    /// Dated later than the build (定时发布), and shown anyway (`--future`, `serve`); assembly sets it.
    public var scheduled = false
    /// Pinned at the build's time; assembly sets it.
    public var pinned = false
    public var cover: String?
    /// What the cover shows, in words (`cover_alt:`, 封面说明), for a reader who cannot see it
    /// and where the page is shared (`og:image:alt`); empty when not given.
    public var coverAlt = ""
    public var originalTitle = ""
    /// When it was last changed (`updated:`, `lastmod:`, 更新时间), if given.
    public var updated: Date?
    /// The updated date, or the date when there is none or it comes first (a warned typo): the
    /// feed entry's `<updated>` and the sitemap's `<lastmod>`.
    var lastModified: Date { max(date, updated ?? date) }
    /// The front matter keys no table knows, as written, for templates (`page.params`).
    public var params: [Param.Entry] = []
    /// The body rendered to HTML, as UTF-8 (`RenderedMarkdown.htmlUTF8`): printed into pages as it is.
    public var htmlUTF8: [UInt8] = []
    /// A fingerprint of `htmlUTF8`, made once when the file is read: the value of the fact
    /// `content` that pages read (`SiteFacts`).
    var contentHash: UInt64 = 0
    /// The values of the facts of its fields that come from its file alone (`SiteFacts.sourceHashes`),
    /// made once when the file is read.
    var sourceFacts: [UInt64] = []
    /// The body's visible text (`RenderedMarkdown.plainText`), decoded from `plainTextUTF8` on each
    /// access: no page uses it, and decoding every article's during the build was a visible part of loading.
    public var plainText: String {
        get { String(decoding: plainTextUTF8, as: UTF8.self) }
        set { plainTextUTF8 = Array(newValue.utf8) }
    }
    var plainTextUTF8: [UInt8] = []
    public var characters = 0
    /// Honorees the article mentions (indices into the site's honorees).
    public var mentions: [Int] = []
    /// Fingerprint of the source file's bytes, for incremental rebuilds.
    public var sourceHash = 0
    /// Links and images written in the body, with their locations (checked after rendering).
    public var references: [Reference] = []
}

/// A link or image destination written in a Markdown body.
public struct Reference: Sendable, Equatable {
    public var destination: String
    public var line: Int
    public var column: Int
    public var isImage: Bool
    /// For an image: whether it has a description (alt text).
    public var hasAlt = true
}

/// A standalone page from `content/pages/*.md` (关于我们 …).
public struct StandalonePage: Sendable {
    public var file: String
    public var title: String
    public var slug = ""
    public var explicitSlug: String?
    /// Where `slug:` was written.
    var slugSpot: SourceSpot?
    /// Its page's path under the site, from `url:` or the site's pattern for pages (assembly).
    public var path = ""
    /// `url:` and `aliases:`, as for articles.
    var url: String?
    var urlSpot: SourceSpot?
    var aliases: [String] = []
    var aliasSpots: [SourceSpot] = []
    public var summary = ""
    public var draft = false
    /// The notice that stands at a withdrawn article's address (`expires`): in no list, the
    /// sitemap or search, and kept from search engines.
    var withdrawn = false
    /// The body rendered to HTML, as UTF-8.
    public var htmlUTF8: [UInt8] = []
    /// Its visible text (`RenderedMarkdown.plainTextUTF8`), for search.
    var plainTextUTF8: [UInt8] = []
    public var date: Date?
    /// `updated:`, `lastmod:`, 更新时间, if given.
    public var updated: Date?
    /// The later of the date and the updated date: the sitemap's `<lastmod>`.
    var lastModified: Date? {
        guard let updated else { return date }
        return date.map { max($0, updated) } ?? updated
    }
    public var sourceHash = 0
    public var references: [Reference] = []
    /// The front matter keys no table knows, for templates (`page.params`).
    public var params: [Param.Entry] = []
}

/// The text of a column's `_index.md` (Hugo's list-page file): shown on the column's page.
public struct ColumnIndex: Sendable, Equatable {
    /// Path under the site root, e.g. `content/news/dongtai/_index.md`.
    public var file: String
    /// The folder it is in (`dongtai`), one of the names it may match a column by.
    public var folder: String
    /// Its `title:`, the other name it may match a column by.
    public var title: String?
    /// Where its `title:` is, or 1:1, for the warning when nothing matches.
    public var line = 1, column = 1
    /// `description:` or `summary:`, else empty.
    public var description = ""
    /// The body rendered to HTML, as UTF-8.
    public var htmlUTF8: [UInt8] = []
    /// The front matter keys no table knows, for templates (`column.params`).
    public var params: [Param.Entry] = []
    /// Fingerprint of the file's bytes: part of its column pages' fingerprints.
    public var sourceHash = 0
}

/// A file under content/ that is not Markdown: copied to the same path under public/.
public struct ContentAsset: Sendable {
    /// Path under content/, e.g. `news/2023/photo.jpg`.
    public var path: String
    public var source: URL
}
