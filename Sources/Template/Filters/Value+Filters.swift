import Foundation

// Helpers the filter families share: Liquid's coercions (Ruby's `Utils.to_number`,
// `Utils.to_integer`, `InputIterator`), property lookup as Ruby's `item[property]` does it,
// and byte-level text operations with Ruby's semantics.

extension Value {
    /// The number a math filter sees (Liquid's `Utils.to_number`): numeric strings parse,
    /// anything else is 0.
    var toNumber: LiquidNumber {
        switch self {
        case .int(let i): return .int(i)
        case .double(let d): return LiquidNumber(d)
        case .string(let s), .safe(let s): return LiquidNumber(parsing: s)
        case .drop: return resolved.toNumber
        default: return .int(0)
        }
    }

    /// The integer a filter argument must be (Liquid's `Utils.to_integer`, i.e. Ruby's
    /// `Integer(x.to_s)`): `"2"` is 2, but `2.5`, `"foo"` and nil are errors.
    func toInteger() throws(FilterError) -> Int {
        if case .int(let i) = self { return i }
        guard let i = Value.rubyInteger(text) else {
            throw FilterError("expected an integer, got '\(text)'")
        }
        return i
    }

    /// Ruby's `Integer(string)`: optional sign, `0x`/`0b`/`0o`/leading-`0` (octal!) prefixes,
    /// underscores between digits, surrounding whitespace.
    static func rubyInteger(_ s: String) -> Int? {
        var t = Substring(s.trimmingRubySpace())
        var negative = false
        if let c = t.first, c == "+" || c == "-" { negative = c == "-"; t = t.dropFirst() }
        var radix = 10
        let lower = t.lowercased()
        if lower.hasPrefix("0x") { radix = 16; t = t.dropFirst(2) }
        else if lower.hasPrefix("0b") { radix = 2; t = t.dropFirst(2) }
        else if lower.hasPrefix("0o") { radix = 8; t = t.dropFirst(2) }
        else if lower.hasPrefix("0d") { t = t.dropFirst(2) }
        else if t.count > 1, t.first == "0" { radix = 8; t = t.dropFirst() }
        guard let first = t.first, first.isHexDigit, t.last != "_", !t.contains("__") else { return nil }
        guard let magnitude = Int(t.replacingOccurrences(of: "_", with: ""), radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// The items an array filter works on (Liquid's `InputIterator`): arrays are flattened,
    /// an object is a one-item list (not its pairs, unlike `for`), nil is empty, and any
    /// other single value is a one-item list.
    var filterItems: [Value] {
        switch self {
        case .nil: return []
        case .array(let a): return Value.flatten(a)
        case .range: return resolved.items
        case .drop(let d): return d.materialize().filterItems
        default: return [self]
        }
    }

    static func flatten(_ a: [Value]) -> [Value] {
        guard a.contains(where: { if case .array = $0 { return true } else { return false } }) else { return a }
        var out: [Value] = []
        out.reserveCapacity(a.count)
        for v in a {
            if case .array(let inner) = v { out.append(contentsOf: flatten(inner)) } else { out.append(v) }
        }
        return out
    }

    /// What Ruby's `item[property]` gives, the way `map`, `where`, `sort` and friends use it.
    enum Lookup {
        /// The item has `[]` and returned this.
        case found(Value)
        /// The item has no `[]` at all (nil, booleans, floats): Liquid treats it specially.
        case noIndex
    }

    /// `self[property]` with Ruby's rules: objects look the key up; a string gives the property
    /// back when it contains it (`"cat"["c"]` is `"c"`); an integer gives its bit at an integer
    /// property (`1[2]` is 0, which Ruby finds truthy); an array its item at an integer. A
    /// string key on an integer or array is a TypeError in Ruby, which Liquid reports.
    func lookup(_ property: Value) throws(FilterError) -> Lookup {
        switch self {
        case .object(let o):
            guard let key = property.stringValue else { return .found(.nil) }
            if let v = o[key] { return .found(v) }
            return .found(Self.path(key, in: self))
        case .drop(let d as SafeHTML): return try d.materialize().lookup(property)
        case .drop(let d):
            guard let key = property.stringValue else { return .found(.nil) }
            if let v = d.value(forKey: key) { return .found(v) }
            return .found(Self.path(key, in: self))
        case .string(let s), .safe(let s):
            if case .int(let i) = property {
                let chars = Array(s)
                let j = i < 0 ? chars.count + i : i
                return .found(chars.indices.contains(j) ? .string(String(chars[j])) : .nil)
            }
            // An undefined property is "" here, which every string contains: golden-liquid's
            // `reject: nosuchthing` on strings rejects them all.
            let key = property.text
            return .found(key.isEmpty || s.utf8.firstRange(of: key.utf8) != nil ? .string(key) : .nil)
        case .int(let n):
            if case .int(let bit) = property {
                return .found(.int(bit < 0 ? 0 : bit >= n.bitWidth ? (n < 0 ? 1 : 0) : (n >> bit) & 1))
            }
        case .array(let a):
            if case .int(let i) = property {
                let j = i < 0 ? a.count + i : i
                return .found(a.indices.contains(j) ? a[j] : .nil)
            }
        default:
            return .noIndex
        }
        throw FilterError("cannot select the property '\(property.text)' of \(typeName)")
    }

    /// `column.name` of an item that has no key `column.name`: the key `name` of its `column`, as
    /// Jekyll's `where`, `sort` and `group_by` read a dotted property; nil when any step is missing.
    private static func path(_ key: String, in item: Value) -> Value {
        guard key.contains(".") else { return .nil }
        var v = item
        for part in key.split(separator: ".", omittingEmptySubsequences: false) {
            switch v {
            case .object(let o): v = o[String(part)] ?? .nil
            case .drop(let d) where !(d is SafeHTML): v = d.value(forKey: String(part)) ?? .nil
            default: return .nil
            }
        }
        return v
    }

    /// A short name of the value's kind, for error messages.
    var typeName: String {
        switch self {
        case .nil: return "nil"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a float"
        case .string, .safe: return "a string"
        case .array, .range: return "an array"
        case .drop(let d) where d is SafeHTML: return "a string"
        case .object, .drop: return "an object"
        }
    }

    /// Whether Liquid's `default` treats the value as missing: nil, false, or an empty
    /// string, array or object (`respond_to?(:empty?) && empty?`).
    var isEmptyForDefault: Bool {
        switch self {
        case .nil, .bool(false): return true
        case .string(let s), .safe(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        case .drop: return resolved.isEmptyForDefault
        default: return false
        }
    }

    /// Ruby's `eql?`, which `uniq` uses: like `==` but `1` and `1.0` differ.
    func isSameItem(_ other: Value) -> Bool {
        switch (self, other) {
        case (.int, .double), (.double, .int): return false
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isSameItem($1) }
        default: return self == other
        }
    }

    /// Text wrapped back into a value: `.safe` when the input it came from was safe.
    static func text(_ s: String, safe: Bool) -> Value { safe ? .safe(s) : .string(s) }

    /// The text of an argument that joins the input's text: escaped when the input is safe and
    /// the argument is not, so that mixing never marks unescaped text safe (as MarkupSafe does).
    func textJoining(safe: Bool) -> String {
        safe && !isSafe ? HTML.escape(text) : text
    }
}

// MARK: - Text with Ruby's semantics

extension String {
    /// Ruby's whitespace for `strip`: space, \t, \n, \v, \f, \r and NUL.
    static func isRubySpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0
    }

    /// Ruby's `strip`.
    func trimmingRubySpace(leading: Bool = true, trailing: Bool = true) -> String {
        let u = Array(utf8)
        var lo = 0, hi = u.count
        if leading { while lo < hi, String.isRubySpace(u[lo]) { lo += 1 } }
        if trailing { while hi > lo, String.isRubySpace(u[hi - 1]) { hi -= 1 } }
        if lo == 0 && hi == u.count { return self }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }

    /// Byte offsets of the non-overlapping occurrences of `needle` (not empty), at most `limit`.
    ///
    /// Over the strings' own bytes (`withUTF8`), not copies of them: `replace` runs on every
    /// page (`page_n | replace: '%d', n`, the locale's `-` to `_`).
    func occurrences(of needle: String, limit: Int = .max) -> [Range<Int>] {
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                var found: [Range<Int>] = []
                guard !n.isEmpty, n.count <= h.count else { return found }
                var i = 0
                let last = h.count - n.count
                while i <= last, found.count < limit {
                    if h[i] == n[0] && UnsafeBufferPointer(rebasing: h[i..<(i + n.count)]).elementsEqual(n) {
                        found.append(i..<(i + n.count))
                        i += n.count
                    } else {
                        i += 1
                    }
                }
                return found
            }
        }
    }

    /// Replaces the given byte ranges (sorted, disjoint) with `replacement`.
    func replacing(ranges: [Range<Int>], with replacement: String) -> String {
        guard !ranges.isEmpty else { return self }
        var haystack = self, replacement = replacement
        return haystack.withUTF8 { h in
            replacement.withUTF8 { r in
                var out: [UInt8] = []
                out.reserveCapacity(h.count + ranges.count * r.count)
                var at = 0
                for range in ranges {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: h[at..<range.lowerBound]))
                    out.append(contentsOf: r)
                    at = range.upperBound
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: h[at...]))
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// Ruby's `gsub(string, replacement)`; an empty pattern matches between every character.
    func rubyGsub(_ pattern: String, _ replacement: String) -> String {
        if pattern.isEmpty {
            return replacement + map { String($0) + replacement }.joined()
        }
        return replacing(ranges: occurrences(of: pattern), with: replacement)
    }

    /// Ruby's `sub(string, replacement)`: the first occurrence only.
    func rubySub(_ pattern: String, _ replacement: String) -> String {
        if pattern.isEmpty { return replacement + self }
        return replacing(ranges: occurrences(of: pattern, limit: 1), with: replacement)
    }

    /// Liquid's `replace_last`: `rindex` then splice; an empty pattern matches at the end.
    func replacingLast(_ pattern: String, with replacement: String) -> String {
        if pattern.isEmpty { return self + replacement }
        let h = Array(utf8), n = Array(pattern.utf8)
        guard n.count <= h.count else { return self }
        var i = h.count - n.count
        while i >= 0 {
            if h[i..<(i + n.count)].elementsEqual(n) {
                return replacing(ranges: [i..<(i + n.count)], with: replacement)
            }
            i -= 1
        }
        return self
    }

    /// Ruby's `split(pattern)` without a limit: `" "` splits on runs of whitespace, `""`
    /// into characters, anything else on the literal text; trailing empty fields are dropped.
    func rubySplit(_ pattern: String) -> [String] {
        if isEmpty { return [] }
        if pattern == " " { return awkSplit(limit: nil) }
        if pattern.isEmpty { return map { String($0) } }
        let h = Array(utf8)
        var fields: [String] = []
        var at = 0
        for r in occurrences(of: pattern) {
            fields.append(String(decoding: h[at..<r.lowerBound], as: UTF8.self))
            at = r.upperBound
        }
        fields.append(String(decoding: h[at...], as: UTF8.self))
        while fields.last?.isEmpty == true { fields.removeLast() }
        return fields
    }

    /// Ruby's `split(" ", limit)` ("awk" mode), reproduced from `rb_str_split_m`: leading
    /// whitespace is skipped; with a limit the last field is the rest of the string, and a
    /// trailing run of whitespace yields one more, empty, field (`"a b ".split(" ", 3)` is
    /// `["a", "b", ""]`). Without a limit trailing empty fields are dropped.
    func awkSplit(limit: Int?) -> [String] {
        let u = Array(utf8)
        if let limit, limit == 1 { return u.isEmpty ? [] : [self] }
        let lim = (limit ?? 0) > 0 ? limit : nil
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var fields: [String] = []
        var beg = 0, end = 0, skip = true, i = 1, p = 0
        while p < u.count {
            let c = u[p]
            p += 1
            if skip {
                if isSpace(c) {
                    beg = p
                } else {
                    end = p
                    skip = false
                    if let lim, lim <= i { break }
                }
            } else if isSpace(c) {
                fields.append(String(decoding: u[beg..<end], as: UTF8.self))
                skip = true
                beg = p
                if lim != nil { i += 1 }
            } else {
                end = p
            }
        }
        if !u.isEmpty && (lim != nil || u.count > beg) {
            fields.append(String(decoding: u[beg...], as: UTF8.self))
        }
        if lim == nil { while fields.last?.isEmpty == true { fields.removeLast() } }
        return fields
    }
}

/// HTML escaping as Ruby's `CGI.escapeHTML` does it.
enum HTML {
    /// `&<>"'` → `&amp;&lt;&gt;&quot;&#39;` (the engine's own auto-escaping).
    static func escape(_ s: String) -> String { escapeHTML(s) }

    static func entity(_ b: UInt8) -> [UInt8]? {
        switch b {
        case 0x26: return Array("&amp;".utf8)
        case 0x3C: return Array("&lt;".utf8)
        case 0x3E: return Array("&gt;".utf8)
        case 0x22: return Array("&quot;".utf8)
        case 0x27: return Array("&#39;".utf8)
        default: return nil
        }
    }
}
