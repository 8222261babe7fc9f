import Foundation

/// `unionsite new`: a new article, honoree or page, its front matter filled in, at the path the
/// site's layout gives it (named by the title's slug, as its URL is); never over a file already
/// there: the same title again gets `-2`, `-3` ….
public enum NewContent {
    /// What to make.
    public enum Kind: Sendable {
        /// An article in content/news/<year>/, dated now in the site's time zone.
        case article(column: String?, tags: [String])
        /// An honoree in content/honorees/ (a person, or a collective), with an honor's title
        /// (nil: a placeholder to replace, since an honoree needs one to build).
        case honoree(collective: Bool, honor: String?)
        /// A standalone page in content/pages/.
        case page
    }

    /// Writes the new file into the site at `root`; returns its path under the site's folder.
    /// `now`: the article's date (the tests' clock).
    public static func write(_ kind: Kind, title raw: String, in root: URL, now: Date = Date()) throws(SiteStarter.Refusal) -> String {
        if let refusal = SiteStarter.notASite(root) { throw refusal }
        let title = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, !title.contains("\n") else {
            throw SiteStarter.Refusal(description: "the title is empty or more than one line: expected one line, e.g. `unionsite new article 县总工会召开第十届委员会`")
        }
        let (config, diagnostics, _) = SiteBuilder(root: root).loadConfig()
        if let error = diagnostics.first(where: { $0.severity == .error }) {
            throw SiteStarter.Refusal(description: error.description + "\n(fix site.yml first: `new` reads its time zone and slug style)")
        }
        let slug = Slugger(style: config.slugStyle).slug(title)
        let stem = slug.isEmpty ? "untitled" : slug
        let folder: String, text: String
        switch kind {
        case .article(let column, let tags):
            let time = CivilTime(now, timeZone: config.timeZone)
            folder = "content/news/\(time.year)"
            var lines = ["title: " + yaml(title), "date: " + String(format: "%04d-%02d-%02d %02d:%02d", time.year, time.month, time.day, time.hour, time.minute)]
            if let column, !column.isEmpty { lines.append("column: " + yaml(column)) }
            if !tags.isEmpty { lines.append("tags: [" + tags.map { yaml($0, flow: true) }.joined(separator: ", ") + "]") }
            lines += ["# source: 来源", "# author: 作者", "# cover: 封面照片.jpg"]
            text = "---\n" + lines.joined(separator: "\n") + "\n---\n\n"
        case .honoree(let collective, let honor):
            folder = "content/honorees"
            text = """
            ---
            name: \(yaml(title))
            kind: \(collective ? "collective" : "person")   # person 个人 / collective 集体
            # unit: 单位
            # position: 职务
            # region: 地区
            # photo: 照片.jpg
            honors:
              - title: \(honor.map { yaml($0) } ?? "荣誉称号（请改为所获称号）")
                # year: \(CivilTime(now, timeZone: config.timeZone).year)
                level: county   # national 全国 / provincial 省 / municipal 市 / county 县
            ---


            """
        case .page:
            folder = "content/pages"
            text = "---\ntitle: \(yaml(title))\n---\n\n"
        }
        return try NewFile.createNumbered(in: root, folder: folder, stem: stem, Array(text.utf8))
    }

    /// `s` as a YAML value on one line: as it is when YAML reads it back unchanged, else quoted.
    /// `flow`: an item of a `[a, b]` list, where commas and brackets end it.
    static func yaml(_ s: String, flow: Bool = false) -> String {
        let special: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`"]
        let words: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~"]
        // A `#` after any blank starts a comment, a control character (a tab) is no plain text:
        // quoted whenever either is there at all.
        let plain = !s.isEmpty && s.first.map { !special.contains($0) && !$0.isWhitespace } == true
            && s.last?.isWhitespace == false && !s.contains(": ") && !s.contains(":\t") && !s.contains("#") && !s.hasSuffix(":")
            && !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            && (!flow || !s.contains(where: { ",[]{}".contains($0) })) && !words.contains(s.lowercased()) && Double(s) == nil
        guard !plain else { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\t", with: "\\t") + "\""
    }
}
