// `{% layout 'base' %}`: the template's output becomes `{{ content }}` of the layout.
// See Engine.render for how layouts chain.

extension Parser {
    mutating func parseLayout(_ token: Token) throws(TemplateError) {
        var p = try expressions(token)
        guard !p.atEnd else { throw lexer.error("'layout' needs a name, e.g. {% layout 'base' %}", at: token.offset) }
        let name = try p.expression()
        try p.expectEnd()
        if layout != nil { throw lexer.error("a second 'layout': a template fills one layout", at: token.offset) }
        layout = (name, token.offset)
    }
}
