// libFuzzer entry point: one article through the page pipeline — front matter, Markdown with
// the honoree linker, and a template that prints every field — in memory.
import Foundation
import FrontMatter
import Markdown
@testable import Site
import Template

private let engine = Engine(source: DictionarySource([
    "page": "{% layout 'base' %}<h1>{{ page.title }}</h1>{% for t in page.tags %}{{ t | upcase }}{% endfor %}{{ page.content }}{{ page.date | date: '%Y年%-m月%-d日' }}",
    "base": "<html>{{ content }}</html>",
]))
private let matcher = MentionMatcher(names: [("陈一文", 0), ("王平", 1), ("ABC", 2)])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPage(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: size), as: UTF8.self)
    let doc = FrontMatter.parse(text)
    var title = "t", tags: [Value] = [], date = "2020-01-01"
    if let m = doc.frontMatter?.normalized(with: .article).mapping {
        title = (try? m["title"]?.string(for: "title")) ?? title
        tags = ((try? m["tags"]?.strings(for: "tags")) ?? []).map(Value.string)
        if let d = try? m["date"]?.date(for: "date") { date = "\(d.timeIntervalSince1970)" }
    }
    let linker = HonoreeLinker(matcher: matcher, urls: ["/a/", "/b/", "/c/"])
    let md = renderMarkdown(String(doc.body), linker: linker, rewriteURL: sourceRelative(file: "content/news/x/a.md", basePath: "/"))
    _ = xmlEscape(title + md.html)
    let page: Object = ["title": .string(title), "tags": .array(tags), "content": .safe(md.html), "date": .string(date)]
    _ = try? engine.render(named: "page", ["page": .object(page)])
    return 0
}
