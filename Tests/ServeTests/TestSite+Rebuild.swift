import Foundation
import Serve
import Site
import TestSupport

extension TestSite {
    /// Minimal templates (a whole HTML document, for the live-reload script to go into), so tests
    /// do not depend on the theme.
    static let templates = """
    -- site.yml --
    title: 测试工会
    -- templates/base.html --
    <!doctype html><html><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body>{{ content }}</body></html>
    -- templates/index.html --
    {% layout 'base' %}{% for a in paginator.items %}[{{ a.title }}|{{ a.url }}]{% endfor %}
    -- templates/article.html --
    {% layout 'base' %}<h1>{{ page.title }}</h1>{{ page.content }}
    -- templates/column.html --
    {% layout 'base' %}{{ column.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}
    -- templates/tags.html --
    {% layout 'base' %}{% for t in tags %}{{ t.name }}({{ t.count }}){{ t.url }};{% endfor %}
    -- templates/tag.html --
    {% layout 'base' %}{{ tag.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}
    -- templates/page.html --
    {% layout 'base' %}{{ page.content }}
    -- templates/404.html --
    {% layout 'base' %}<p>这里没有页面 (site 404)</p>
    """

    /// The site of `archive` over the minimal templates.
    init(_ archive: String = "") throws {
        try self.init(files: Self.templates + "\n" + archive)
    }

    /// The full build the serve command uses.
    var rebuild: Rebuild {
        let builder = SiteBuilder(root: root)
        return { _, _ in Result { () throws(BuildFailure) -> SiteBuilder.Report in try builder.build() } }
    }
}
