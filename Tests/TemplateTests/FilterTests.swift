import Foundation
import Testing
@testable import Template

// Filter behaviour as tables of cases: input, arguments, expected outcome. One table per
// family, each run as a parameterized test so a failure names its case.

/// What a filter call should give.
enum Outcome: Sendable, ExpressibleByStringLiteral {
    /// The result's text (as `{{ }}` would print it), whatever its kind.
    case text(String)
    /// Exactly this value: same case (`.int` vs `.double`, `.safe` vs `.string`), same content.
    case exactly(Value)
    /// A FilterError.
    case fails
    /// A FilterError with this message.
    case failsWith(String)

    init(stringLiteral value: String) { self = .text(value) }
}

let utc = TimeZone(secondsFromGMT: 0) ?? .current
let beijing = TimeZone(secondsFromGMT: 8 * 3600) ?? .current

/// One filter call and its expected outcome.
struct FilterCase: Sendable, CustomTestStringConvertible {
    var filter: String
    var input: Value
    var arguments: [Value]
    var keywords: [(String, Value)]
    var timeZone: TimeZone
    var outcome: Outcome

    init(_ filter: String, _ input: Value, _ arguments: [Value] = [], keywords: [(String, Value)] = [],
         timeZone: TimeZone = utc, is outcome: Outcome) {
        self.filter = filter
        self.input = input
        self.arguments = arguments
        self.keywords = keywords
        self.timeZone = timeZone
        self.outcome = outcome
    }

    var testDescription: String {
        let args = (arguments.map { Value.inspect($0) } + keywords.map { "\($0.0): \(Value.inspect($0.1))" })
        return "\(Value.inspect(input)) | \(filter)" + (args.isEmpty ? "" : ": " + args.joined(separator: ", "))
    }

    func check() throws {
        let function = try #require(FilterSet.standard.table[filter], "no filter named '\(filter)'")
        let call = FilterCall(arguments: arguments, keywords: keywords, timeZone: timeZone)
        switch outcome {
        case .fails:
            #expect(throws: FilterError.self) { try function(input, call) }
        case .failsWith(let message):
            #expect(throws: FilterError(message)) { try function(input, call) }
        case .text(let expected):
            #expect(try function(input, call).text == expected)
        case .exactly(let expected):
            let actual = try function(input, call)
            #expect(identical(actual, expected), "\(actual) is not exactly \(expected)")
        }
    }
}

/// Structural identity, stricter than Liquid's `==`: `1 != 1.0`, `.safe("a") != .string("a")`.
func identical(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.nil, .nil): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y || (x.isNaN && y.isNaN)
    case (.string(let x), .string(let y)), (.safe(let x), .safe(let y)): return x == y
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy(identical)
    case (.object(let x), .object(let y)):
        return x.keys == y.keys && x.allSatisfy { pair in y[pair.key].map { identical(pair.value, $0) } ?? false }
    case (.range(let p, let q), .range(let r, let s)): return p == r && q == s
    default: return false
    }
}

// MARK: - String filters

let stringCases: [FilterCase] = [
    FilterCase("upcase", "hello", is: .exactly("HELLO")),
    FilterCase("upcase", 5, is: "5"),
    FilterCase("upcase", "hello", [1], is: .failsWith("expects 0 arguments, got 1")),
    FilterCase("downcase", "HeLLo", is: "hello"),
    FilterCase("capitalize", "hELLO world", is: "Hello world"),
    FilterCase("capitalize", "", is: ""),
    FilterCase("strip", " \t\r\n hello \u{0B}\n ", is: "hello"),
    FilterCase("lstrip", " \t hello  ", is: "hello  "),
    FilterCase("rstrip", " \t hello \r\n", is: " \t hello"),
    FilterCase("strip", .safe("  <b>x</b> "), is: .exactly(.safe("<b>x</b>"))),
    FilterCase("strip_newlines", "a\r\nb\nc\rd", is: "abc\rd"),
    FilterCase("truncate", "Ground control to Major Tom.", [20], is: "Ground control to..."),
    FilterCase("truncate", "Ground control to Major Tom.", [25, ", and so on"], is: "Ground control, and so on"),
    FilterCase("truncate", "Ground control to Major Tom.", [20, ""], is: "Ground control to Ma"),
    FilterCase("truncate", "Ground control", [20], is: "Ground control"),
    FilterCase("truncate", .string(String(repeating: "ab", count: 30)), is: .text(String(repeating: "ab", count: 23) + "a...")),
    // Characters, not bytes or UTF-16 units: Chinese and emoji are never cut in half.
    FilterCase("truncate", "劳模风采展示活动今天开始", [8], is: "劳模风采展..."),
    FilterCase("truncate", "劳模风采", [4], is: "劳模风采"),
    FilterCase("truncate", "👍🏽👍🏽👍🏽", [2, ""], is: "👍🏽👍🏽"),
    FilterCase("truncate", "hello", [2], is: "..."),
    FilterCase("truncate", "hello", [.nil], is: .fails),
    FilterCase("truncate", "hello", ["x"], is: .failsWith("expected an integer, got 'x'")),
    FilterCase("truncate", "hello", ["3"], is: "..."),
    FilterCase("truncate", .safe("<p>long text</p>"), [8], is: .exactly(.safe("<p>lo..."))),
    FilterCase("truncatewords", "Ground control to Major Tom.", [3], is: "Ground control to..."),
    FilterCase("truncatewords", "Ground control to Major Tom.", [3, "--"], is: "Ground control to--"),
    FilterCase("truncatewords", "  one  two\tthree\nfour", [3], is: "one two three..."),
    FilterCase("truncatewords", "Ground control", [3], is: "Ground control"),
    FilterCase("truncatewords", "one two three", [0], is: "one..."),
    FilterCase("truncatewords", "劳模 风采 展示 活动", [2], is: "劳模 风采..."),
    FilterCase("truncatewords", "测试测试测试测试", [5], is: "测试测试测试测试"),
    // Ruby's split(" ", n + 1) keeps a trailing empty field: whitespace after the last word counts as cut.
    FilterCase("truncatewords", "a b ", [2], is: "a b..."),
    FilterCase("truncatewords", "a b", [2], is: "a b"),
    FilterCase("append", "hello", ["there"], is: .exactly("hellothere")),
    FilterCase("append", 5, ["x"], is: "5x"),
    FilterCase("append", "hi", [.nil], is: "hi"),
    FilterCase("append", "hi", is: .fails),
    FilterCase("append", .safe("<b>x</b>"), ["<i>"], is: .exactly(.safe("<b>x</b>&lt;i&gt;"))),
    FilterCase("append", .safe("<b>x</b>"), [.safe("<i>")], is: .exactly(.safe("<b>x</b><i>"))),
    FilterCase("append", "<b>", [.safe("<i>")], is: .exactly("<b><i>")),
    FilterCase("prepend", "hello", ["there "], is: "there hello"),
    FilterCase("replace", "Take my protein pills and put my helmet on", ["my", "your"], is: "Take your protein pills and put your helmet on"),
    FilterCase("replace", "hello", ["ll"], is: "heo"),
    FilterCase("replace", "Take", [.nil, "#"], is: "#T#a#k#e#"),
    FilterCase("replace", "a\r\nb", ["\n", "|"], is: "a\r|b"),
    FilterCase("replace_first", "my my", ["my", "your"], is: "your my"),
    FilterCase("replace_first", "Take", [.nil, "#"], is: "#Take"),
    FilterCase("replace_last", "my my", ["my", "your"], is: "my your"),
    FilterCase("replace_last", "Take", [.nil, "#"], is: "Take#"),
    FilterCase("replace_last", "hello", ["ll"], is: .fails),
    FilterCase("remove", "I strained to see the train through the rain", ["rain"], is: "I sted to see the t through the "),
    FilterCase("remove_first", "rain rain", ["rain"], is: " rain"),
    FilterCase("remove_last", "rain rain", ["rain"], is: "rain "),
    FilterCase("remove", "劳模劳模", ["模"], is: "劳劳"),
    FilterCase("split", "Hi, how are you today?", [" "], is: .exactly(["Hi,", "how", "are", "you", "today?"])),
    FilterCase("split", "  a \t b\nc  ", [" "], is: .exactly(["a", "b", "c"])),
    FilterCase("split", "abc", [""], is: .exactly(["a", "b", "c"])),
    FilterCase("split", "a,,b,,", [","], is: .exactly(["a", "", "b"])),
    FilterCase("split", ",a", [","], is: .exactly(["", "a"])),
    FilterCase("split", ",", [","], is: .exactly([])),
    FilterCase("split", "", [","], is: .exactly([])),
    FilterCase("split", "劳模,风采", [","], is: .exactly(["劳模", "风采"])),
    FilterCase("split", "hello th1ere", [1], is: .exactly(["hello th", "ere"])),
    FilterCase("slice", "hello", [1], is: "e"),
    FilterCase("slice", "hello", [1, 3], is: "ell"),
    FilterCase("slice", "Liquid", [-2], is: "i"),
    FilterCase("slice", "Liquid", [-2, 99], is: "id"),
    FilterCase("slice", "Liquid", [-2, -1], is: ""),
    FilterCase("slice", "hello", [99], is: ""),
    FilterCase("slice", "hello", [5], is: ""),
    FilterCase("slice", "hello", ["2"], is: "l"),
    FilterCase("slice", "hello", [1, .nil], is: "e"),
    FilterCase("slice", "劳模风采", [1, 2], is: "模风"),
    FilterCase("slice", "Liquid", [2.2], is: .fails),
    FilterCase("slice", "hello", [.nil], is: .fails),
    FilterCase("slice", [1, 2, 3, 4, 5], [2, 3], is: .exactly([3, 4, 5])),
    FilterCase("slice", [1, 2, 3, 4, 5], [-2], is: .exactly([4])),
    FilterCase("slice", [1, 2, 3], [7], is: .exactly([])),
    FilterCase("slice", .range(1, 5), [1, 2], is: .exactly([2, 3])),
]

@Test(arguments: stringCases) func stringFilters(_ c: FilterCase) throws { try c.check() }

// MARK: - HTML filters

let htmlCases: [FilterCase] = [
    FilterCase("escape", "<p>\"Tom\" & 'Jerry'</p>", is: .exactly(.safe("&lt;p&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/p&gt;"))),
    FilterCase("escape", 5, is: .exactly(.safe("5"))),
    FilterCase("escape", .nil, is: .exactly(.nil)),
    FilterCase("escape", .safe("<b>"), is: .exactly(.safe("&lt;b&gt;"))),
    FilterCase("escape", "x", [1], is: .fails),
    FilterCase("h", "<", is: .exactly(.safe("&lt;"))),
    FilterCase("escape_once", "&lt;p&gt;test&lt;/p&gt;<p>test</p>", is: "&lt;p&gt;test&lt;/p&gt;&lt;p&gt;test&lt;/p&gt;"),
    FilterCase("escape_once", "&amp; &#20; & &x &#x41;", is: "&amp; &#20; &amp; &amp;x &amp;#x41;"),
    FilterCase("strip_html", "<div id='a'>test</div>", is: "test"),
    FilterCase("strip_html", "<div\nclass='x'>test</div>", is: "test"),
    FilterCase("strip_html", "<!-- a \n b -->test<script type='x'>alert(1)</script><style>p{}</style>!", is: "test!"),
    FilterCase("strip_html", "Have <em>you</em> read &amp; 1 < 2", is: "Have you read &amp; 1 < 2"),
    FilterCase("strip_html", "<p>劳模</p>", is: "劳模"),
    FilterCase("newline_to_br", "a\r\nb\nc", is: .exactly("a<br />\nb<br />\nc")),
    FilterCase("newline_to_br", .safe("a\nb"), is: .exactly(.safe("a<br />\nb"))),
    // XML 1.0 cannot carry U+0001 or U+FFFE at all, escaped or not: they are dropped.
    FilterCase("xml_escape", "a\u{01}b<c>\u{FFFE}\t&\"'\n劳模", is: .exactly(.safe("ab&lt;c&gt;\t&amp;&quot;&apos;\n劳模"))),
    FilterCase("xml_escape", "\u{0}\u{8}\u{B}\u{C}\u{1F}\u{FFFF}\r", is: .exactly(.safe("\r"))),
    FilterCase("safe", "<b>x</b>", is: .exactly(.safe("<b>x</b>"))),
    FilterCase("raw", 5, is: .exactly(.safe("5"))),
]

@Test(arguments: htmlCases) func htmlFilters(_ c: FilterCase) throws { try c.check() }

// MARK: - Through the engine

/// Renders with auto-escaping on, as the site does.
private func renderEscaped(_ source: String, _ data: Object = Object()) throws -> String {
    let engine = Engine(options: .init(autoescape: true, timeZone: utc))
    return try engine.render(engine.parse(source, name: "filters.html"), data)
}

@Test func escapedAndSafeTextIsNotEscapedTwice() throws {
    let data: Object = ["t": "<b>&</b>", "html": .safe("<p>劳模风采</p>\n")]
    #expect(try renderEscaped("{{ t | escape }}|{{ t }}|{{ t | safe }}", data) == "&lt;b&gt;&amp;&lt;/b&gt;|&lt;b&gt;&amp;&lt;/b&gt;|<b>&</b>")
    #expect(try renderEscaped("{{ html | strip }}|{{ html | truncate: 6 }}", data) == "<p>劳模风采</p>|<p>...")
    #expect(try renderEscaped("{{ t | escape | newline_to_br }}", ["t": "a<\nb"]) == "a&lt;<br />\nb")
    #expect(try renderEscaped("{{ html | append: t }}", data) == "<p>劳模风采</p>\n&lt;b&gt;&amp;&lt;/b&gt;")
}

@Test func jsonIsNotHTMLEscaped() throws {
    let data: Object = ["page": ["title": "</script><b>\"劳模\"", "n": 1]]
    #expect(try renderEscaped("<script>var p = {{ page | json }};</script>", data)
            == #"<script>var p = {"title":"\u003c/script\u003e\u003cb\u003e\"劳模\"","n":1};</script>"#)
}

@Test func filterErrorsAreLocated() throws {
    let engine = Engine(options: .init(autoescape: true, timeZone: utc))
    let template = try engine.parse("line one\n{{ 10 | divided_by: 0 }}", name: "page.html")
    #expect(throws: TemplateError.self) { try engine.render(template, Object()) }
    do {
        _ = try engine.render(template, Object())
    } catch {
        #expect(error.summary == "page.html:2:9: divided_by: divided by 0")
    }
}
