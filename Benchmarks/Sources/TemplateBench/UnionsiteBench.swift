import Template

/// unionsite's own engine (Liquid): `{% layout %}` + `{{ content }}`, `{% include %}`, and the
/// filters `escape`, `date`, `truncate` and `join` doing their work at render time.
enum UnionsiteBench {
    static let templates: [String: String] = [
        "base.html": """
            <!DOCTYPE html>
            <html lang="zh-Hant">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{ page.title | escape }} - {{ site.name }}</title>
            <meta name="description" content="{{ page.summary }}">
            <meta name="keywords" content="{{ page.tags | join: ',' }}">
            <meta property="og:site_name" content="{{ site.name }}">
            <meta property="og:title" content="{{ page.title | escape }}">
            <meta property="og:description" content="{{ page.summary }}">
            <meta property="og:type" content="article">
            <meta property="og:url" content="{{ site.url }}{{ page.url }}">
            <link rel="canonical" href="{{ site.url }}{{ page.url }}">
            <link rel="stylesheet" href="/assets/site.css">
            </head>
            <body>
            {% include 'header' %}
            <main class="container">
            {{ content }}
            </main>
            {% include 'footer' %}
            </body>
            </html>

            """,
        "header.html": """
            <header class="site-header">
            <a class="logo" href="/">{{ site.name }}</a>
            <nav>
            <ul>
            {% for col in site.columns %}<li{% if col.name == page.column %} class="active"{% endif %}><a href="{{ col.url }}">{{ col.name }}</a></li>
            {% endfor %}</ul>
            </nav>
            </header>

            """,
        "footer.html": """
            <footer class="site-footer">
            <p>{{ site.name }} 版權所有</p>
            <p><a href="/about/">關於我們</a> | <a href="/contact/">聯繫我們</a> | <a href="/feed.xml">RSS</a></p>
            </footer>

            """,
    ]

    // `truncate: 20, '...'` spells out Liquid's default ellipsis: at a288762 `truncate: 20` alone
    // drops the ellipsis (FilterCall's subscript gives `.some(.nil)` for a missing argument).
    static let article = """
        {% layout 'base' %}
        <article class="post">
        <h1>{{ page.title | escape }}</h1>
        <p class="meta"><time>{{ page.date | date: '%Y年%-m月%-d日 %H:%M' }}</time> 來源:{{ page.source }} 作者:{{ page.author }} 編輯:{{ page.editors | join: '、' }}</p>
        <p class="summary">{{ page.summary | truncate: 20, '...' }}</p>
        <ul class="tags">
        {% for tag in page.tags %}<li><a href="/tags/{{ tag }}/">{{ tag }}</a></li>
        {% endfor %}</ul>
        <div class="content">
        {{ page.body }}
        </div>
        <section class="related">
        <h2>相關文章</h2>
        <ul>
        {% for item in related %}<li><a href="{{ item.url }}">{{ item.title }}</a> <time>{{ item.date | date: '%Y-%m-%d' }}</time></li>
        {% endfor %}</ul>
        </section>
        </article>

        """

    /// The data as the site hands it in: raw front matter values, the body as safe HTML.
    static func data(_ site: Site, _ a: Article) -> Object {
        [
            "site": [
                "name": .string(site.name),
                "url": .string(site.url),
                "columns": .array(site.columns.map { ["name": .string($0.name), "url": .string($0.url)] }),
            ],
            "page": [
                "title": .string(a.title),
                "url": .string(a.url),
                "date": .string(a.date),
                "author": .string(a.author),
                "editors": .array(a.editors.map { .string($0) }),
                "source": .string(a.source),
                "column": .string(a.column),
                "tags": .array(a.tags.map { .string($0) }),
                "summary": .string(a.summary),
                "body": .safe(a.bodyHTML),
            ],
            "related": .array(a.related.map {
                ["title": .string($0.title), "url": .string($0.url), "date": .string($0.date)]
            }),
        ]
    }

    static func make() throws -> EngineBench {
        let engine = Engine(source: DictionarySource(templates), options: .init(autoescape: true))
        let template = try engine.parse(article, name: "article.html")
        // Layout and partials are parsed on first use and cached by the engine; the warm-up
        // render does that, so the timed renders parse nothing.
        let data = data(Fixture.site, Fixture.article)
        return EngineBench(name: "unionsite", notes: [
            "unionsite: raw data; escape, date (x11), truncate and join run at render time; autoescape on.",
        ]) {
            .utf8(try engine.renderUTF8(template, data))
        }
    }
}
