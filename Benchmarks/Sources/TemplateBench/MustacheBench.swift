import Mustache

/// swift-mustache 2.1.1: a parent template with a `{{$content}}` block (`{{<base}}`), partials
/// (`{{>header}}`), sections over lists, `{{{ }}}` for the body. Mustache has no filters and no
/// comparisons, so every computed value is handed in (see `notes`).
enum MustacheBench {
    static let templates: [String: String] = [
        "base": """
            <!DOCTYPE html>
            <html lang="zh-Hant">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{page.title}} - {{site.name}}</title>
            <meta name="description" content="{{page.summary}}">
            <meta name="keywords" content="{{page.keywords}}">
            <meta property="og:site_name" content="{{site.name}}">
            <meta property="og:title" content="{{page.title}}">
            <meta property="og:description" content="{{page.summary}}">
            <meta property="og:type" content="article">
            <meta property="og:url" content="{{site.url}}{{page.url}}">
            <link rel="canonical" href="{{site.url}}{{page.url}}">
            <link rel="stylesheet" href="/assets/site.css">
            </head>
            <body>
            {{>header}}
            <main class="container">
            {{$content}}{{/content}}
            </main>
            {{>footer}}
            </body>
            </html>

            """,
        "header": """
            <header class="site-header">
            <a class="logo" href="/">{{site.name}}</a>
            <nav>
            <ul>
            {{#site.columns}}<li{{#active}} class="active"{{/active}}><a href="{{url}}">{{name}}</a></li>
            {{/site.columns}}</ul>
            </nav>
            </header>

            """,
        "footer": """
            <footer class="site-footer">
            <p>{{site.name}} 版權所有</p>
            <p><a href="/about/">關於我們</a> | <a href="/contact/">聯繫我們</a> | <a href="/feed.xml">RSS</a></p>
            </footer>

            """,
        "article": """
            {{<base}}
            {{$content}}
            <article class="post">
            <h1>{{page.title}}</h1>
            <p class="meta"><time>{{page.date_display}}</time> 來源:{{page.source}} 作者:{{page.author}} 編輯:{{page.editors_joined}}</p>
            <p class="summary">{{page.summary_truncated}}</p>
            <ul class="tags">
            {{#page.tags}}<li><a href="/tags/{{.}}/">{{.}}</a></li>
            {{/page.tags}}</ul>
            <div class="content">
            {{{page.body}}}
            </div>
            <section class="related">
            <h2>相關文章</h2>
            <ul>
            {{#related}}<li><a href="{{url}}">{{title}}</a> <time>{{date_display}}</time></li>
            {{/related}}</ul>
            </section>
            </article>
            {{/content}}
            {{/base}}

            """,
    ]

    /// Pre-computed: `date_display` (both dates), `summary_truncated`, `editors_joined`,
    /// `keywords` (tags joined) and each column's `active` flag.
    static func data(_ site: Site, _ a: Article) -> [String: Any] {
        [
            "site": [
                "name": site.name,
                "url": site.url,
                "columns": site.columns.map { ["name": $0.name, "url": $0.url, "active": $0.name == a.column] as [String: Any] },
            ] as [String: Any],
            "page": [
                "title": a.title,
                "url": a.url,
                "date_display": Fixture.displayDate(a.date),
                "author": a.author,
                "editors_joined": a.editors.joined(separator: "、"),
                "source": a.source,
                "tags": a.tags,
                "keywords": a.tags.joined(separator: ","),
                "summary": a.summary,
                "summary_truncated": Fixture.truncated(a.summary),
                "body": a.bodyHTML,
            ] as [String: Any],
            "related": a.related.map {
                ["title": $0.title, "url": $0.url, "date_display": Fixture.shortDate($0.date)] as [String: Any]
            },
        ]
    }

    static func make() throws -> EngineBench {
        var library = MustacheLibrary()
        for (name, text) in templates { try library.register(text, named: name) }
        guard let template = library.getTemplate(named: "article") else { throw BenchError("no article template") }
        let data = data(Fixture.site, Fixture.article)
        return EngineBench(name: "swift-mustache", notes: [
            "swift-mustache: given pre-computed date strings (x11), truncated summary, joined editors and"
                + " keywords, and each nav column's active flag (no filters, no comparisons); autoescape on.",
        ]) {
            .text(template.render(data, library: library))
        }
    }
}
