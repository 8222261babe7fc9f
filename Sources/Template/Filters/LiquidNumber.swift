import Foundation

/// A number as Liquid's math filters compute with it: Ruby's Integer, or a BigDecimal.
///
/// Liquid turns every float and every decimal string into a BigDecimal (`BigDecimal(f.to_s)`)
/// before computing and back into a float after, so `10.1 | plus: 2.2` is `12.3`, not
/// `12.299999999999999`. Foundation's `Decimal` plays BigDecimal here.
enum LiquidNumber: Sendable, Equatable {
    case int(Int)
    case decimal(Decimal)
    /// A float `Decimal` cannot hold (huge, tiny, infinite): computed in binary floating point.
    case double(Double)

    init(_ d: Double) {
        if d.isFinite, let dec = Decimal(string: "\(d)"), !dec.isNaN {
            self = .decimal(dec)
        } else {
            self = .double(d)
        }
    }

    /// Liquid's string rule: `-?\d+\.\d+` (after strip) is a decimal, anything else is Ruby's
    /// `to_i` — the leading integer, so `"3abc"` is 3 and `"abc"` and `"1e5"`'s tail are ignored.
    init(parsing s: String) {
        let t = s.trimmingRubySpace()
        if LiquidNumber.isDecimalLiteral(t), let d = Decimal(string: t), !d.isNaN {
            self = .decimal(d)
        } else {
            self = LiquidNumber.rubyToI(s)
        }
    }

    private static func isDecimalLiteral(_ t: String) -> Bool {
        var u = Substring(t).utf8[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        guard let dot = u.firstIndex(of: UInt8(ascii: ".")) else { return false }
        let whole = u[..<dot], frac = u[u.index(after: dot)...]
        func digits(_ x: Substring.UTF8View.SubSequence) -> Bool {
            !x.isEmpty && x.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        return digits(whole) && digits(frac)
    }

    /// Ruby's `String#to_i`: whitespace, a sign, digits with single underscores between them.
    private static func rubyToI(_ s: String) -> LiquidNumber {
        var u = s.utf8[...]
        while let b = u.first, b == 0x20 || (b >= 0x09 && b <= 0x0D) { u = u.dropFirst() }
        var negative = false
        if let b = u.first, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
            negative = b == UInt8(ascii: "-")
            u = u.dropFirst()
        }
        var digits: [UInt8] = []
        var previousUnderscore = false
        for b in u {
            if b >= 0x30 && b <= 0x39 {
                digits.append(b)
                previousUnderscore = false
            } else if b == UInt8(ascii: "_"), !digits.isEmpty, !previousUnderscore {
                previousUnderscore = true
            } else {
                break
            }
        }
        let text = (negative ? "-" : "") + String(decoding: digits, as: UTF8.self)
        if digits.isEmpty { return .int(0) }
        if let i = Int(text) { return .int(i) }
        return Decimal(string: text).map { .decimal($0) } ?? .int(0)
    }

    /// The value a filter returns: a Ruby Integer stays an int, a BigDecimal becomes a float.
    var value: Value {
        switch self {
        case .int(let i): return .int(i)
        case .decimal(let d): return .double(Double(d.description) ?? 0)
        case .double(let d): return .double(d)
        }
    }

    var isZero: Bool {
        switch self {
        case .int(let i): return i == 0
        case .decimal(let d): return d.isZero
        case .double(let d): return d == 0
        }
    }

    private var decimal: Decimal? {
        switch self {
        case .int(let i): return Decimal(i)
        case .decimal(let d): return d
        case .double: return nil
        }
    }

    var double: Double {
        switch self {
        case .int(let i): return Double(i)
        case .decimal(let d): return Double(d.description) ?? 0
        case .double(let d): return d
        }
    }

    /// Applies an operation the way Ruby's numeric tower does: int with int stays an integer
    /// (falling back to decimals on overflow, where Ruby would use a Bignum), anything with a
    /// decimal is a decimal, anything with an out-of-range float is a float.
    private static func combine(
        _ a: LiquidNumber, _ b: LiquidNumber,
        int: (Int, Int) -> (partialValue: Int, overflow: Bool)?,
        decimal: (Decimal, Decimal) -> Decimal,
        double: (Double, Double) -> Double
    ) -> LiquidNumber {
        if case .int(let x) = a, case .int(let y) = b, let r = int(x, y), !r.overflow {
            return .int(r.partialValue)
        }
        if let x = a.decimal, let y = b.decimal {
            let r = decimal(x, y)
            if !r.isNaN { return .decimal(r) }
        }
        return .double(double(a.double, b.double))
    }

    static func + (a: LiquidNumber, b: LiquidNumber) -> LiquidNumber {
        combine(a, b, int: { $0.addingReportingOverflow($1) }, decimal: +, double: +)
    }

    static func - (a: LiquidNumber, b: LiquidNumber) -> LiquidNumber {
        combine(a, b, int: { $0.subtractingReportingOverflow($1) }, decimal: -, double: -)
    }

    static func * (a: LiquidNumber, b: LiquidNumber) -> LiquidNumber {
        combine(a, b, int: { $0.multipliedReportingOverflow(by: $1) }, decimal: *, double: *)
    }

    /// Ruby's `/`: integer division floors (`-7 / 2` is -4); dividing by zero is an error even
    /// for floats, because Liquid computes with BigDecimal, which raises.
    func divided(by b: LiquidNumber) throws(FilterError) -> LiquidNumber {
        guard !b.isZero else { throw FilterError("divided by 0") }
        return LiquidNumber.combine(self, b, int: { x, y in
            let (q, overflow) = x.dividedReportingOverflow(by: y)
            if overflow { return nil }
            return (x % y != 0 && (x < 0) != (y < 0) ? q - 1 : q, false)
        }, decimal: /, double: /)
    }

    /// Ruby's `%`: the result takes the divisor's sign (`-7 % 3` is 2).
    func modulo(_ b: LiquidNumber) throws(FilterError) -> LiquidNumber {
        guard !b.isZero else { throw FilterError("divided by 0") }
        return LiquidNumber.combine(self, b, int: { x, y in
            let (r, overflow) = x.remainderReportingOverflow(dividingBy: y)
            if overflow { return nil }
            return (r != 0 && (r < 0) != (y < 0) ? r + y : r, false)
        }, decimal: { x, y in
            x - y * LiquidNumber.round(x / y, scale: 0, .down)
        }, double: { x, y in
            x - y * (x / y).rounded(.down)
        })
    }

    static func round(_ d: Decimal, scale: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = d, result = Decimal()
        NSDecimalRound(&result, &input, scale, mode)
        return result
    }

    /// Ruby's `round(digits)`: half away from zero; BigDecimal and Float give an Integer when
    /// `digits < 1`, an Integer stays one.
    func rounded(_ digits: Int) -> LiquidNumber {
        switch self {
        case .int(let i):
            guard digits < 0 else { return self }
            guard -digits < 19 else { return .int(0) }
            var m = 1
            for _ in 0 ..< -digits { m *= 10 }
            let (q, r) = i.quotientAndRemainder(dividingBy: m)
            let up = r.magnitude * 2 >= m.magnitude ? (i < 0 ? -1 : 1) : 0
            let (v, overflow) = (q + up).multipliedReportingOverflow(by: m)
            return overflow ? .double(Double(i)) : .int(v)
        case .decimal(let d):
            let r = LiquidNumber.round(d, scale: digits, .plain)
            return digits < 1 ? LiquidNumber.integer(r) : .decimal(r)
        case .double(let d):
            guard digits > 0 else {
                return LiquidNumber.integer(d.rounded(.toNearestOrAwayFromZero))
            }
            let m = pow(10, Double(min(digits, 300)))
            return .double((d * m).rounded(.toNearestOrAwayFromZero) / m)
        }
    }

    /// `ceil`/`floor` to an integer.
    func toInteger(_ rule: FloatingPointRoundingRule) -> LiquidNumber {
        switch self {
        case .int: return self
        case .decimal(let d):
            let up = rule == .up || (rule == .towardZero && d < 0)
            return LiquidNumber.integer(LiquidNumber.round(d, scale: 0, up ? .up : .down))
        case .double(let d): return LiquidNumber.integer(d.rounded(rule))
        }
    }

    private static func integer(_ d: Decimal) -> LiquidNumber {
        Int(d.description).map { .int($0) } ?? .decimal(d)
    }

    private static func integer(_ d: Double) -> LiquidNumber {
        Int(exactly: d).map { .int($0) } ?? .double(d)
    }

    var magnitude: LiquidNumber {
        switch self {
        case .int(let i): return i == .min ? .double(-Double(i)) : .int(abs(i))
        case .decimal(let d): return .decimal(d < 0 ? -d : d)
        case .double(let d): return .double(abs(d))
        }
    }

    static func < (a: LiquidNumber, b: LiquidNumber) -> Bool {
        if case .int(let x) = a, case .int(let y) = b { return x < y }
        if let x = a.decimal, let y = b.decimal { return x < y }
        return a.double < b.double
    }
}
