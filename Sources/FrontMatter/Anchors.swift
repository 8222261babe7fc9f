/// The values a front matter marks with `&name`, for the `*name` aliases below them, and how much
/// the aliases have repeated so far.
///
/// An alias repeats a whole value, and an anchored value may hold aliases itself: twenty lines of
/// `xN: &xN [*xN-1, *xN-1]` stand for a million values, which every later walk (typed reads,
/// `page.params`, comparing front matters) would go through. So each anchored value's size is
/// counted once (up to a bound) and the aliases of one front matter may repeat at most
/// `maxRepeatedValues` values in all, and never nest deeper than `maxNesting`. A class, so that
/// the parser (copied as it goes) stays one reference larger, as it was with a dictionary.
final class Anchors {
    /// How many values the aliases of one front matter may repeat in all.
    static let maxRepeatedValues = 10_000

    private var values: [String: (node: Node, size: Int, depth: Int)] = [:]
    private var repeated = 0

    subscript(name: String) -> Node? { values[name]?.node }

    func mark(_ name: String, _ node: Node) {
        let (size, depth) = measure(node)
        values[name] = (node, size, depth)
    }

    /// The value of `*name` used at nesting `depth`; an error message when there is none, or when
    /// using it would repeat too much or nest too deep.
    func use(_ name: String, atDepth depth: Int) -> Result<Node, AliasProblem> {
        guard let anchored = values[name] else { return .failure(.unknown) }
        repeated += anchored.size
        if repeated > Self.maxRepeatedValues { return .failure(.tooMuch) }
        if depth + anchored.depth > maxNesting { return .failure(.tooDeep) }
        return .success(anchored.node)
    }

    enum AliasProblem: Error { case unknown, tooMuch, tooDeep }

    /// The values a node holds and how deep its lists and maps nest, counted without recursion and
    /// only up to the bounds above (past them, any count refuses the alias).
    private func measure(_ node: Node) -> (size: Int, depth: Int) {
        var size = 0, deepest = 0
        var stack: [(Node, Int)] = [(node, 0)]
        while let (n, depth) = stack.popLast() {
            size += 1
            deepest = max(deepest, depth)
            if size > Self.maxRepeatedValues || deepest > maxNesting { break }
            switch n {
            case .list(let items, _): for item in items { stack.append((item, depth + 1)) }
            case .map(let m, _): for e in m.entries { stack.append((e.value, depth + 1)) }
            default: break
            }
        }
        return (size, deepest)
    }
}

/// What an alias that cannot be used says.
func aliasMessage(_ problem: Anchors.AliasProblem, _ name: String) -> String {
    switch problem {
    case .unknown:
        return "unknown alias `*\(name)`: no value above is marked `&\(name)`; expected an anchor `&\(name)` before it, or put the value in quotes"
    case .tooMuch:
        return "the aliases of this front matter repeat more than \(Anchors.maxRepeatedValues) values (`*\(name)` is one too many): expected each value written out, or aliases to small values"
    case .tooDeep:
        return nestingError(SourceLocation(line: 1, column: 1)).message
    }
}
