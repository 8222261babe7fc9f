/// Liquid's blank-block rule: a block whose bodies print nothing but whitespace (only
/// whitespace text, assigns, captures, comments, and blocks of the same kind) renders no
/// whitespace either, so `{% if x %}\n  {% assign a = 1 %}\n{% endif %}` leaves no blank lines.
extension Node {
    var isBlank: Bool {
        switch self {
        case .text(let s): return s.utf8.allSatisfy(isSpace)
        case .output, .include, .breakLoop, .continueLoop: return false
        case .assign, .capture: return true
        case .conditional(let c): return c.branches.allSatisfy { $0.body.allSatisfy(\.isBlank) }
        case .caseWhen(let c): return c.branches.allSatisfy { $0.body.allSatisfy(\.isBlank) }
        case .forLoop(let f): return f.body.allSatisfy(\.isBlank) && f.elseBody.allSatisfy(\.isBlank)
        }
    }

    /// The node with whitespace text removed from its bodies when the whole block is blank.
    var suppressingBlankText: Node {
        guard isBlank else { return self }
        func strip(_ body: [Node]) -> [Node] { body.filter { if case .text = $0 { return false } else { return true } } }
        switch self {
        case .conditional(let c):
            return .conditional(ConditionalNode(branches: c.branches.map { ($0.condition, $0.negate, strip($0.body)) }))
        case .caseWhen(let c):
            return .caseWhen(CaseNode(subject: c.subject, branches: c.branches.map { ($0.values, strip($0.body)) }))
        case .forLoop(let f):
            return .forLoop(f.with(body: strip(f.body), elseBody: strip(f.elseBody)))
        default:
            return self
        }
    }
}
