import Foundation
import Testing
@testable import Template

// The renderer's shortcuts (forloop drops only where a body may read them, position hints,
// the scope stack, the date cache, direct string comparisons) must not change what renders.

@Test func forloopIsBuiltWhereABodyMayReadIt() throws {
    let data: Object = ["xs": [1, 2], "ys": ["a", "b"]]
    // Through an included partial, which shares the loop's variables.
    #expect(try render("{% for x in xs %}{% include 'i' %}{% endfor %}", data, partials: ["i": "{{ forloop.index }}{{ x }};"])
            == "11;22;")
    // parentloop, when only the inner loop names forloop.
    #expect(try render("{% for x in xs %}{% for y in ys %}{{ forloop.parentloop.index }}{{ y }}{% endfor %}{% endfor %}", data)
            == "1a1b2a2b")
    // A bracketed root may name it.
    #expect(try render("{% for x in xs %}{{ ['forloop'].index0 }}{% endfor %}", data) == "01")
    // A body without it still sees an outer loop's forloop.
    #expect(try render("{% for x in xs %}{% for y in ys %}{% endfor %}{{ forloop.index }}{% endfor %}", data) == "12")
}

@Test func scopesShadowAndUnwindAsBefore() throws {
    let data: Object = ["xs": [1, 2], "x": "outer"]
    #expect(try render("{% assign x = 'assigned' %}{% for x in xs %}{{ x }}{% endfor %}{{ x }}", data) == "12assigned")
    #expect(try render("{% for x in xs %}{% assign last = x %}{% endfor %}{{ last }}", data) == "2")
    #expect(try render("{% include 'p', x: 'arg' %}{{ x }}", data, partials: ["p": "{{ x }}|"]) == "arg|outer")
    #expect(try render("{% render 'p', y: 1 %}{{ y }}", data, partials: ["p": "{{ x }}{{ y }}{% assign y = 2 %}{{ y }}|"]) == "12|")
    #expect(try render("{% for x in xs %}{% break %}{% endfor %}{{ x }}", data) == "outer")
}

@Test func objectsFindKeysPastTheSlotThreshold() {
    var o = Object((0..<20).map { ("k\($0)", Value.int($0)) })
    #expect((0..<20).allSatisfy { o["k\($0)"] == .int($0) })
    #expect(o["missing"] == nil)
    o["k3"] = nil
    o["k20"] = 20
    #expect(o["k3"] == nil && o["k4"] == .int(4) && o["k20"] == .int(20) && o.count == 20)
    #expect(Array(o.keys.prefix(4)) == ["k0", "k1", "k2", "k4"])
    // A repeated key keeps its first position and its last value.
    let d = Object((0..<10).map { ("k\($0)", Value.int($0)) } + [("k1", 99)])
    #expect(d.count == 10 && d["k1"] == 99 && d.keys[1] == "k1")
    // Grown one key at a time, across the threshold and past the index threshold.
    var g = Object()
    for i in 0..<80 { g["g\(i)"] = .int(i) }
    #expect((0..<80).allSatisfy { g["g\($0)"] == .int($0) })
}

@Test func propertyHintsSurviveObjectsOfOtherShapes() throws {
    // The same path meets objects whose keys sit in different places.
    let items: [Value] = [
        ["title": "a", "url": "/a"], ["url": "/b", "title": "b"], ["x": 1, "y": 2, "title": "c"], ["url": "/d"],
    ]
    #expect(try render("{% for i in items %}{{ i.title }}{{ i.url }}|{% endfor %}", ["items": .array(items)])
            == "a/a|b/b|c|/d|")
}

@Test func datesFormatTheSameFromTheCache() throws {
    let data: Object = ["d": "2023-09-01T14:07:00+08:00"]
    let source = "{{ d | date: '%Y年%-m月%-d日 %H:%M' }}|{{ d | date: '%Y年%-m月%-d日 %H:%M' }}|{{ d | date: '%F' }}"
    #expect(try render(source, data) == "2023年9月1日 14:07|2023年9月1日 14:07|2023-09-01")
    // Another zone is another entry.
    let utc = Engine(options: .init(timeZone: TimeZone(secondsFromGMT: 0)))
    #expect(try utc.render(utc.parse(source, name: "t"), data) == "2023年9月1日 06:07|2023年9月1日 06:07|2023-09-01")
    #expect(try render(source, data) == "2023年9月1日 14:07|2023年9月1日 14:07|2023-09-01")
}

@Test func comparisonsWithStringLiterals() throws {
    let data: Object = ["s": "a", "safe": .safe("a"), "n": 1, "nothing": nil]
    #expect(try render("{% if s == 'a' %}1{% endif %}{% if safe == 'a' %}2{% endif %}{% if n == '1' %}3{% endif %}", data) == "12")
    #expect(try render("{% if s != 'b' %}1{% endif %}{% if nothing != 'a' %}2{% endif %}{% if s != 'a' %}3{% endif %}", data) == "12")
    #expect(try render("{% if empty == blank %}1{% endif %}{% if empty != blank %}2{% endif %}{% if blank == blank %}3{% endif %}", data)
            == "23")
}

@Test func objectsMadeFromALayoutAreTheObjectsMadeFromPairs() throws {
    for n in [1, 3, 8, 12, 70] {  // below the slot table, with it, and past the dictionary threshold
        let keys = (0..<n).map { "k\($0)" }
        let layout = ObjectLayout(keys)
        let values = (0..<n).map { Value.int($0) }
        var a = Object(layout, values)
        let b = Object(Array(zip(keys, values)))
        #expect(Array(a.keys) == Array(b.keys) && a.count == n)
        #expect(keys.allSatisfy { a[$0] == b[$0] } && a["missing"] == nil)
        #expect(try render("{% for p in o %}{{ p[0] }}={{ p[1] }};{% endfor %}{{ o.k0 }}", ["o": .object(a)])
                == (try render("{% for p in o %}{{ p[0] }}={{ p[1] }};{% endfor %}{{ o.k0 }}", ["o": .object(b)])))
        // Writing to one object leaves the layout and the other objects made from it alone.
        let c = Object(layout, values)
        a["k0"] = "changed"
        a["new"] = 1
        if n > 1 { a["k\(n - 1)"] = nil }
        #expect(c["k0"] == .int(0) && c["new"] == nil && c.count == n)
        #expect(Object(layout, values)["k\(n - 1)"] == .int(n - 1))
        #expect(a["k0"] == "changed" && a["new"] == .int(1) && (n == 1 || a["k\(n - 1)"] == nil))
    }
    // Values that do not match the keys in number pair up as far as they go.
    #expect(Object(ObjectLayout(["a", "b"]), [1])["a"] == .int(1))
}

@Test func blankIsDecidedByWhitespaceInAnyScript() throws {
    let cases: [(String, Bool)] = [("", true), (" \n\t", true), ("\u{3000}", true), ("\u{3000}劳模", false), ("劳模", false),
                                   ("\u{00A0}\u{2003}", true), ("a", false), ("一", false), ("\u{4DFF}", false), ("\u{9FFF} ", false)]
    for (text, blank) in cases {
        #expect(try render("{% if x == blank %}y{% else %}n{% endif %}", ["x": .string(text)]) == (blank ? "y" : "n"), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
}
