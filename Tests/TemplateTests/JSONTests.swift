import Foundation
import Testing
@testable import Template

@Test func jsonKeepsKeyOrderAndNesting() throws {
    let v = try Value.parseJSON(#"{"title": "劳模", "b": {"z": [1, {"y": null, "x": false}], "a": true}, "a": []}"#)
    guard case .object(let o) = v, case .object(let b)? = o["b"] else {
        Issue.record("not an object: \(v)")
        return
    }
    #expect(o.keys == ["title", "b", "a"])
    #expect(b.keys == ["z", "a"])
    #expect(identical(v, ["title": "劳模", "b": ["z": [1, ["y": .nil, "x": false]], "a": true], "a": []]))
    guard case .array(let z)? = b["z"], case .object(let inner) = z[1] else {
        Issue.record("b.z is not [1, {…}]")
        return
    }
    #expect(inner.keys == ["y", "x"])
}

@Test func jsonDuplicateKeysKeepTheFirstPlaceAndTheLastValue() throws {
    let v = try Value.parseJSON(#"{"a": 1, "b": 2, "a": 3}"#)
    #expect(identical(v, ["a": 3, "b": 2]))
}

@Test(arguments: [
    (#""a\"b\\c\/d\b\f\n\r\t""#, "a\"b\\c/d\u{8}\u{C}\n\r\t"),
    (#""\u00e9\u52b3\u6A21""#, "é劳模"),
    (#""\uD83D\uDE00!""#, "😀!"),
    (#""劳模 \ud83d\ude00 direct 😀""#, "劳模 😀 direct 😀"),
    (#""""#, ""),
])
func jsonStringEscapes(_ json: String, _ expected: String) throws {
    #expect(identical(try Value.parseJSON(json), .string(expected)))
}

@Test(arguments: [
    ("0", Value.int(0)), ("-0", .int(0)), ("42", .int(42)), ("-17", .int(-17)),
    ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
    ("9223372036854775808", .double(9223372036854775808)),
    ("1.5", .double(1.5)), ("-0.25", .double(-0.25)), ("1e3", .double(1000)), ("2E-2", .double(0.02)),
    ("1.0", .double(1)), ("true", .bool(true)), ("false", .bool(false)), ("null", .nil),
    (" \n\t[1, 2.0, \"3\"] \r\n", Value.array([1, 2.0, "3"])),
])
func jsonScalars(_ json: String, _ expected: Value) throws {
    #expect(identical(try Value.parseJSON(json), expected))
}

@Test func jsonBoolsAreNotNumbers() throws {
    let v = try Value.parseJSON("[true, 1, false, 0]")
    #expect(identical(v, [true, 1, false, 0]))
}

@Test(arguments: [
    ("", JSONError("unexpected end of input, expected a value", line: 1, column: 1)),
    ("{\"a\": 1,\n  \"b\" 2}", JSONError("unexpected '2', expected ':' after the key \"b\"", line: 2, column: 7)),
    ("[1, 2", JSONError("unexpected end of input in the array that starts at 1:1", line: 1, column: 6)),
    ("{\"a\": [1, }", JSONError("unexpected '}', expected a value", line: 1, column: 11)),
    ("[1 2]", JSONError("unexpected '2', expected ',' or ']'", line: 1, column: 4)),
    ("{a: 1}", JSONError("unexpected 'a', expected a string key", line: 1, column: 2)),
    ("[01]", JSONError("unexpected '1', expected ',' or ']'", line: 1, column: 3)),
    ("[1.]", JSONError("invalid number: expected a digit after '.'", line: 1, column: 4)),
    ("[-]", JSONError("invalid number: expected a digit", line: 1, column: 3)),
    ("1e999", JSONError("number out of range: 1e999", line: 1, column: 1)),
    ("tru", JSONError("unexpected 't', expected a value", line: 1, column: 1)),
    ("\"abc", JSONError("unterminated string", line: 1, column: 1)),
    ("\"a\nb\"", JSONError("control character byte 0xA in a string; escape it", line: 1, column: 3)),
    ("[\"\\x\"]", JSONError("invalid escape '\\x'", line: 1, column: 3)),
    ("\"\\u12\"", JSONError("\\u needs four hex digits", line: 1, column: 2)),
    ("\"\\uD83D\"", JSONError("lone surrogate \\uD83D needs a low surrogate after it", line: 1, column: 2)),
    ("\"\\uDE00\"", JSONError("lone low surrogate \\uDE00", line: 1, column: 2)),
    ("{} x", JSONError("unexpected 'x' after the JSON value", line: 1, column: 4)),
    // Columns count characters: the error is at the 5th character of line 2, not its 11th byte.
    ("[\n\"劳模\" x]", JSONError("unexpected 'x', expected ',' or ']'", line: 2, column: 6)),
])
func jsonErrorsNameLineAndColumn(_ json: String, _ expected: JSONError) {
    #expect(throws: expected) { try Value.parseJSON(json) }
}

@Test func jsonErrorDescriptionStartsWithThePosition() {
    #expect(JSONError("unexpected 'x'", line: 3, column: 9).description == "3:9: unexpected 'x'")
}

@Test func jsonFromBytesSkipsTheByteOrderMarkAndRejectsBadUTF8() throws {
    #expect(identical(try Value.parseJSON([0xEF, 0xBB, 0xBF] + Array("{\"a\":1}".utf8)), ["a": 1]))
    #expect(identical(try Value.parseJSON(Data("[\"劳模\"]".utf8)), ["劳模"]))
    #expect(throws: JSONError("invalid UTF-8 in a string", line: 1, column: 2)) {
        try Value.parseJSON([0x5B, 0x22, 0xFF, 0x22, 0x5D] as [UInt8])
    }
}

@Test func jsonNestingIsBounded() {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: JSONError.self) { try Value.parseJSON(deep) }
    let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect(throws: Never.self) { try Value.parseJSON(ok) }
}

@Test func jsonRoundTripsThroughTheEncoder() throws {
    let text = #"{"z":[1,2.5,"a\"b",null,true],"a":{"劳模":"\u003c/script\u003e"}}"#
    #expect(try Value.parseJSON(text).jsonText() == text)
    #expect(try Value.parseJSON(text).jsonText(forScript: false) == #"{"z":[1,2.5,"a\"b",null,true],"a":{"劳模":"</script>"}}"#)
}

@Test func jsonParsesTheConformanceSuiteQuickly() throws {
    let url = Conformance.suiteDirectory.appendingPathComponent("golden_liquid.json")
    let data = try Conformance.read(url)
    let start = ContinuousClock.now
    let v = try Value.parseJSON(data)
    let elapsed = ContinuousClock.now - start
    guard case .object(let o) = v, case .array(let tests)? = o["tests"] else {
        Issue.record("unexpected shape")
        return
    }
    #expect(tests.count == 1054)
    // ~280 KB; generous even for a debug build on a loaded machine.
    #expect(elapsed < .seconds(2))
}
