import CUnionsite

/// What one page's rendering read of the site, fact by fact (`Fact`): which article's title,
/// which item of which list, which list's size. A page is rendered again exactly when one of the
/// facts it read has another value (`SiteFacts.fingerprint`); rendering is deterministic, so a
/// page whose facts are all as they were reads the same facts again and gives the same bytes.
///
/// Recorded per thread, since each page renders on one thread from start to end: the values
/// templates see are built once and shared by every page (`ArticleDrop`, `ListValue` …), and
/// they note a read in the reads of whichever page is rendering on the thread that asks.
final class Reads {
    // Raw buffers, written on one thread only (the one rendering the page): a note is a store
    // and an increment, without an array's uniqueness, capacity and exclusivity checks, which
    // cost more than the note.
    /// The facts noted, `count` of `capacity`.
    private var facts: UnsafeMutablePointer<UInt64>
    private var count = 0, capacity = 256
    /// The facts noted last, by a hash of each: a page reads the same few facts again and again
    /// (an article's url in its link and its title's), and each skipped here is one fewer to sort.
    private let recent: UnsafeMutablePointer<UInt64>
    private static let recentCount = 64

    private init() {
        facts = .allocate(capacity: capacity)
        recent = .allocate(capacity: Self.recentCount)
        recent.initialize(repeating: .max, count: Self.recentCount)
    }

    deinit {
        facts.deallocate()
        recent.deallocate()
    }

    /// Appends `fact` unless it was just noted.
    @inline(__always) func add(_ fact: Fact) {
        let slot = Int(truncatingIfNeeded: (fact.raw &* 0x9E37_79B9_7F4A_7C15) >> 58)
        if recent[slot] == fact.raw { return }
        recent[slot] = fact.raw
        if count == capacity { grow() }
        facts[count] = fact.raw
        count &+= 1
    }

    private func grow() {
        let larger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: facts, count: count)
        facts.deallocate()
        facts = larger
        capacity *= 2
    }

    /// The facts noted, sorted, each once, lent to `body`.
    private func sorted<T>(_ body: (UnsafeBufferPointer<Fact>) -> T) -> T {
        var noted = UnsafeMutableBufferPointer(start: facts, count: count)
        noted.sort()
        var kept = 0
        for i in 0..<count where kept == 0 || noted[kept - 1] != noted[i] {
            noted[kept] = noted[i]
            kept += 1
        }
        return UnsafeBufferPointer(rebasing: noted[..<kept]).withMemoryRebound(to: Fact.self, body)
    }

    /// Runs `body` (one page's rendering) with its reads recorded; returns them, and what
    /// `summary` makes of them (sorted, each once) while they are at hand.
    static func recording<R, E: Error>(_ body: () throws(E) -> R,
                                       summary: (UnsafeBufferPointer<Fact>) -> Int = { _ in 0 }) throws(E) -> (R, PageReads, Int) {
        let reads = Reads()
        let outer = unionsite_reads()
        unionsite_set_reads(Unmanaged.passUnretained(reads).toOpaque())
        defer { unionsite_set_reads(outer) }
        let result = try body()
        let (page, summarized) = reads.sorted { (PageReads(sorted: $0), summary($0)) }
        return (result, page, summarized)
    }

    /// Notes that the page rendering on this thread read `fact` (nothing when none is rendering:
    /// a value looked at outside a page, by a test or the link checks).
    @inline(__always) static func note(_ fact: Fact) {
        guard let p = unionsite_reads() else { return }
        // Borrowed, not retained: `recording` holds the reads while the page renders.
        Unmanaged<Reads>.fromOpaque(p)._withUnsafeGuaranteedRef { $0.add(fact) }
    }
}

/// One thing a page can read of the site: a field of an entity (an article's `title`, a column's
/// `count`), or the size or one item of a list entity. The entity is a stable number
/// (`EntityTable`), so a fact means the same from one build to the next.
struct Fact: Hashable, Comparable, Sendable {
    let raw: UInt64

    init(raw: UInt64) { self.raw = raw }

    /// `field` of `entity`; for a list, field 0 is its size and field k + 1 its item k.
    init(_ entity: Entity, _ field: Int) {
        raw = UInt64(entity.id) << 24 | UInt64(truncatingIfNeeded: min(max(field, 0), 0xFF_FFFF))
    }

    var entity: Entity { Entity(id: UInt32(truncatingIfNeeded: raw >> 24)) }
    var field: Int { Int(raw & 0xFF_FFFF) }

    static func < (a: Fact, b: Fact) -> Bool { a.raw < b.raw }
}

/// An article, column, tag, honoree, list … by a number that stays its own for as long as the
/// build state does (`EntityTable`).
struct Entity: Hashable, Sendable {
    let id: UInt32
}
