import Foundation
import FrontMatter
import Markdown

/// Reading one article or page file: front matter → typed fields, body → HTML.
///
/// `basePath` is `config.basePath`, passed in because it parses `baseURL` on every access.
extension SiteBuilder {
    func readArticle(text: String, file: String, config: SiteConfig, basePath: String, linker: HonoreeLinker? = nil) -> (Article?, [Diagnostic]) {
        var f = Fields(file: file, source: text)
        guard let (doc, m) = f.frontMatter(of: text, schema: .article, expecting: "`title: …` and `date: …`") else {
            return (nil, f.diagnostics)
        }
        var article = Article(file: file, title: "", date: Date(timeIntervalSince1970: 0))
        if let t = f.string(m["title"], key: "title"), !isBlank(t) {
            article.title = t
        } else if m["title"] == nil || m["title"]?.isNull == true {
            f.missing("missing `title` (标题): every article needs one, e.g. `title: 劳模风采`", at: m["title"]?.location ?? SourceLocation(line: 1, column: 1))
        }
        let hasDate = readDate(m["date"], into: &article, fields: &f, timeZone: config.timeZone)
        if let (u, node, key) = f.updatedDate(m, timeZone: config.timeZone) {
            article.updated = u
            if hasDate, u < article.date {
                let ymd = { CivilTime($0, timeZone: config.timeZone).ymd }
                f.warning("`\(key)` (\(ymd(u))) is before `date` (\(ymd(article.date))): an article is updated after it is published; check both dates",
                          at: node.location)
            }
        }
        article.authors = f.strings(m["author"], key: "author")
        article.editors = f.strings(m["editor"], key: "editor")
        article.source = f.string(m["source"], key: "source") ?? ""
        if case .list = m["column"] {
            // One story in two columns (`column: [A, B]`): listed in each, at the first's URL.
            let columns = f.strings(m["column"], key: "column").filter { !isBlank($0) }
            article.column = columns.first
            article.moreColumns = Array(columns.dropFirst())
        } else {
            article.column = f.string(m["column"], key: "column").flatMap { $0.isEmpty ? nil : $0 }
        }
        article.tags = f.strings(m["tags"], key: "tags")
        // Hugo's and Jekyll's `categories`: the first is the column when none is given, the rest are tags.
        var categories = f.strings(m["categories"], key: "categories").filter { !isBlank($0) }[...]
        if article.column == nil, let first = categories.first {
            article.column = first
            categories = categories.dropFirst()
        }
        for c in categories where !article.tags.contains(c) { article.tags.append(c) }
        (article.explicitSlug, article.slugSpot) = f.slug(m["slug"])
        if let (path, spot) = f.sitePath(m["url"], key: "url") { (article.url, article.urlSpot) = (path, spot) }
        for (path, spot) in f.sitePaths(m["aliases"], key: "aliases") { article.aliases.append(path); article.aliasSpots.append(spot) }
        article.draft = f.bool(m["draft"], key: "draft") ?? false
        article.featured = f.bool(m["featured"], key: "featured") ?? false
        if let node = m["pinned"], !node.isNull {
            // `true` / `false` (是 / 否), or the date it stops leading the lists.
            if case .scalar(let s) = node, ["true", "yes", "是", "真", "false", "no", "否", "假"].contains(s.text.lowercased()) {
                article.pinnedUntil = (f.bool(node, key: "pinned") ?? false) ? .distantFuture : nil
            } else {
                article.pinnedUntil = f.date(node, key: "pinned", timeZone: config.timeZone)
            }
        }
        if let node = m["expires"] { article.expires = f.date(node, key: "expires", timeZone: config.timeZone) }
        article.cover = f.string(m["cover"], key: "cover")
        article.coverAlt = f.string(m["cover_alt"], key: "cover_alt") ?? ""
        article.originalTitle = f.string(m["original_title"], key: "original_title") ?? ""
        article.params = Param.entries(of: m, unknown: f.unknownKeys, timeZone: config.timeZone)

        // Written in Traditional characters: shown in Simplified ones (`ScriptConverter.simplifying`).
        let simplify = ScriptConverter.simplifying(text, m, fields: &f, config: config)
        if let simplify {
            var fields = [article.title, article.column ?? "", article.source, article.originalTitle, article.coverAlt]
            fields = simplify.convert(fields + article.tags + article.authors + article.editors + article.moreColumns)
            article.moreColumns = Array(fields.suffix(article.moreColumns.count))
            fields.removeLast(article.moreColumns.count)
            (article.title, article.source, article.originalTitle, article.coverAlt) = (fields[0], fields[2], fields[3], fields[4])
            if article.column != nil { article.column = fields[1] }
            var rest = fields.dropFirst(5)
            article.tags = Array(rest.prefix(article.tags.count))
            rest = rest.dropFirst(article.tags.count)
            article.authors = Array(rest.prefix(article.authors.count))
            article.editors = Array(rest.dropFirst(article.authors.count))
        }
        let md = renderMarkdown(String(doc.body), options: config.markdownOptions(firstLine: doc.bodyLine),
                                linker: linker, rewriteURL: sourceRelative(file: file, basePath: basePath),
                                convertText: simplify.map { c in { c.convert(utf8: $0) } })
        if let linker {
            // Linked mentions, plus names that only appear where nothing is linked (the title, headings).
            var mentioned = linker.mentioned
            let unlinked = ([article.title] + md.headings.map(\.text)).joined(separator: "\n")
            for m in linker.matcher.matches(in: unlinked) where !mentioned.contains(m.honoree) {
                mentioned.append(m.honoree)
            }
            article.mentions = mentioned
        }
        article.htmlUTF8 = md.htmlUTF8
        article.contentHash = Fingerprint.of(bytes: md.htmlUTF8)
        article.references = references(md)
        // The cover is checked as the body's images are: a cover not there is a gap on every list.
        if let cover = article.cover, let node = m["cover"] {
            article.references.append(Reference(destination: cover, line: node.location.line, column: node.location.column, isImage: true))
        }
        article.plainTextUTF8 = md.plainTextUTF8
        article.characters = md.characterCount
        f.warnings(md.notices)
        article.summary = f.givenSummary(m).map { simplify?.convert($0) ?? $0 } ?? summary(of: md)
        if f.diagnostics.contains(where: { $0.severity == .error }) { return (nil, f.diagnostics) }
        article.sourceFacts = SiteFacts.sourceHashes(of: article)
        return (article, f.diagnostics)
    }

    func readPage(text: String, file: String, config: SiteConfig, basePath: String) -> (StandalonePage?, [Diagnostic]) {
        var f = Fields(file: file, source: text)
        let doc = FrontMatter.parse(text)
        for e in doc.errors { f.error(e.message, at: e.location) }
        f.frontMatterBroken = !doc.errors.isEmpty
        let m = doc.frontMatter.map { f.normalize($0, schema: .article) } ?? Mapping()
        var page = StandalonePage(file: file, title: "")
        if let t = f.string(m["title"], key: "title"), !t.isEmpty { page.title = t } else {
            f.missing("missing `title` (标题): every page needs one, e.g. `title: 关于我们`", at: m["title"]?.location ?? SourceLocation(line: 1, column: 1))
        }
        (page.explicitSlug, page.slugSpot) = f.slug(m["slug"])
        if let (path, spot) = f.sitePath(m["url"], key: "url") { (page.url, page.urlSpot) = (path, spot) }
        for (path, spot) in f.sitePaths(m["aliases"], key: "aliases") { page.aliases.append(path); page.aliasSpots.append(spot) }
        page.draft = f.bool(m["draft"], key: "draft") ?? false
        if let node = m["date"] { page.date = f.date(node, key: "date", timeZone: config.timeZone) }
        page.updated = f.updatedDate(m, timeZone: config.timeZone)?.date
        let simplify = ScriptConverter.simplifying(text, m, fields: &f, config: config)
        if let simplify { page.title = simplify.convert(page.title) }
        let md = renderMarkdown(String(doc.body), options: config.markdownOptions(firstLine: doc.bodyLine),
                                rewriteURL: sourceRelative(file: file, basePath: basePath), convertText: simplify.map { c in { c.convert(utf8: $0) } })
        page.htmlUTF8 = md.htmlUTF8
        page.plainTextUTF8 = md.plainTextUTF8
        page.references = references(md)
        f.warnings(md.notices)
        page.summary = f.givenSummary(m).map { simplify?.convert($0) ?? $0 } ?? summary(of: md)
        page.params = Param.entries(of: m, unknown: f.unknownKeys, timeZone: config.timeZone)
        if f.diagnostics.contains(where: { $0.severity == .error }) { return (nil, f.diagnostics) }
        return (page, f.diagnostics)
    }
}

extension SiteBuilder {
    /// The article's date: from `date:`, or, when that is missing or empty, from a Jekyll file
    /// name (`2019-04-04-x.md`), whose rest (`x`) the slug is then made from unless `slug:` gives it. False
    /// (after an error) when there is none.
    private func readDate(_ node: Node?, into article: inout Article, fields f: inout Fields, timeZone: TimeZone) -> Bool {
        if let node, !node.isEmptyValue {
            guard let d = f.date(node, key: "date", timeZone: timeZone) else { return false }
            article.date = d
            return true
        }
        let name = JekyllName(file: article.file)
        if let date = name?.date {
            article.date = date.date(in: timeZone)
            article.nameSlug = name?.slug
            return true
        }
        let at = node?.location ?? SourceLocation(line: 1, column: 1)
        if let name, let reason = name.invalidReason {
            f.missing("the file name starts with `\(name.datePart)`, which is not a date (\(reason)), and there is no `date` (日期): "
                    + "name the file like `2023-09-01-标题.md` or add `date: 2023-09-01`", at: at)
        } else if let node, node.isNull {
            _ = f.date(node, key: "date", timeZone: timeZone)
        } else {
            f.missing("missing `date` (日期): every article needs one, e.g. `date: 2023-09-01` or `date: 2023年9月1日`, "
                    + "or a file name that starts with it, e.g. `2023-09-01-标题.md`", at: at)
        }
        return false
    }
}

/// A file name in Jekyll's form, `YYYY-MM-DD-rest.md`: the date it starts with (nil when the
/// numbers are no date, with the reason) and the slug the rest gives.
struct JekyllName {
    /// `2019-04-04` as written.
    var datePart: Substring
    var date: LocalDateTime?
    var invalidReason: String?
    /// The rest of the name without its extension; nil when nothing is left.
    var slug: String?

    /// Nil for a name not of the form (four digits, `-`, one or two digits, `-`, one or two digits, `-`, a rest).
    init?(file: String) {
        let name = file.split(separator: "/").last ?? Substring(file)
        let stem = name.lastIndex(of: ".").map { name[..<$0] } ?? name
        let parts = stem.split(separator: "-", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts[0...2].allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }), !parts[3].isEmpty else { return nil }
        datePart = stem[parts[0].startIndex..<parts[2].endIndex]
        switch DateParser.parse(String(datePart)) {
        case .success(let d): date = d
        case .failure(let e): invalidReason = e.reason ?? "expected year-month-day"
        }
        let rest = trimmingBlanks(String(parts[3]))
        slug = rest.isEmpty ? nil : rest
    }
}

/// Resolves relative link and image addresses in a Markdown file against the file's folder
/// under content/ (where its images sit, and where they are copied to), as editors expect:
/// `![](photo.jpg)` in content/news/2023/a.md is /news/2023/photo.jpg. Addresses with a scheme,
/// root-relative ones and bare fragments are left alone.
func sourceRelative(file: String, basePath: String) -> (String) -> String? {
    let base = contentFolder(of: file) + "/"
    return { destination in
        let d = trimmingBlanks(destination)
        guard !d.isEmpty, !d.hasPrefix("/"), !d.hasPrefix("#"), !d.hasPrefix("?"), !d.utf8.contains(UInt8(ascii: ":")) else { return nil }
        var rest = Substring(d)
        var suffix = ""
        if let cut = rest.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(rest[cut...])
            rest = rest[..<cut]
        }
        let resolved = resolvedSegments((base + rest).split(separator: "/"))
        return basePath + resolved + (rest.hasSuffix("/") ? "/" : "") + suffix
    }
}

func references(_ md: RenderedMarkdown) -> [Reference] {
    md.links.map { Reference(destination: $0.destination, line: $0.line, column: $0.column, isImage: false) }
        + md.images.map { Reference(destination: $0.destination, line: $0.line, column: $0.column, isImage: true, hasAlt: $0.hasAlt) }
}

/// The first ~120 characters of the text, cut after the last sentence end (。！？!?) in the
/// second half when there is one, else with "…". Lines are joined with a space. Works on
/// scalars and stops at the limit: Chinese characters are single scalars, and breaking a
/// whole article into grapheme clusters cost more than rendering its Markdown. The scalars are
/// copied as UTF-8 bytes: appending them to a String one by one cost an append's bookkeeping each.
func summarize(_ text: String, limit: Int = 120) -> String {
    var text = text
    return text.withUTF8 { summarize(utf8: $0, limit: limit) }
}

/// `summarize` of valid UTF-8 text.
func summarize(utf8 text: [UInt8], limit: Int = 120) -> String {
    text.withUnsafeBufferPointer { summarize(utf8: $0, limit: limit) }
}

private func summarize(utf8: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(min(utf8.count, limit * 4))
    var count = 0
    var pendingSpace = false
    var lastSentenceEnd: (length: Int, count: Int)?
    var truncated = false
    var index = 0
    while index < utf8.count {
        let lead = utf8[index]
        let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        let end = min(index + width, utf8.count)
        defer { index = end }
        if lead == 0x0A || lead == 0x0D {
            pendingSpace = !out.isEmpty
            continue
        }
        if pendingSpace {
            pendingSpace = false
            if count == limit { truncated = true; break }
            out.append(0x20)
            count += 1
        }
        if count == limit { truncated = true; break }
        let scalar = UnsafeBufferPointer(rebasing: utf8[index..<end])
        out.append(contentsOf: scalar)
        count += 1
        if isSentenceEnd(scalar) { lastSentenceEnd = (out.count, count) }
    }
    guard truncated else { return String(decoding: out, as: UTF8.self) }
    if let end = lastSentenceEnd, end.count >= limit / 2 { return String(decoding: out[..<end.length], as: UTF8.self) }
    return String(decoding: out, as: UTF8.self) + "…"
}

/// Whether one scalar's UTF-8 is 。, ！, ？, ! or ?.
private func isSentenceEnd(_ scalar: UnsafeBufferPointer<UInt8>) -> Bool {
    switch scalar.count {
    case 1: return scalar[0] == 0x21 || scalar[0] == 0x3F
    case 3:
        return (scalar[0] == 0xE3 && scalar[1] == 0x80 && scalar[2] == 0x82)  // 。U+3002
            || (scalar[0] == 0xEF && scalar[1] == 0xBC && (scalar[2] == 0x81 || scalar[2] == 0x9F))  // ！U+FF01, ？U+FF1F
    default: return false
    }
}
