// `{% case x %}{% when a, b %}…{% else %}…{% endcase %}`.

extension Parser {
    mutating func parseCase(_ token: Token) throws(TemplateError) -> Node {
        var p = try expressions(token)
        let subject = try p.expression()
        try p.expectEnd()
        // Text between `case` and the first `when` is ignored, as in Liquid.
        var (_, end) = try parseBody(until: ["when", "else", "endcase"], opener: ("case", token.offset))
        var branches: [(values: [Expr]?, body: [Node])] = []
        while let tag = end, tag.name != "endcase" {
            var values: [Expr]?
            if tag.name == "when" {
                var w = try expressions(tag.token)
                var list: [Expr] = []
                repeat {
                    list.append(try w.expression())
                } while w.accept(.comma) || w.accept(.identifier("or"))
                try w.expectEnd()
                values = list
            }
            let (body, next) = try parseBody(until: ["when", "else", "endcase"], opener: ("case", token.offset))
            branches.append((values, body))
            end = next
        }
        return .caseWhen(CaseNode(subject: subject, branches: branches))
    }
}

extension Renderer {
    func render(_ node: CaseNode) throws(TemplateError) {
        let subject = try evaluate(node.subject)
        var matched = false
        for branch in node.branches {
            if let values = branch.values {
                for v in values where try evaluate(v) == subject {
                    matched = true
                    try render(branch.body)
                    break
                }
            } else if !matched {
                try render(branch.body)
            }
        }
    }
}
