import Foundation
import Testing
@testable import Template

let miscCases: [FilterCase] = [
    FilterCase("default", .nil, ["foo"], is: .exactly("foo")),
    FilterCase("default", "", ["foo"], is: .exactly("foo")),
    FilterCase("default", .safe(""), ["foo"], is: .exactly("foo")),
    FilterCase("default", [], ["foo"], is: .exactly("foo")),
    FilterCase("default", .object(Object()), ["foo"], is: .exactly("foo")),
    FilterCase("default", false, ["foo"], is: .exactly("foo")),
    FilterCase("default", false, ["foo"], keywords: [("allow_false", true)], is: .exactly(false)),
    FilterCase("default", .nil, ["foo"], keywords: [("allow_false", true)], is: .exactly("foo")),
    FilterCase("default", 0, ["foo"], is: .exactly(0)),
    FilterCase("default", 0.0, ["foo"], is: .exactly(0.0)),
    FilterCase("default", " ", ["foo"], is: .exactly(" ")),
    FilterCase("default", .nil, is: .exactly("")),
    FilterCase("default", ["a"], ["foo"], is: .exactly(["a"])),
    FilterCase("default", .nil, ["a", "b"], is: .fails),
    FilterCase("url_encode", "email address is bob@example.com!", is: "email+address+is+bob%40example.com%21"),
    FilterCase("url_encode", "劳模 a-b_c.d~e/f", is: "%E5%8A%B3%E6%A8%A1+a-b_c.d~e%2Ff"),
    FilterCase("url_decode", "email+address+is+bob%40example.com%21", is: "email address is bob@example.com!"),
    FilterCase("url_decode", "%E5%8A%B3%E6%A8%A1%2x%", is: "劳模%2x%"),
    FilterCase("url_decode", "%FF", is: .fails),
    FilterCase("base64_encode", "_#/.", is: "XyMvLg=="),
    FilterCase("base64_encode", "劳模", is: "5Yqz5qih"),
    FilterCase("base64_decode", "5Yqz5qih", is: "劳模"),
    FilterCase("base64_decode", "XyMvLg==", is: "_#/."),
    FilterCase("base64_decode", "XyMvLg", is: .fails),
    FilterCase("base64_decode", 5, is: .fails),
    FilterCase("base64_url_safe_encode", "???>>>", is: "Pz8_Pj4-"),
    FilterCase("base64_url_safe_decode", "Pz8_Pj4-", is: "???>>>"),
    FilterCase("base64_url_safe_decode", "XyMvLg", is: "_#/."),
]

@Test(arguments: miscCases) func miscFilters(_ c: FilterCase) throws { try c.check() }

let jsonCases: [FilterCase] = [
    FilterCase("json", ["b": 1, "a": [true, .nil, 2.5, "x"], "c": ["z": 1, "y": 2]],
               is: .exactly(.safe(#"{"b":1,"a":[true,null,2.5,"x"],"c":{"z":1,"y":2}}"#))),
    // Safe inside <script>: no `</script>`, no `<!--`, no entity, and still the same JSON.
    FilterCase("json", "</script><!-- & 'q' \"劳模\"",
               is: .exactly(.safe(#""\u003c/script\u003e\u003c!-- \u0026 'q' \"劳模\"""#))),
    FilterCase("json", "line\u{2028}sep\u{2029}\n\t\u{1}\\", is: .exactly(.safe(#""line\u2028sep\u2029\n\t\u0001\\""#))),
    FilterCase("json", 1.0, is: .exactly(.safe("1.0"))),
    FilterCase("json", .double(.nan), is: .exactly(.safe("null"))),
    FilterCase("json", .range(1, 3), is: .exactly(.safe("[1,2,3]"))),
    FilterCase("json", .safe("<p>"), is: .exactly(.safe(#""\u003cp\u003e""#))),
    FilterCase("jsonify", .nil, is: .exactly(.safe("null"))),
    FilterCase("json", 1, [1], is: .fails),
]

@Test(arguments: jsonCases) func jsonFilter(_ c: FilterCase) throws { try c.check() }

@Test func everyFilterOfTheBriefIsRegistered() {
    let names = """
        escape escape_once default size join split upcase downcase capitalize strip lstrip rstrip strip_html
        strip_newlines newline_to_br truncate truncatewords append prepend replace replace_first replace_last
        remove remove_first remove_last slice first last reverse sort sort_natural uniq compact map where
        reject concat sum plus minus times divided_by modulo round ceil floor abs at_least at_most date
        url_encode url_decode base64_encode base64_decode json jsonify safe raw xml_escape
        """.split(whereSeparator: \.isWhitespace)
    let missing = names.filter { FilterSet.standard.table[String($0)] == nil }
    #expect(missing.isEmpty, "not registered: \(missing)")
}
