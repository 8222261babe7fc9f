import Foundation
import Testing
@testable import Template

// 2016-03-14 (a Monday) 09:05:07 UTC is 1457946307.
let dateCases: [FilterCase] = [
    FilterCase("date", "March 14, 2016", ["%b %d, %y"], is: .exactly("Mar 14, 16")),
    FilterCase("date", "March 14, 2016", ["%%%b %d, %y"], is: "%Mar 14, 16"),
    FilterCase("date", "March 14, 2016", ["%s"], is: "1457913600"),
    FilterCase("date", "March 14, 2016", ["%s"], timeZone: Fixtures.beijing, is: "1457884800"),
    FilterCase("date", 1152098955, ["%m/%d/%Y"], is: "07/05/2006"),
    FilterCase("date", "1152098955", ["%m/%d/%Y"], is: "07/05/2006"),
    FilterCase("date", 1457946307, ["%Y-%m-%d %H:%M:%S"], timeZone: Fixtures.beijing, is: "2016-03-14 17:05:07"),
    // Only unsigned digits are a timestamp; Liquid gives other input back as it came.
    FilterCase("date", "-1152098955", ["%m/%d/%Y"], is: "-1152098955"),
    FilterCase("date", "not a date", ["%Y"], is: "not a date"),
    FilterCase("date", 1.5, ["%Y"], is: .exactly(1.5)),
    FilterCase("date", .nil, ["%Y"], is: .exactly(.nil)),
    FilterCase("date", "", ["%Y"], is: ""),
    FilterCase("date", "March 14, 2016", [.nil], is: "March 14, 2016"),
    FilterCase("date", "March 14, 2016", is: .fails),
    FilterCase("date", "March 14, 2016", ["%Y", "x"], is: .fails),
    // Strings without an offset are read in the render time zone, strings with one keep it;
    // either way the output is in the render time zone.
    FilterCase("date", "2016-03-14", ["%F %T %z"], timeZone: Fixtures.beijing, is: "2016-03-14 00:00:00 +0800"),
    FilterCase("date", "2016-03-14T10:00:00+08:00", ["%F %T %:z"], is: "2016-03-14 02:00:00 +00:00"),
    FilterCase("date", "2016-03-14T10:00:00+08:00", ["%F %T %z"], timeZone: Fixtures.beijing, is: "2016-03-14 10:00:00 +0800"),
    FilterCase("date", "2023-09-01T14:07:00+08:00", ["%Y年%-m月%-d日 %H:%M"], timeZone: Fixtures.beijing, is: "2023年9月1日 14:07"),
    FilterCase("date", "2016-03-14 10:00:00 +0800", ["%H:%M"], is: "02:00"),
    FilterCase("date", "2016-03-13T23:30:00Z", ["%F %H:%M"], timeZone: Fixtures.beijing, is: "2016-03-14 07:30"),
    FilterCase("date", "2016-03-14T09:05:07.250-05:00", ["%H:%M:%S.%L"], is: "14:05:07.250"),
    FilterCase("date", "2016/03/14", ["%F"], is: "2016-03-14"),
    FilterCase("date", "14 Mar 2016", ["%F"], is: "2016-03-14"),
    FilterCase("date", "Mon, 14 Mar 2016 09:05:07 +0000", ["%F %T"], is: "2016-03-14 09:05:07"),
    FilterCase("date", "March 14th, 2016 10:30 pm", ["%F %H:%M"], is: "2016-03-14 22:30"),
    FilterCase("date", "2016-02-30", ["%F"], is: "2016-03-01"),
    FilterCase("date", 1457946307, ["%-m/%-d/%y %e|%j|%-j"], is: "3/14/16 14|074|74"),
    FilterCase("date", 1457946307, ["%A %a %B %b %h %^b %^A"], is: "Monday Mon March Mar Mar MAR MONDAY"),
    FilterCase("date", 1457946307, ["%I %l %p %P %H %k %-H"], is: "09  9 AM am 09  9 9"),
    FilterCase("date", 1457946307, ["%u %w %U %W %V %G %C"], is: "1 1 11 11 11 2016 20"),
    FilterCase("date", 1457946307, ["%D %R %r %T"], is: "03/14/16 09:05 09:05:07 AM 09:05:07"),
    FilterCase("date", 1457946307, ["%c"], is: "Mon Mar 14 09:05:07 2016"),
    FilterCase("date", 1457946307, ["%Z %z %:z %s"], is: "UTC +0000 +00:00 1457946307"),
    FilterCase("date", 1457946307, ["%_5d|%05d|%3Y|%10A"], is: "   14|00014|2016|    Monday"),
    FilterCase("date", 1457946307, ["%Q %"], is: "%Q %"),
    FilterCase("date", "2016-01-03", ["%U %W %V %G"], is: "01 00 53 2015"),
    FilterCase("date", 0, ["%F %T"], timeZone: TimeZone(secondsFromGMT: -5 * 3600) ?? Fixtures.utc, is: "1969-12-31 19:00:00"),
]

@Test(arguments: dateCases) func dateFilter(_ c: FilterCase) throws { try c.check() }

@Test func nowAndTodayAreTheCurrentTime() throws {
    let date = try #require(FilterSet.standard.table["date"])
    for input: Value in ["now", "today", "Now"] {
        let year = try date(input, FilterCall(arguments: ["%Y"], timeZone: Fixtures.utc)).text
        let expected = Calendar(identifier: .gregorian).dateComponents(in: Fixtures.utc, from: Date()).year
        #expect(Int(year) == expected)
    }
}

/// The arithmetic calendar behind `date` agrees with Foundation's on every field, over
/// thirty years of days in two zones (it replaced Foundation calendars for speed).
@Test func strftimeFieldsAgreeWithFoundationCalendars() throws {
    for zone in [TimeZone(secondsFromGMT: 8 * 3600), TimeZone(secondsFromGMT: -5 * 3600 - 1800)] {
        let tz = try #require(zone)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = tz
        var t = 946_684_800.0 - 86_400 * 3   // late 1999
        while t < 1_893_456_000 {             // 2030
            let d = Date(timeIntervalSince1970: t)
            let p = Strftime.Parts(d, tz)
            let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: d)
            #expect([p.year, p.month, p.day, p.hour, p.minute, p.second, p.weekday + 1]
                    == [c.year, c.month, c.day, c.hour, c.minute, c.second, c.weekday].map { $0 ?? -1 })
            #expect(p.yearDay == cal.ordinality(of: .day, in: .year, for: d))
            let w = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: d)
            #expect(p.isoYear == w.yearForWeekOfYear && p.isoWeek == w.weekOfYear)
            t += 86_400 * 3 + 3_607   // every third day, drifting through the hours
        }
    }
}
