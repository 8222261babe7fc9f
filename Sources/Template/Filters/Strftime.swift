import Foundation

/// Ruby's `Time#strftime`, in English.
///
/// Directives: `%Y %C %y %m %B %b %h %d %e %j %H %k %I %l %M %S %L %N %p %P %A %a %u %w %z %:z
/// %Z %s %F %T %D %R %r %c %x %X %U %W %G %g %V %n %t %%`, with Ruby's flags `-` (no padding),
/// `_` (spaces), `0` (zeros), `^` (upper case), `#` (swap case) and a width (`%-d`, `%_3d`, `%^b`).
/// An unknown directive is copied as written, as Ruby does.
enum Strftime {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// The broken-down time the directives read.
    struct Parts {
        var year, month, day, hour, minute, second, nanosecond, weekday, yearDay: Int
        var offset: Int
        var epoch: Int
        var isoYear, isoWeek: Int
        var sundayWeek, mondayWeek: Int

        /// Computed arithmetically from the instant and the zone's offset at that instant:
        /// `date` runs for every date on every page, and Foundation calendar calls were a
        /// large part of rendering a page.
        init(_ date: Date, _ timeZone: TimeZone) {
            let seconds = date.timeIntervalSince1970
            let whole = Int(seconds.rounded(.down))
            epoch = whole
            nanosecond = Int(((seconds - Double(whole)) * 1e9).rounded())
            offset = timeZone.secondsFromGMT(for: date)
            zone = timeZone
            instant = date
            let local = whole + offset
            var days = local / 86400
            var rem = local % 86400
            if rem < 0 { rem += 86400; days -= 1 }
            hour = rem / 3600
            minute = rem % 3600 / 60
            second = rem % 60
            (year, month, day) = Parts.civil(days)
            weekday = ((days % 7) + 11) % 7   // 1970-01-01 was a Thursday (4)
            yearDay = days - Parts.days(year, 1, 1) + 1
            sundayWeek = (yearDay - 1 - weekday + 7) / 7
            mondayWeek = (yearDay - 1 - (weekday + 6) % 7 + 7) / 7
            // ISO 8601 week: the week with the year's first Thursday is week 1.
            let isoWeekday = (weekday + 6) % 7 + 1   // Monday 1 … Sunday 7
            var week = (yearDay - isoWeekday + 10) / 7
            var wYear = year
            if week < 1 {
                wYear -= 1
                week = Parts.isoWeeks(wYear)
            } else if week > Parts.isoWeeks(year) {
                wYear += 1
                week = 1
            }
            isoYear = wYear
            isoWeek = week
        }

        private let zone: TimeZone
        private let instant: Date

        /// The zone's abbreviation, looked up only when `%Z` asks for it.
        var zoneName: String { Parts.zoneName(zone, instant) }

        /// (year, month, day) of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
        static func civil(_ days: Int) -> (Int, Int, Int) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
        }

        /// Days since 1970-01-01 of a date (days_from_civil).
        static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }

        /// 52 or 53: a year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year.
        static func isoWeeks(_ year: Int) -> Int {
            let jan1 = ((days(year, 1, 1) % 7) + 11) % 7   // 0 = Sunday
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return jan1 == 4 || (leap && jan1 == 3) ? 53 : 52
        }

        /// Ruby says "UTC" where Foundation says "GMT".
        static func zoneName(_ tz: TimeZone, _ date: Date) -> String {
            if tz.secondsFromGMT(for: date) == 0, ["GMT", "UTC", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(tz.identifier) {
                return "UTC"
            }
            return tz.abbreviation(for: date) ?? ""
        }
    }

    /// The flags of one directive (`-_0^#`) as bits: a `Set` cost an allocation per directive.
    struct Flags {
        private var bits: UInt8 = 0

        private static func bit(_ c: Unicode.Scalar) -> UInt8 {
            switch c {
            case "-": return 1
            case "_": return 2
            case "0": return 4
            case "^": return 8
            case "#": return 16
            default: return 0
            }
        }

        static func isFlag(_ c: Unicode.Scalar) -> Bool { bit(c) != 0 }
        /// No flags, or only `-` (no padding).
        var isPlainOrUnpadded: Bool { bits == 0 || bits == Flags.bit("-") }
        mutating func insert(_ c: Unicode.Scalar) { bits |= Flags.bit(c) }
        func contains(_ c: Unicode.Scalar) -> Bool { bits & Flags.bit(c) != 0 }
    }

    static func format(_ date: Date, _ format: String, timeZone: TimeZone) -> String {
        let p = Parts(date, timeZone)
        // Over the format's UTF-8 bytes: flags, widths and directive letters are ASCII, and
        // literal text (`年`, `月`) is copied a run at a time rather than a scalar at a time.
        var out: [UInt8] = []
        out.reserveCapacity(format.utf8.count + 16)
        var text = format
        text.withUTF8 { u in
            var i = 0
            while i < u.count {
                guard u[i] == UInt8(ascii: "%"), i + 1 < u.count else {
                    let runStart = i
                    i += 1
                    while i < u.count, u[i] != UInt8(ascii: "%") { i += 1 }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i]))
                    continue
                }
                let start = i
                i += 1
                var flags = Flags()
                while i < u.count, Flags.isFlag(Unicode.Scalar(u[i])) { flags.insert(Unicode.Scalar(u[i])); i += 1 }
                var width: Int?
                while i < u.count, u[i] >= 0x30, u[i] <= 0x39 {
                    width = (width ?? 0) * 10 + Int(u[i] - 0x30)
                    i += 1
                }
                var colons = 0
                while i < u.count, u[i] == UInt8(ascii: ":") { colons += 1; i += 1 }
                if i < u.count, width == nil, colons == 0, flags.isPlainOrUnpadded,
                   let (value, digits) = plainNumber(u[i], p) {
                    appendDecimal(value, minimumDigits: flags.contains("-") ? 1 : digits, to: &out)
                    i += 1
                    continue
                }
                guard i < u.count, u[i] < 0x80,
                      let text = directive(Unicode.Scalar(u[i]), p, flags: flags, width: width, colons: colons)
                else {
                    // Unknown or incomplete: copied as written, through the whole character.
                    var end = min(i + 1, u.count)
                    while end < u.count, u[end] & 0xC0 == 0x80 { end += 1 }
                    out.append(contentsOf: u[start..<end])
                    i = end
                    continue
                }
                out.append(contentsOf: text.utf8)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value and zero-padded width of the numeric directives dates are mostly shown with
    /// (`%Y %m %d %H %M %S`), which are written straight into the output rather than through
    /// `directive`'s strings.
    private static func plainNumber(_ c: UInt8, _ p: Parts) -> (Int, Int)? {
        switch c {
        case UInt8(ascii: "Y"): return p.year >= 0 ? (p.year, 4) : nil
        case UInt8(ascii: "m"): return (p.month, 2)
        case UInt8(ascii: "d"): return (p.day, 2)
        case UInt8(ascii: "H"): return (p.hour, 2)
        case UInt8(ascii: "M"): return (p.minute, 2)
        case UInt8(ascii: "S"): return (p.second, 2)
        default: return nil
        }
    }

    /// Appends the decimal digits of `value` (not negative), zero-padded to `minimumDigits`.
    private static func appendDecimal(_ value: Int, minimumDigits: Int, to out: inout [UInt8]) {
        var count = 1
        var rest = value
        while rest >= 10 { rest /= 10; count += 1 }
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(count, minimumDigits)))
        var v = value
        var k = out.count - 1
        while v > 0 {
            out[k] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            k -= 1
        }
    }

    private static func directive(
        _ c: Unicode.Scalar, _ p: Parts, flags: Flags, width: Int?, colons: Int
    ) -> String? {
        func num(_ v: Int, _ w: Int, _ pad: Character = "0") -> String {
            number(v, width: width ?? w, pad: pad, flags: flags)
        }
        func text(_ s: String, swapLowers: Bool = false) -> String {
            var s = s
            if flags.contains("^") || (flags.contains("#") && !swapLowers) { s = s.uppercased() }
            if flags.contains("#") && swapLowers { s = s.lowercased() }
            if let width, !flags.contains("-"), s.count < width {
                let pad: Character = flags.contains("0") ? "0" : " "
                s = String(repeating: pad, count: width - s.count) + s
            }
            return s
        }
        func compound(_ f: String) -> String { text(format(p, f)) }
        if colons > 0 && c != "z" { return nil }
        let hour12 = p.hour % 12 == 0 ? 12 : p.hour % 12
        switch c {
        case "Y": return p.year >= 0 ? num(p.year, 4) : "-" + num(-p.year, 4)
        case "C": return num(p.year / 100, 2)
        case "y": return num(((p.year % 100) + 100) % 100, 2)
        case "m": return num(p.month, 2)
        case "B": return text(monthNames[p.month - 1])
        case "b", "h": return text(String(monthNames[p.month - 1].prefix(3)))
        case "d": return num(p.day, 2)
        case "e": return num(p.day, 2, " ")
        case "j": return num(p.yearDay, 3)
        case "H": return num(p.hour, 2)
        case "k": return num(p.hour, 2, " ")
        case "I": return num(hour12, 2)
        case "l": return num(hour12, 2, " ")
        case "M": return num(p.minute, 2)
        case "S": return num(p.second, 2)
        case "L", "N":
            // Fractional seconds, truncated to the width: %L is 3 digits, %N 9.
            let digits = width ?? (c == "L" ? 3 : 9)
            var s = String(p.nanosecond)
            s = String(repeating: "0", count: max(0, 9 - s.count)) + s
            return digits <= 9 ? String(s.prefix(digits)) : s + String(repeating: "0", count: digits - 9)
        case "p": return text(p.hour < 12 ? "AM" : "PM", swapLowers: true)
        case "P": return text(p.hour < 12 ? "am" : "pm")
        case "A": return text(dayNames[p.weekday])
        case "a": return text(String(dayNames[p.weekday].prefix(3)))
        case "u": return num(p.weekday == 0 ? 7 : p.weekday, 1)
        case "w": return num(p.weekday, 1)
        case "U": return num(p.sundayWeek, 2)
        case "W": return num(p.mondayWeek, 2)
        case "G": return num(p.isoYear, 4)
        case "g": return num(((p.isoYear % 100) + 100) % 100, 2)
        case "V": return num(p.isoWeek, 2)
        case "z": return offset(p.offset, colons: colons, flags: flags, width: width)
        case "Z": return text(p.zoneName, swapLowers: true)
        case "s": return num(p.epoch, 1)
        case "F": return compound("%Y-%m-%d")
        case "T", "X": return compound("%H:%M:%S")
        case "D", "x": return compound("%m/%d/%y")
        case "R": return compound("%H:%M")
        case "r": return compound("%I:%M:%S %p")
        case "c": return compound("%a %b %e %H:%M:%S %Y")
        case "v": return compound("%e-%^b-%Y")
        case "+": return compound("%a %b %e %H:%M:%S %Z %Y")
        case "n": return "\n"
        case "t": return "\t"
        case "%": return "%"
        default: return nil
        }
    }

    private static func format(_ p: Parts, _ f: String) -> String {
        var out = ""
        let chars = Array(f.unicodeScalars)
        var i = 0
        while i < chars.count {
            if chars[i] == "%", i + 1 < chars.count {
                var flags = Flags()
                var j = i + 1
                if chars[j] == "^" { flags.insert("^"); j += 1 }
                if let s = directive(chars[j], p, flags: flags, width: nil, colons: 0) { out += s }
                i = j + 1
            } else {
                out.unicodeScalars.append(chars[i])
                i += 1
            }
        }
        return out
    }

    /// A number padded to `width` with `pad`; flags `-`, `_`, `0` change the padding.
    private static func number(_ v: Int, width: Int, pad: Character, flags: Flags) -> String {
        let digits = String(v.magnitude)
        let sign = v < 0 ? "-" : ""
        if flags.contains("-") { return sign + digits }
        let padding: Character = flags.contains("_") ? " " : flags.contains("0") ? "0" : pad
        let missing = width - digits.count - sign.count
        guard missing > 0 else { return sign + digits }
        let fill = String(repeating: padding, count: missing)
        return padding == "0" ? sign + fill + digits : fill + sign + digits
    }

    /// `%z` `+0800`, `%:z` `+08:00`, `%::z` `+08:00:00`.
    private static func offset(_ seconds: Int, colons: Int, flags: Flags, width: Int?) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let a = abs(seconds)
        let h = a / 3600, m = a / 60 % 60, s = a % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var body: String
        switch colons {
        case 0: body = two(h) + two(m)
        case 1: body = two(h) + ":" + two(m)
        default: body = two(h) + ":" + two(m) + ":" + two(s)
        }
        if flags.contains("-"), h < 10, let first = body.first, first == "0" { body.removeFirst() }
        var result = sign + body
        if let width, result.count < width {
            let pad = flags.contains("_") ? " " : "0"
            result = pad == "0" ? sign + String(repeating: "0", count: width - result.count) + body
                : String(repeating: " ", count: width - result.count) + result
        }
        return result
    }
}
