import Stencil

/// Stencil 0.15.1: `{% extends %}`/`{% block %}`, `{% include %}`, `{% for %}`, `{% if == %}` and its
/// built-in `join`. Stencil has no `escape`, `date` or `truncate` filter and never escapes output,
/// so those values are computed in Swift and handed in (see `notes`).
enum StencilBench {
    static let templates: [String: String] = [
        "base.html": """
            <!DOCTYPE html>
            <html lang="zh-Hant">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{ page.title }} - {{ site.name }}</title>
            <meta name="description" content="{{ page.summary }}">
            <meta name="keywords" content="{{ page.tags|join:"," }}">
            <meta property="og:site_name" content="{{ site.name }}">
            <meta property="og:title" content="{{ page.title }}">
            <meta property="og:description" content="{{ page.summary }}">
            <meta property="og:type" content="article">
            <meta property="og:url" content="{{ site.url }}{{ page.url }}">
            <link rel="canonical" href="{{ site.url }}{{ page.url }}">
            <link rel="stylesheet" href="/assets/site.css">
            </head>
            <body>
            {% include "header.html" %}
            <main class="container">
            {% block content %}{% endblock %}
            </main>
            {% include "footer.html" %}
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
        "article.html": """
            {% extends "base.html" %}
            {% block content %}
            <article class="post">
            <h1>{{ page.title }}</h1>
            <p class="meta"><time>{{ page.date_display }}</time> 來源:{{ page.source }} 作者:{{ page.author }} 編輯:{{ page.editors|join:"、" }}</p>
            <p class="summary">{{ page.summary_truncated }}</p>
            <ul class="tags">
            {% for tag in page.tags %}<li><a href="/tags/{{ tag }}/">{{ tag }}</a></li>
            {% endfor %}</ul>
            <div class="content">
            {{ page.body }}
            </div>
            <section class="related">
            <h2>相關文章</h2>
            <ul>
            {% for item in related %}<li><a href="{{ item.url }}">{{ item.title }}</a> <time>{{ item.date_display }}</time></li>
            {% endfor %}</ul>
            </section>
            </article>
            {% endblock %}

            """,
    ]

    /// Lexes each template once, on first load, and hands the same `Template` back after that.
    /// (Stencil's own `DictionaryLoader` builds a new `Template` on every `include`/`extends`.)
    final class CachingLoader: Loader {
        let sources: [String: String]
        private var cache: [String: Template] = [:]

        init(_ sources: [String: String]) { self.sources = sources }

        func loadTemplate(name: String, environment: Environment) throws -> Template {
            if let t = cache[name] { return t }
            guard let text = sources[name] else { throw TemplateDoesNotExist(templateNames: [name], loader: self) }
            let t = environment.templateClass.init(templateString: text, environment: environment, name: name)
            cache[name] = t
            return t
        }
    }

    /// Pre-computed: `date_display` (both dates), `summary_truncated`, and `site.name` escaped.
    static func data(_ site: Site, _ a: Article) -> [String: Any] {
        [
            "site": [
                "name": Fixture.escaped(site.name),
                "url": site.url,
                "columns": site.columns.map { ["name": $0.name, "url": $0.url] as [String: Any] },
            ] as [String: Any],
            "page": [
                "title": a.title,
                "url": a.url,
                "date_display": Fixture.displayDate(a.date),
                "author": a.author,
                "editors": a.editors,
                "source": a.source,
                "column": a.column,
                "tags": a.tags,
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
        let environment = Environment(loader: CachingLoader(templates))
        let template = try environment.loadTemplate(name: "article.html")
        let data = data(Fixture.site, Fixture.article)
        return EngineBench(name: "Stencil", notes: [
            "Stencil: given pre-computed date strings (x11), truncated summary and an escaped site name"
                + " (it has no date/truncate/escape filter and no autoescape); join runs at render time.",
            "Stencil: templates are lexed once, but Stencil builds the node tree from the tokens on every"
                + " render (Template.render parses) - that is part of its render cost.",
        ]) {
            .text(try template.render(data))
        }
    }
}
