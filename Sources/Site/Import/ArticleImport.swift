import Foundation
import FrontMatter
import HTML

/// `unionsite import`: a pasted text or a saved news page made an article of the site,
/// through `ArticleCleaner`, written as `new` writes one (named by its title's slug, in its
/// year's folder, never over a file) unless the site has it already (same title and day).
public enum ArticleImport {
    /// What importing one file did, for the editor to check.
    public struct Outcome: Sendable {
        /// The file written (under the site's folder), or nil with `dryRun`, or for a duplicate.
        public var written: String?
        /// The article as Markdown with front matter.
        public var markdown: String
        /// Lines for the report: the fields found, then every line removed and why.
        public var report: [String]
        /// The article the site already has, when it is one (nothing written).
        public var duplicateOf: String?
    }

    /// The site a batch of files is imported into: its settings and the articles it has (by
    /// title and day), read once for the batch and kept up to date as articles are written.
    public final class Destination {
        let root: URL
        /// Its time zone and slug style; a site.yml with errors is the build's to report.
        let config: SiteConfig
        private var known: [String: String]?

        public init(_ root: URL) throws(SiteStarter.Refusal) {
            if let refusal = SiteStarter.notASite(root) { throw refusal }
            self.root = root
            config = SiteBuilder(root: root).loadConfig().0
        }

        /// The article of the site with this title on this day (`2024-03-01`), if there is one.
        func article(titled title: String, on day: String) -> String? {
            if known == nil { known = Self.articles(in: root) }
            return known?[title + "\u{0}" + day]
        }

        func add(_ path: String, titled title: String, on day: String) {
            known?[title + "\u{0}" + day] = path
        }

        /// Every article under content/news by its title and day.
        private static func articles(in root: URL) -> [String: String] {
            var found: [String: String] = [:]
            let news = root.appendingPathComponent("content/news")
            for case let path as String in FileManager.default.enumerator(atPath: news.path)?.allObjects ?? [] where path.hasSuffix(".md") {
                guard let data = FileManager.default.contents(atPath: news.appendingPathComponent(path).path),
                      let raw = FrontMatter.parse(String(decoding: data, as: UTF8.self)).frontMatter else { continue }
                let m = raw.normalized(with: .article).mapping
                guard case .scalar(let t)? = m["title"], case .scalar(let d)? = m["date"],
                      let day = ArticleCleaner.dateIn(d.text).map({ String($0.prefix(10)) }) else { continue }
                found[t.text + "\u{0}" + day] = found[t.text + "\u{0}" + day] ?? "content/news/" + path
            }
            return found
        }
    }

    /// Imports `data` (the bytes of `name`, a file or `-`) into the site at `root`; with
    /// `dryRun`, writes nothing. `now`: the date when the text gives none.
    public static func run(_ data: Data, name: String, into root: URL, dryRun: Bool, now: Date = Date()) throws(SiteStarter.Refusal) -> Outcome {
        try run(data, name: name, into: Destination(root), dryRun: dryRun, now: now)
    }

    /// `run` into a destination a batch shares.
    public static func run(_ data: Data, name: String, into site: Destination, dryRun: Bool, now: Date = Date()) throws(SiteStarter.Refusal) -> Outcome {
        guard let (text, encoding) = ImportDecoding.decode(data) else {
            throw SiteStarter.Refusal(description: "\(name): cannot read the text: expected UTF-8, GB18030 (GBK) or Big5; save it again as UTF-8")
        }
        let head = text.prefix(2000).lowercased()
        let isHTML = head.contains("<html") || head.contains("<body") || head.contains("<!doctype") || head.contains("<div") || head.contains("<p>")
        // A saved page: its text as a browser shows it, lists, tables and pictures as Markdown.
        var page = text
        if isHTML {
            var bytes = Array(text.utf8)
            page = bytes.withUnsafeMutableBufferPointer { b in PageText.lines(utf8: UnsafeBufferPointer(b)) }.joined(separator: "\n")
        }
        let config = site.config
        if !isHTML, text.hasPrefix("---\n") || text.hasPrefix("---\r\n") || text.hasPrefix("+++") {
            return try markdownArticle(text, name: name, into: site, dryRun: dryRun, config: config, now: now)
        }
        let a = ArticleCleaner.clean(page)
        guard !a.title.isEmpty else {
            let words = a.blocks.isEmpty ? "the text is empty once the page's furniture is removed" : "no title found: expected the title on a line of its own, before the text"
            throw SiteStarter.Refusal(description: "\(name): \(words)" + (a.removed.isEmpty ? "" : " (\(a.removed.count) lines removed)"))
        }
        guard !a.blocks.isEmpty else {
            throw SiteStarter.Refusal(description: "\(name): the article has a title (\(a.title)) but no text: expected paragraphs after it")
        }
        var report = ["read as \(encoding)\(isHTML ? ", an HTML page" : "")", "title: \(a.title)"]
        let time = CivilTime(now, timeZone: config.timeZone)
        let today = String(format: "%04d-%02d-%02d", time.year, time.month, time.day)
        let date = a.date ?? today
        report.append(a.date.map { "date: \($0)" } ?? "date: not found: today's (\(today)) written, change it")
        var lines = ["title: " + NewContent.yaml(a.title), "date: " + date]
        func field(_ key: String, _ value: String) {
            guard !value.isEmpty else { return }
            lines.append("\(key): " + NewContent.yaml(value))
            report.append("\(key): \(value)")
        }
        func list(_ key: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            lines.append("\(key): " + (values.count == 1 ? NewContent.yaml(values[0]) : "[" + values.map { NewContent.yaml($0, flow: true) }.joined(separator: ", ") + "]"))
            report.append("\(key): \(values.joined(separator: ", "))")
        }
        field("original_title", a.originalTitle)
        field("source", a.source)
        list("author", a.authors)
        list("editor", a.editors)
        field("column", a.column)
        field("summary", a.summary)
        let markdown = "---\n" + lines.joined(separator: "\n") + "\n---\n\n" + a.blocks.joined(separator: "\n\n") + "\n"
        report.append("removed \(a.removed.count) lines:")
        report += a.removed.map { "  \($0.line): \(String($0.text.prefix(40)))\($0.text.count > 40 ? "…" : "") (\($0.why))" }
        let images = a.blocks.filter { $0.contains("![") }.count
        if images > 0 {
            report.append("\(images) images point at the page's own addresses: save them next to the article and change the addresses (the build warns about each one until then)")
        }
        if !a.damaged.isEmpty {
            report.append("check \(a.damaged.count) paragraphs whose words look damaged (a ? inside Chinese, a broken pinyin gloss), at lines \(a.damaged.map(String.init).joined(separator: ", "))")
        }
        if !a.pinyin.isEmpty {
            report.append("removed \(a.pinyin.count) pinyin glosses a converter glued on: \(a.pinyin.prefix(5).joined(separator: " "))\(a.pinyin.count > 5 ? " …" : "")")
        }
        return try write(markdown, title: a.title, date: date, report: report, into: site, dryRun: dryRun, config: config)
    }

    /// A Markdown file that is an article already (front matter with a title): taken as it is,
    /// with today's date when it has none.
    static func markdownArticle(_ text: String, name: String, into site: Destination, dryRun: Bool, config: SiteConfig, now: Date) throws(SiteStarter.Refusal) -> Outcome {
        let doc = FrontMatter.parse(text)
        guard let raw = doc.frontMatter, doc.errors.isEmpty else {
            let why = doc.errors.first.map { "line \($0.location.line): \($0.message)" } ?? "no front matter"
            throw SiteStarter.Refusal(description: "\(name): a Markdown file whose front matter cannot be read (\(why)): expected `---`, `title: …`, `date: …`, `---`")
        }
        let m = raw.normalized(with: .article).mapping
        guard case .scalar(let title)? = m["title"], !title.text.isEmpty else {
            throw SiteStarter.Refusal(description: "\(name): no title found: expected `title: …` in its front matter")
        }
        var markdown = text
        var report = ["read as a Markdown article", "title: \(title.text)"]
        let date: String
        if case .scalar(let d)? = m["date"], let day = ArticleCleaner.dateIn(d.text) {
            date = day
            report.append("date: \(d.text)")
        } else if text.hasPrefix("+++") {
            throw SiteStarter.Refusal(description: "\(name): no date in its front matter: expected `date = 2024-03-01` between the `+++` lines")
        } else {
            let t = CivilTime(now, timeZone: config.timeZone)
            date = String(format: "%04d-%02d-%02d", t.year, t.month, t.day)
            markdown = "---\ndate: \(date)\n" + markdown.drop { $0 != "\n" }.dropFirst()
            report.append("date: not found: today's (\(date)) written, change it")
        }
        return try write(markdown, title: title.text, date: date, report: report, into: site, dryRun: dryRun, config: config)
    }

    /// Writes `markdown` as the article `title` of `date` (`2024-03-01 …`), unless the site has it.
    static func write(_ markdown: String, title: String, date: String, report: [String], into site: Destination, dryRun: Bool,
                      config: SiteConfig) throws(SiteStarter.Refusal) -> Outcome {
        let day = String(date.prefix(10))
        if let existing = site.article(titled: title, on: day) {
            return Outcome(written: nil, markdown: markdown, report: report, duplicateOf: existing)
        }
        guard !dryRun else { return Outcome(written: nil, markdown: markdown, report: report, duplicateOf: nil) }
        let stem = { let s = Slugger(style: config.slugStyle).slug(title); return s.isEmpty ? "imported" : s }()
        let folder = "content/news/\(date.prefix(4))"
        let path = try NewFile.createNumbered(in: site.root, folder: folder, stem: stem, Array(markdown.utf8))
        site.add(path, titled: title, on: day)
        return Outcome(written: path, markdown: markdown, report: report, duplicateOf: nil)
    }
}
