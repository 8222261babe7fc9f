import Foundation
@testable import Site
import TestSupport

extension TestSite {
    /// Minimal templates that print what the tests look for, so tests do not depend on the theme.
    static let templates = """
    -- templates/base.html --
    <title>{{ page.title }}</title>{{ content }}
    -- templates/index.html --
    {% layout 'base' %}{% for a in paginator.items %}[{{ a.title }}|{{ a.url }}]{% endfor %}p{{ paginator.page }}/{{ paginator.total_pages }}{% if paginator.next_url %} next={{ paginator.next_url }}{% endif %}
    -- templates/article.html --
    {% layout 'base' %}<h1>{{ page.title }}</h1>{{ page.date | date: "%Y-%m-%d %H:%M" }}|{{ page.column.name }}|{% for t in page.tags %}{{ t.name }}={{ t.url }};{% endfor %}|{{ page.summary }}|{{ page.content }}|prev={{ page.previous.url }}|next={{ page.next.url }}
    -- templates/column.html --
    {% layout 'base' %}{{ column.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}
    -- templates/tags.html --
    {% layout 'base' %}{% for t in tags %}{{ t.name }}({{ t.count }}){{ t.url }};{% endfor %}
    -- templates/tag.html --
    {% layout 'base' %}{{ tag.name }}:{% for a in paginator.items %}[{{ a.title }}]{% endfor %}p{{ paginator.page }}/{{ paginator.total_pages }}
    -- templates/page.html --
    {% layout 'base' %}{{ page.content }}
    -- templates/404.html --
    {% layout 'base' %}not found
    """

    /// The site of `archive`, over the minimal templates unless `withTemplates` is false.
    init(_ archive: String, withTemplates: Bool = true) throws {
        try self.init(files: withTemplates ? Self.templates + "\n" + archive : archive)
    }

    func builder(drafts: Bool = false) -> SiteBuilder {
        SiteBuilder(root: root, options: .init(drafts: drafts))
    }

    /// Builds; returns the failure's diagnostics (empty on success).
    @discardableResult
    func build(drafts: Bool = false) -> [Diagnostic] {
        do {
            let report = try builder(drafts: drafts).build()
            return report.warnings.filter { $0.severity == .error }
        } catch {
            return error.diagnostics
        }
    }
}
