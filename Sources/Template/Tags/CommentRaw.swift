// `{% comment %}` (nestable, body ignored) and `{% raw %}` (body printed as is; the lexer
// has already kept it from being tokenized).

extension Parser {
    mutating func skipComment(_ token: Token) throws(TemplateError) {
        var depth = 1
        while index < tokens.count {
            let t = tokens[index]
            index += 1
            if case .tag(let name) = t.kind {
                if name == "comment" { depth += 1 }
                if name == "endcomment" {
                    depth -= 1
                    if depth == 0 { return }
                }
            }
        }
        throw lexer.error("'comment' is never closed: expected '{% endcomment %}'", at: token.offset)
    }

    mutating func parseRaw(_ token: Token) throws(TemplateError) -> Node? {
        // The lexer always emits the body text and the endraw tag right after raw.
        guard index + 1 < tokens.count, case .text = tokens[index].kind else {
            throw lexer.error("'raw' is never closed: expected '{% endraw %}'", at: token.offset)
        }
        let body = lexer.text(tokens[index].range)
        index += 2
        return body.isEmpty ? nil : .text(body)
    }
}
