// `{% for x in list limit: n offset: m reversed %}…{% else %}…{% endfor %}` with
// `forloop`, `{% break %}` and `{% continue %}`.

extension Parser {
    mutating func parseFor(_ token: Token) throws(TemplateError) -> Node {
        var p = try expressions(token)
        let variable = try p.identifier("a loop variable, e.g. {% for item in list %}")
        guard case .identifier("in") = p.current else { throw p.unexpected(expected: "'in' after the loop variable") }
        p.advance()
        let collectionStart = p.currentOffset
        let collection = try p.expression()
        let collectionText = lexer.text(collectionStart..<max(collectionStart, p.currentOffset)).trimmingSpaces
        var limit: Expr?, offset: Expr?, reversed = false
        while !p.atEnd {
            if p.accept(.comma) { continue }
            let param = try p.identifier("'limit:', 'offset:' or 'reversed'")
            switch param {
            case "reversed": reversed = true
            case "limit", "offset":
                try p.expect(.colon, "':' after '\(param)'")
                let e = try p.expression()
                if param == "limit" { limit = e } else { offset = e }
            default:
                throw lexer.error("unknown for-loop option '\(param)': expected 'limit:', 'offset:' or 'reversed'", at: token.range.lowerBound)
            }
        }
        let (body, end) = try parseBody(until: ["else", "endfor"], opener: ("for", token.offset))
        var elseBody: [Node] = []
        if end?.name == "else" {
            (elseBody, _) = try parseBody(until: ["endfor"], opener: ("for", token.offset))
        }
        return .forLoop(ForNode(variable: ObjectKey(variable), collection: collection, limit: limit, offset: offset,
                                reversed: reversed, body: body, elseBody: elseBody, location: token.offset,
                                name: "\(variable)-\(collectionText)"))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

/// `forloop` inside a loop body.
final class ForloopDrop: Drop {
    let name: String
    let index0: Int
    let length: Int
    let parent: Value

    init(name: String, index0: Int, length: Int, parent: Value) {
        self.name = name
        self.index0 = index0
        self.length = length
        self.parent = parent
    }

    func value(forKey key: String) -> Value? {
        switch key {
        case "index": return .int(index0 + 1)
        case "index0": return .int(index0)
        case "rindex": return .int(length - index0)
        case "rindex0": return .int(length - index0 - 1)
        case "first": return .bool(index0 == 0)
        case "last": return .bool(index0 == length - 1)
        case "length": return .int(length)
        case "name": return .string(name)
        case "parentloop": return parent
        default: return nil
        }
    }

    func materialize() -> Value {
        .object(Object(["index", "index0", "rindex", "rindex0", "first", "last", "length", "name"].map { ($0, value(forKey: $0) ?? .nil) }))
    }
}

extension Renderer {
    func render(_ node: ForNode) throws(TemplateError) {
        let collection = try evaluate(node.collection)
        let from = try node.offset.map { e throws(TemplateError) in try integer(e, "offset", node.location) } ?? 0
        let limit = try node.limit.map { e throws(TemplateError) in try integer(e, "limit", node.location) }
        var items: [Value]
        if case .drop(let list as ListDrop) = collection {
            // Only the items shown are made.
            let lo = max(from, 0)
            items = list.items(from: lo, to: limit.map { lo + max($0, 0) } ?? list.count)
        } else {
            items = collection.loopItems
            if from > 0 { items = from < items.count ? Array(items[from...]) : [] }
            if let n = limit, n < items.count { items = Array(items.prefix(max(n, 0))) }
        }
        if node.reversed { items.reverse() }
        guard !items.isEmpty else {
            try render(node.elseBody)
            return
        }
        context.pushScope()
        defer { context.popScope() }
        guard node.readsForloop else {
            // No `forloop` to build: the body cannot read it (see `mayReadForloop`).
            for item in items {
                context.setLocal(node.variable, item)
                try render(node.body)
                if let signal = interrupt {
                    interrupt = nil
                    if signal == .break { break }
                }
            }
            return
        }
        let parent = context.forloops.last.map { Value.drop($0) } ?? .nil
        for (i, item) in items.enumerated() {
            let loop = ForloopDrop(name: node.name, index0: i, length: items.count, parent: parent)
            context.forloops.append(loop)
            context.setLocal(node.variable, item)
            context.setLocal(ObjectKey.forloop, .drop(loop))
            defer { context.forloops.removeLast() }
            try render(node.body)
            if let signal = interrupt {
                interrupt = nil
                if signal == .break { break }
            }
        }
    }

    private func integer(_ e: Expr, _ what: String, _ offset: Int) throws(TemplateError) -> Int {
        let v = try evaluate(e)
        switch v {
        case .int(let i): return i
        case .double(let d): return Int(d)
        case .string(let s): if let i = Int(s.trimmingSpaces) { return i }
        case .nil: return 0
        default: break
        }
        throw error("'\(what)' must be a number, got \(typeName(v))", at: offset)
    }
}

extension Value {
    /// What `for` iterates: lists, ranges and objects' pairs; a string is one item; nil none.
    var loopItems: [Value] {
        switch self {
        case .string(let s), .safe(let s): return s.isEmpty ? [] : [self]
        case .drop(let d as SafeHTML): return d.materialize().loopItems
        case .bool, .int, .double: return []
        default: return items
        }
    }
}
