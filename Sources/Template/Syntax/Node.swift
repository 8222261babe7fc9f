/// The parsed form of a template: a tree of nodes, rendered many times.
indirect enum Node: Sendable {
    case text(String)
    case output(FilteredExpr, offset: Int)
    case conditional(ConditionalNode)
    case caseWhen(CaseNode)
    case forLoop(ForNode)
    case assign(name: ObjectKey, FilteredExpr, offset: Int)
    case capture(name: ObjectKey, [Node])
    case include(IncludeNode)
    case breakLoop
    case continueLoop
}

/// `if`/`unless` with their `elsif`/`else` branches; the first branch whose condition
/// holds renders (a nil condition is `else`).
struct ConditionalNode: Sendable {
    var branches: [(condition: Condition?, negate: Bool, body: [Node])]
}

struct CaseNode: Sendable {
    var subject: Expr
    /// Each `when` with its values, or `else` (nil values); Liquid renders every matching branch.
    var branches: [(values: [Expr]?, body: [Node])]
}

struct ForNode: Sendable {
    var variable: ObjectKey
    var collection: Expr
    var limit: Expr?
    var offset: Expr?
    var reversed: Bool
    var body: [Node]
    var elseBody: [Node]
    var location: Int
    /// `forloop.name`, as Shopify forms it: `variable-collection markup`.
    var name: String
}

struct IncludeNode: Sendable {
    enum Kind: Sendable { case include, render }
    var kind: Kind
    /// A string literal for `render`; any expression for `include`.
    var name: Expr
    /// `with x` or `for x`, and the variable name it is bound to (`as y`, else the template name).
    var with: Expr?
    var isFor: Bool
    var alias: String?
    /// The name `with`/`for` binds to when there is no `as`, worked out at parse time for a
    /// quoted template name (every `render`, most `include`s) rather than on every render.
    var boundName: ObjectKey?
    var keywords: [(ObjectKey, Expr)]
    var offset: Int
}
