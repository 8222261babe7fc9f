/// The parsed form of a template: a tree of nodes, rendered many times.
///
/// Every payload but text is one final class with constant properties: the renderer copies
/// each node it visits out of its array, and a node of one reference is one retain, where
/// an indirect enum of structs retained the box and then each field it bound.
enum Node: Sendable {
    case text(String)
    case output(FilteredExpr)
    case conditional(ConditionalNode)
    case caseWhen(CaseNode)
    case forLoop(ForNode)
    case assign(AssignNode)
    case capture(CaptureNode)
    case include(IncludeNode)
    case breakLoop
    case continueLoop
}

/// `if`/`unless` with their `elsif`/`else` branches; the first branch whose condition
/// holds renders (a nil condition is `else`).
final class ConditionalNode: Sendable {
    typealias Branch = (condition: Condition?, negate: Bool, body: [Node])
    let branches: [Branch]
    init(branches: [Branch]) { self.branches = branches }
}

final class CaseNode: Sendable {
    typealias Branch = (values: [Expr]?, body: [Node])
    let subject: Expr
    /// Each `when` with its values, or `else` (nil values); Liquid renders every matching branch.
    let branches: [Branch]
    init(subject: Expr, branches: [Branch]) {
        self.subject = subject
        self.branches = branches
    }
}

final class ForNode: Sendable {
    let variable: ObjectKey
    let collection: Expr
    let limit: Expr?
    let offset: Expr?
    let reversed: Bool
    let body: [Node]
    let elseBody: [Node]
    let location: Int
    /// `forloop.name`, as Shopify forms it: `variable-collection markup`.
    let name: String
    /// Whether the body may read `forloop`; when not, no drop is built per iteration.
    let readsForloop: Bool

    init(variable: ObjectKey, collection: Expr, limit: Expr?, offset: Expr?, reversed: Bool, body: [Node],
         elseBody: [Node], location: Int, name: String) {
        self.variable = variable
        self.collection = collection
        self.limit = limit
        self.offset = offset
        self.reversed = reversed
        self.body = body
        self.elseBody = elseBody
        self.location = location
        self.name = name
        self.readsForloop = body.mayReadForloop
    }

    /// The same loop with other bodies.
    func with(body: [Node], elseBody: [Node]) -> ForNode {
        ForNode(variable: variable, collection: collection, limit: limit, offset: offset, reversed: reversed,
                body: body, elseBody: elseBody, location: location, name: name)
    }
}

/// `{% assign name = value %}`.
final class AssignNode: Sendable {
    let name: ObjectKey
    let value: FilteredExpr
    init(name: ObjectKey, value: FilteredExpr) {
        self.name = name
        self.value = value
    }
}

/// `{% capture name %}body{% endcapture %}`.
final class CaptureNode: Sendable {
    let name: ObjectKey
    let body: [Node]
    init(name: ObjectKey, body: [Node]) {
        self.name = name
        self.body = body
    }
}

final class IncludeNode: Sendable {
    enum Kind: Sendable { case include, render }
    let kind: Kind
    /// A string literal for `render`; any expression for `include`.
    let name: Expr
    /// `with x` or `for x`, and the variable name it is bound to (`as y`, else the template name).
    let with: Expr?
    let isFor: Bool
    let alias: String?
    /// The name `with`/`for` binds to when there is no `as`, worked out at parse time for a
    /// quoted template name (every `render`, most `include`s) rather than on every render.
    let boundName: ObjectKey?
    let keywords: [(ObjectKey, Expr)]
    let offset: Int

    init(kind: Kind, name: Expr, with: Expr?, isFor: Bool, alias: String?, boundName: ObjectKey?,
         keywords: [(ObjectKey, Expr)], offset: Int) {
        self.kind = kind
        self.name = name
        self.with = with
        self.isFor = isFor
        self.alias = alias
        self.boundName = boundName
        self.keywords = keywords
        self.offset = offset
    }
}
