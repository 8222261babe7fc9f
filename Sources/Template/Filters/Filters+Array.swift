import Foundation

extension StandardFilters {
    /// Array filters (also `find`, `find_index` and `has`, Liquid 5.8's). Most see their input as Liquid's `InputIterator` does: nested arrays are
    /// flattened, an object or a single value is a one-item list, nil is empty.
    ///
    /// Where a filter takes a property (`map`, `where`, `sort`, …) it is looked up as Ruby's
    /// `item[property]`: an object's key, a string's substring, an error for a number.
    static let array: [String: FilterFunction] = [
        "size": { input, call throws(FilterError) in
            try call.expect(0, filter: "size")
            return .int(size(of: input))
        },
        "join": join,
        "first": { input, call throws(FilterError) in
            try call.expect(0, filter: "first")
            if case .drop(let list as ListDrop) = input { return list[0] }
            switch input.resolved {
            case .array(let a): return a.first ?? .nil
            // Ruby's Hash#first is the first [key, value] pair.
            case .object(let o): return o.keys.first.map { .array([.string($0), o[$0] ?? .nil]) } ?? .nil
            // A string has no `first` in Ruby (the suite accepts "" or the first character).
            default: return .nil
            }
        },
        "last": { input, call throws(FilterError) in
            try call.expect(0, filter: "last")
            if case .drop(let list as ListDrop) = input { return list[-1] }
            // Ruby's Hash has no `last`, so an object gives nil.
            if case .array(let a) = input.resolved { return a.last ?? .nil }
            return .nil
        },
        "reverse": { input, call throws(FilterError) in
            try call.expect(0, filter: "reverse")
            return .array(input.filterItems.reversed())
        },
        "sort": sortFilter("sort") { a, b throws(FilterError) in try nilSafeCompare(a, b) },
        "sort_natural": sortFilter("sort_natural") { a, b in nilSafeCaseCompare(a, b) },
        "uniq": uniq,
        "compact": compact,
        "map": map,
        "where": filterArray("where", keepMatches: true),
        "group_by": groupBy,
        "reject": filterArray("reject", keepMatches: false),
        "find": { input, call throws(FilterError) in
            switch try firstMatch(input, call, "find") {
            case .found(_, let item): return item
            case .none, .cannotIndex: return .nil
            }
        },
        "find_index": { input, call throws(FilterError) in
            switch try firstMatch(input, call, "find_index") {
            case .found(let index, _): return .int(index)
            case .none, .cannotIndex: return .nil
            }
        },
        "has": { input, call throws(FilterError) in
            switch try firstMatch(input, call, "has") {
            case .found: return true
            case .none: return false
            case .cannotIndex: return .nil
            }
        },
        "concat": { input, call throws(FilterError) in
            try call.expect(1, filter: "concat")
            guard case .array(let more) = call.arguments[0].resolved else {
                throw FilterError("the argument must be an array, not \(call.arguments[0].typeName)")
            }
            return .array(input.filterItems + more)
        },
        "sum": sum,
    ]

    /// Characters of a string, items of an array, keys of an object; 0 for anything else
    /// (Ruby would say 8 for an integer, its byte size, which no template means).
    static func size(of value: Value) -> Int {
        switch value {
        case .string(let s), .safe(let s): return s.count
        case .array(let a): return a.count
        case .object(let o): return o.count
        case .range(let a, let b): return a <= b ? b - a + 1 : 0
        case .drop(let list as ListDrop): return list.count
        case .drop: return size(of: value.resolved)
        default: return 0
        }
    }

    /// `join: glue = " "`. Safe items stay safe: then the other items and the glue are escaped.
    private static let join: FilterFunction = { input, call throws(FilterError) in
        try call.expect(0, 1, filter: "join")
        let items = input.filterItems
        let glue = call[0] ?? " "
        let safe = items.contains { $0.isSafe }
        return .text(items.map { $0.textJoining(safe: safe) }.joined(separator: glue.textJoining(safe: safe)), safe: safe)
    }

    /// `sort` and `sort_natural`, optionally by a property. Liquid returns nil when a property
    /// is given but some item cannot be indexed (nil, a boolean).
    private static func sortFilter(
        _ name: String, _ compare: @escaping @Sendable (Value, Value) throws(FilterError) -> Int
    ) -> FilterFunction {
        { input, call throws(FilterError) in
            try call.expect(0, 1, filter: name)
            let items = input.filterItems
            guard !items.isEmpty else { return .array([]) }
            var keyed: [(key: Value, item: Value)] = []
            if let property = call[0], !property.isNil {
                for item in items {
                    guard case .found(let key) = try item.lookup(property) else { return .nil }
                    keyed.append((key, item))
                }
            } else {
                keyed = items.map { ($0, $0) }
            }
            do {
                return .array(try keyed.sorted { a, b in try compare(a.key, b.key) < 0 }.map(\.item))
            } catch let error as FilterError {
                throw error
            } catch {
                throw FilterError("\(error)")
            }
        }
    }

    /// Ruby's `<=>` with nils last, as Liquid's `nil_safe_compare`; incomparable values are
    /// an error.
    static func nilSafeCompare(_ a: Value, _ b: Value) throws(FilterError) -> Int {
        if let r = rubyCompare(a, b) { return r }
        if a.isNil { return 1 }
        if b.isNil { return -1 }
        throw FilterError("cannot sort values of incompatible types (\(a.typeName) and \(b.typeName))")
    }

    /// Ruby's `<=>`: numbers with numbers, strings byte by byte, arrays item by item, anything
    /// with an equal value 0, else nil.
    static func rubyCompare(_ a: Value, _ b: Value) -> Int? {
        switch (a.resolved, b.resolved) {
        case (.int(let x), .int(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.int, .double), (.double, .int), (.double, .double):
            let x = a.numberValue ?? 0, y = b.numberValue ?? 0
            return x < y ? -1 : x > y ? 1 : x == y ? 0 : nil
        case (.array(let x), .array(let y)):
            for (p, q) in zip(x, y) {
                guard let r = rubyCompare(p, q) else { return nil }
                if r != 0 { return r }
            }
            return x.count < y.count ? -1 : x.count > y.count ? 1 : 0
        default:
            if let x = a.stringValue, let y = b.stringValue { return compareBytes(x.utf8, y.utf8) }
            return a == b ? 0 : nil
        }
    }

    private static func compareBytes<S: Sequence<UInt8>>(_ x: S, _ y: S) -> Int {
        var i = x.makeIterator(), j = y.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?): if p != q { return p < q ? -1 : 1 }
            }
        }
    }

    /// Liquid's `nil_safe_casecmp`: texts compared ignoring ASCII case, nils last.
    static func nilSafeCaseCompare(_ a: Value, _ b: Value) -> Int {
        guard !a.isNil, !b.isNil else { return a.isNil ? 1 : -1 }
        func fold(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        return compareBytes(a.text.utf8.lazy.map(fold), b.text.utf8.lazy.map(fold))
    }

    /// `uniq: property?`: the first item of each value (`1` and `1.0` differ, as with Ruby's
    /// `eql?`).
    private static let uniq: FilterFunction = { input, call throws(FilterError) in
        try call.expect(0, 1, filter: "uniq")
        let items = input.filterItems
        var keys: [Value] = []
        if let property = call[0], !property.isNil {
            for item in items {
                guard case .found(let key) = try item.lookup(property) else { return .nil }
                keys.append(key)
            }
        } else {
            keys = items
        }
        var out: [Value] = []
        var seen = Set<String>()
        var seenComplex: [Value] = []
        for (key, item) in zip(keys, items) {
            if let k = uniqueKey(key) {
                if seen.insert(k).inserted { out.append(item) }
            } else if !seenComplex.contains(where: { $0.isSameItem(key) }) {
                seenComplex.append(key)
                out.append(item)
            }
        }
        return .array(out)
    }

    /// A hashable stand-in for scalar values, nil for arrays and objects.
    private static func uniqueKey(_ v: Value) -> String? {
        switch v {
        case .nil: return "n"
        case .bool(let b): return b ? "t" : "f"
        case .int(let i): return "i\(i)"
        case .double(let d): return "d\(d)"
        case .string(let s), .safe(let s): return "s" + s
        default: return nil
        }
    }

    /// `compact: property?`: drops nil items, or items whose property is nil.
    private static let compact: FilterFunction = { input, call throws(FilterError) in
        try call.expect(0, 1, filter: "compact")
        let items = input.filterItems
        guard let property = call[0], !property.isNil else { return .array(items.filter { !$0.isNil }) }
        var out: [Value] = []
        for item in items {
            guard case .found(let v) = try item.lookup(property) else { return .nil }
            if !v.isNil { out.append(item) }
        }
        return .array(out)
    }

    /// `map: property`: each item's property; items without properties (nil, booleans) give nil.
    private static let map: FilterFunction = { input, call throws(FilterError) in
        try call.expect(1, filter: "map")
        let property = call.arguments[0]
        var out: [Value] = []
        for item in input.filterItems {
            if property.stringValue == "to_liquid" { out.append(item); continue }
            if case .found(let v) = try item.lookup(property) { out.append(v) } else { out.append(.nil) }
        }
        return .array(out)
    }

    /// `group_by: property` (Jekyll's): the items in groups of equal property, in the order each
    /// value first appears, as `[{name, items, size}]` with the value as text in `name`.
    private static let groupBy: FilterFunction = { input, call throws(FilterError) in
        try call.expect(1, filter: "group_by")
        let property = call.arguments[0]
        var names: [String] = []
        var members: [String: [Value]] = [:]
        for item in input.filterItems {
            let v: Value
            if case .found(let found) = try item.lookup(property) { v = found } else { v = .nil }
            let name = v.text
            if members[name] == nil { names.append(name) }
            members[name, default: []].append(item)
        }
        return .array(names.map { name in
            let items = members[name] ?? []
            return .object(Object(groupLayout, [.string(name), .array(items), .int(items.count)]))
        })
    }

    private static let groupLayout = ObjectLayout(["name", "items", "size"])

    /// `where` / `reject: property, value?`: with a value, items whose property equals it; without,
    /// items whose property is truthy. As in Liquid, an item that cannot be indexed (nil, a
    /// boolean) makes the whole result nil.
    private static func filterArray(_ name: String, keepMatches: Bool) -> FilterFunction {
        { input, call throws(FilterError) in
            try call.expect(1, 2, filter: name)
            let items = input.filterItems
            let property = call.arguments[0], target = call[1] ?? .nil
            var out: [Value] = []
            for item in items {
                guard case .found(let v) = try item.lookup(property) else { return .nil }
                let matches = target.isNil ? v.isTruthy : v == target
                if matches == keepMatches { out.append(item) }
            }
            return .array(out)
        }
    }

    enum Match {
        case found(Int, Value)
        case none
        /// An item before the match has no properties (nil, a boolean): Liquid gives nil.
        case cannotIndex
    }

    /// The first item `where` would keep, for `find`, `find_index` and `has`.
    private static func firstMatch(_ input: Value, _ call: FilterCall, _ name: String) throws(FilterError) -> Match {
        try call.expect(1, 2, filter: name)
        let property = call.arguments[0], target = call[1] ?? .nil
        for (index, item) in input.filterItems.enumerated() {
            guard case .found(let v) = try item.lookup(property) else { return .cannotIndex }
            if target.isNil ? v.isTruthy : v == target { return .found(index, item) }
        }
        return .none
    }

    /// `sum: property?`: numbers add up, numeric strings count, anything else is 0.
    private static let sum: FilterFunction = { input, call throws(FilterError) in
        try call.expect(0, 1, filter: "sum")
        var values: [Value] = []
        let items = input.filterItems
        if let property = call[0], !property.isNil {
            for item in items {
                if case .found(let v) = try item.lookup(property) { values.append(v) } else { values.append(0) }
            }
        } else {
            values = items
        }
        var total = LiquidNumber.int(0)
        for v in Value.array(values).filterItems { total = total + v.toNumber }
        return total.value
    }
}
