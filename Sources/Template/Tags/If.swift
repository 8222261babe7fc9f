// `{% if %}`, `{% unless %}` with `{% elsif %}` and `{% else %}`.

extension Parser {
    mutating func parseIf(_ token: Token, negate: Bool) throws(TemplateError) -> Node {
        let opener = negate ? "unless" : "if"
        let ends: Set<String> = negate ? ["elsif", "else", "endunless"] : ["elsif", "else", "endif"]
        var branches: [(condition: Condition?, negate: Bool, body: [Node])] = []
        var condition: Condition? = try parseCondition(token, tag: opener)
        var isNegated = negate
        var seenElse = false
        while true {
            let (body, end) = try parseBody(until: ends, opener: (opener, token.offset))
            branches.append((condition, isNegated, body))
            guard let end else { break }
            switch end.name {
            case "elsif":
                if seenElse { throw lexer.error("'elsif' after 'else': expected '{% end\(opener) %}'", at: end.token.offset) }
                condition = try parseCondition(end.token, tag: "elsif")
                isNegated = false
            case "else":
                if seenElse { throw lexer.error("a second 'else': expected '{% end\(opener) %}'", at: end.token.offset) }
                seenElse = true
                condition = nil
                isNegated = false
            default:
                return .conditional(ConditionalNode(branches: branches))
            }
        }
        return .conditional(ConditionalNode(branches: branches))
    }

    private func parseCondition(_ token: Token, tag: String) throws(TemplateError) -> Condition {
        var p = try expressions(token)
        if p.atEnd { throw lexer.error("'\(tag)' needs a condition, e.g. {% \(tag) page.title %}", at: token.offset) }
        let c = try p.condition()
        try p.expectEnd()
        return c
    }
}

extension Renderer {
    func render(_ node: ConditionalNode) throws(TemplateError) {
        // Through the buffer, so that no branch is copied out (see `render(_: [Node])`).
        try node.branches.withUnsafeBufferPointer { branches throws(TemplateError) in
            for i in branches.indices {
                guard let condition = branches[i].condition else {
                    try render(branches[i].body)
                    return
                }
                if try evaluate(condition) != branches[i].negate {
                    try render(branches[i].body)
                    return
                }
            }
        }
    }

    func evaluate(_ condition: Condition) throws(TemplateError) -> Bool {
        switch condition {
        case .value(let e): return try evaluate(e).isTruthy
        case .and(let a, let b):
            guard try evaluate(a) else { return false }
            return try evaluate(b)
        case .or(let a, let b):
            if try evaluate(a) { return true }
            return try evaluate(b)
        case .compare(let l, let op, let r, let offset): return try compare(l, op, r, offset: offset)
        }
    }

    private func compare(_ l: Expr, _ op: ComparisonOperator, _ r: Expr, offset: Int) throws(TemplateError) -> Bool {
        // `empty` and `blank` compare by emptiness rather than by value; with each other, by identity.
        let leftBlank = l.blankness, rightBlank = r.blankness
        if let leftBlank, let rightBlank { return (leftBlank == rightBlank) == (op == .equal) && (op == .equal || op == .notEqual) }
        if let rightBlank { return isEqual(try evaluate(l), emptyOrBlank: rightBlank, op) }
        if let leftBlank { return isEqual(try evaluate(r), emptyOrBlank: leftBlank, op) }
        // `x == 'text'` (kinds, urls, labels on every page): compared without copying the
        // literal out and going through `Value.==`.
        if op == .equal || op == .notEqual, case .literal(.string(let text)) = r {
            let a = try evaluate(l)
            let equal: Bool
            switch a {
            case .string(let s), .safe(let s): equal = s == text
            default: equal = a == .string(text)
            }
            return equal == (op == .equal)
        }
        let a = try evaluate(l), b = try evaluate(r)
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        case .contains:
            // Liquid: `left && right && left.include?(right)`.
            guard b.isTruthy else { return false }
            switch a.resolved {
            case .string(let s), .safe(let s):
                guard let needle = b.isNil ? nil : b.text as String? else { return false }
                return utf8Contains(s, needle)
            case .array(let items): return items.contains(b)
            case .object(let o): return b.stringValue.map { o[$0] != nil } ?? false
            default: return false
            }
        case .less, .greater, .lessOrEqual, .greaterOrEqual:
            if a.isNil || b.isNil { return false }
            guard let order = a.compare(b) else {
                throw error("cannot compare \(typeName(a)) with \(typeName(b)) using '\(op.rawValue)'", at: offset)
            }
            switch op {
            case .less: return order == .less
            case .greater: return order == .greater
            case .lessOrEqual: return order != .greater
            default: return order != .less
            }
        }
    }

    private func isEqual(_ v: Value, emptyOrBlank blank: Bool, _ op: ComparisonOperator) -> Bool {
        let result: Bool
        switch v.resolved {
        case .string(let s), .safe(let s): result = blank ? isBlankText(s) : s.isEmpty
        case .array(let a): result = a.isEmpty
        case .object(let o): result = o.isEmpty
        case .nil: result = blank
        case .bool(let b): result = blank && !b
        default: result = false
        }
        switch op {
        case .equal: return result
        case .notEqual: return !result
        default: return false
        }
    }
}

extension Expr {
    /// For `empty` false, for `blank` true, else nil.
    var blankness: Bool? {
        switch self {
        case .empty: return false
        case .blank: return true
        default: return nil
        }
    }
}

/// Whether `s` is only whitespace. Text that starts with a printable ASCII character is
/// answered from its first byte, and other text from its first scalar, without walking its
/// characters, which is grapheme work on every test (summaries in Chinese are tested on every
/// list entry). A `Character` is whitespace exactly when its first scalar is, so a first
/// scalar that is not settles it.
func isBlankText(_ s: String) -> Bool {
    guard let first = s.utf8.first else { return true }
    if first < 0x80, first != 0x20, !(0x09...0x0D).contains(first) { return false }
    // U+4000–U+9FFF (Han: most Chinese text starts with one) has no blanks: no property lookup.
    if first >= 0xE4, first <= 0xE9 { return false }
    if first >= 0x80, let scalar = s.unicodeScalars.first, !scalar.properties.isWhitespace { return false }
    return s.allSatisfy(\.isWhitespace)
}

func typeName(_ v: Value) -> String {
    switch v {
    case .nil: return "nil"
    case .bool: return "a boolean"
    case .int, .double: return "a number"
    case .string, .safe: return "a string"
    case .array, .range: return "a list"
    case .drop(let d) where d is SafeHTML: return "a string"
    case .object, .drop: return "an object"
    }
}
