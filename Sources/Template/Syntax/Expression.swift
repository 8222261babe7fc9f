import Synchronization

/// A value expression: a literal, a variable path or a range.
enum Expr: Sendable {
    case literal(Value)
    /// `a.b[0]["c"]`: the root name, then the steps.
    case variable(VariablePath)
    /// `a[0]` where the root itself is bracketed: `["key"]`, `[name]`.
    indirect case dynamicRoot(Expr, path: [PathStep], offset: Int)
    indirect case range(Expr, Expr, offset: Int)
    /// The special literals `empty` and `blank`, which compare by emptiness.
    case empty
    case blank
}

/// `a.b[0]["c"]`: a class, so that evaluating it retains one reference rather than the
/// root's name and the path.
final class VariablePath: Sendable {
    let root: ObjectKey
    let path: [PathStep]
    /// Where the path is written, for errors.
    let offset: Int
    /// The steps' keys when every step is a key (most paths: `page.title`), unretained.
    ///
    /// Walking them costs no retain and release per step, as copying a `PathStep` out of
    /// `path` does. Safe because `path` holds each of them strongly for as long as this
    /// object lives, and the renderer only reads them while it evaluates this path.
    let unretainedKeys: [Unmanaged<PropertyKey>]?

    init(root: ObjectKey, path: [PathStep], offset: Int) {
        self.root = root
        self.path = path
        self.offset = offset
        var keys: [Unmanaged<PropertyKey>] = []
        for step in path {
            guard case .key(let k) = step else {
                unretainedKeys = nil
                return
            }
            keys.append(.passUnretained(k))
        }
        unretainedKeys = keys
    }
}

/// One step of a variable path.
enum PathStep: Sendable {
    case key(PropertyKey)
    case index(Expr)
}

/// A property name in a path, with where it was last found.
///
/// The objects one path meets are mostly built by the same code with the same keys in the same
/// order (every article in a list, every tag of an article), so the position the key had in the
/// last object is tried first, and a scan only follows when it is not the key there. The guess
/// is shared by every thread rendering the template: a relaxed atomic, since any value is
/// only a guess that `Object.value(for:hint:)` checks before using.
final class PropertyKey: Sendable {
    let key: ObjectKey
    let hint = Atomic<Int>(0)

    init(_ key: ObjectKey) { self.key = key }
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
