// `{% include 'name' %}` (shares the caller's variables) and `{% render 'name' %}`
// (sees only what it is given), both with `with x`, `for x`, `as y` and `key: value`.

extension Parser {
    mutating func parseInclude(_ token: Token, kind: IncludeNode.Kind) throws(TemplateError) -> Node {
        let tag = kind == .include ? "include" : "render"
        var p = try expressions(token)
        if p.atEnd { throw lexer.error("'\(tag)' needs a template name, e.g. {% \(tag) 'header' %}", at: token.offset) }
        let name = try p.expression()
        if kind == .render, case .literal(.string) = name {} else if kind == .render {
            throw lexer.error("'render' needs the template name as a quoted string", at: token.range.lowerBound)
        }
        var with: Expr?, isFor = false, alias: String?
        var keywords: [(ObjectKey, Expr)] = []
        if case .identifier(let w) = p.current, w == "with" || w == "for" {
            p.advance()
            with = try p.expression()
            isFor = w == "for"
        }
        if case .identifier("as") = p.current {
            p.advance()
            alias = try p.identifier("a variable name after 'as'")
        }
        while !p.atEnd {
            if p.accept(.comma) { continue }
            let key = try p.identifier("'key: value' arguments")
            try p.expect(.colon, "':' after '\(key)'")
            keywords.append((ObjectKey(key), try p.expression()))
        }
        var boundName = alias.map(ObjectKey.init)
        if boundName == nil, case .literal(let literal) = name, let text = literal.stringValue, !text.isEmpty {
            boundName = ObjectKey(Renderer.variableName(forTemplate: text))
        }
        return .include(IncludeNode(kind: kind, name: name, with: with, isFor: isFor, alias: alias,
                                    boundName: boundName, keywords: keywords, offset: token.offset))
    }
}

extension Renderer {
    func render(_ node: IncludeNode) throws(TemplateError) {
        let nameValue = try evaluate(node.name)
        guard let name = nameValue.stringValue, !name.isEmpty else {
            throw error("the template name must be a string, got \(typeName(nameValue))", at: node.offset)
        }
        guard depth < Renderer.maxDepth else {
            throw error("templates nested more than \(Renderer.maxDepth) deep: does '\(name)' include itself?", at: node.offset)
        }
        let partial: Template
        do {
            partial = try engine.partial(named: name)
        } catch let e where e.message.hasPrefix("template '") && e.line == 0 {
            // Not found: report at the include tag, in the including template.
            throw error(e.message, at: node.offset)
        }
        // Shopify binds `with`/`for` values to the template's name; we drop folders and the
        // extension so `{% include 'partials/card.html' with x %}` gives `card`.
        let variable = node.boundName ?? ObjectKey(Renderer.variableName(forTemplate: name))
        var bindings: [(ObjectKey, Value)] = []
        for (k, e) in node.keywords { bindings.append((k, try evaluate(e))) }
        let subject = try node.with.map { e throws(TemplateError) in try evaluate(e) }

        switch node.kind {
        case .include:
            context.pushScope()
            defer { context.popScope() }
            for (k, v) in bindings { context.setLocal(k, v) }
            if node.isFor, let items = subject?.resolved, case .array(let list) = items {
                for item in list {
                    context.setLocal(variable, item)
                    try renderPartial(partial)
                    if interrupt != nil { break }
                }
            } else {
                if let subject { context.setLocal(variable, subject) }
                try renderPartial(partial)
            }
        case .render:
            // A fresh context: only the bindings; assigns inside do not leak out.
            let isolated = RenderContext(environment: Object())
            for (k, v) in bindings { isolated.setLocal(k, v) }
            let outer = context
            context = isolated
            defer { context = outer }
            if node.isFor, let list = subject?.loopItems, !(subject?.isNil ?? true) {
                for (i, item) in list.enumerated() {
                    isolated.pushScope()
                    isolated.setLocal(variable, item)
                    isolated.setLocal(ObjectKey.forloop, .drop(ForloopDrop(name: "\(variable.name)-\(name)", index0: i, length: list.count, parent: .nil)))
                    try renderPartial(partial)
                    interrupt = nil
                    isolated.popScope()
                }
            } else {
                if let subject { isolated.setLocal(variable, subject) }
                try renderPartial(partial)
                interrupt = nil
            }
        }
    }

    static func variableName(forTemplate name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        if let dot = last.lastIndex(of: "."), dot != last.startIndex { return String(last[..<dot]) }
        return last
    }

    private func renderPartial(_ partial: Template) throws(TemplateError) {
        let saved = template
        template = partial
        depth += 1
        defer { template = saved; depth -= 1 }
        try render(partial.nodes)
    }
}
