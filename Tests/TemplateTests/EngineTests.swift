import Foundation
import Synchronization
import Testing
@testable import Template

/// Renders `source` with `data`; partials come from `partials`.
func render(_ source: String, _ data: Object = Object(), partials: [String: String] = [:], autoescape: Bool = true) throws -> String {
    let engine = Engine(source: DictionarySource(partials), options: .init(autoescape: autoescape))
    return try engine.render(engine.parse(source, name: "test.html"), data)
}

/// The error `source` raises, parsing or rendering.
func renderError(_ source: String, _ data: Object = Object(), partials: [String: String] = [:]) -> TemplateError? {
    do {
        _ = try render(source, data, partials: partials)
        return nil
    } catch let e as TemplateError {
        return e
    } catch {
        return nil
    }
}

@Test func outputsVariablesAndPaths() throws {
    let data: Object = ["page": ["title": "劳模风采", "tags": ["劳模", "工匠"]], "site": ["data": ["key": 42]]]
    #expect(try render("{{ page.title }}|{{ page.tags[0] }}|{{ site.data[\"key\"] }}|{{ page.tags.size }}", data)
            == "劳模风采|劳模|42|2")
}

@Test func escapesOutputByDefault() throws {
    let data: Object = ["t": "<script>alert(1)</script>", "s": .safe("<p>ok</p>")]
    #expect(try render("{{ t }}{{ s }}", data) == "&lt;script&gt;alert(1)&lt;/script&gt;<p>ok</p>")
    #expect(try render("{{ t }}", data, autoescape: false) == "<script>alert(1)</script>")
}

@Test func ifElsifElseAndLogic() throws {
    let tpl = "{% if a > 2 and b %}x{% elsif a == 2 or b %}y{% else %}z{% endif %}"
    #expect(try render(tpl, ["a": 3, "b": true]) == "x")
    #expect(try render(tpl, ["a": 2, "b": false]) == "y")
    #expect(try render(tpl, ["a": 1, "b": false]) == "z")
    #expect(try render("{% unless a %}no{% endunless %}", ["a": false]) == "no")
    #expect(try render("{% if t contains '模' %}yes{% endif %}", ["t": "劳模"]) == "yes")
}

/// `contains` compares code points, as Ruby's `include?` does: no canonical equivalence.
@Test func containsComparesCodePoints() throws {
    let tpl = "{% if t contains n %}yes{% else %}no{% endif %}"
    #expect(try render(tpl, ["t": "劳动模范", "n": "模范"]) == "yes")
    #expect(try render(tpl, ["t": "劳动模范", "n": "模範"]) == "no")
    #expect(try render(tpl, ["t": "cafe\u{301}", "n": "e"]) == "yes")
    #expect(try render(tpl, ["t": "caf\u{E9}", "n": "e\u{301}"]) == "no")
    #expect(try render(tpl, ["t": "劳模", "n": ""]) == "yes")
    // The search itself: a first byte seen again before the match, the match at the very end,
    // a needle longer than the text.
    #expect(utf8Contains("劳动劳模劳模范", "劳模范"))
    #expect(utf8Contains("aab", "ab") && utf8Contains("ab", "b") && !utf8Contains("ab", "ba"))
    #expect(!utf8Contains("劳", "劳模") && !utf8Contains("", "a") && utf8Contains("", ""))
}

@Test func forLoopWithForloopLimitOffsetReversed() throws {
    let data: Object = ["xs": [1, 2, 3, 4, 5]]
    #expect(try render("{% for x in xs limit:2 offset:1 %}{{ forloop.index }}:{{ x }}{% unless forloop.last %},{% endunless %}{% endfor %}", data) == "1:2,2:3")
    #expect(try render("{% for x in xs reversed %}{{ x }}{% endfor %}", data) == "54321")
    #expect(try render("{% for x in (1..3) %}{{ x }}{% endfor %}") == "123")
    #expect(try render("{% for x in empty_list %}x{% else %}none{% endfor %}") == "none")
    #expect(try render("{% for x in xs %}{% if x == 3 %}{% break %}{% endif %}{{ x }}{% endfor %}", data) == "12")
    #expect(try render("{% for x in xs %}{% if x == 3 %}{% continue %}{% endif %}{{ x }}{% endfor %}", data) == "1245")
}

@Test func assignCaptureCaseCommentRaw() throws {
    #expect(try render("{% assign a = 'x' %}{% capture b %}[{{ a }}]{% endcapture %}{{ b }}") == "[x]")
    #expect(try render("{% case n %}{% when 1, 2 %}low{% when 3 %}three{% else %}other{% endcase %}", ["n": 2]) == "low")
    #expect(try render("a{% comment %} {{ nope }} {% endcomment %}b") == "ab")
    #expect(try render("{% raw %}{{ x }}{% endraw %}") == "{{ x }}")
}

@Test func whitespaceControl() throws {
    #expect(try render("a  \n {%- if true -%} \n b \n {%- endif -%}  c") == "abc")
    #expect(try render("[ {{- 'x' -}} ]") == "[x]")
}

@Test func includeSharesScopeRenderIsolates() throws {
    let partials = ["item.html": "<{{ item }}{{ extra }}>", "leak": "{% assign leaked = 'y' %}"]
    #expect(try render("{% include 'item' with 'a' %}", partials: partials) == "<a>")
    #expect(try render("{% include 'item.html' for list %}", ["list": [1, 2]], partials: partials) == "<1><2>")
    #expect(try render("{% assign extra = '!' %}{% render 'item.html', item: 'r' %}", partials: partials) == "<r>")
    #expect(try render("{% include 'leak' %}{{ leaked }}", partials: partials) == "y")
    #expect(try render("{% render 'leak' %}{{ leaked }}", partials: partials) == "")
}

@Test func layoutsWrapContentAndChain() throws {
    let partials = [
        "base.html": "<html>{{ content }}</html>",
        "post.html": "{% layout 'base' %}<article>{{ content }}</article>",
    ]
    #expect(try render("{% layout 'post' %}<b>{{ title }}</b>", ["title": "a&b"], partials: partials)
            == "<html><article><b>a&amp;b</b></article></html>")
}

@Test func unknownFilterIsLocatedWithSuggestion() throws {
    let engine = Engine(filters: FilterSet(["upcase": { v, _ in v }, "downcase": { v, _ in v }]))
    _ = try engine.parse("{{ x | upcase }}{{ x | downcase }}", name: "ok")
    var e: TemplateError?
    do { _ = try engine.parse("line one\n  {{ page.title | upcas }}", name: "test.html") } catch { e = error }
    #expect(e?.summary == "test.html:2:19: unknown filter 'upcas': did you mean 'upcase'?")
}

@Test func unclosedTagNamesTheOpener() {
    let e = renderError("x\n{% if a %}\nno end")
    #expect(e?.summary == "test.html:2:1: 'if' is never closed: expected '{% endif %}'")
}

@Test func unknownTagSuggestsTheNearest() {
    #expect(renderError("{% fro x in y %}{% endfor %}")?.summary == "test.html:1:1: unknown tag 'fro': did you mean 'for'?")
}

@Test func errorInIncludedTemplateNamesThatTemplate() {
    let e = renderError("a\n{% include 'bad' %}", partials: ["bad": "ok\n  {% if %}"])
    #expect(e?.template == "bad")
    #expect(e?.line == 2)
    #expect(e?.column == 3)
}

@Test func missingIncludeIsReportedAtTheTag() {
    let e = renderError("a\n {% include 'nope' %}")
    #expect(e?.summary == "test.html:2:2: template 'nope' not found: expected a file 'nope' or 'nope.html' among the templates")
}

@Test func errorDescriptionShowsLineAndCaretUnderCJK() {
    let e = TemplateError(template: "t.html", line: 1, column: 4, message: "bad", sourceLine: "标题 {{ x | nope }}")
    #expect(e.description == "t.html:1:4: bad\n1 | 标题 {{ x | nope }}\n  |      ^")
}

@Test func renderingIsSafeFromManyThreads() throws {
    let engine = Engine()
    let t = try engine.parse("{% for i in (1..50) %}{{ i }}-{{ name }};{% endfor %}", name: "t")
    let expected = (1...50).map { "\($0)-x;" }.joined()
    let results = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: 64) { _ in
        let out = (try? engine.render(t, ["name": "x"])) ?? "error"
        results.withLock { $0.append(out) }
    }
    #expect(results.withLock { $0 }.allSatisfy { $0 == expected })
}
