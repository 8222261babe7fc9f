/// A value a template can see: what the site hands in, what literals and filters produce.
///
/// Liquid has no user-defined types, so one enum covers everything. Objects keep their key
/// order (templates loop over them and the conformance suite checks the order).
public enum Value: Sendable {
    case `nil`
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// Text that is escaped when auto-escaping is on.
    case string(String)
    /// Text already safe for HTML (rendered Markdown, the `safe` filter): never escaped again.
    case safe(String)
    case array([Value])
    case object(Object)
    /// `(a..b)`, inclusive on both ends; empty when `b < a`.
    case range(Int, Int)
    /// A value computed on demand (`forloop`, lazily built site objects).
    case drop(any Drop)
}

/// An object whose properties are computed when a template asks for them.
///
/// Drops are classes: a class existential is two words, which keeps `Value` small enough to
/// be passed in registers and copied with one retain. An `any Drop` that could hold a struct
/// made every `Value` an address-only type copied through its value witnesses, a large part
/// of the engine's work.
public protocol Drop: AnyObject, Sendable {
    /// The property `key`, or nil when it has none.
    func value(forKey key: String) -> Value?
    /// What the drop turns into when a filter or loop needs a plain value (default: an empty object).
    func materialize() -> Value
    /// The property `key`, given with its `ObjectKey` hash as templates look properties up: a drop
    /// that keeps its values in an `Object` finds them without hashing the name again (default:
    /// `value(forKey:)`).
    func value(forKey key: String, hash: UInt64) -> Value?
    /// The same, with the position to try first in a drop over an `Object` whose keys are in
    /// the same place in every instance (`hint`, kept per property written in a template), and
    /// set to where the key was found (default: `value(forKey:hash:)`, `hint` left alone).
    func value(forKey key: String, hash: UInt64, hint: inout Int) -> Value?
}

extension Drop {
    public func materialize() -> Value { .object(Object()) }
    public func value(forKey key: String, hash: UInt64) -> Value? { value(forKey: key) }
    public func value(forKey key: String, hash: UInt64, hint: inout Int) -> Value? { value(forKey: key, hash: hash) }
}

/// A list whose items are made when asked for: `for` (with `limit:` and `offset:`), `size`,
/// `first`, `last` and `list[n]` fetch only the items they show, so a page that shows the six
/// newest of ten thousand articles asks for six. Filters that need every item (`where`,
/// `sort`, `map` …) get them all through `materialize()`.
public protocol ListDrop: Drop {
    /// The number of items.
    var count: Int { get }
    /// The item at `index`, `0..<count`.
    func item(at index: Int) -> Value
    /// The items `from..<to` (clamped), for `for` with `offset:` and `limit:`.
    func items(from: Int, to: Int) -> [Value]
}

extension ListDrop {
    /// `size`, `first`, `last` and `list[n]` (negative from the end), as an array answers them.
    public func value(forKey key: String) -> Value? {
        switch key {
        case "size": return .int(count)
        case "first": return count > 0 ? item(at: 0) : .nil
        case "last": return count > 0 ? item(at: count - 1) : .nil
        default:
            guard let n = Int(key) else { return nil }
            return self[n]
        }
    }

    /// The item at `n`, counting from the end when negative; nil out of range.
    public subscript(n: Int) -> Value {
        let i = n < 0 ? count + n : n
        return i >= 0 && i < count ? item(at: i) : .nil
    }

    public func materialize() -> Value { .array((0..<count).map(item(at:))) }

    /// The items `from..<to` (clamped), for `for` with `offset:` and `limit:`.
    public func items(from: Int, to: Int) -> [Value] {
        let lo = max(0, from), hi = min(count, to)
        return lo < hi ? (lo..<hi).map(item(at:)) : []
    }
}

/// The keys of objects that are built many times over with the same keys (an article's value,
/// a page-number link): hashed and indexed once, shared by every object made with them.
public final class ObjectLayout: Sendable {
    let keys: [String]
    let hashes: [UInt64]
    let index: [String: Int]?
    let slots: [UInt8]

    /// `keys` in the order objects will list them; a repeated key counts once.
    public init(_ keys: [String]) {
        let prototype = Object(keys.map { ($0, Value.nil) })
        (self.keys, hashes, index, slots) = prototype.layoutParts
    }
}

/// An insertion-ordered string-keyed map.
///
/// Objects in templates are small (a link has 2 keys, an article about 20), and a scan of a
/// cheap per-key hash (see `ObjectKey`) beats a dictionary's hashing, which profiling showed
/// as the engine's main cost. From `slotThreshold` keys an object also keeps a small
/// open-addressed table from that hash to the position, so a lookup in an article or in the
/// site's 30 strings probes a slot or two instead of scanning; past `indexThreshold` keys it
/// keeps a dictionary from key to position instead.
///
/// The keys and values live in one reference-counted box, copied on write: values are copied
/// on every variable lookup, and one reference to retain is much cheaper than three arrays.
public struct Object: Sendable, Sequence {
    /// Mutated only while uniquely referenced (see `makeUnique`), so sharing it is safe, and
    /// no access to it can overlap another: the runtime's exclusivity checks (a large part of
    /// a lookup's cost) are turned off.
    // Visible to other modules' inlined code (`value(forKey:hash:hint:)`), not to their source.
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline @exclusivity(unchecked) var keys: [String]
        /// `ObjectKey.hash` of each key.
        @usableFromInline @exclusivity(unchecked) var hashes: [UInt64]
        @usableFromInline @exclusivity(unchecked) var values: [Value]
        @exclusivity(unchecked) var index: [String: Int]?
        /// Position + 1 of the key whose hash starts probing at each slot, 0 for none; a power
        /// of two long, at most half full. Empty below `slotThreshold` keys and with `index`.
        @exclusivity(unchecked) var slots: [UInt8]

        init(keys: [String] = [], hashes: [UInt64] = [], values: [Value] = [], index: [String: Int]? = nil,
             slots: [UInt8] = []) {
            self.keys = keys
            self.hashes = hashes
            self.values = values
            self.index = index
            self.slots = slots
        }

        /// Shared by every empty object until it is first written to.
        static let empty = Storage()
    }

    @usableFromInline var storage: Storage
    static let indexThreshold = 64
    static let slotThreshold = 8

    public init() { storage = .empty }

    /// The pairs in order; a repeated key keeps its first position and its last value.
    public init(_ pairs: [(String, Value)]) {
        // Filled directly: the storage is new, so the setter's uniqueness and index checks
        // are not needed (objects are built for every page).
        let storage = Storage()
        storage.keys.reserveCapacity(pairs.count)
        storage.hashes.reserveCapacity(pairs.count)
        storage.values.reserveCapacity(pairs.count)
        self.storage = storage
        for (k, v) in pairs {
            let key = ObjectKey(k)
            if let i = position(of: key) {
                storage.values[i] = v
            } else {
                storage.keys.append(k)
                storage.hashes.append(key.hash)
                storage.values.append(v)
            }
        }
        if storage.keys.count > Self.indexThreshold { rebuildIndex() } else { rebuildSlots() }
    }

    /// An object with `layout`'s keys and `values` in the same order: the keys are neither
    /// hashed nor indexed again (their arrays are shared with the layout until written to).
    public init(_ layout: ObjectLayout, _ values: [Value]) {
        guard values.count == layout.keys.count else {
            self = Object(Array(zip(layout.keys, values)))
            return
        }
        storage = Storage(keys: layout.keys, hashes: layout.hashes, values: values, index: layout.index, slots: layout.slots)
    }

    /// An empty object with room for `capacity` keys before it first grows.
    init(reservingCapacity capacity: Int) {
        let storage = Storage()
        storage.keys.reserveCapacity(capacity)
        storage.hashes.reserveCapacity(capacity)
        storage.values.reserveCapacity(capacity)
        self.storage = storage
    }

    /// The keys in insertion order.
    public var keys: [String] { storage.keys }

    /// What `ObjectLayout` keeps of an object.
    fileprivate var layoutParts: ([String], [UInt64], [String: Int]?, [UInt8]) {
        (storage.keys, storage.hashes, storage.index, storage.slots)
    }
    public var count: Int { storage.keys.count }
    public var isEmpty: Bool { storage.keys.isEmpty }

    private func position(of key: ObjectKey) -> Int? {
        let storage = storage
        if let index = storage.index { return index[key.name] }
        if !storage.slots.isEmpty {
            return storage.slots.withUnsafeBufferPointer { slots in
                storage.hashes.withUnsafeBufferPointer { hashes in
                    let mask = slots.count - 1
                    var j = Object.slot(of: key.hash) & mask
                    while true {
                        let s = Int(slots[j])
                        if s == 0 { return nil }
                        if hashes[s - 1] == key.hash && storage.keys[s - 1] == key.name { return s - 1 }
                        j = (j + 1) & mask
                    }
                }
            }
        }
        return storage.hashes.withUnsafeBufferPointer { hashes in
            for i in 0..<hashes.count where hashes[i] == key.hash && storage.keys[i] == key.name { return i }
            return nil
        }
    }

    /// The value of `key`, trying position `hint` first; `hint` becomes the key's position
    /// when it is found elsewhere. The renderer's own lookup: `value(forKey:hash:hint:)` does the
    /// same for other modules, inlined there, but forced inline into the renderer's property
    /// lookup it made that retain and release more (+2.5% instructions on a build).
    func value(for key: ObjectKey, hint: inout Int) -> Value? {
        let storage = storage
        let guess = hint
        if guess >= 0, guess < storage.hashes.count, storage.hashes[guess] == key.hash, storage.keys[guess] == key.name {
            return storage.values[guess]
        }
        return value(searchingFor: key.name, hash: key.hash, hint: &hint)
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            if storage.keys.isEmpty {
                // The first key of an empty object: room for a few more (scopes, small objects).
                storage = Storage()
                storage.keys.reserveCapacity(4)
                storage.hashes.reserveCapacity(4)
                storage.values.reserveCapacity(4)
            } else {
                storage = Storage(keys: storage.keys, hashes: storage.hashes, values: storage.values, index: storage.index,
                                  slots: storage.slots)
            }
        }
    }

    public subscript(key: String) -> Value? {
        get { self[ObjectKey(key)] }
        set { self[ObjectKey(key)] = newValue }
    }

    /// The position and value of `key`, whose `ObjectKey` hash is `hash` (for drops that keep
    /// their values in an object, see `Drop.value(forKey:hash:)`).
    public func lookup(_ key: String, hash: UInt64) -> (position: Int, value: Value)? {
        guard let i = position(of: ObjectKey(name: key, hash: hash)) else { return nil }
        return (i, storage.values[i])
    }

    /// The value of `key` (whose `ObjectKey` hash is `hash`), trying position `hint` first;
    /// `hint` becomes the key's position when it is found. Inlined where it is called: drops
    /// over objects (the site's articles) answer most of a page's property reads through it,
    /// and the key is nearly always at its hint.
    @inlinable @inline(__always)
    public func value(forKey key: String, hash: UInt64, hint: inout Int) -> Value? {
        let storage = storage
        let guess = hint
        if guess >= 0, guess < storage.hashes.count, storage.hashes[guess] == hash, storage.keys[guess] == key {
            return storage.values[guess]
        }
        return value(searchingFor: key, hash: hash, hint: &hint)
    }

    /// `value(forKey:hash:hint:)` where the key is not at its hint.
    @usableFromInline func value(searchingFor key: String, hash: UInt64, hint: inout Int) -> Value? {
        guard let i = position(of: ObjectKey(name: key, hash: hash)) else { return nil }
        hint = i
        return storage.values[i]
    }

    /// The position and value of `key`.
    public func lookup(_ key: String) -> (position: Int, value: Value)? {
        lookup(key, hash: ObjectKey.hash(key))
    }

    /// The value at `position` (`0..<count`).
    public func value(at position: Int) -> Value { storage.values[position] }

    /// The value of a key whose hash is already known.
    subscript(key: ObjectKey) -> Value? {
        get {
            guard let i = position(of: key) else { return nil }
            return storage.values[i]
        }
        set {
            if let i = position(of: key) {
                makeUnique()
                if let newValue {
                    storage.values[i] = newValue
                } else {
                    storage.keys.remove(at: i)
                    storage.hashes.remove(at: i)
                    storage.values.remove(at: i)
                    if storage.index != nil { rebuildIndex() } else { rebuildSlots() }
                }
            } else if let newValue {
                makeUnique()
                storage.keys.append(key.name)
                storage.hashes.append(key.hash)
                storage.values.append(newValue)
                if storage.index != nil {
                    storage.index?[key.name] = storage.keys.count - 1
                } else if storage.keys.count > Self.indexThreshold {
                    rebuildIndex()
                } else if storage.keys.count >= Self.slotThreshold {
                    if storage.keys.count * 2 > storage.slots.count {
                        rebuildSlots()
                    } else {
                        Object.insert(storage.keys.count - 1, hash: key.hash, into: &storage.slots)
                    }
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        var d: [String: Int] = [:]
        d.reserveCapacity(storage.keys.count)
        for (i, k) in storage.keys.enumerated() { d[k] = i }
        storage.index = d
        storage.slots = []
    }

    /// Fills `slots` anew for the current keys (or empties it when the object is too small
    /// or too big for one). Called on storage this object alone holds.
    private mutating func rebuildSlots() {
        let count = storage.keys.count
        guard count >= Self.slotThreshold, count <= Self.indexThreshold else {
            if !storage.slots.isEmpty { storage.slots = [] }
            return
        }
        var size = 16
        while size < count * 4 { size *= 2 }
        var slots = [UInt8](repeating: 0, count: size)
        for (i, h) in storage.hashes.enumerated() { Object.insert(i, hash: h, into: &slots) }
        storage.slots = slots
    }

    /// The first slot a hash probes (before masking): FNV's low bits alone cluster.
    @inline(__always) private static func slot(of hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash &>> 29))
    }

    private static func insert(_ position: Int, hash: UInt64, into slots: inout [UInt8]) {
        let mask = slots.count - 1
        var j = slot(of: hash) & mask
        while slots[j] != 0 { j = (j + 1) & mask }
        slots[j] = UInt8(position + 1)
    }

    public func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        var i = 0
        let storage = storage
        return AnyIterator {
            guard i < storage.keys.count else { return nil }
            defer { i += 1 }
            return (storage.keys[i], storage.values[i])
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral,
    ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) { self = .object(Object(elements)) }
    public init(nilLiteral: ()) { self = .nil }
}

// MARK: - Liquid semantics

extension Value {
    /// Liquid truthiness: only `nil` and `false` are false ("" and 0 are true).
    public var isTruthy: Bool {
        switch self {
        case .nil: return false
        case .bool(let b): return b
        default: return true
        }
    }

    public var isNil: Bool {
        if case .nil = self { return true }
        return false
    }

    /// The value a filter or loop works on: ranges become arrays, drops materialize.
    public var resolved: Value {
        switch self {
        case .range(let a, let b): return .array(a <= b ? (a...b).map { .int($0) } : [])
        case .drop(let d): return d.materialize()
        default: return self
        }
    }

    /// The items `for` and array filters see. A string or number is a one-item list, nil none,
    /// an object its `[key, value]` pairs (as Ruby's Hash#each gives them).
    public var items: [Value] {
        switch self {
        case .nil: return []
        case .array(let a): return a
        case .range(let a, let b): return a <= b ? (a...b).map { .int($0) } : []
        case .object(let o): return o.map { .array([.string($0.key), $0.value]) }
        case .drop(let d): return d.materialize().items
        default: return [self]
        }
    }

    /// Text as `{{ }}` prints it (before escaping). Arrays print their items joined with nothing.
    public var text: String {
        switch self {
        case .nil: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return Value.format(d)
        case .string(let s), .safe(let s): return s
        case .array(let a): return a.map(\.text).joined()
        case .object(let o): return Value.inspectObject(o)
        case .range(let a, let b): return "\(a)..\(b)"
        case .drop(let d): return d.materialize().text
        }
    }

    /// Whether `{{ }}` must leave this value's text unescaped.
    public var isSafe: Bool {
        switch self {
        case .safe: return true
        case .drop(let d): return d is SafeHTML
        default: return false
        }
    }

    /// The string inside `.string` or `.safe` (or of `SafeHTML`), else nil.
    public var stringValue: String? {
        switch self {
        case .string(let s), .safe(let s): return s
        case .drop(let d as SafeHTML): return d.string
        default: return nil
        }
    }

    /// Ruby's Float#to_s: `1.0`, `0.1`, `1.0e+20`.
    static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == d.rounded(), abs(d) < 1e16 { return String(format: "%.1f", d) }
        return "\(d)"
    }

    static func inspectObject(_ o: Object) -> String {
        "{" + o.map { "\(inspect(.string($0.key)))=>\(inspect($0.value))" }.joined(separator: ", ") + "}"
    }

    /// Ruby's `inspect`, used where Liquid prints a hash.
    static func inspect(_ v: Value) -> String {
        switch v {
        case .nil: return "nil"
        case .string(let s), .safe(let s):
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .array(let a): return "[" + a.map(inspect).joined(separator: ", ") + "]"
        case .object(let o): return inspectObject(o)
        case .drop(let d as SafeHTML): return inspect(d.materialize())
        default: return v.text
        }
    }
}

// MARK: - Equality and order as Liquid compares them

extension Value: Equatable {
    /// Liquid `==`: numbers compare by value across int and float, strings by content
    /// (safe or not), arrays and objects element-wise.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        // The common cases first, without building the resolved pair: conditions compare
        // urls and kinds on every page.
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        default: break
        }
        switch (lhs.resolvedForCompare, rhs.resolvedForCompare) {
        case (.nil, .nil): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .double(let b)): return Double(a) == b
        case (.double(let a), .int(let b)): return a == Double(b)
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)), (.safe(let a), .safe(let b)),
            (.string(let a), .safe(let b)), (.safe(let a), .string(let b)):
            return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.keys.count == b.keys.count && a.allSatisfy { b[$0.key] == $0.value }
        default: return false
        }
    }

    private var resolvedForCompare: Value {
        switch self {
        case .range, .drop: return resolved
        default: return self
        }
    }

    /// Liquid `<`, `>`: numbers with numbers, strings with strings; nil when not comparable
    /// (which makes the comparison an error in Liquid).
    public func compare(_ other: Value) -> ComparisonResult? {
        switch (self, other) {
        case (.int(let a), .int(let b)): return a < b ? .less : a > b ? .greater : .equal
        case (.int, .double), (.double, .int), (.double, .double):
            let a = numberValue ?? 0, b = other.numberValue ?? 0
            return a < b ? .less : a > b ? .greater : .equal
        default:
            if let a = stringValue, let b = other.stringValue {
                return a < b ? .less : a > b ? .greater : .equal
            }
            return nil
        }
    }

    /// The value as a Double when it is a number.
    public var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public enum ComparisonResult: Sendable { case less, equal, greater }
}
