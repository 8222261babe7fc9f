import Foundation

/// A date and optional wall-clock time as an editor wrote it, before a time zone is applied.
public struct LocalDateTime: Equatable, Sendable {
    /// Four-digit year.
    public var year: Int
    /// 1...12.
    public var month: Int
    /// 1...31, valid for the month.
    public var day: Int
    /// 0...23; 0 when no time was written.
    public var hour: Int
    /// 0...59; 0 when no time was written.
    public var minute: Int
    /// 0...59; 0 when not written.
    public var second: Int
    /// Fractional seconds, in nanoseconds (`14:07:33.5` → 500_000_000).
    public var nanosecond: Int
    /// True when a time of day was written.
    public var hasTime: Bool
    /// Seconds east of UTC when the text gave an offset (`Z`, `+08:00`, `+0800`); nil otherwise.
    public var utcOffset: Int?

    /// Creates a local date-time.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                nanosecond: Int = 0, hasTime: Bool = false, utcOffset: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.hasTime = hasTime
        self.utcOffset = utcOffset
    }

    /// Seconds since 1970-01-01 00:00 of this wall-clock reading taken as UTC.
    var wallSeconds: Int {
        DateParser.daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The instant this denotes: with the written offset if there is one, else in `timeZone`
    /// (a date without a time is midnight there).
    public func date(in timeZone: TimeZone) -> Date {
        let wall = wallSeconds
        let offset: Int
        if let utcOffset {
            offset = utcOffset
        } else {
            // Two steps, so that a zone with daylight saving gets the offset in force then.
            let guess = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall)))
            offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - guess)))
        }
        return Date(timeIntervalSince1970: TimeInterval(wall - offset) + TimeInterval(nanosecond) / 1e9)
    }
}

/// Why a text is not an accepted date.
public struct DateParseError: Error, Equatable, Sendable {
    /// What is out of range and what was expected (e.g. "month must be 1 to 12, found 13"); nil
    /// when the text is not one of the accepted forms at all.
    public var reason: String?
    /// Character offset in the text of the part that is wrong (0 for an unrecognised form).
    public var offset: Int
}

/// Reads the date forms editors write.
///
/// Accepted forms (`Y` four digits; month, day and hour one or two digits; minutes and seconds
/// two digits):
///
/// | form | example |
/// |---|---|
/// | `Y-M-D`, `Y/M/D`, `Y.M.D` | `2023-09-01`, `2023/9/1`, `2023.9.1` |
/// | … followed by ` H:MM` or ` H:MM:SS` | `2023-09-01 14:07`, `2023/09/01 14:07:33` |
/// | ISO 8601 / YAML timestamp | `2023-09-01T14:07:00+08:00`, `…T06:07:00Z`, `2023-09-01 14:07:00 +0800`, `…14:07:33.5` |
/// | `Y年M月D日` | `2023年09月01日`, `2023年9月1日` |
/// | … followed by a time | `2023年9月1日 14:07`, `2023年9月1日14时07分`, `…14时07分33秒`, `…14时` (点/時/點 for 时) |
///
/// `：` may stand for `:` in a time. The separators of one date must match (`2023-09/01` is
/// rejected). A UTC offset (`Z`, `±HH:MM`, `±HHMM`, `±HH`, `±H`) is read after an `H:MM` time, and
/// a signed one after a `Y-M-D` date (`2018-03-01 +0800`: midnight at that offset); without one
/// the site's time zone applies. Ranges are checked: month 1–12, day within the
/// month (leap years included), hour 0–23, minute and second 0–59.
public enum DateParser {
    /// Parses `text` into its parts, without applying a time zone.
    public static func parse(_ text: String) -> Result<LocalDateTime, DateParseError> {
        var copy = text
        return copy.withUTF8 { bytes in
            var reader = DateReader(b: bytes)
            do throws(DateParseError) {
                return .success(try reader.read())
            } catch {
                return .failure(error)
            }
        }
    }

    /// Parses `text` into an instant; a written offset wins over `timeZone`.
    public static func date(_ text: String, timeZone: TimeZone) -> Result<Date, DateParseError> {
        parse(text).map { $0.date(in: timeZone) }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
}

/// The byte-level reader behind `DateParser`.
private struct DateReader {
    let b: UnsafeBufferPointer<UInt8>
    var p = 0

    init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    // UTF-8 of the CJK markers.
    static let nian: [UInt8] = [0xE5, 0xB9, 0xB4]   // 年
    static let yue: [UInt8] = [0xE6, 0x9C, 0x88]    // 月
    static let ri: [UInt8] = [0xE6, 0x97, 0xA5]     // 日
    static let hourMarks: [[UInt8]] = [[0xE6, 0x97, 0xB6], [0xE6, 0x99, 0x82], [0xE7, 0x82, 0xB9], [0xE9, 0xBB, 0x9E]]  // 时 時 点 點
    static let fen: [UInt8] = [0xE5, 0x88, 0x86]    // 分
    static let miao: [UInt8] = [0xE7, 0xA7, 0x92]   // 秒
    static let fullColon: [UInt8] = [0xEF, 0xBC, 0x9A]  // ：

    var unrecognised: DateParseError { DateParseError(reason: nil, offset: 0) }

    /// Character offset of byte `q`.
    func charOffset(_ q: Int) -> Int {
        var n = 0
        for k in 0..<min(q, b.count) where b[k] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    func rangeError(_ at: Int, _ reason: String) -> DateParseError {
        DateParseError(reason: reason, offset: charOffset(at))
    }

    mutating func eat(_ bytes: [UInt8]) -> Bool {
        guard p + bytes.count <= b.count else { return false }
        for (k, c) in bytes.enumerated() where b[p + k] != c { return false }
        p += bytes.count
        return true
    }

    mutating func eat(_ c: UInt8) -> Bool {
        guard p < b.count, b[p] == c else { return false }
        p += 1
        return true
    }

    /// Reads `min...max` ASCII digits.
    mutating func digits(_ min: Int, _ max: Int) throws(DateParseError) -> (value: Int, at: Int) {
        let start = p
        var v = 0
        while p < b.count, p - start < max, b[p] >= 0x30, b[p] <= 0x39 {
            v = v * 10 + Int(b[p] - 0x30)
            p += 1
        }
        guard p - start >= min else { throw unrecognised }
        return (v, start)
    }

    mutating func skipSpaces() {
        while p < b.count, b[p] == .space { p += 1 }
    }

    mutating func read() throws(DateParseError) -> LocalDateTime {
        let year = try digits(4, 4)
        let cjk: Bool
        let month: (value: Int, at: Int)
        let day: (value: Int, at: Int)
        if eat(Self.nian) {
            cjk = true
            month = try digits(1, 2)
            guard eat(Self.yue) else { throw unrecognised }
            day = try digits(1, 2)
            guard eat(Self.ri) else { throw unrecognised }
        } else {
            guard p < b.count, b[p] == .dash || b[p] == 0x2F || b[p] == 0x2E else { throw unrecognised }
            let sep = b[p]
            p += 1
            cjk = false
            month = try digits(1, 2)
            guard eat(sep) else { throw unrecognised }
            day = try digits(1, 2)
        }
        var result = LocalDateTime(year: year.value, month: month.value, day: day.value)
        try checkDate(year, month, day)
        if p == b.count { return result }
        // `2018-03-01 +0800`: a date with an offset and no time is midnight at that offset.
        if !cjk {
            let save = p
            skipSpaces()
            if p > save, p < b.count, b[p] == .plus || b[p] == .dash {
                p = save
                result.utcOffset = try readOffset()
                guard p == b.count else { throw unrecognised }
                return result
            }
            p = save
        }

        // The time.
        if !cjk, p < b.count, b[p] == 0x54 || b[p] == 0x74 {  // T t
            p += 1
        } else {
            let before = p
            skipSpaces()
            guard p > before || cjk else { throw unrecognised }
        }
        let hour = try digits(1, 2)
        result.hasTime = true
        result.hour = hour.value
        var minute: (value: Int, at: Int)?
        var second: (value: Int, at: Int)?
        if eat(.colon) || eat(Self.fullColon) {
            minute = try digits(2, 2)
            if eat(.colon) || eat(Self.fullColon) {
                second = try digits(2, 2)
                if eat(0x2E) {  // .fraction
                    let f = p
                    let frac = try digits(1, 9)
                    var ns = frac.value
                    for _ in 0..<(9 - (p - f)) { ns *= 10 }
                    result.nanosecond = ns
                    while p < b.count, b[p] >= 0x30, b[p] <= 0x39 { p += 1 }  // beyond nanoseconds
                }
            }
            result.utcOffset = try readOffset()
        } else if cjk, Self.hourMarks.contains(where: { eat($0) }) {
            if p < b.count {
                minute = try digits(1, 2)
                guard eat(Self.fen) else { throw unrecognised }
                if p < b.count {
                    second = try digits(1, 2)
                    guard eat(Self.miao) else { throw unrecognised }
                }
            }
        } else {
            throw unrecognised
        }
        guard p == b.count else { throw unrecognised }
        guard hour.value <= 23 else { throw rangeError(hour.at, "hour must be 0 to 23, found \(hour.value)") }
        if let minute {
            guard minute.value <= 59 else { throw rangeError(minute.at, "minute must be 0 to 59, found \(minute.value)") }
            result.minute = minute.value
        }
        if let second {
            guard second.value <= 59 else { throw rangeError(second.at, "second must be 0 to 59, found \(second.value)") }
            result.second = second.value
        }
        return result
    }

    /// `Z`, `±HH:MM`, `±HHMM`, `±HH` or `±H`, optionally after spaces; nil at the end of the text.
    mutating func readOffset() throws(DateParseError) -> Int? {
        let before = p
        skipSpaces()
        guard p < b.count else {
            p = before
            return nil
        }
        if eat(0x5A) || eat(0x7A) { return 0 }  // Z z
        guard b[p] == .plus || b[p] == .dash else { throw unrecognised }
        let sign = b[p] == .dash ? -1 : 1
        p += 1
        let hh = try digits(1, 2)
        var mm = (value: 0, at: p)
        if eat(.colon) {
            mm = try digits(2, 2)
        } else if p < b.count, p - hh.at == 2 {
            mm = try digits(2, 2)
        }
        guard hh.value <= 23 else { throw rangeError(hh.at, "UTC offset hours must be 0 to 23, found \(hh.value)") }
        guard mm.value <= 59 else { throw rangeError(mm.at, "UTC offset minutes must be 0 to 59, found \(mm.value)") }
        return sign * (hh.value * 3600 + mm.value * 60)
    }

    func checkDate(_ year: (value: Int, at: Int), _ month: (value: Int, at: Int), _ day: (value: Int, at: Int)) throws(DateParseError) {
        guard year.value >= 1 else { throw rangeError(year.at, "year must be 0001 to 9999, found 0000") }
        guard (1...12).contains(month.value) else {
            throw rangeError(month.at, "month must be 1 to 12, found \(month.value)")
        }
        let days = DateParser.daysIn(month: month.value, year: year.value)
        guard (1...days).contains(day.value) else {
            let name = DateParser.monthNames[month.value - 1]
            throw rangeError(day.at, "day must be 1 to \(days) in \(name) \(year.value), found \(day.value)")
        }
    }
}
