/// Whether a loop body can read `forloop`, worked out at parse time so that loops whose bodies
/// cannot (most of them) skip building a `forloop` drop on every iteration.
///
/// The answer errs towards yes: an `include` shares the loop's variables and its template is
/// only known when it renders, and a bracketed root (`[name]`) could name `forloop`, so a body
/// with either counts as reading it. A nested loop's body counts too, since its
/// `forloop.parentloop` is this loop's drop.
extension Array where Element == Node {
    var mayReadForloop: Bool { contains { $0.mayReadForloop } }
}

extension Node {
    var mayReadForloop: Bool {
        switch self {
        case .text, .breakLoop, .continueLoop: return false
        case .output(let e): return e.mayReadForloop
        case .assign(let a): return a.value.mayReadForloop
        case .capture(let c): return c.body.mayReadForloop
        case .conditional(let c):
            return c.branches.contains { ($0.condition?.mayReadForloop ?? false) || $0.body.mayReadForloop }
        case .caseWhen(let c):
            return c.subject.mayReadForloop
                || c.branches.contains { ($0.values?.contains { $0.mayReadForloop } ?? false) || $0.body.mayReadForloop }
        case .forLoop(let f):
            return f.collection.mayReadForloop || (f.limit?.mayReadForloop ?? false)
                || (f.offset?.mayReadForloop ?? false) || f.body.mayReadForloop || f.elseBody.mayReadForloop
        case .include(let i):
            // `render` sees only its arguments; `include` sees everything, `forloop` included.
            if i.kind == .include { return true }
            return i.name.mayReadForloop || (i.with?.mayReadForloop ?? false) || i.keywords.contains { $0.1.mayReadForloop }
        }
    }
}

extension FilteredExpr {
    var mayReadForloop: Bool {
        base.mayReadForloop || filters.contains { f in
            f.arguments.contains { $0.mayReadForloop } || f.keywords.contains { $0.1.mayReadForloop }
        }
    }
}

extension Expr {
    var mayReadForloop: Bool {
        switch self {
        case .literal, .empty, .blank: return false
        case .variable(let v):
            return v.root.name == ObjectKey.forloop.name || v.path.contains { $0.mayReadForloop }
        case .dynamicRoot: return true
        case .range(let a, let b, _): return a.mayReadForloop || b.mayReadForloop
        }
    }
}

extension PathStep {
    var mayReadForloop: Bool {
        switch self {
        case .key: return false
        case .index(let e): return e.mayReadForloop
        }
    }
}

extension Condition {
    var mayReadForloop: Bool {
        switch self {
        case .value(let e): return e.mayReadForloop
        case .compare(let a, _, let b, _): return a.mayReadForloop || b.mayReadForloop
        case .and(let a, let b), .or(let a, let b): return a.mayReadForloop || b.mayReadForloop
        }
    }
}
