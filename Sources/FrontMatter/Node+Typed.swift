import Foundation

/// Typed reads of untyped values, each failing with a located error that names the key.
///
/// The schema decides the type: `title: 2023` read with `string(for:)` is "2023", `year: 2023`
/// read with `int(for:)` is 2023. Quoting does not change what a read accepts (`year: "2019"` is
/// 2019): quotes only matter to YAML's own typing, which this parser does not do.
extension Node {
    /// The text of a scalar. Null, lists and maps are errors.
    public func string(for key: String) throws(FrontMatterError) -> String {
        switch self {
        case .scalar(let s): return s.text
        case .null(let l): throw FrontMatterError(at: l, "missing value for `\(key)`: expected text after `\(key):`")
        default: throw mismatch(key, "text")
        }
    }

    /// A whole number: optional sign, then ASCII or full-width digits.
    public func int(for key: String) throws(FrontMatterError) -> Int {
        let s = try scalarText(key, "a whole number")
        guard let v = Self.parseInt(s.text) else {
            throw FrontMatterError(at: s.location, "expected a whole number for `\(key)`, found `\(short(s.text))`")
        }
        return v
    }

    /// A yes/no value: true/false, yes/no, on/off (YAML 1.1's, any case), 是/否, 真/假.
    public func bool(for key: String) throws(FrontMatterError) -> Bool {
        let s = try scalarText(key, "true or false")
        switch s.text.lowercased() {
        case "true", "yes", "on", "是", "真": return true
        case "false", "no", "off", "否", "假": return false
        default:
            throw FrontMatterError(at: s.location,
                "expected true or false for `\(key)` (or yes/no, on/off, 是/否, 真/假), found `\(short(s.text))`")
        }
    }

    /// A date as written (see `DateParser` for the accepted forms), before a time zone applies.
    public func localDateTime(for key: String) throws(FrontMatterError) -> LocalDateTime {
        let s = try scalarText(key, "a date")
        switch DateParser.parse(s.text) {
        case .success(let d):
            return d
        case .failure(let e):
            guard let reason = e.reason else {
                throw FrontMatterError(at: s.location,
                    "expected a date for `\(key)` like `2023-09-01`, `2023-09-01 14:07` or `2023年9月1日`, found `\(short(s.text))`")
            }
            var at = s.location
            if s.style == .plain { at.column += e.offset }
            throw FrontMatterError(at: at, "`\(short(s.text))` is not a valid date for `\(key)`: \(reason)")
        }
    }

    /// A date as an instant: a written UTC offset wins, else `timeZone` (the site's) applies.
    public func date(for key: String, timeZone: TimeZone = FrontMatter.defaultTimeZone) throws(FrontMatterError) -> Date {
        try localDateTime(for: key).date(in: timeZone)
    }

    /// A list of texts. A single scalar is a one-item list (`tags: 劳模` → ["劳模"]; a plain
    /// scalar is never split at commas), and null is the empty list.
    public func strings(for key: String) throws(FrontMatterError) -> [String] {
        switch self {
        case .null: return []
        case .scalar(let s): return [s.text]
        case .map: throw mismatch(key, "a list of texts")
        case .list(let items, _):
            var out: [String] = []
            out.reserveCapacity(items.count)
            for (n, item) in items.enumerated() {
                switch item {
                case .scalar(let s): out.append(s.text)
                case .null(let l):
                    throw FrontMatterError(at: l, "empty item \(n + 1) in `\(key)`: expected text")
                default:
                    throw item.mismatch(subject: "item \(n + 1) of `\(key)`", "text")
                }
            }
            return out
        }
    }

    /// The items of a list; null is the empty list. Anything else is an error.
    public func list(for key: String) throws(FrontMatterError) -> [Node] {
        switch self {
        case .list(let items, _): return items
        case .null: return []
        default:
            throw FrontMatterError(at: location,
                "expected a list for `\(key)`, found \(found): write one `- item` per line below `\(key):`")
        }
    }

    /// The entries of a map (`key: value` lines indented under the key, or `{a: 1}`).
    public func mapping(for key: String) throws(FrontMatterError) -> Mapping {
        if case .map(let m, _) = self { return m }
        throw mismatch(key, "`key: value` lines")
    }

    /// One of a fixed set of values, aliases resolved: `level: 全国` → "national".
    public func choice(for key: String, from table: ValueTable) throws(FrontMatterError) -> String {
        let s = try scalarText(key, "one of \(table.values.joined(separator: ", "))")
        guard let v = table.canonical(s.text) else {
            throw FrontMatterError(at: s.location,
                "unknown \(table.name) `\(short(s.text))` for `\(key)`: expected one of \(table.describedValues)")
        }
        return v
    }

    // MARK: - Helpers

    private func scalarText(_ key: String, _ expected: String) throws(FrontMatterError) -> Scalar {
        switch self {
        case .scalar(let s): return s
        case .null(let l): throw FrontMatterError(at: l, "missing value for `\(key)`: expected \(expected) after `\(key):`")
        default: throw mismatch(key, expected)
        }
    }

    /// "expected X for `key`, found a list".
    func mismatch(_ key: String, _ expected: String) -> FrontMatterError {
        mismatch(subject: "`\(key)`", expected)
    }

    func mismatch(subject: String, _ expected: String) -> FrontMatterError {
        var message = "expected \(expected) for \(subject), found \(found)"
        if case .map = self, expected != "`key: value` lines" {
            message += " (if the text contains `:` or `：`, put it in quotes)"
        }
        return FrontMatterError(at: location, message)
    }

    /// How a value is named in "found …".
    var found: String {
        switch self {
        case .scalar(let s): return "`\(short(s.text))`"
        case .list: return "a list"
        case .map: return "a map"
        case .null: return "nothing"
        }
    }

    static func parseInt(_ text: String) -> Int? {
        var value = 0
        var sign = 1
        var sawDigit = false
        var first = true
        for u in text.unicodeScalars {
            defer { first = false }
            if first, u == "-" || u == "+" {
                sign = u == "-" ? -1 : 1
                continue
            }
            let d: UInt32
            switch u.value {
            case 0x30...0x39: d = u.value - 0x30
            case 0xFF10...0xFF19: d = u.value - 0xFF10
            default: return nil
            }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d))
            if o1 || o2 { return nil }
            value = a
            sawDigit = true
        }
        return sawDigit ? sign * value : nil
    }
}

/// A value cut for a message: at most 30 characters, line breaks shown as `⏎`.
func short(_ text: String) -> String {
    var s = text.count > 30 ? String(text.prefix(30)) + "…" : text
    if s.contains(where: \.isNewline) { s = s.split(whereSeparator: \.isNewline).joined(separator: "⏎") }
    return s
}

/// The same reads on an entry, naming the key as it was written.
extension Mapping.Entry {
    /// See `Node.string(for:)`.
    public func string() throws(FrontMatterError) -> String { try value.string(for: writtenKey) }
    /// See `Node.int(for:)`.
    public func int() throws(FrontMatterError) -> Int { try value.int(for: writtenKey) }
    /// See `Node.bool(for:)`.
    public func bool() throws(FrontMatterError) -> Bool { try value.bool(for: writtenKey) }
    /// See `Node.localDateTime(for:)`.
    public func localDateTime() throws(FrontMatterError) -> LocalDateTime { try value.localDateTime(for: writtenKey) }
    /// See `Node.date(for:timeZone:)`.
    public func date(timeZone: TimeZone = FrontMatter.defaultTimeZone) throws(FrontMatterError) -> Date {
        try value.date(for: writtenKey, timeZone: timeZone)
    }
    /// See `Node.strings(for:)`.
    public func strings() throws(FrontMatterError) -> [String] { try value.strings(for: writtenKey) }
    /// See `Node.list(for:)`.
    public func list() throws(FrontMatterError) -> [Node] { try value.list(for: writtenKey) }
    /// See `Node.mapping(for:)`.
    public func mapping() throws(FrontMatterError) -> Mapping { try value.mapping(for: writtenKey) }
    /// See `Node.choice(for:from:)`.
    public func choice(from table: ValueTable) throws(FrontMatterError) -> String {
        try value.choice(for: writtenKey, from: table)
    }
}
