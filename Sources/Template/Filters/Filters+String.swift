import Foundation

extension StandardFilters {
    /// String filters. Non-strings are used as their text (`5 | append: "x"` is `5x`).
    ///
    /// Characters are Swift's (grapheme clusters): `truncate` and `slice` never cut an emoji
    /// or a Chinese character in half. Substring matching (`replace`, `remove`, `split`) is
    /// exact, byte for byte, as in Ruby.
    ///
    /// Safe text (`.safe`) stays safe through filters that only remove or cut text; filters that
    /// add an argument's text to safe text escape that argument unless it is safe itself, so
    /// no filter turns unescaped text into safe text.
    static let string: [String: FilterFunction] = [
        "upcase": transform("upcase", keepsSafe: false) { $0.uppercased() },
        "downcase": transform("downcase", keepsSafe: false) { $0.lowercased() },
        // Ruby's capitalize also lowercases the rest: "hELLO" → "Hello".
        "capitalize": transform("capitalize", keepsSafe: false) { s in
            guard let first = s.first else { return s }
            return first.uppercased() + s.dropFirst().lowercased()
        },
        "strip": transform("strip") { $0.trimmingRubySpace() },
        "lstrip": transform("lstrip") { $0.trimmingRubySpace(trailing: false) },
        "rstrip": transform("rstrip") { $0.trimmingRubySpace(leading: false) },
        "strip_newlines": transform("strip_newlines") { $0.rubyGsub("\r\n", "").rubyGsub("\n", "") },
        "truncate": truncate,
        "truncatewords": truncatewords,
        "append": { input, call throws(FilterError) in
            try call.expect(1, filter: "append")
            return .text(input.text + call.arguments[0].textJoining(safe: input.isSafe), safe: input.isSafe)
        },
        "prepend": { input, call throws(FilterError) in
            try call.expect(1, filter: "prepend")
            return .text(call.arguments[0].textJoining(safe: input.isSafe) + input.text, safe: input.isSafe)
        },
        "replace": replaceFilter("replace", arguments: 1...2) { $0.rubyGsub($1, $2) },
        "replace_first": replaceFilter("replace_first", arguments: 1...2) { $0.rubySub($1, $2) },
        // Unlike replace and replace_first, Liquid's replace_last has no default replacement.
        "replace_last": replaceFilter("replace_last", arguments: 2...2) { $0.replacingLast($1, with: $2) },
        "remove": replaceFilter("remove", arguments: 1...1) { s, pattern, _ in s.rubyGsub(pattern, "") },
        "remove_first": replaceFilter("remove_first", arguments: 1...1) { s, pattern, _ in s.rubySub(pattern, "") },
        "remove_last": replaceFilter("remove_last", arguments: 1...1) { s, pattern, _ in s.replacingLast(pattern, with: "") },
        "split": { input, call throws(FilterError) in
            try call.expect(1, filter: "split")
            let safe = input.isSafe
            return .array(input.text.rubySplit(call.arguments[0].text).map { .text($0, safe: safe) })
        },
        "slice": slice,
    ]

    /// A filter that maps the input's text and takes no arguments.
    private static func transform(
        _ name: String, keepsSafe: Bool = true, _ f: @escaping @Sendable (String) -> String
    ) -> FilterFunction {
        { input, call throws(FilterError) in
            try call.expect(0, filter: name)
            return .text(f(input.text), safe: keepsSafe && input.isSafe)
        }
    }

    /// `replace` and friends: (text, pattern, replacement) → text; a missing replacement is "".
    private static func replaceFilter(
        _ name: String, arguments: ClosedRange<Int>, _ f: @escaping @Sendable (String, String, String) -> String
    ) -> FilterFunction {
        { input, call throws(FilterError) in
            try call.expect(arguments.lowerBound, arguments.upperBound, filter: name)
            let safe = input.isSafe
            let replacement = call[1]?.textJoining(safe: safe) ?? ""
            return .text(f(input.text, call.arguments[0].text, replacement), safe: safe)
        }
    }

    /// `truncate: length = 50, ellipsis = "..."`: the ellipsis counts in the length.
    private static let truncate: FilterFunction = { input, call throws(FilterError) in
        try call.expect(0, 2, filter: "truncate")
        let length = try call[0]?.toInteger() ?? 50
        let ellipsis = call[1]?.textJoining(safe: input.isSafe) ?? "..."
        let s = input.text
        guard s.count > length else { return .text(s, safe: input.isSafe) }
        let keep = max(0, length - ellipsis.count)
        return .text(String(s.prefix(keep)) + ellipsis, safe: input.isSafe)
    }

    /// `truncatewords: words = 15, ellipsis = "..."`: words are runs of non-whitespace; a text
    /// that is not cut comes back unchanged, a cut one has its words joined by single spaces.
    private static let truncatewords: FilterFunction = { input, call throws(FilterError) in
        try call.expect(0, 2, filter: "truncatewords")
        let words = max(1, try call[0]?.toInteger() ?? 15)
        let s = input.text
        // Ruby's split with a limit (words + 1) keeps a trailing empty field, so text ending in
        // whitespace right after the last word counts as cut: "a b " | truncatewords: 2 → "a b...".
        let list = s.awkSplit(limit: words == .max ? words : words + 1)
        guard list.count > words else { return .text(s, safe: input.isSafe) }
        let ellipsis = call[1]?.textJoining(safe: input.isSafe) ?? "..."
        return .text(list.prefix(words).joined(separator: " ") + ellipsis, safe: input.isSafe)
    }

    /// `slice: offset, length = 1` of a string (in characters) or an array; a negative offset
    /// counts from the end.
    private static let slice: FilterFunction = { input, call throws(FilterError) in
        try call.expect(1, 2, filter: "slice")
        let offset = try call.arguments[0].toInteger()
        // Ruby: `length ? to_integer(length) : 1`, so nil and false mean 1.
        var length = 1
        if let l = call[1], l.isTruthy { length = try l.toInteger() }
        switch input.resolved {
        case .array(let a):
            return .array(rubySlice(count: a.count, offset, length).map { Array(a[$0]) } ?? [])
        default:
            let chars = Array(input.text)
            let part = rubySlice(count: chars.count, offset, length).map { String(chars[$0]) } ?? ""
            return .text(part, safe: input.isSafe)
        }
    }

    /// The range Ruby's `slice(start, length)` takes, or nil where Ruby returns nil.
    static func rubySlice(count: Int, _ offset: Int, _ length: Int) -> Range<Int>? {
        var start = offset
        if start < 0 { start += count }
        guard start >= 0, start <= count, length >= 0 else { return nil }
        let end = length > count - start ? count : start + length
        return start..<end
    }
}
