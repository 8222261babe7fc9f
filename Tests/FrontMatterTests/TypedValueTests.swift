import Foundation
import Testing
@testable import FrontMatter

private func value(_ yaml: String, _ key: String = "k") -> Node {
    parseBlock(yaml).mapping[key] ?? .null(loc(0, 0))
}

@Test func schemaDecidesTheType() throws {
    let fm = parseBlock("title: 2023\nyear: 2023\n").mapping
    #expect(try fm.entry("title")?.string() == "2023")
    #expect(try fm.entry("year")?.int() == 2023)
}

@Test(arguments: [("2019", 2019), ("-5", -5), ("+7", 7), ("\"2019\"", 2019), ("２０１９", 2019), ("007", 7)])
func wholeNumbers(_ text: String, _ expected: Int) throws {
    #expect(try value("k: \(text)\n").int(for: "year") == expected)
}

@Test(arguments: [
    ("year: 二〇一九\n", E(2, 7, "expected a whole number for `year`, found `二〇一九`")),
    ("year: 2019年\n", E(2, 7, "expected a whole number for `year`, found `2019年`")),
    ("year: 1.5\n", E(2, 7, "expected a whole number for `year`, found `1.5`")),
    ("year: 99999999999999999999\n", E(2, 7, "expected a whole number for `year`, found `99999999999999999999`")),
    ("year:\n", E(2, 6, "missing value for `year`: expected a whole number after `year:`")),
    ("year: [2019]\n", E(2, 7, "expected a whole number for `year`, found a list")),
])
func badWholeNumbers(_ yaml: String, _ expected: E) {
    #expect(throws: FrontMatterError(line: expected.line, column: expected.column, message: expected.message)) {
        try value(yaml, "year").int(for: "year")
    }
}

@Test(arguments: [("true", true), ("False", false), ("YES", true), ("no", false), ("是", true), ("否", false),
                  ("真", true), ("假", false), ("'true'", true), ("on", true), ("Off", false), ("ON", true),
                  ("yes", true), ("No", false)])
func bools(_ text: String, _ expected: Bool) throws {
    #expect(try value("k: \(text)\n").bool(for: "draft") == expected)
}

@Test func badBool() {
    #expect(throws: FrontMatterError(line: 2, column: 8,
        message: "expected true or false for `draft` (or yes/no, on/off, 是/否, 真/假), found `maybe`")) {
        try value("draft: maybe\n", "draft").bool(for: "draft")
    }
}

@Test func keyWithoutAValueWhereOneIsNeeded() {
    #expect(throws: FrontMatterError(line: 2, column: 7,
        message: "missing value for `title`: expected text after `title:`")) {
        try parseBlock("title:\ndate: 2023-09-01\n").mapping.entry("title")?.string()
    }
}

@Test func textFoundAsAMapSuggestsQuotes() {
    #expect(throws: FrontMatterError(line: 3, column: 3,
        message: "expected text for `summary`, found a map (if the text contains `:` or `：`, put it in quotes)")) {
        try value("summary:\n  泰兴市：喜迎十九大\n", "summary").string(for: "summary")
    }
}

@Test func listsOfStrings() throws {
    #expect(try value("k: [劳模, 工匠]\n").strings(for: "tags") == ["劳模", "工匠"])
    #expect(try value("k:\n  - 劳模\n  - \"工匠\"\n").strings(for: "tags") == ["劳模", "工匠"])
    #expect(try value("k: 劳模\n").strings(for: "tags") == ["劳模"])
    #expect(try value("k: 劳模, 工匠\n").strings(for: "tags") == ["劳模, 工匠"])
    #expect(try value("k:\n").strings(for: "tags") == [])
    #expect(throws: FrontMatterError(line: 2, column: 8, message: "expected text for item 2 of `tags`, found a list")) {
        try value("k: [a, [b]]\n").strings(for: "tags")
    }
    #expect(throws: FrontMatterError(line: 4, column: 4, message: "empty item 2 in `tags`: expected text")) {
        try value("k:\n  - a\n  -\n").strings(for: "tags")
    }
}

@Test func listsAndMaps() throws {
    let honors = try value("k:\n  - title: a\n  - title: b\n").list(for: "honors")
    #expect(try honors.map { try $0.mapping(for: "honors").entry("title")?.string() } == ["a", "b"])
    #expect(try value("k:\n").list(for: "honors") == [])
    #expect(throws: FrontMatterError(line: 2, column: 4,
        message: "expected a list for `honors`, found `全国劳模`: write one `- item` per line below `honors:`")) {
        try value("k: 全国劳模\n").list(for: "honors")
    }
    #expect(throws: FrontMatterError(line: 2, column: 4, message: "expected `key: value` lines for `meta`, found `x`")) {
        try value("k: x\n").mapping(for: "meta")
    }
}

@Test func choices() throws {
    #expect(try value("k: 全国\n").choice(for: "level", from: .level) == "national")
    #expect(try value("k: 縣級\n").choice(for: "level", from: .level) == "county")
    #expect(try value("k: Provincial\n").choice(for: "level", from: .level) == "provincial")
    #expect(try value("k: 集体\n").choice(for: "kind", from: .kind) == "collective")
    #expect(throws: FrontMatterError(line: 2, column: 4,
        message: "unknown level `国际级` for `level`: expected one of national, provincial, municipal or county (or 全国, 省, 市, 县)")) {
        try value("k: 国际级\n").choice(for: "level", from: .level)
    }
}

@Test func datesThroughTheAccessor() throws {
    let d = try value("k: 2023-09-01 14:07\n").date(for: "date", timeZone: FrontMatter.defaultTimeZone)
    #expect(d.timeIntervalSince1970 == 1_693_548_420)
    #expect(throws: FrontMatterError(line: 2, column: 15,
        message: "`2023-02-30` is not a valid date for `date`: day must be 1 to 28 in February 2023, found 30")) {
        try value("date: 2023-02-30\n", "date").date(for: "date")
    }
    #expect(throws: FrontMatterError(line: 2, column: 12,
        message: "`2023-13-01` is not a valid date for `date`: month must be 1 to 12, found 13")) {
        try value("date: 2023-13-01\n", "date").date(for: "date")
    }
    #expect(throws: FrontMatterError(line: 2, column: 7,
        message: "expected a date for `date` like `2023-09-01`, `2023-09-01 14:07` or `2023年9月1日`, found `明天`")) {
        try value("date: 明天\n", "date").date(for: "date")
    }
    // Quoted: the error points at the opening quote.
    #expect(throws: FrontMatterError(line: 2, column: 7,
        message: "`2023-13-01` is not a valid date for `date`: month must be 1 to 12, found 13")) {
        try value("date: \"2023-13-01\"\n", "date").date(for: "date")
    }
}

@Test func entryAccessorsNameTheKeyAsWritten() throws {
    let fm = parseBlock("年份: 二〇一九\n").mapping.normalized(with: .honor).mapping
    #expect(throws: FrontMatterError(line: 2, column: 5, message: "expected a whole number for `年份`, found `二〇一九`")) {
        try fm.entry("year")?.int()
    }
}
