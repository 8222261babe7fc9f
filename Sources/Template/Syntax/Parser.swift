import Diagnostics

/// Turns tokens into a node tree. Block tags (if, for, capture …) parse their bodies by
/// calling `parseBody` with the tags that may end them; each tag's parsing lives in
/// `Tags/<Tag>.swift`.
struct Parser {
    let lexer: Lexer
    let tokens: [Token]
    let filters: FilterSet
    var index = 0
    /// `{% layout 'name' %}`, if the template names one.
    var layout: (name: Expr, offset: Int)?

    /// Tags that are not block ends, by name, for "did you mean" on a typo.
    static let knownTags = ["if", "elsif", "else", "endif", "unless", "endunless", "case", "when", "endcase",
                            "for", "endfor", "break", "continue", "assign", "capture", "endcapture",
                            "comment", "endcomment", "raw", "endraw", "include", "render", "layout", "echo"]

    init(lexer: Lexer, filters: FilterSet) throws(TemplateError) {
        self.lexer = lexer
        self.filters = filters
        self.tokens = try lexer.tokenize()
    }

    /// Parses the whole template.
    mutating func parseDocument() throws(TemplateError) -> [Node] {
        let (nodes, _) = try parseBody(until: [], opener: nil)
        return nodes
    }

    /// Parses nodes until one of the tags in `ends`; returns the nodes and the end tag met.
    /// `opener` names the block being parsed, for the "never closed" error.
    mutating func parseBody(until ends: Set<String>, opener: (name: String, offset: Int)?) throws(TemplateError) -> ([Node], (name: String, token: Token)?) {
        var nodes: [Node] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .text:
                if !token.range.isEmpty { nodes.append(.text(lexer.text(token.range))) }
            case .output:
                var p = try expressions(token)
                if p.atEnd { continue }
                let e = try p.filtered()
                try p.expectEnd()
                nodes.append(.output(e))
            case .tag(let name):
                if ends.contains(name) { return (nodes, (name, token)) }
                if let node = try parseTag(name, token, inside: opener, ends: ends) { nodes.append(node.suppressingBlankText) }
            }
        }
        if let opener, let end = ends.first(where: { $0.hasPrefix("end") }) ?? ends.first {
            throw lexer.error("'\(opener.name)' is never closed: expected '{% \(end) %}'", at: opener.offset)
        }
        return (nodes, nil)
    }

    private mutating func parseTag(_ name: String, _ token: Token, inside opener: (name: String, offset: Int)?, ends: Set<String>) throws(TemplateError) -> Node? {
        switch name {
        case "if": return try parseIf(token, negate: false)
        case "unless": return try parseIf(token, negate: true)
        case "case": return try parseCase(token)
        case "for": return try parseFor(token)
        case "break": try noMarkup(token, name); return .breakLoop
        case "continue": try noMarkup(token, name); return .continueLoop
        case "assign": return try parseAssign(token)
        case "capture": return try parseCapture(token)
        case "comment": try skipComment(token); return nil
        case "raw": return try parseRaw(token)
        case "include": return try parseInclude(token, kind: .include)
        case "render": return try parseInclude(token, kind: .render)
        case "layout": try parseLayout(token); return nil
        case "echo":
            var p = try expressions(token)
            if p.atEnd { return nil }
            let e = try p.filtered()
            try p.expectEnd()
            return .output(e)
        case "#": return nil
        case "":
            throw lexer.error("empty tag: expected a tag name after '{%'", at: token.offset)
        default:
            if let opener, let end = ends.first(where: { $0.hasPrefix("end") }) {
                if name.hasPrefix("end") || ["else", "elsif", "when"].contains(name) {
                    throw lexer.error("unexpected '\(name)' inside '\(opener.name)': expected '{% \(end) %}'", at: token.offset)
                }
            } else if name.hasPrefix("end") || ["else", "elsif", "when"].contains(name) {
                throw lexer.error("unexpected '\(name)': there is no open block it could close", at: token.offset)
            }
            var message = "unknown tag '\(name)'"
            if let near = nearest(name, in: Self.knownTags) { message += ": did you mean '\(near)'?" }
            throw lexer.error(message, at: token.offset)
        }
    }

    /// An expression parser over the token's markup.
    func expressions(_ token: Token) throws(TemplateError) -> ExpressionParser {
        try ExpressionParser(lexer: lexer, range: token.range, filters: filters)
    }

    private func noMarkup(_ token: Token, _ name: String) throws(TemplateError) {
        guard token.range.isEmpty else {
            throw lexer.error("'\(name)' takes nothing after it", at: token.range.lowerBound)
        }
    }
}
