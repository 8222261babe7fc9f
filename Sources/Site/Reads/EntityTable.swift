/// Numbers for the things pages read — articles by file, columns and tags by slug, lists by what
/// they list — handed out once and kept for as long as the build state, so that a fact a page
/// read in one build (`Fact`) names the same thing in the next.
///
/// Used under the build's lock, by one thread at a time.
final class EntityTable: @unchecked Sendable {
    /// Each entity's name, by number.
    private(set) var names: [String] = []
    private var ids: [String: UInt32] = [:]

    init(names: [String] = []) {
        self.names = names
        ids.reserveCapacity(names.count)
        for (i, n) in names.enumerated() { ids[n] = UInt32(i) }
    }

    /// The entity named `name`, numbered now if it is new.
    func entity(_ name: String) -> Entity {
        if let id = ids[name] { return Entity(id: id) }
        let id = UInt32(names.count)
        names.append(name)
        ids[name] = id
        return Entity(id: id)
    }

    var count: Int { names.count }
}

/// The names of entities: a kind, a separator no path or slug holds, and what tells it apart.
enum EntityName {
    static func article(_ file: String) -> String { "a\u{1}" + file }
    static func column(_ slug: String) -> String { "c\u{1}" + slug }
    static func tag(_ slug: String) -> String { "t\u{1}" + slug }
    static func honoree(_ file: String) -> String { "h\u{1}" + file }
    static func page(_ file: String) -> String { "p\u{1}" + file }
    static func data(_ name: String) -> String { "d\u{1}" + name }
    /// A column's articles, a tag's articles and honorees, an honoree's articles.
    static func columnArticles(_ slug: String) -> String { "C\u{1}" + slug }
    static func tagArticles(_ slug: String) -> String { "T\u{1}" + slug }
    static func tagHonorees(_ slug: String) -> String { "U\u{1}" + slug }
    static func honoreeArticles(_ file: String) -> String { "H\u{1}" + file }
    /// The site's own lists and the honor roll.
    static let articles = "L\u{1}articles", columns = "L\u{1}columns", tags = "L\u{1}tags"
    static let honorees = "L\u{1}honorees", pages = "L\u{1}pages", roll = "R\u{1}roll"
}
