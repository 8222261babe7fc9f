import Foundation

/// Calendar fields of an instant in a fixed-offset zone, computed arithmetically: this runs
/// for every article on every build, and Foundation's formatters are slow and not
/// guaranteed thread-safe on Linux.
struct CivilTime: Equatable {
    var year, month, day, hour, minute, second: Int
    var offsetSeconds: Int

    init(_ date: Date, timeZone: TimeZone) {
        offsetSeconds = timeZone.secondsFromGMT(for: date)
        let t = Int(floor(date.timeIntervalSince1970)) + offsetSeconds
        var days = t / 86400
        var rem = t % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        hour = rem / 3600
        minute = rem % 3600 / 60
        second = rem % 60
        // Howard Hinnant's civil_from_days.
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    private func pad(_ n: Int, _ width: Int = 2) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// `2023-09-01`
    var ymd: String {
        guard (0...9999).contains(year) else { return "\(pad(year, 4))-\(pad(month))-\(pad(day))" }
        var out: [UInt8] = []
        out.reserveCapacity(10)
        appendYMD(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `ymd`'s bytes appended to `out`. Dates are printed on every page and listed in the
    /// sitemap: interpolation and `String(n)` make and free a String for every number.
    func appendYMD(to out: inout [UInt8]) {
        guard (0...9999).contains(year) else { out += ymd.utf8; return }
        out += [digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), 0x2D,
                digit(month / 10), digit(month), 0x2D, digit(day / 10), digit(day)]
    }

    @inline(__always) private func digit(_ n: Int) -> UInt8 { UInt8(truncatingIfNeeded: n % 10) + 0x30 }

    /// `2023-09-01T14:07:00+08:00` (RFC 3339, as Atom and sitemaps want).
    var rfc3339: String {
        let o = abs(offsetSeconds)
        var out: [UInt8] = []
        out.reserveCapacity(25)
        appendYMD(to: &out)
        out += [0x54, digit(hour / 10), digit(hour), 0x3A, digit(minute / 10), digit(minute), 0x3A, digit(second / 10), digit(second),
                offsetSeconds < 0 ? 0x2D : 0x2B, digit(o / 36000), digit(o / 3600), 0x3A, digit(o % 3600 / 600), digit(o % 3600 / 60)]
        return String(decoding: out, as: UTF8.self)
    }
}
