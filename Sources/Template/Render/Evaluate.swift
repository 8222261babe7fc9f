/// Expression evaluation: variable paths, ranges and filter chains.
extension Renderer {
    func evaluate(_ e: FilteredExpr) throws(TemplateError) -> Value {
        var v = try evaluate(e.base)
        if e.filters.isEmpty { return v }
        // Through the buffer, so that no application (name, function, arguments) is copied
        // out (see `render(_: [Node])`).
        try e.filters.withUnsafeBufferPointer { filters throws(TemplateError) in
            for i in filters.indices {
                // One call's storage serves every filter of the render: its arrays keep their
                // capacity, so a filter with arguments no longer allocates them. Evaluating an
                // argument runs no filter, so nothing else uses `filterCall` meanwhile.
                defer {
                    if !filterCall.arguments.isEmpty { filterCall.arguments.removeAll(keepingCapacity: true) }
                    if !filterCall.keywords.isEmpty { filterCall.keywords.removeAll(keepingCapacity: true) }
                }
                if !filters[i].arguments.isEmpty {
                    for a in filters[i].arguments { filterCall.arguments.append(try evaluate(a)) }
                }
                if !filters[i].keywords.isEmpty {
                    for (k, a) in filters[i].keywords { filterCall.keywords.append((k, try evaluate(a))) }
                }
                do throws(FilterError) {
                    v = try filters[i].function(v, filterCall)
                } catch {
                    throw self.error("\(filters[i].name): \(error.message)", at: filters[i].offset)
                }
            }
        }
        return v
    }

    func evaluate(_ e: Expr) throws(TemplateError) -> Value {
        switch e {
        case .literal(let v): return v
        case .variable(let variable):
            var v = context.lookup(variable.root) ?? .nil
            if let keys = variable.unretainedKeys {
                for k in keys { v = k._withUnsafeGuaranteedRef { property(v, $0) } }
                return v
            }
            // Through the buffer, so that no step is copied out (see `render(_: [Node])`).
            try variable.path.withUnsafeBufferPointer { path throws(TemplateError) in
                for i in path.indices { v = try self.step(v, path[i]) }
            }
            return v
        case .dynamicRoot(let key, let path, _):
            let k = try evaluate(key)
            var v = k.stringValue.flatMap { context.lookup(ObjectKey($0)) } ?? .nil
            for step in path { v = try self.step(v, step) }
            return v
        case .range(let a, let b, let offset):
            return .range(try rangeBound(a, offset), try rangeBound(b, offset))
        // Outside a comparison both behave as an empty string: truthy, equal to ''.
        case .empty, .blank: return .string("")
        }
    }

    private func rangeBound(_ e: Expr, _ offset: Int) throws(TemplateError) -> Int {
        let v = try evaluate(e).unwrappingSafeHTML
        switch v {
        case .int(let i): return i
        case .double(let d): return Int(d)
        case .string(let s), .safe(let s): return Int(s.trimmingSpaces) ?? Int(Double(s.trimmingSpaces) ?? 0)
        case .nil: return 0
        default: throw error("a range needs whole numbers, got \(typeName(v))", at: offset)
        }
    }

    private func step(_ v: Value, _ step: PathStep) throws(TemplateError) -> Value {
        switch step {
        case .key(let k): return property(v, k)
        case .index(let e):
            let i = try evaluate(e).unwrappingSafeHTML
            switch i {
            case .int(let n): return index(v, n)
            case .string(let s), .safe(let s): return property(v, ObjectKey(s))
            case .double(let d): return index(v, Int(d))
            default: return .nil
            }
        }
    }

    private func index(_ v: Value, _ n: Int) -> Value {
        let items: [Value]
        switch v {
        case .array(let a): items = a
        case .range: items = v.items
        case .drop(let d as ListDrop): return d[n]
        case .drop(let d): return d.value(forKey: String(n)) ?? .nil
        default: return .nil
        }
        let i = n < 0 ? items.count + n : n
        return i >= 0 && i < items.count ? items[i] : .nil
    }

    /// `x.key` for a key written in the template (see `PropertyKey`).
    func property(_ v: Value, _ key: PropertyKey) -> Value {
        if case .object(let o) = v {
            var hint = key.hint.load(ordering: .relaxed)
            let before = hint
            let found = o.value(for: key.key, hint: &hint)
            if hint != before { key.hint.store(hint, ordering: .relaxed) }
            return found ?? missingProperty(o, key.key)
        }
        if case .drop(let d) = v {
            var hint = key.hint.load(ordering: .relaxed)
            let before = hint
            let found = d.value(forKey: key.key.name, hash: key.key.hash, hint: &hint)
            if hint != before { key.hint.store(hint, ordering: .relaxed) }
            return found ?? .nil
        }
        return property(v, key.key)
    }

    /// `x.key`, with Liquid's `size`, `first` and `last` on lists and strings.
    func property(_ v: Value, _ key: ObjectKey) -> Value {
        switch v {
        case .object(let o):
            return o[key] ?? missingProperty(o, key)
        case .drop(let d): return d.value(forKey: key.name, hash: key.hash) ?? .nil
        case .array(let a):
            switch key.name {
            case "size": return .int(a.count)
            case "first": return a.first ?? .nil
            case "last": return a.last ?? .nil
            default: return .nil
            }
        case .range(let lo, let hi):
            switch key.name {
            case "size": return .int(max(0, hi - lo + 1))
            case "first": return .int(lo)
            case "last": return .int(hi)
            default: return .nil
            }
        case .string(let s), .safe(let s):
            return key.name == "size" ? .int(s.count) : .nil
        default: return .nil
        }
    }

    /// What `o.key` is when `o` has no `key`: Liquid's `size`, and Ruby's Hash#first.
    private func missingProperty(_ o: Object, _ key: ObjectKey) -> Value {
        switch key.name {
        case "size": return .int(o.count)
        // Ruby's Hash#first: the first [key, value] pair.
        case "first": return o.keys.first.map { .array([.string($0), o[$0] ?? .nil]) } ?? .nil
        default: return .nil
        }
    }
}
