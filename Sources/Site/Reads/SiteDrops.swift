import Template

/// An article as templates see it: the value `ValueBuilder.article` built, shared by every page
/// that shows the article, noting each field a page reads (`Reads`) as the fact
/// (article, field) — its position in the value, which is `ArticleField`'s order.
final class ArticleDrop: Drop {
    let object: Object
    let entity: Entity

    init(_ object: Object, entity: Entity) {
        self.object = object
        self.entity = entity
    }

    func value(forKey key: String) -> Value? {
        guard let (i, v) = object.lookup(key) else { return nil }
        Reads.note(Fact(entity, i))
        return v
    }

    func value(forKey key: String, hash: UInt64) -> Value? {
        guard let (i, v) = object.lookup(key, hash: hash) else { return nil }
        Reads.note(Fact(entity, i))
        return v
    }

    func value(forKey key: String, hash: UInt64, hint: inout Int) -> Value? {
        guard let v = object.value(forKey: key, hash: hash, hint: &hint) else { return nil }
        Reads.note(Fact(entity, hint))
        return v
    }

    func materialize() -> Value {
        for i in 0..<object.count { Reads.note(Fact(entity, i)) }
        return .object(object)
    }
}

/// A list of the site (`site.articles`, a column's articles …) or a window of one (a page of
/// a paginated list): its size and each item asked for are noted as facts of the list entity,
/// the items made only when asked for.
final class ListValue: ListDrop {
    let entity: Entity
    /// The indices of the members (into the site's articles, columns …).
    let members: [Int]
    /// The positions shown: all, or a page's.
    let window: Range<Int>
    let make: @Sendable (Int) -> Value
    /// For a list of articles (most lists), the values their items are: called directly rather
    /// than through a closure, since every item of every list on every page goes through here.
    private unowned(unsafe) let articles: SiteValues?

    private init(_ entity: Entity, members: [Int], window: Range<Int>?, make: @escaping @Sendable (Int) -> Value, articles: SiteValues?) {
        self.entity = entity
        self.members = members
        let all = 0..<members.count
        self.window = window?.clamped(to: all) ?? all
        self.make = make
        self.articles = articles
    }

    /// A list whose items `make` makes from their members.
    convenience init(_ entity: Entity, members: [Int], window: Range<Int>? = nil, make: @escaping @Sendable (Int) -> Value) {
        self.init(entity, members: members, window: window, make: make, articles: nil)
    }

    /// A list of articles of `values`, which outlives every page of the build.
    convenience init(_ entity: Entity, members: [Int], window: Range<Int>? = nil, articlesOf values: SiteValues) {
        self.init(entity, members: members, window: window, make: { _ in .nil }, articles: values)
    }

    /// The number of items: how many there are in the window depends on the list's size.
    var count: Int {
        Reads.note(Fact(entity, 0))
        return window.count
    }

    func item(at index: Int) -> Value {
        let k = window.lowerBound + index
        Reads.note(Fact(entity, k + 1))
        if let articles { return articles.article(members[k]) }
        return make(members[k])
    }

    /// The first items of a whole list (`for a in column.articles limit: 6`) depend on those
    /// items, and on the list's size only when it ends before `to`: then on the first place past
    /// its end, which a new item fills. So a sidebar of a column's six newest is not rendered
    /// again each time an old article joins or leaves the column.
    func items(from: Int, to: Int) -> [Value] {
        let lo = max(0, from)
        guard window == 0..<members.count else {
            let hi = min(count, to)
            return lo < hi ? (lo..<hi).map(item(at:)) : []
        }
        let hi = min(members.count, to)
        if hi < to { Reads.note(Fact(entity, max(hi, lo) + 1)) }
        return lo < hi ? (lo..<hi).map(item(at:)) : []
    }
}

/// A column or tag: `name`, `slug`, `url`, `count`, `articles` (a `ListValue`), and a column's
/// `description`, `content` and `params` from its `_index.md`; each read noted as a fact of it.
final class TaxonomyDrop: Drop {
    let entity: Entity
    /// The keys above in that order (`layout`, `columnLayout`), found by position as an article's are.
    let object: Object

    /// The fact each key of the object is, by position.
    private static let fields: [TaxonomyField] = [.name, .slug, .slug, .count, .articles, .extra, .extra, .extra]
    private static let layout = ObjectLayout(["name", "slug", "url", "count", "articles"])
    private static let columnLayout = ObjectLayout(["name", "slug", "url", "count", "articles", "description", "content", "params"])

    /// `index`: a column's `description`, `content` and `params`; nil for a tag.
    init(entity: Entity, name: String, slug: String, url: String, count: Int, articles: ListValue,
         index: (description: Value, content: Value, params: Value)?) {
        self.entity = entity
        let values: [Value] = [.string(name), .string(slug), .string(url), .int(count), .drop(articles)]
        if let index {
            object = Object(Self.columnLayout, values + [index.description, index.content, index.params])
        } else {
            object = Object(Self.layout, values)
        }
    }

    @inline(__always) private func note(_ position: Int) { Reads.note(Fact(entity, Self.fields[position].rawValue)) }

    func value(forKey key: String) -> Value? {
        guard let (i, v) = object.lookup(key) else { return missing(key) }
        note(i)
        return v
    }

    func value(forKey key: String, hash: UInt64) -> Value? {
        guard let (i, v) = object.lookup(key, hash: hash) else { return missing(key) }
        note(i)
        return v
    }

    func value(forKey key: String, hash: UInt64, hint: inout Int) -> Value? {
        guard let v = object.value(forKey: key, hash: hash, hint: &hint) else { return missing(key) }
        note(hint)
        return v
    }

    /// As an object answers them: its number of keys, its first [key, value] pair.
    private func missing(_ key: String) -> Value? {
        switch key {
        case "size": return .int(object.count)
        case "first": note(0); return .array([.string("name"), object.value(at: 0)])
        default: return nil
        }
    }

    func materialize() -> Value {
        for i in 0..<object.count { note(i) }
        return .object(object)
    }
}

/// A value that stands or falls as one fact (an honoree's summary, a standalone page, a data
/// file, the honor roll): any read of it notes that fact. Lists become a `WholeList`.
func whole(_ value: Value, _ fact: Fact) -> Value {
    if case .array(let items) = value { return .drop(WholeList(items, fact: fact)) }
    return .drop(WholeDrop(value, fact: fact))
}

/// An object or scalar read as one fact (`whole`).
final class WholeDrop: Drop {
    let fact: Fact
    let value: Value

    init(_ value: Value, fact: Fact) {
        self.value = value
        self.fact = fact
    }

    func value(forKey key: String) -> Value? {
        Reads.note(fact)
        if case .object(let o) = value { return o[key] }
        return nil
    }

    func materialize() -> Value {
        Reads.note(fact)
        return value
    }
}

/// A list read as one fact (`whole`), made when first read.
final class WholeList: ListDrop {
    let fact: Fact
    /// The items, as one `.array`, once made.
    private let made: ValueMemo
    private let make: @Sendable () -> [Value]

    init(_ items: [Value], fact: Fact) {
        self.made = ValueMemo(count: 1, reusing: [.array(items)])
        self.make = { items }
        self.fact = fact
    }

    /// A list made by `make` the first time a page reads it.
    init(fact: Fact, _ make: @escaping @Sendable () -> [Value]) {
        self.made = ValueMemo(count: 1)
        self.make = make
        self.fact = fact
    }

    private var items: [Value] {
        guard case .array(let items) = made.value(0, orBuild: { .array(make()) }) else { return [] }
        return items
    }

    var count: Int {
        Reads.note(fact)
        return items.count
    }

    func item(at index: Int) -> Value {
        Reads.note(fact)
        return items[index]
    }
}
