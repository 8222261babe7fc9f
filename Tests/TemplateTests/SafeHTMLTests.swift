import Testing
@testable import Template

// Safe HTML held as bytes (`SafeHTML`: rendered Markdown, a page's `content` in its layout)
// must behave in templates exactly like the same HTML as a `.safe` string: printed unescaped,
// and the same under filters, properties, comparisons and conditions.

private let html = #"<p>劳模 <a href="/x?a=1&amp;b=2">张三</a> said "hi" & 'bye'</p>"#

@Test(arguments: [
    "{{ x }}",
    "{{ x | upcase }}",
    "{{ x | strip_html }}",
    "{{ x | truncate: 12 }}",
    "{{ x | append: '<b>' }}",
    "{{ x | prepend: '<i>' }}",
    "{{ x | replace: '张三', '<em>李四</em>' }}",
    "{{ x | split: ' ' | first }}",
    "{{ x | size }}|{{ x.size }}|{{ x['size'] }}",
    "{{ x | escape }}",
    "{{ x | default: 'none' }}",
    "{{ x | json }}",
    "{% if x %}yes{% endif %}",
    "{% if x == html %}same{% else %}differs{% endif %}",
    "{% if x != '' %}nonempty{% endif %}",
    "{% if x contains '张三' %}found{% endif %}",
    "{% if x > 'a' %}after{% else %}before{% endif %}",
    "{% if x == blank %}blank{% else %}not blank{% endif %}",
    "{% for c in x %}[{{ c | size }}]{% endfor %}",
    "{% assign y = x %}{{ y }}",
    "{% capture y %}{{ x }}{% endcapture %}{{ y }}",
    "{% case x %}{% when html %}matched{% else %}no{% endcase %}",
    // Places that look at strings directly (found in review): printing a hash or list that
    // holds it, indexing by it, error wording.
    "{{ o }}", "{{ list }}", "{{ h[x] }}",
])
func safeHTMLBytesRenderLikeASafeString(_ source: String) throws {
    func data(_ x: Value) -> Object {
        ["x": x, "html": .string(html), "o": .object(["content": x]), "list": .array([x, 1]), "h": .object([html: "found"])]
    }
    let asBytes = try render(source, data(.safe(utf8: Array(html.utf8))))
    let asString = try render(source, data(.safe(html)))
    #expect(asBytes == asString)
}

/// Safe HTML of a number or of nothing, where those matter: a range bound, an empty loop, and
/// the error for a comparison that Liquid cannot make.
@Test(arguments: [("{% for i in (1..x) %}{{ i }}{% endfor %}", "3"), ("{% for c in x %}x{% else %}none{% endfor %}", ""),
                  ("{% for c in x %}[{{ c }}]{% else %}none{% endfor %}", "<b>"), ("{{ x | plus: 1 }}", "41")])
func safeHTMLBytesOfNumbersAndNothingRenderLikeASafeString(_ source: String, _ text: String) throws {
    #expect(try render(source, ["x": .safe(utf8: Array(text.utf8))]) == (try render(source, ["x": .safe(text)])))
}

@Test func comparingSafeHTMLBytesFailsLikeComparingAString() {
    let asBytes = renderError("{% if x > 1 %}y{% endif %}", ["x": .safe(utf8: Array("<p>a</p>".utf8))])
    let asString = renderError("{% if x > 1 %}y{% endif %}", ["x": .safe("<p>a</p>")])
    #expect(asBytes != nil && asBytes?.message == asString?.message)
}

@Test func safeHTMLBytesArePrintedUnescaped() throws {
    #expect(try render("{{ x }}", ["x": .safe(utf8: Array(html.utf8))]) == html)
    // A filter that keeps text safe keeps it unescaped; one that does not (upcase) escapes it.
    #expect(try render("{{ x | strip }}", ["x": .safe(utf8: Array(" <b>a</b> ".utf8))]) == "<b>a</b>")
    #expect(try render("{{ x | upcase }}", ["x": .safe(utf8: Array("<b>a</b>".utf8))]) == "&lt;B&gt;A&lt;/B&gt;")
}

@Test func aLayoutGetsThePageAsSafeContent() throws {
    let partials = ["base": "<main>{{ content }}</main>|{{ content | size }}|{% if content contains '<b>' %}bold{% endif %}"]
    #expect(try render("{% layout 'base' %}<b>{{ t }}</b>", ["t": "<劳模>"], partials: partials)
            == "<main><b>&lt;劳模&gt;</b></main>|17|bold")
}

@Test func pagesRenderToTheSameBytesAsTheirString() throws {
    let engine = Engine(source: DictionarySource(["base": "<main>{{ content }}</main>", "p": "{% layout 'base' %}{{ t }}·{{ h }}"]))
    let data: Object = ["t": "<工匠> & 'x'", "h": .safe(utf8: Array("<p>事迹</p>".utf8))]
    let bytes = try engine.renderUTF8(named: "p", data)
    #expect(bytes == Array(try engine.render(named: "p", data).utf8))
    #expect(String(decoding: bytes, as: UTF8.self) == "<main>&lt;工匠&gt; &amp; &#39;x&#39;·<p>事迹</p></main>")
}
