import Foundation
import Synchronization

extension StandardFilters {
    /// Date filters: `date: format`, Ruby's strftime.
    static let date: [String: FilterFunction] = [
        // Liquid's `date`: an empty or missing format, or an input that is no date, gives the
        // input back unchanged.
        "date": { input, call throws(FilterError) in
            try call.expect(1, filter: "date")
            let format = call.arguments[0].text
            let key = DateTextCache.key(input, format, call.timeZone)
            if let key, let hit = DateTextCache.shared.text(for: key) { return .string(hit) }
            guard !format.isEmpty, let date = LiquidDate.date(from: input, timeZone: call.timeZone) else { return input }
            let text = Strftime.format(date, format, timeZone: call.timeZone)
            if let key { DateTextCache.shared.store(text, for: key) }
            return .string(text)
        },
    ]
}

/// Dates already formatted, shared by every render: an article's date is formatted on its page
/// and again on every list it is in (each tag, its column, the index), and a lookup costs
/// far less than parsing and formatting it again.
///
/// Only full ISO dates (`2023-09-01…`) are kept: their text does not depend on the current
/// time, which one without a year (read in the current year) or `now` does.
final class DateTextCache: Sendable {
    /// Hashed and compared by the texts' bytes: `String`'s own hashing and equality go
    /// through Unicode normalization, which made a lookup cost as much as formatting.
    struct Key: Hashable, Sendable {
        let input: String
        let format: String
        let zone: TimeZone
        let hash: UInt64

        init(input: String, format: String, zone: TimeZone) {
            self.input = input
            self.format = format
            self.zone = zone
            hash = ObjectKey.hash(input) &* 31 ^ ObjectKey.hash(format)
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: Key, b: Key) -> Bool {
            a.hash == b.hash && sameBytes(a.input, b.input) && sameBytes(a.format, b.format) && a.zone == b.zone
        }

        private static func sameBytes(_ a: String, _ b: String) -> Bool {
            var a = a, b = b
            return a.withUTF8 { x in
                b.withUTF8 { y in
                    guard x.count == y.count, let p = x.baseAddress, let q = y.baseAddress else { return x.count == y.count }
                    return memcmp(p, q, x.count) == 0
                }
            }
        }
    }

    static let shared = DateTextCache()
    /// Past this many entries the table starts over, so a huge site cannot grow it for ever.
    static let capacity = 1 << 16

    private let table = Mutex<[Key: String]>([:])

    /// The key for formatting `input` with `format`, or nil when the result must not be kept.
    static func key(_ input: Value, _ format: String, _ zone: TimeZone) -> Key? {
        guard case .string(let s) = input, !format.isEmpty, startsWithYear(s) else { return nil }
        return Key(input: s, format: format, zone: zone)
    }

    /// Whether `s` starts with `dddd-`.
    private static func startsWithYear(_ s: String) -> Bool {
        var i = 0
        for b in s.utf8 {
            if i == 4 { return b == 0x2D }
            guard b >= 0x30 && b <= 0x39 else { return false }
            i += 1
        }
        return false
    }

    func text(for key: Key) -> String? { table.withLock { $0[key] } }

    func store(_ text: String, for key: Key) {
        table.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[key] = text
        }
    }
}

/// Turning filter input into a point in time, as Liquid's `Utils.to_date` does.
enum LiquidDate {
    /// `"now"`/`"today"`, integers and digit strings (Unix seconds), and date strings; nil
    /// for anything else (floats too, as in Liquid). A string without an offset is read in
    /// `timeZone`.
    static func date(from value: Value, timeZone: TimeZone, now: Date = Date()) -> Date? {
        switch value {
        case .int(let i): return Date(timeIntervalSince1970: TimeInterval(i))
        case .string(let s), .safe(let s):
            // Lower-casing only the strings that could be "now" or "today" (it allocates).
            let length = s.utf8.count
            if length == 3 || length == 5 {
                let t = s.lowercased()
                if t == "now" || t == "today" { return now }
            }
            // Only unsigned digits are a timestamp: "-1152098955" is not a date in Liquid.
            if length > 0, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                return Int(s).map { Date(timeIntervalSince1970: TimeInterval($0)) }
            }
            return parse(s, timeZone: timeZone, now: now)
        case .drop: return date(from: value.resolved, timeZone: timeZone, now: now)
        default: return nil
        }
    }

    /// The parts a date string gave; nil fields were not in it.
    struct Fields {
        var year: Int?, month: Int?, day: Int?
        var hour = 0, minute = 0, second = 0, nanosecond = 0
        var meridian: Int?  // 0 am, 12 pm
        var offset: Int?  // seconds east of UTC
    }

    /// Parses ISO 8601 (`2016-03-14`, `2016-03-14T10:20:30.5+08:00`, with `T` or a space,
    /// `Z`, `UTC`, `+0800`), and free forms in the manner of Ruby's `Time.parse`:
    /// `March 14, 2016`, `14 Mar 2016 10:00 PM`, `Mon, 14 Mar 2016 10:00:00 +0000`.
    static func parse(_ s: String, timeZone: TimeZone, now: Date) -> Date? {
        var iso = DateScanner(s)
        var fields = iso.iso()
        if fields == nil {
            var free = DateScanner(s)
            fields = free.words()
        }
        guard let fields, fields.month != nil, fields.day != nil else { return nil }
        return make(fields, timeZone: timeZone, now: now)
    }

    static func make(_ f: Fields, timeZone: TimeZone, now: Date) -> Date? {
        var hour = f.hour
        if let m = f.meridian {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + m
        }
        guard let month = f.month, let day = f.day, (1...12).contains(month), (1...31).contains(day),
            (0...23).contains(hour), (0...59).contains(f.minute), (0...60).contains(f.second)
        else { return nil }
        // A whole-second time with its own offset (what sites hand in: `2023-09-01T14:07:00+08:00`)
        // needs no calendar: a Foundation calendar is slow to ask, and `date`
        // runs for every date on every page. Day counts past the month's end roll over as the
        // calendar's do (days_from_civil is linear in the day); before 1600 the calendar is Julian.
        if let offset = f.offset, let year = f.year, (1600...9999).contains(year), f.nanosecond == 0 {
            let days = Strftime.Parts.days(year, month, day)
            let seconds = days * 86400 + hour * 3600 + f.minute * 60 + f.second - offset
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = f.offset.flatMap { TimeZone(secondsFromGMT: $0) } ?? timeZone
        let year = f.year ?? calendar.component(.year, from: now)
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: f.minute,
                                   second: f.second, nanosecond: f.nanosecond)
        return calendar.date(from: parts)
    }
}

/// A cursor over a date string's bytes.
struct DateScanner {
    private let u: [UInt8]
    private var i = 0

    init(_ s: String) { u = Array(s.utf8) }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    private func isDigit(_ k: Int) -> Bool { k < u.count && u[k] >= 0x30 && u[k] <= 0x39 }
    private func isLetter(_ k: Int) -> Bool { k < u.count && (u[k] | 0x20) >= 0x61 && (u[k] | 0x20) <= 0x7A }
    private func byte(_ k: Int) -> UInt8? { k < u.count ? u[k] : nil }

    private mutating func number(maxDigits: Int = 9) -> (value: Int, digits: Int)? {
        let start = i
        var v = 0
        while isDigit(i), i - start < maxDigits { v = v * 10 + Int(u[i] - 0x30); i += 1 }
        return i > start ? (v, i - start) : nil
    }

    private mutating func skipSpaces() { while i < u.count, u[i] == 0x20 || u[i] == 0x09 { i += 1 } }

    private mutating func accept(_ c: Unicode.Scalar) -> Bool {
        guard let b = byte(i), c.isASCII, b == UInt8(c.value) else { return false }
        i += 1
        return true
    }

    /// `YYYY-MM-DD` or `YYYY/MM/DD`, then optionally a time and a zone, then the end.
    mutating func iso() -> LiquidDate.Fields? {
        var f = LiquidDate.Fields()
        skipSpaces()
        guard let y = number(maxDigits: 4), y.digits == 4, let sep = byte(i), sep == 0x2D || sep == 0x2F else { return nil }
        i += 1
        guard let m = number(maxDigits: 2), byte(i) == sep else { return nil }
        i += 1
        guard let d = number(maxDigits: 2) else { return nil }
        (f.year, f.month, f.day) = (y.value, m.value, d.value)
        if let b = byte(i), b == UInt8(ascii: "T") || b == UInt8(ascii: "t") || b == 0x20, isDigit(i + 1) {
            i += 1
            guard time(&f) else { return nil }
        }
        skipSpaces()
        if i < u.count { guard zone(&f) else { return nil } }
        skipSpaces()
        return i == u.count ? f : nil
    }

    /// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff`.
    private mutating func time(_ f: inout LiquidDate.Fields) -> Bool {
        guard let h = number(maxDigits: 2), accept(":"), let m = number(maxDigits: 2), m.digits == 2 else { return false }
        (f.hour, f.minute) = (h.value, m.value)
        if accept(":") {
            guard let s = number(maxDigits: 2), s.digits == 2 else { return false }
            f.second = s.value
            if accept(".") || accept(",") {
                guard let frac = number(maxDigits: 9) else { return false }
                var n = frac.value
                for _ in frac.digits..<9 { n *= 10 }
                while isDigit(i) { i += 1 }  // beyond nanoseconds
                f.nanosecond = n
            }
        }
        return true
    }

    /// `Z`, `UTC`, `GMT`, `+08:00`, `+0800`, `+08`.
    private mutating func zone(_ f: inout LiquidDate.Fields) -> Bool {
        if accept("Z") || accept("z") { f.offset = 0; return true }
        if let b = byte(i), b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
            i += 1
            guard let h = number(maxDigits: 2), h.digits == 2 else { return false }
            var minutes = 0
            _ = accept(":")
            if let m = number(maxDigits: 2) {
                guard m.digits == 2 else { return false }
                minutes = m.value
            }
            guard h.value <= 23, minutes <= 59 else { return false }
            let seconds = h.value * 3600 + minutes * 60
            f.offset = b == UInt8(ascii: "-") ? -seconds : seconds
            return true
        }
        let start = i
        while isLetter(i) { i += 1 }
        let word = String(decoding: u[start..<i], as: UTF8.self).lowercased()
        guard word == "utc" || word == "gmt" || word == "ut" else { i = start; return false }
        f.offset = 0
        // `GMT+8`, `UTC-05:00`
        if let b = byte(i), b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { return zone(&f) }
        return true
    }

    /// Free forms: month and weekday names, a day, a four-digit year, a time, am/pm, a zone,
    /// in any order, separated by spaces, commas, dots or dashes.
    mutating func words() -> LiquidDate.Fields? {
        var f = LiquidDate.Fields()
        var sawTime = false
        while i < u.count {
            let b = u[i]
            if b == 0x20 || b == 0x09 || b == UInt8(ascii: ",") || b == UInt8(ascii: ".") {
                i += 1
            } else if isDigit(i) {
                let start = i
                guard let n = number() else { return nil }
                if byte(i) == UInt8(ascii: ":") {
                    guard !sawTime else { return nil }
                    i = start
                    guard time(&f) else { return nil }
                    sawTime = true
                    continue
                }
                // 14th, 1st, 2nd, 3rd
                if isLetter(i) {
                    let s = i
                    while isLetter(i) { i += 1 }
                    let suffix = String(decoding: u[s..<i], as: UTF8.self).lowercased()
                    guard ["st", "nd", "rd", "th"].contains(suffix), f.day == nil else { return nil }
                    f.day = n.value
                } else if n.digits >= 3 {
                    guard f.year == nil else { return nil }
                    f.year = n.value
                } else if f.day == nil {
                    f.day = n.value
                } else if f.year == nil {
                    // Ruby's Time.parse completes a two-digit year: 69–99 → 19xx, else 20xx.
                    f.year = n.value >= 69 ? 1900 + n.value : 2000 + n.value
                } else {
                    return nil
                }
            } else if isLetter(i) {
                let start = i
                while isLetter(i) { i += 1 }
                let word = String(decoding: u[start..<i], as: UTF8.self).lowercased()
                let prefix = String(word.prefix(3))
                if word.count >= 3, let m = DateScanner.months.firstIndex(of: prefix), f.month == nil {
                    f.month = m + 1
                } else if word.count >= 3, DateScanner.weekdays.contains(prefix) {
                    continue
                } else if word == "am" || word == "pm" {
                    f.meridian = word == "am" ? 0 : 12
                } else {
                    i = start
                    guard f.offset == nil, zone(&f) else { return nil }
                }
            } else if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                // An offset after a time (`10:00 +0800`); a dash elsewhere separates (`14-Mar-2016`).
                if sawTime, f.offset == nil, isDigit(i + 1) {
                    guard zone(&f) else { return nil }
                } else if b == UInt8(ascii: "-") {
                    i += 1
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        return f
    }
}
