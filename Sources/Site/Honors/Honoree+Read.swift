import Foundation
import FrontMatter
import Markdown

extension SiteBuilder {
    /// Reads one honoree file: front matter with `name` and at least one honor, body = deeds.
    /// `basePath`: `config.basePath`, which parses `baseURL` on every access.
    func readHonoree(text: String, file: String, config: SiteConfig, basePath: String) -> (Honoree?, [Diagnostic]) {
        var f = Fields(file: file, source: text)
        guard let (doc, m) = f.frontMatter(of: text, schema: .honoree, expecting: "`name: …` and `honors:`") else {
            return (nil, f.diagnostics)
        }
        var h = Honoree(file: file, name: "")
        if let n = f.string(m["name"], key: "name"), !isBlank(n) {
            h.name = trimmingBlanks(n)
        } else {
            f.missing("missing `name` (姓名): every honoree needs one, e.g. `name: 陈一文`", at: m["name"]?.location ?? SourceLocation(line: 1, column: 1))
        }
        if let node = m["kind"], let k = f.string(node, key: "kind") {
            if let canonical = ValueTable.kind.canonical(k), let kind = Honoree.Kind(rawValue: canonical) { h.kind = kind } else {
                f.error("unknown `kind` `\(k)`: expected \(ValueTable.kind.describedValues)", at: node.location)
            }
        }
        h.unit = f.string(m["unit"], key: "unit") ?? ""
        h.position = f.string(m["position"], key: "position") ?? ""
        h.region = f.string(m["region"], key: "region") ?? ""
        h.photo = f.string(m["photo"], key: "photo")
        if let photo = h.photo, let node = m["photo"] {
            h.photoReference = Reference(destination: photo, line: node.location.line, column: node.location.column, isImage: true)
        }
        h.aka = f.strings(m["aka"], key: "aka")
        if let n = f.string(m["name_hant"], key: "name_hant"), !isBlank(n) { h.nameHant = trimmingBlanks(n) }
        h.tags = f.strings(m["tags"], key: "tags")
        (h.explicitSlug, h.slugSpot) = f.slug(m["slug"])
        h.honors = readHonors(m["honors"], into: &f)
        h.params = Param.entries(of: m, unknown: f.unknownKeys, timeZone: config.timeZone)
        // Written in Traditional characters: shown in Simplified ones (`ScriptConverter.simplifying`).
        let simplify = ScriptConverter.simplifying(text, m, fields: &f, config: config)
        if let simplify {
            let fields = simplify.convert([h.name, h.unit, h.position, h.region] + h.aka + h.tags + h.honors.map(\.title))
            (h.name, h.unit, h.position, h.region) = (fields[0], fields[1], fields[2], fields[3])
            h.aka = Array(fields[4 ..< 4 + h.aka.count])
            h.tags = Array(fields[4 + h.aka.count ..< 4 + h.aka.count + h.tags.count])
            for (k, title) in fields.suffix(h.honors.count).enumerated() { h.honors[k].title = title }
        }
        let md = renderMarkdown(String(doc.body), options: config.markdownOptions(firstLine: doc.bodyLine),
                                rewriteURL: sourceRelative(file: file, basePath: basePath), convertText: simplify.map { c in { c.convert(utf8: $0) } })
        h.htmlUTF8 = md.htmlUTF8
        h.plainTextUTF8 = md.plainTextUTF8
        f.warnings(md.notices)
        h.summary = summary(of: md, limit: 80)
        if f.diagnostics.contains(where: { $0.severity == .error }) { return (nil, f.diagnostics) }
        return (h, f.diagnostics)
    }

    private func readHonors(_ node: Node?, into f: inout Fields) -> [Honor] {
        let example = "e.g.\n  honors:\n    - title: 全国五一劳动奖章\n      year: 2019\n      level: national"
        guard let node, !node.isNull else {
            f.missing("missing `honors` (荣誉): list at least one, \(example)", at: node?.location ?? SourceLocation(line: 1, column: 1))
            return []
        }
        let items: [Node]
        switch node {
        case .list(let list, _): items = list
        case .map: items = [node]
        default:
            f.error("`honors` must be a list of honors, \(example)", at: node.location)
            return []
        }
        var honors: [Honor] = []
        for item in items {
            switch item {
            case .scalar(let s):
                f.error("honor `\(s.text)` needs a level: write it as `- title: \(s.text)` with `level: national` (or 全国/省/市/县) below", at: s.location)
            case .map(let m, let location):
                guard let title = f.string(m["title"], key: "title"), !title.isEmpty else {
                    f.error("an honor without `title` (称号): expected `- title: 全国劳动模范`", at: location)
                    continue
                }
                var year: Int?
                if let y = m["year"], !y.isNull {
                    year = f.int(y, key: "year")
                    if let v = year, !(1900...2200).contains(v) {
                        f.error("`year` \(v) is not a plausible year: expected four digits like 2019", at: y.location)
                        year = nil
                    }
                }
                guard let levelNode = m["level"], let levelText = f.string(levelNode, key: "level") else {
                    f.error("honor `\(title)` has no `level` (级别): expected one of \(ValueTable.level.describedValues)", at: location)
                    continue
                }
                guard let canonical = ValueTable.level.canonical(trimmingBlanks(levelText)),
                      let level = HonorLevel(rawValue: canonical) else {
                    f.error("unknown `level` `\(levelText)`: expected \(ValueTable.level.describedValues)", at: levelNode.location)
                    continue
                }
                honors.append(Honor(title: trimmingBlanks(title), year: year, level: level))
            default:
                f.error("each honor must be a `- title: …` item with `year:` and `level:` below it", at: item.location)
            }
        }
        if honors.isEmpty, items.isEmpty {
            f.error("`honors` is empty: list at least one, \(example)", at: node.location)
        }
        return honors
    }
}
