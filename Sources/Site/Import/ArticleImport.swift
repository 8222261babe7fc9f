import Foundation
import FrontMatter

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

    /// Imports `data` (the bytes of `name`, a file or `-`) into the site at `root`; with
    /// `dryRun`, writes nothing. `now`: the date when the text gives none.
    public static func run(_ data: Data, name: String, into root: URL, dryRun: Bool, now: Date = Date()) throws(SiteStarter.Refusal) -> Outcome {
        let fm = FileManager.default
        guard fm.fileExists(atPath: root.appendingPathComponent("site.yml").path) || fm.fileExists(atPath: root.appendingPathComponent("content").path) else {
            throw SiteStarter.Refusal(description: "no unionsite site here (no site.yml, no content/ in \(root.path)): expected a site's folder; run `unionsite init DIR` to start one, or give --source DIR")
        }
        guard let (text, encoding) = ImportDecoding.decode(data) else {
            throw SiteStarter.Refusal(description: "\(name): cannot read the text: expected UTF-8, GB18030 (GBK) or Big5; save it again as UTF-8")
        }
        let head = text.prefix(2000).lowercased()
        if head.contains("<html") || head.contains("<body") || head.contains("<!doctype") || head.contains("<div") || head.contains("<p>") {
            throw SiteStarter.Refusal(description: "\(name): a saved HTML page: not imported yet (HTML import is being built); expected a text file: open the page, select the article, copy it and paste it into a .txt file")
        }
        var config = SiteConfig()
        if let site = fm.contents(atPath: root.appendingPathComponent("site.yml").path) {
            config = SiteConfig.load(text: String(decoding: site, as: UTF8.self), file: "site.yml").0
        }
        let a = ArticleCleaner.clean(text)
        guard !a.title.isEmpty else {
            let words = a.blocks.isEmpty ? "the text is empty once the page's furniture is removed" : "no title found: expected the title on a line of its own, before the text"
            throw SiteStarter.Refusal(description: "\(name): \(words)" + (a.removed.isEmpty ? "" : " (\(a.removed.count) lines removed)"))
        }
        guard !a.blocks.isEmpty else {
            throw SiteStarter.Refusal(description: "\(name): the article has a title (\(a.title)) but no text: expected paragraphs after it")
        }
        var report = ["read as \(encoding)", "title: \(a.title)"]
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
        if !a.damaged.isEmpty {
            report.append("check \(a.damaged.count) paragraphs whose words look damaged (a ? inside Chinese, a broken pinyin gloss), at lines \(a.damaged.map(String.init).joined(separator: ", "))")
        }
        if !a.pinyin.isEmpty {
            report.append("removed \(a.pinyin.count) pinyin glosses a converter glued on: \(a.pinyin.prefix(5).joined(separator: " "))\(a.pinyin.count > 5 ? " …" : "")")
        }
        if let existing = duplicate(of: a.title, day: String(date.prefix(10)), in: root) {
            return Outcome(written: nil, markdown: markdown, report: report, duplicateOf: existing)
        }
        guard !dryRun else { return Outcome(written: nil, markdown: markdown, report: report, duplicateOf: nil) }
        let stem = { let s = Slugger(style: config.slugStyle).slug(a.title); return s.isEmpty ? "imported" : s }()
        let folder = "content/news/\(date.prefix(4))"
        for n in 1 ... 1000 {
            let path = folder + "/" + stem + (n == 1 ? "" : "-\(n)") + ".md"
            do {
                if try NewFile.create(root.appendingPathComponent(path).path, Array(markdown.utf8)) {
                    return Outcome(written: path, markdown: markdown, report: report, duplicateOf: nil)
                }
            } catch {
                throw SiteStarter.Refusal(description: error.description)
            }
        }
        throw SiteStarter.Refusal(description: "\(folder)/\(stem).md and 999 more of that name are already there")
    }

    /// The article of the site with this title on this day (`2024-03-01`), if there is one.
    static func duplicate(of title: String, day: String, in root: URL) -> String? {
        let news = root.appendingPathComponent("content/news")
        for case let path as String in FileManager.default.enumerator(atPath: news.path)?.allObjects ?? [] where path.hasSuffix(".md") {
            guard let data = FileManager.default.contents(atPath: news.appendingPathComponent(path).path) else { continue }
            let doc = FrontMatter.parse(String(decoding: data, as: UTF8.self))
            guard let raw = doc.frontMatter else { continue }
            let m = raw.normalized(with: .article).mapping
            guard case .scalar(let t)? = m["title"], t.text == title, case .scalar(let d)? = m["date"] else { continue }
            if ArticleCleaner.dateIn(d.text).map({ String($0.prefix(10)) }) == day { return "content/news/" + path }
        }
        return nil
    }
}
