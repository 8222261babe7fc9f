import Foundation

/// A column or a tag: the articles filed under one name.
public struct Taxonomy: Sendable {
    /// The most used spelling (勞模 and 劳模 are one tag, shown as whichever editors use more).
    public var name: String
    public var slug: String
    /// Indices into `Site.articles`, newest first.
    public var articles: [Int]
    /// A column's `_index.md`, when one names it (`describeColumns`).
    public var index: ColumnIndex? = nil
}

/// The assembled site: everything needed to render, in memory.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Pinned ones first (置顶), then newest first.
    public var articles: [Article]
    public var pages: [StandalonePage]
    /// The articles' indices newest first by date alone, pinned or not: what slugs are claimed
    /// by (oldest first), what neighbours (上一篇/下一篇) and the feed follow. Pinning moves an
    /// article in the lists, not its address or its place in time.
    public var byDate: [Int] = []
    /// Each article's position in `byDate`.
    var dateRank: [Int] = []
    /// The articles this build left out by its time (scheduled for later, withdrawn): their
    /// files still use the images they name, which `check` must not call unused.
    var leftOut: [Article] = []
    /// The articles left out because they are dated later than the build (定时发布): their
    /// files and dates, soonest first.
    public var scheduledLater: [(file: String, date: Date)] = []
    public var columns: [Taxonomy]
    public var tags: [Taxonomy]
    public var assets: [ContentAsset]
    /// Article index → its column's index in `columns`.
    public var columnOfArticle: [Int?]
    /// Article index → indices into `tags`.
    public var tagsOfArticle: [[Int]]
    /// Model workers, craftsmen and collectives, in file order.
    public var honorees: [Honoree] = []
    public var roll = HonorRoll()
    /// Honoree index → indices into `tags`.
    public var tagsOfHonoree: [[Int]] = []
    /// Tag index → honorees with that tag.
    public var honoreesOfTag: [[Int]] = []
    /// The `_index.md` files under content/news/<folder>/, matched to columns by `describeColumns`.
    public var columnIndexes: [ColumnIndex] = []
    /// The slug each article's title gives before collisions are settled ("" for an explicit
    /// `slug:`): an in-place rebuild settles them again after a title changes.
    var slugBases: [String] = []
    /// What the site publishes of each photo under content/, by its path there (`SitePhotos`).
    var photos: [String: SitePhotos.Published] = [:]
    /// The warnings of filing articles under columns and under tags, the last of assembling's
    /// diagnostics, in that order (`SiteBuilder.assembleColumns`, `assembleTags`).
    var columnDiagnostics: [Diagnostic] = []
    var tagDiagnostics: [Diagnostic] = []
}
