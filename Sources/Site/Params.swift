import Foundation
import FrontMatter
import Template

/// A front matter value no table knows, typed as YAML types it, for templates (`page.params`):
/// the keys of Hugo and Jekyll sites (`weight`, `toc`, `layout` …) and a site's own.
public indirect enum Param: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// A plain scalar in one of `DateParser`'s forms, in the site's time zone unless it names an offset.
    case date(Date)
    case list([Param])
    case map([Entry])

    /// One key as written and its value.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: Param
    }

    /// Adds the value to a fingerprint, kind and all (`1` and `"1"` differ).
    func fingerprint(into f: inout Fingerprint) {
        switch self {
        case .null: f.add(0)
        case .bool(let b): f.add(b ? 2 : 1)
        case .int(let i): f.add(3); f.add(i)
        case .double(let d): f.add(4); f.add(Int(truncatingIfNeeded: d.bitPattern))
        case .string(let s): f.add(5); f.add(s)
        case .date(let d): f.add(6); f.add(Int(truncatingIfNeeded: d.timeIntervalSince1970.bitPattern))
        case .list(let items): f.add(7); f.add(items.count); for p in items { p.fingerprint(into: &f) }
        case .map(let entries): f.add(8); f.add(entries.count); for e in entries { f.add(e.key); e.value.fingerprint(into: &f) }
        }
    }

    /// The typed value of a node: only plain scalars are typed (`12`, `1.5`, `true`, a date);
    /// quoted and block scalars are text, as in YAML.
    init(_ node: Node, timeZone: TimeZone) {
        switch node {
        case .null: self = .null
        case .list(let items, _): self = .list(items.map { Param($0, timeZone: timeZone) })
        case .map(let m, _):
            self = .map(m.entries.map { Entry(key: $0.writtenKey, value: Param($0.value, timeZone: timeZone)) })
        case .scalar(let s):
            guard s.style == .plain else { self = .string(s.text); return }
            self = Param(plain: s.text, timeZone: timeZone)
        }
    }

    /// YAML 1.2's core schema for a plain scalar: null, true/false, integers, floats; then a
    /// date; else text.
    init(plain text: String, timeZone: TimeZone) {
        switch text {
        case "", "~", "null", "Null", "NULL": self = .null; return
        case "true", "True", "TRUE": self = .bool(true); return
        case "false", "False", "FALSE": self = .bool(false); return
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": self = .double(.infinity); return
        case "-.inf", "-.Inf", "-.INF": self = .double(-.infinity); return
        case ".nan", ".NaN", ".NAN": self = .double(.nan); return
        default: break
        }
        if let i = Self.integer(text) { self = .int(i); return }
        if Self.looksLikeFloat(text), let d = Double(text) { self = .double(d); return }
        if let first = text.utf8.first, first >= 0x30 && first <= 0x39, case .success(let d) = DateParser.parse(text) {
            self = .date(d.date(in: timeZone))
            return
        }
        self = .string(text)
    }

    /// `[-+]?[0-9]+`, `0x…`, `0o…`; nil past Int's range (YAML leaves such a number a number,
    /// but a template could not do anything exact with it either, so it stays text).
    private static func integer(_ text: String) -> Int? {
        var body = Substring(text)
        var sign = 1
        if let f = body.first, f == "-" || f == "+" { sign = f == "-" ? -1 : 1; body = body.dropFirst() }
        guard !body.isEmpty else { return nil }
        if body.hasPrefix("0x"), sign == 1 { return Int(body.dropFirst(2), radix: 16) }
        if body.hasPrefix("0o"), sign == 1 { return Int(body.dropFirst(2), radix: 8) }
        guard body.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(body).map { $0 * sign }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`: Swift's `Double(_:)` alone also
    /// takes `inf`, `nan` and hexadecimal floats, which YAML reads as text.
    private static func looksLikeFloat(_ text: String) -> Bool {
        var u = Array(text.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let c = u.first, c >= 0x30 && c <= 0x39 { u = u.dropFirst(); n += 1 }
            return n
        }
        if let c = u.first, c == 0x2B || c == 0x2D { u = u.dropFirst() }
        var mantissa = digits()
        if u.first == 0x2E { u = u.dropFirst(); mantissa += digits() }
        guard mantissa > 0 else { return false }
        if let c = u.first, c == 0x65 || c == 0x45 {
            u = u.dropFirst()
            if let s = u.first, s == 0x2B || s == 0x2D { u = u.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return u.isEmpty
    }
}

extension Param {
    /// The keys of `mapping` that `table` does not know, in file order: those `normalize`
    /// reported as unknown at the top level (none in most files, so nothing is scanned).
    static func entries(of mapping: Mapping, unknown: [UnknownKey], timeZone: TimeZone) -> [Entry] {
        guard !unknown.isEmpty else { return [] }
        var out: [Entry] = []
        for u in unknown where u.parent == nil {
            guard let e = mapping.entries.first(where: { $0.keyLocation == u.location }) else { continue }
            out.append(Entry(key: e.writtenKey, value: Param(e.value, timeZone: timeZone)))
        }
        return out
    }
}

extension ValueBuilder {
    /// A `params` object; dates are ISO 8601 strings with the offset, as `page.date` is, which
    /// the `date` filter reads.
    func params(_ entries: [Param.Entry]) -> Value {
        entries.isEmpty ? Self.noParams : .object(Object(entries.map { ($0.key, value(of: $0.value)) }))
    }

    static let noParams = Value.object(Object())

    func value(of p: Param) -> Value {
        switch p {
        case .null: return .nil
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(mirror.map { Self.mirrored(s, $0) } ?? s)
        case .date(let d): return .string(iso8601(d))
        case .list(let items): return .array(items.map(value(of:)))
        case .map(let entries): return .object(Object(entries.map { ($0.key, value(of: $0.value)) }))
        }
    }

    /// A string of front matter or a data file in the mirror: an address (`/…`, `https://…`,
    /// `mailto:`) as it is, or in the mirror when it is a page of the site; any other text
    /// converted. Addresses may be Chinese (`/tags/劳动模范/` with `slugs: unicode`).
    static func mirrored(_ s: String, _ mirror: Mirror) -> String {
        let address = s.hasPrefix("/") || s.hasPrefix("./") || s.hasPrefix("../") || s.hasPrefix("#") || s.hasPrefix("mailto:")
            || s.hasPrefix("tel:") || utf8Contains(s, "://")
        return address ? mirror.link(s) : mirror.text(s)
    }
}
