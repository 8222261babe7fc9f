// `{% assign x = expr | filters %}` and `{% capture x %}…{% endcapture %}`.

extension Parser {
    mutating func parseAssign(_ token: Token) throws(TemplateError) -> Node {
        var p = try expressions(token)
        let name = try p.identifier("a variable name, e.g. {% assign title = page.title %}")
        if name.hasSuffix("?") {
            throw lexer.error("a variable name cannot end in '?': expected letters, digits, '_' or '-'", at: token.range.lowerBound)
        }
        try p.expect(.assign, "'=' after the variable name")
        let value = try p.filtered()
        try p.expectEnd()
        return .assign(AssignNode(name: ObjectKey(name), value: value))
    }

    mutating func parseCapture(_ token: Token) throws(TemplateError) -> Node {
        var p = try expressions(token)
        let name: String
        if case .string(let s) = p.current { name = s; p.advance() } else {
            name = try p.identifier("a variable name, e.g. {% capture title %}")
        }
        try p.expectEnd()
        let (body, _) = try parseBody(until: ["endcapture"], opener: ("capture", token.offset))
        return .capture(CaptureNode(name: ObjectKey(name), body: body))
    }
}

extension Renderer {
    func renderCapture(_ name: ObjectKey, _ body: [Node]) throws(TemplateError) {
        // Rendered at the end of the page's bytes, then taken off again.
        let start = output.count
        defer { output.truncate(to: start) }
        try render(body)
        context.assign(name, .string(String(decoding: output.bytes(from: start), as: UTF8.self)))
    }
}
