import Foundation
import FrontMatter
@testable import Site
import Template
import Testing
@testable import unionsite

// A site's problem, a template's error, a front matter error and the liquid command's errors all
// become text through `Diagnostic`: `file:line:column: message`, the line, a caret under the column.

@Test func theFourSourcesOfErrorsRenderInOneShape() throws {
    // The site's own reading of a file reports through `Fields`, as every article's key does.
    let article = "---\n标题：\n栏目：[工会动态]\n---\n"
    var fields = Fields(file: "content/news/a.md", source: article)
    fields.error("`栏目` must be text, found a list: expected `栏目: some text`", at: SourceLocation(line: 3, column: 4))
    let site = try #require(fields.diagnostics.first)
    #expect(site.description == """
        content/news/a.md:3:4: `栏目` must be text, found a list: expected `栏目: some text`
        3 | 栏目：[工会动态]
          |       ^
        """)

    // A theme's error, as the engine throws it and as the site names it under templates/.
    let engine = Engine(source: DictionarySource([:]))
    let template = try #require(Result { () throws(TemplateError) in
        try engine.parse("<h1>{{ page.title }}</h1>\n标题 {{ x | nope }}", name: "list.html")
    }.failureValue)
    #expect(template.description == template.diagnostic.description)
    #expect(template.description == "list.html:2:11: unknown filter 'nope'\n2 | 标题 {{ x | nope }}\n  |             ^")
    #expect(Diagnostic(template, folder: "templates").description
            == "templates/list.html:2:11: unknown filter 'nope'\n2 | 标题 {{ x | nope }}\n  |             ^")

    let source = "---\n栏目 工会动态\n---\n"
    let frontMatter = try #require(FrontMatter.parse(source).errors.first)
    #expect(frontMatter.description(file: "content/news/b.md", source: source)
            == frontMatter.diagnostic(file: "content/news/b.md", source: source).description)
    var read = Fields(file: "content/news/b.md", source: source)
    read.error(frontMatter.message, at: frontMatter.location)
    #expect(read.diagnostics.map(\.description) == [frontMatter.description(file: "content/news/b.md", source: source)])
    #expect(frontMatter.description(file: "content/news/b.md", source: source) == """
        content/news/b.md:2:3: missing `:` after key `栏目`: expected `key: value`
        2 | 栏目 工会动态
          |     ^
        """)

    let liquid = try #require(LiquidCommand.render(engine, "{{ 会员 | nope }}", name: "t.html", Object()).failureValue)
    #expect(liquid.description == "t.html:1:9: unknown filter 'nope'\n1 | {{ 会员 | nope }}\n  |           ^")

    let json = "{\n  \"会员\": tru\n}\n"
    let data = try #require(LiquidCommand.variables(json: json, file: "data.json").failureValue)
    #expect(data.description == """
        data.json:2:9: unexpected 't', expected a value
        2 |   "会员": tru
          |           ^
        """)
}

@Test func liquidDataThatIsNotAnObjectIsLocatedAtItsStart() throws {
    let d = try #require(LiquidCommand.variables(json: "[1, 2]", file: "data.json").failureValue)
    #expect(d.description == "data.json:1:1: the data must be a JSON object ({ \"name\": value, … })\n1 | [1, 2]\n  | ^")
}

@Test func liquidFilesThatCannotBeReadNameTheFileAlone() throws {
    let d = try #require(LiquidCommand.readText("/nonexistent/模板.html").failureValue)
    #expect(d.description == "/nonexistent/模板.html: cannot read the file")
}

@Test func anErrorWithoutAFileStartsAtItsLine() {
    #expect(FrontMatterError(line: 3, column: 2, message: "m").description == "3:2: m")
    #expect(JSONError("unexpected 'x'", line: 3, column: 9).description == "3:9: unexpected 'x'")
    #expect(Diagnostic(.warning, file: "", line: 5, column: 1, message: "removed `<script>`").summary
            == "5:1: warning: removed `<script>`")
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
