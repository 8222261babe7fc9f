import Foundation
import Testing
@testable import FrontMatter

struct DateCase: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: LocalDateTime
    var testDescription: String { text }
}

private func d(_ y: Int, _ mo: Int, _ day: Int, _ h: Int? = nil, _ mi: Int = 0, _ s: Int = 0,
               ns: Int = 0, offset: Int? = nil) -> LocalDateTime {
    LocalDateTime(year: y, month: mo, day: day, hour: h ?? 0, minute: mi, second: s, nanosecond: ns,
                  hasTime: h != nil, utcOffset: offset)
}

let acceptedDates: [DateCase] = [
    .init(text: "2018-03-01 10:20:00 +0800", expected: d(2018, 3, 1, 10, 20, offset: 28_800)),
    .init(text: "2018-03-01T10:20:00+0800", expected: d(2018, 3, 1, 10, 20, offset: 28_800)),
    .init(text: "2018-03-01 +0800", expected: d(2018, 3, 1, offset: 28_800)),
    .init(text: "2018-03-01 -05:00", expected: d(2018, 3, 1, offset: -18_000)),
    .init(text: "2019-2-6", expected: d(2019, 2, 6)),
    .init(text: "2023-09-01", expected: d(2023, 9, 1)),
    .init(text: "2023-9-1", expected: d(2023, 9, 1)),
    .init(text: "2023-09-01 14:07", expected: d(2023, 9, 1, 14, 7)),
    .init(text: "2023-09-01 14:07:33", expected: d(2023, 9, 1, 14, 7, 33)),
    .init(text: "2023-09-01  9:05", expected: d(2023, 9, 1, 9, 5)),
    .init(text: "2023-09-01T14:07:00+08:00", expected: d(2023, 9, 1, 14, 7, offset: 28_800)),
    .init(text: "2023-09-01T06:07:00Z", expected: d(2023, 9, 1, 6, 7, offset: 0)),
    .init(text: "2023-09-01t06:07:00z", expected: d(2023, 9, 1, 6, 7, offset: 0)),
    .init(text: "2023-09-01T14:07", expected: d(2023, 9, 1, 14, 7)),
    .init(text: "2023-09-01 14:07:00 +0800", expected: d(2023, 9, 1, 14, 7, offset: 28_800)),
    .init(text: "2023-09-01 14:07:00 -05", expected: d(2023, 9, 1, 14, 7, offset: -18_000)),
    .init(text: "2023-09-01 14:07:00 -5", expected: d(2023, 9, 1, 14, 7, offset: -18_000)),
    .init(text: "2023-09-01T14:07:00+5:30", expected: d(2023, 9, 1, 14, 7, offset: 19_800)),
    .init(text: "2023-09-01 14:07:33.25", expected: d(2023, 9, 1, 14, 7, 33, ns: 250_000_000)),
    .init(text: "2023/9/1", expected: d(2023, 9, 1)),
    .init(text: "2023/09/01 14:07", expected: d(2023, 9, 1, 14, 7)),
    .init(text: "2023.9.1", expected: d(2023, 9, 1)),
    .init(text: "2023年09月01日", expected: d(2023, 9, 1)),
    .init(text: "2023年9月1日", expected: d(2023, 9, 1)),
    .init(text: "2023年9月1日 14:07", expected: d(2023, 9, 1, 14, 7)),
    .init(text: "2023年9月1日14:07", expected: d(2023, 9, 1, 14, 7)),
    .init(text: "2023年9月1日 14：07", expected: d(2023, 9, 1, 14, 7)),
    .init(text: "2023年9月1日14时07分", expected: d(2023, 9, 1, 14, 7)),
    .init(text: "2023年9月1日 14时7分33秒", expected: d(2023, 9, 1, 14, 7, 33)),
    .init(text: "2023年9月1日14点", expected: d(2023, 9, 1, 14)),
    .init(text: "2023年9月1日 14時07分", expected: d(2023, 9, 1, 14, 7)),
    .init(text: "2024-02-29", expected: d(2024, 2, 29)),
    .init(text: "2000-02-29", expected: d(2000, 2, 29)),
    .init(text: "2023-12-31 23:59:59", expected: d(2023, 12, 31, 23, 59, 59)),
]

@Test(arguments: acceptedDates)
func acceptedDateForms(_ c: DateCase) {
    #expect(DateParser.parse(c.text) == .success(c.expected))
}

@Test(arguments: [
    ("2023-13-01", "month must be 1 to 12, found 13", 5),
    ("2023-00-10", "month must be 1 to 12, found 0", 5),
    ("2023-02-30", "day must be 1 to 28 in February 2023, found 30", 8),
    ("2023-02-29", "day must be 1 to 28 in February 2023, found 29", 8),
    ("1900-02-29", "day must be 1 to 28 in February 1900, found 29", 8),
    ("2023-04-31", "day must be 1 to 30 in April 2023, found 31", 8),
    ("2023年13月1日", "month must be 1 to 12, found 13", 5),
    ("2023年2月30日", "day must be 1 to 28 in February 2023, found 30", 7),
    ("2023-09-01 24:00", "hour must be 0 to 23, found 24", 11),
    ("2023-09-01 14:60", "minute must be 0 to 59, found 60", 14),
    ("2023-09-01 14:07:61", "second must be 0 to 59, found 61", 17),
    ("2023年9月1日25时", "hour must be 0 to 23, found 25", 9),
    ("2023-09-01T14:07:00+25:00", "UTC offset hours must be 0 to 23, found 25", 20),
])
func outOfRangeDates(_ text: String, _ reason: String, _ offset: Int) {
    #expect(DateParser.parse(text) == .failure(DateParseError(reason: reason, offset: offset)))
}

@Test(arguments: ["", "明天", "2023", "23-09-01", "2023-09", "2023-09/01", "2023-09-01x", "2023-09-01 14",
                  "2023-09-01 14:7", "2023-09-0114:07", "2023年9月1", "2023年9月1日14时07", "9/1/2023",
                  "2023-09-01 14:07 +8:00x", "２０２３-09-01", "2023-09-01T"])
func unrecognisedDates(_ text: String) {
    #expect(DateParser.parse(text) == .failure(DateParseError(reason: nil, offset: 0)))
}

@Test func datesBecomeInstantsInTheGivenZone() throws {
    let east8 = FrontMatter.defaultTimeZone
    #expect(try DateParser.date("2023-09-01", timeZone: east8).get().timeIntervalSince1970 == 1_693_497_600)
    #expect(try DateParser.date("2023年9月1日14时07分", timeZone: east8).get().timeIntervalSince1970 == 1_693_548_420)
    let utc = try #require(TimeZone(secondsFromGMT: 0))
    #expect(try DateParser.date("2023-09-01", timeZone: utc).get().timeIntervalSince1970 == 1_693_526_400)
    // A written offset wins over the zone.
    #expect(try DateParser.date("2023-09-01T06:07:00Z", timeZone: east8).get().timeIntervalSince1970 == 1_693_548_420)
    #expect(try DateParser.date("1970-01-01", timeZone: utc).get().timeIntervalSince1970 == 0)
    #expect(try DateParser.date("1969-12-31 23:59:59", timeZone: utc).get().timeIntervalSince1970 == -1)
    // A zone with daylight saving: New York is UTC-4 in July, UTC-5 in January.
    if let ny = TimeZone(identifier: "America/New_York") {
        #expect(try DateParser.date("2023-07-01 12:00", timeZone: ny).get().timeIntervalSince1970 == 1_688_227_200)
        #expect(try DateParser.date("2023-01-01 12:00", timeZone: ny).get().timeIntervalSince1970 == 1_672_592_400)
    }
}

@Test func dayCountsMatchFoundation() throws {
    // Every 37th day over 1900–2100 against Foundation's calendar.
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(secondsFromGMT: 0))
    var day = try #require(calendar.date(from: DateComponents(year: 1900, month: 1, day: 1)))
    let end = try #require(calendar.date(from: DateComponents(year: 2100, month: 12, day: 31)))
    while day < end {
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        let text = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        #expect(try DateParser.date(text, timeZone: calendar.timeZone).get() == day)
        day = day.addingTimeInterval(37 * 86_400)
    }
}

@Test func aDateWithAnOffsetAndNoTimeIsMidnightAtThatOffset() throws {
    let utc = try #require(TimeZone(secondsFromGMT: 0))
    // 2018-03-01 00:00 at UTC+08:00 is 2018-02-28 16:00 UTC, whatever the site's zone.
    #expect(try DateParser.date("2018-03-01 +0800", timeZone: utc).get().timeIntervalSince1970 == 1_519_833_600)
    #expect(try DateParser.date("2018-03-01 10:20:00 +0800", timeZone: utc).get().timeIntervalSince1970 == 1_519_870_800)
    #expect(DateParser.parse("2018-03-01 +0800x") == .failure(DateParseError(reason: nil, offset: 0)))
}
