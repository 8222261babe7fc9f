import Diagnostics

/// A token inside `{{ }}` or a tag's markup.
enum ExprToken: Equatable {
    case identifier(String)
    case string(String)
    case int(Int)
    case double(Double)
    case dot, dotdot, lbracket, rbracket, lparen, rparen, pipe, colon, comma, assign
    case comparison(String)
    case end
}

/// Parses the expression language of outputs and tags over a byte range of the source.
struct ExpressionParser {
    let bytes: [UInt8]
    let lexer: Lexer
    let filters: FilterSet
    private(set) var tokens: [(ExprToken, Int)] = []
    private(set) var pos = 0

    init(lexer: Lexer, range: Range<Int>, filters: FilterSet) throws(TemplateError) {
        self.lexer = lexer
        self.bytes = lexer.bytes
        self.filters = filters
        self.tokens = try Self.tokenize(lexer: lexer, range: range)
    }

    // MARK: Tokens

    private static func tokenize(lexer: Lexer, range: Range<Int>) throws(TemplateError) -> [(ExprToken, Int)] {
        let b = lexer.bytes
        var out: [(ExprToken, Int)] = []
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = b[i]
            if isSpace(c) { i += 1; continue }
            let start = i
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                var j = i + 1
                while j < end, b[j] != c { j += 1 }
                guard j < end else { throw lexer.error("string is never closed: expected a closing \(Character(UnicodeScalar(c)))", at: start) }
                out.append((.string(String(decoding: b[(i + 1)..<j], as: UTF8.self)), start))
                i = j + 1
            case UInt8(ascii: "."):
                if i + 1 < end, b[i + 1] == UInt8(ascii: ".") { out.append((.dotdot, start)); i += 2 } else { out.append((.dot, start)); i += 1 }
            case UInt8(ascii: "["): out.append((.lbracket, start)); i += 1
            case UInt8(ascii: "]"): out.append((.rbracket, start)); i += 1
            case UInt8(ascii: "("): out.append((.lparen, start)); i += 1
            case UInt8(ascii: ")"): out.append((.rparen, start)); i += 1
            case UInt8(ascii: "|"): out.append((.pipe, start)); i += 1
            case UInt8(ascii: ":"): out.append((.colon, start)); i += 1
            case UInt8(ascii: ","): out.append((.comma, start)); i += 1
            case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                var j = i + 1
                if j < end, b[j] == UInt8(ascii: "=") || (c == UInt8(ascii: "<") && b[j] == UInt8(ascii: ">")) { j += 1 }
                let op = String(decoding: b[i..<j], as: UTF8.self)
                switch op {
                case "=": out.append((.assign, start))
                case "!": throw lexer.error("unexpected '!': expected '!=' ", at: start)
                case "<>": out.append((.comparison("!="), start))
                default: out.append((.comparison(op), start))
                }
                i = j
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                var j = i
                if c == UInt8(ascii: "-") {
                    j += 1
                    guard j < end, b[j] >= 0x30, b[j] <= 0x39 else {
                        throw lexer.error("unexpected '-': expected a number or a name", at: start)
                    }
                }
                while j < end, b[j] >= 0x30, b[j] <= 0x39 { j += 1 }
                var isFloat = false
                if j + 1 < end, b[j] == UInt8(ascii: "."), b[j + 1] >= 0x30, b[j + 1] <= 0x39 {
                    isFloat = true
                    j += 1
                    while j < end, b[j] >= 0x30, b[j] <= 0x39 { j += 1 }
                }
                let text = String(decoding: b[i..<j], as: UTF8.self)
                if isFloat {
                    out.append((.double(Double(text) ?? 0), start))
                } else if let v = Int(text) {
                    out.append((.int(v), start))
                } else {
                    out.append((.double(Double(text) ?? 0), start))
                }
                // A number directly followed by letters (`1abc`) is not a number.
                if j < end, isWordByte(b[j]), b[j] != UInt8(ascii: "-") {
                    throw lexer.error("unexpected character after number: expected a space, operator or ')'", at: j)
                }
                i = j
            default:
                guard isWordByte(c) else {
                    let ch = String(decoding: b[i..<min(i + 1, end)], as: UTF8.self)
                    throw lexer.error("unexpected character '\(ch)'", at: start)
                }
                var j = i
                while j < end, isWordByte(b[j]) { j += 1 }
                if j < end, b[j] == UInt8(ascii: "?") { j += 1 }
                let word = String(decoding: b[i..<j], as: UTF8.self)
                if word == "contains" { out.append((.comparison("contains"), start)) } else { out.append((.identifier(word), start)) }
                i = j
            }
        }
        out.append((.end, end))
        return out
    }

    // MARK: Cursor

    var current: ExprToken { tokens[pos].0 }
    var currentOffset: Int { tokens[pos].1 }
    var atEnd: Bool { current == .end }

    mutating func advance() { if pos < tokens.count - 1 { pos += 1 } }

    mutating func accept(_ t: ExprToken) -> Bool {
        if current == t { advance(); return true }
        return false
    }

    mutating func expect(_ t: ExprToken, _ what: String) throws(TemplateError) {
        guard accept(t) else { throw unexpected(expected: what) }
    }

    func unexpected(expected: String) -> TemplateError {
        lexer.error("unexpected \(describe(current)): expected \(expected)", at: currentOffset)
    }

    func describe(_ t: ExprToken) -> String {
        switch t {
        case .identifier(let s): return "'\(s)'"
        case .string(let s): return "string '\(s)'"
        case .int(let i): return "number \(i)"
        case .double(let d): return "number \(d)"
        case .dot: return "'.'"
        case .dotdot: return "'..'"
        case .lbracket: return "'['"
        case .rbracket: return "']'"
        case .lparen: return "'('"
        case .rparen: return "')'"
        case .pipe: return "'|'"
        case .colon: return "':'"
        case .comma: return "','"
        case .assign: return "'='"
        case .comparison(let op): return "'\(op)'"
        case .end: return "end of tag"
        }
    }

    /// Fails unless every token was used.
    func expectEnd() throws(TemplateError) {
        guard atEnd else { throw unexpected(expected: "end of tag") }
    }

    // MARK: Grammar

    /// `name` for assign/capture/for targets.
    mutating func identifier(_ what: String) throws(TemplateError) -> String {
        guard case .identifier(let s) = current else { throw unexpected(expected: what) }
        advance()
        return s
    }

    /// A primary expression: literal, variable path or `(a..b)`.
    mutating func expression() throws(TemplateError) -> Expr {
        let offset = currentOffset
        switch current {
        case .string(let s): advance(); return .literal(.string(s))
        case .int(let i): advance(); return .literal(.int(i))
        case .double(let d): advance(); return .literal(.double(d))
        case .lparen:
            advance()
            let a = try expression()
            try expect(.dotdot, "'..' in a range like (1..5)")
            let b = try expression()
            try expect(.rparen, "')' to close the range")
            return .range(a, b, offset: offset)
        case .identifier(let name):
            advance()
            if current != .dot && current != .lbracket {
                switch name {
                case "true": return .literal(.bool(true))
                case "false": return .literal(.bool(false))
                case "nil", "null": return .literal(.nil)
                case "empty": return .empty
                case "blank": return .blank
                default: break
                }
            }
            return .variable(VariablePath(root: ObjectKey(name), path: try pathSteps(), offset: offset))
        case .lbracket:
            advance()
            let key = try expression()
            try expect(.rbracket, "']'")
            return .dynamicRoot(key, path: try pathSteps(), offset: offset)
        default:
            throw unexpected(expected: "a value (a name, number, 'string' or range)")
        }
    }

    private mutating func pathSteps() throws(TemplateError) -> [PathStep] {
        var steps: [PathStep] = []
        while true {
            if accept(.dot) {
                guard case .identifier(let key) = current else { throw unexpected(expected: "a property name after '.'") }
                advance()
                steps.append(.key(PropertyKey(ObjectKey(key))))
            } else if accept(.lbracket) {
                let e = try expression()
                try expect(.rbracket, "']'")
                if case .literal(.string(let s)) = e { steps.append(.key(PropertyKey(ObjectKey(s)))) } else { steps.append(.index(e)) }
            } else {
                return steps
            }
        }
    }

    /// An expression with its filter chain.
    mutating func filtered() throws(TemplateError) -> FilteredExpr {
        let base = try expression()
        return FilteredExpr(base: base, filters: try filterChain())
    }

    mutating func filterChain() throws(TemplateError) -> [FilterApplication] {
        var apps: [FilterApplication] = []
        while accept(.pipe) {
            let offset = currentOffset
            guard case .identifier(let name) = current else { throw unexpected(expected: "a filter name after '|'") }
            advance()
            guard let function = filters.table[name] else {
                var message = "unknown filter '\(name)'"
                if let near = nearest(name, in: filters.table.keys) { message += ": did you mean '\(near)'?" }
                throw lexer.error(message, at: offset)
            }
            var args: [Expr] = []
            var keywords: [(String, Expr)] = []
            if accept(.colon) {
                repeat {
                    if case .identifier(let key) = current, tokens[pos + 1].0 == .colon {
                        advance(); advance()
                        keywords.append((key, try expression()))
                    } else {
                        args.append(try expression())
                    }
                } while accept(.comma)
            }
            apps.append(FilterApplication(name: name, function: function, arguments: args, keywords: keywords, offset: offset))
        }
        return apps
    }

    /// A condition: comparisons joined by `and`/`or`, grouped from the right.
    mutating func condition() throws(TemplateError) -> Condition {
        let left = try comparison()
        if case .identifier("and") = current { advance(); return .and(left, try condition()) }
        if case .identifier("or") = current { advance(); return .or(left, try condition()) }
        return left
    }

    private mutating func comparison() throws(TemplateError) -> Condition {
        let offset = currentOffset
        let left = try expression()
        if case .comparison(let op) = current, let oper = ComparisonOperator(rawValue: op) {
            advance()
            let right = try expression()
            return .compare(left, oper, right, offset: offset)
        }
        return .value(left)
    }
}

