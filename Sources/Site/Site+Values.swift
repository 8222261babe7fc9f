import Foundation
import Template

/// What templates see of the site and its content (the contract is docs/TEMPLATES.md).
struct ValueBuilder: Sendable {
    let site: Site
    /// Where the pages are: the site's base path, or the mirror's (`/zh-hant/` under it).
    let basePath: String
    /// Where the files are (assets, pictures): the site's base path, for the mirror too.
    let fileBase: String
    let origin: String
    /// The Traditional mirror this builds the values of (`site` is then the site converted,
    /// `Mirror.site`), nil for the main site.
    let mirror: Mirror?
    /// `site.language`: site.yml's, or the mirror's.
    let language: String
    let timeZone: TimeZone
    /// `honoreeSummary` of each honoree, built once: tag, article and honor pages repeat them.
    let honoreeSummaries: ValueMemo
    /// The column and tag references articles carry, built once per column and tag rather
    /// than once per article.
    let columnRefs: ValueMemo
    let tagRefs: ValueMemo

    /// `site`: with `mirror`, the site converted for it (`Mirror.site`).
    init(site: Site, mirror: Mirror? = nil) {
        self.site = site
        self.mirror = mirror
        fileBase = site.config.basePath
        basePath = fileBase + (mirror == nil ? "" : Mirror.folder)
        language = mirror?.language ?? site.config.language
        self.origin = site.config.origin
        self.timeZone = site.config.timeZone
        self.honoreeSummaries = ValueMemo(count: site.honorees.count)
        self.columnRefs = ValueMemo(count: site.columns.count)
        self.tagRefs = ValueMemo(count: site.tags.count)
    }

    // MARK: URLs (paths under the site, without the base path, start without `/`)

    func url(_ relative: String) -> String { basePath + relative }
    func permalink(_ relative: String) -> String { origin + basePath + relative }
    /// Set when the site is assembled, from `url:` or the site's pattern (`permalinks:`).
    func articlePath(_ a: Article) -> String { a.path }
    func columnPath(_ t: Taxonomy) -> String { site.config.permalinks.column.path(slug: t.slug) }
    func tagPath(_ t: Taxonomy) -> String { site.config.permalinks.tag.path(slug: t.slug) }
    func pagePath(_ p: StandalonePage) -> String { p.path }

    /// A word of the build's own (a label, a default string): converted in the mirror.
    func text(_ s: String) -> String { mirror?.text(s) ?? s }

    /// `2023-09-01T14:07:00+08:00` in the site's time zone.
    func iso8601(_ d: Date) -> String { CivilTime(d, timeZone: timeZone).rfc3339 }

    // MARK: Values

    func taxonomy(_ t: Taxonomy, path: String) -> Value {
        .object(["name": .string(t.name), "slug": .string(t.slug), "url": .string(url(path)), "count": .int(t.articles.count)])
    }

    /// A column on its own page: `taxonomy` plus what its `_index.md` says (`description`, and
    /// `content`, its body as safe HTML, and `params`), empty when it has none.
    func column(_ t: Taxonomy, path: String) -> Value {
        guard case .object(var o) = taxonomy(t, path: path) else { return .nil }
        o["description"] = .string(t.index?.description ?? "")
        o["content"] = .safe(utf8: t.index?.htmlUTF8 ?? [])
        o["params"] = params(t.index?.params ?? [])
        return .object(o)
    }

    /// A column or tag as an article lists it: no count, so an article's page does not change
    /// when another article joins its tag.
    func taxonomyRef(_ t: Taxonomy, path: String) -> Value {
        .object(Object(Self.taxonomyRefLayout, [.string(t.name), .string(t.slug), .string(url(path))]))
    }

    static let taxonomyRefLayout = ObjectLayout(["name", "slug", "url"])

    /// An article's value, shared by its page and every list it is in.
    func article(_ i: Int) -> Value {
        // Field by field through the array, not `let a = site.articles[i]`: that copies the
        // whole article, a retain and a release for each of its twenty fields.
        let path = site.articles[i].path
        let date = site.articles[i].date
        let column: Value = site.columnOfArticle[i].map { c in
            columnRefs.value(c) { taxonomyRef(site.columns[c], path: columnPath(site.columns[c])) }
        } ?? .nil
        let tags: [Value] = site.tagsOfArticle[i].map { t in
            tagRefs.value(t) { taxonomyRef(site.tags[t], path: tagPath(site.tags[t])) }
        }
        return .object(Object(Self.articleLayout, [
            "article",
            .string(site.articles[i].title),
            .string(url(path)),
            .string(permalink(path)),
            .string(site.articles[i].slug),
            .string(iso8601(date)),
            .string(CivilTime(date, timeZone: timeZone).ymd),
            .array(site.articles[i].authors.map(Value.string)),
            .array(site.articles[i].editors.map(Value.string)),
            .string(site.articles[i].source),
            .string(site.articles[i].originalTitle),
            .string(site.articles[i].summary),
            column,
            .array(tags),
            site.articles[i].cover.map { .string(photoURL($0, from: site.articles[i].file)) } ?? .nil,
            image(site.articles[i].cover, from: site.articles[i].file, crop: SitePhotos.Crop.cover.name, alt: site.articles[i].coverAlt),
            image(site.articles[i].cover, from: site.articles[i].file, crop: SitePhotos.Crop.og.name, alt: site.articles[i].coverAlt),
            images(site.articles[i].cover, from: site.articles[i].file, alt: site.articles[i].coverAlt),
            .bool(site.articles[i].pinned),
            .bool(site.articles[i].featured),
            .bool(site.articles[i].scheduled),
            .safe(utf8: site.articles[i].htmlUTF8),
            .int(site.articles[i].characters),
            .array([]),
            site.articles[i].updated.map { .string(iso8601($0)) } ?? .nil,
            params(site.articles[i].params),
        ]))
    }

    /// The keys of `article(_:)`, in its order: `ArticleField`'s, whose facts say what each is made of.
    static let articleLayout = ObjectLayout(ArticleField.listed.map(\.key))

    /// A cover or image path as written in front matter: absolute URLs stay; `/x.jpg` is under
    /// the site's base path; a relative path is relative to the article's folder under content/.
    func resolveContentURL(_ raw: String, from file: String) -> String {
        if utf8Contains(raw, "://") || raw.hasPrefix("//") || raw.hasPrefix("data:") { return raw }
        if raw.hasPrefix("/") { return fileBase + raw.dropFirst() }
        let folder = contentFolder(of: file)
        return fileBase + (folder.isEmpty ? raw : folder + "/" + raw)
    }

    /// The path under content/ of an image front matter names (`cover`, `photo`), as
    /// `resolveContentURL` resolves it; what `SitePhotos` knows it by.
    func contentPath(of raw: String, from file: String) -> String {
        PhotoMarkup.contentPath(resolveContentURL(raw, from: file), basePath: fileBase)
    }

    /// An image front matter names, as its URL: for a photo of the site's, the URL of what
    /// stands for it (`SitePhotos.Published.main`), else as `resolveContentURL` resolves it.
    func photoURL(_ raw: String, from file: String) -> String {
        guard let main = site.photos[contentPath(of: raw, from: file)]?.main else { return resolveContentURL(raw, from: file) }
        return PhotoMarkup.href(fileBase + main)
    }

    /// A crop of a photo for templates, by the crop's name: `url` (its JPEG, or PNG, at 1×),
    /// `width`, `height`, `srcset` (JPEG or PNG), `webp_srcset` and `alt` (what it shows, in
    /// words: `cover_alt`, an honoree's name); nil when the image is no photo of the site's.
    func image(_ raw: String?, from file: String, crop: String, alt: String) -> Value {
        guard let raw, let copies = site.photos[contentPath(of: raw, from: file)]?.crops[crop] else { return .nil }
        return image(copies, alt: alt)
    }

    /// Every crop of a photo (covers: `cover`, `og`; honorees' photos: `portrait`; both: those
    /// site.yml's `image_sizes` names), by name, as `image` makes each; nil when the image is
    /// no photo of the site's.
    func images(_ raw: String?, from file: String, alt: String) -> Value {
        guard let raw, let crops = site.photos[contentPath(of: raw, from: file)]?.crops else { return .nil }
        return .object(Object(crops.sorted { $0.key < $1.key }.map { ($0.key, image($0.value, alt: alt)) }))
    }

    private func image(_ copies: [SitePhotos.Copy], alt: String) -> Value {
        guard let first = copies.first else { return .nil }
        let fallback = PhotoMarkup.srcset(copies, \.fallback, basePath: fileBase)
        let webp = PhotoMarkup.srcset(copies, \.webp, basePath: fileBase)
        let url = PhotoMarkup.href(fileBase + first.fallback)
        return .object(Object(Self.imageLayout, [.string(url), .string(origin + url), .int(first.width),
                                                 .int(first.height), .string(fallback), .string(webp), .string(alt)]))
    }

    static let imageLayout = ObjectLayout(["url", "permalink", "width", "height", "srcset", "webp_srcset", "alt"])

    func page(_ p: StandalonePage) -> Value {
        let path = pagePath(p)
        return .object(["kind": "page", "title": .string(p.title), "url": .string(url(path)), "permalink": .string(permalink(path)),
                        "summary": .string(p.summary), "content": .safe(utf8: p.htmlUTF8),
                        "date": p.date.map { .string(iso8601($0)) } ?? .nil,
                        "updated": p.updated.map { .string(iso8601($0)) } ?? .nil, "params": params(p.params),
                        "withdrawn": .bool(p.withdrawn)])
    }

    /// A page without content of its own (lists, 404): kind, title, url.
    func listPage(kind: String, title: String, path: String) -> Value {
        .object(Object(Self.listPageLayout, [.string(kind), .string(title), .string(url(path)), .string(permalink(path))]))
    }

    static let listPageLayout = ObjectLayout(["kind", "title", "url", "permalink"])

    static let defaultStrings: [(String, String)] = [
        ("home", "首页"), ("latest", "最新文章"), ("columns", "栏目"), ("tags", "标签"), ("all_tags", "全部标签"),
        ("honors", "荣誉榜"), ("source", "来源"), ("author", "作者"), ("editor", "责编"), ("original_title", "原标题"),
        ("published", "发布时间"), ("previous", "上一篇"), ("next", "下一篇"), ("newer", "上一页"), ("older", "下一页"),
        ("page_n", "第 %d 页"), ("not_found", "页面不存在"), ("not_found_text", "您访问的页面不存在或已被移除。"),
        ("back_home", "返回首页"), ("read_more", "阅读全文"), ("articles_count", "篇文章"), ("feed", "订阅"),
        ("no_articles", "暂无文章"), ("related_honorees", "文中人物"), ("characters", "字"),
        ("skip_to_content", "跳到正文"), ("generated_by", "由 unionsite 生成"), ("pagination", "分页"),
        ("tag_honorees", "相关人物和集体"), ("updated", "更新于"), ("footnote_back", "返回正文"),
        ("pinned", "置顶"), ("scheduled", "定时发布：本文将于 %s 发布，正式网站在此之前不显示。"), ("withdrawn", "此文已撤稿"),
    ]

    /// `site`: the settings, and the site's lists (`SiteValues`).
    func siteValue(buildYear: Int, lists: SiteValues) -> Value {
        let c = site.config
        var strings = Object(Self.defaultStrings.map { ($0.0, Value.string(text($0.1))) })
        for (k, v) in c.strings { strings[k] = .string(v) }
        // In the mirror, a menu item for a page leads to the mirror's; one for a file, to the file.
        let menus: [Value] = c.menus.map { m in
            let u = m.url.hasPrefix("/") && !m.url.hasPrefix("//") ? fileBase + m.url.dropFirst() : m.url
            return .object(["name": .string(m.name), "url": .string(mirror?.link(u) ?? u)])
        }
        return .object([
            "title": .string(c.title), "description": .string(c.description), "language": .string(language),
            "base_url": .string(c.baseURL), "base_path": .string(basePath), "root_path": .string(fileBase),
            "menus": .array(menus),
            "columns": lists.columns, "articles": lists.articles, "tags": lists.tags, "honorees": lists.honorees,
            "honors": lists.honors, "pages": lists.pages, "data": lists.data,
            "strings": .object(strings),
            "copyright": .string(c.copyright.isEmpty ? c.title : c.copyright),
            "year": .int(buildYear),
            "feed_url": .string(url("feed.xml")), "sitemap_url": .string(fileBase + "sitemap.xml"),
            // The footer's facts and the home page's column blocks (site.yml); the 公安备案 query
            // link takes the record's digits alone (`?code=`).
            "organizer": .string(c.organizer), "address": .string(c.address), "phone": .string(c.phone),
            "icp": .string(c.icp), "police_record": .string(c.policeRecord),
            "police_record_code": .string(String(c.policeRecord.filter { $0.isASCII && $0.isNumber })),
            "home_columns": .int(c.homeColumns),
            "search": .bool(c.search),
        ])
    }
}
