@testable import FrontMatter

/// A node without locations, for writing expected values compactly in tables.
indirect enum P: Equatable, Sendable, CustomStringConvertible {
    case s(String)
    case l([P])
    case m([Pair])
    case null

    struct Pair: Equatable, Sendable {
        var key: String
        var value: P
    }

    var description: String {
        switch self {
        case .s(let t): return "s(\(t.debugDescription))"
        case .l(let items): return "l[" + items.map(\.description).joined(separator: ", ") + "]"
        case .m(let pairs): return "m{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .null: return "null"
        }
    }
}

/// `m(("title", .s("x")), …)`.
func m(_ pairs: (String, P)...) -> P { .m(pairs.map { P.Pair(key: $0.0, value: $0.1) }) }

extension Node {
    /// This node without locations.
    var plain: P {
        switch self {
        case .scalar(let s): return .s(s.text)
        case .list(let items, _): return .l(items.map(\.plain))
        case .map(let mapping, _): return mapping.plain
        case .null: return .null
        }
    }
}

extension Mapping {
    var plain: P { .m(entries.map { P.Pair(key: $0.key, value: $0.value.plain) }) }
}

/// Parses a front matter block (the lines between the fences); the block's first line is line 2.
func parseBlock(_ text: String, firstLine: Int = 2) -> FrontMatter.Parsed {
    FrontMatter.parse(block: Substring(text), firstLine: firstLine)
}

/// An expected error: line, column, message.
struct E: Equatable, Sendable, CustomStringConvertible {
    var line: Int
    var column: Int
    var message: String

    init(_ line: Int, _ column: Int, _ message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ e: FrontMatterError) {
        self.init(e.line, e.column, e.message)
    }

    var description: String { "\(line):\(column): \(message)" }
}

func loc(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(line: line, column: column) }
