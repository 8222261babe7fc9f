/// A value expression: a literal, a variable path or a range.
indirect enum Expr: Sendable {
    case literal(Value)
    /// `a.b[0]["c"]`: the root name, then the steps. `offset` locates errors.
    case variable(root: ObjectKey, path: [PathStep], offset: Int)
    /// `a[0]` where the root itself is bracketed: `["key"]`, `[name]`.
    case dynamicRoot(Expr, path: [PathStep], offset: Int)
    case range(Expr, Expr, offset: Int)
    /// The special literals `empty` and `blank`, which compare by emptiness.
    case empty
    case blank
}

/// One step of a variable path.
enum PathStep: Sendable {
    case key(ObjectKey)
    case index(Expr)
}

/// An expression followed by filters: `x | f: a, k: b | g`.
///
/// A class, so that nodes and filter arguments holding one copy it with one retain.
final class FilteredExpr: Sendable {
    let base: Expr
    let filters: [FilterApplication]
    init(base: Expr, filters: [FilterApplication]) {
        self.base = base
        self.filters = filters
    }
}

/// One filter in a chain, resolved to its function at parse time.
struct FilterApplication: Sendable {
    var name: String
    var function: FilterFunction
    var arguments: [Expr]
    var keywords: [(String, Expr)]
    var offset: Int
}

/// A condition of `if`, `unless`, `elsif`.
indirect enum Condition: Sendable {
    case value(Expr)
    case compare(Expr, ComparisonOperator, Expr, offset: Int)
    /// Liquid groups `and`/`or` from the right with no precedence: `a or b and c` is `a or (b and c)`.
    case and(Condition, Condition)
    case or(Condition, Condition)
}

enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", greater = ">", lessOrEqual = "<=",
         greaterOrEqual = ">=", contains = "contains"
}
