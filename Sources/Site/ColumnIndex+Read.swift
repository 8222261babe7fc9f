import Foundation
import FrontMatter
import Markdown

/// Hugo's `_index.md`: the text of a list page, never an article, a page or a profile. Under
/// content/news/<folder>/ it describes the column it names; anywhere else it is skipped.
extension SiteBuilder {
    /// Whether a path under content/ is an `_index.md` (or `_index.markdown`).
    /// On the bytes: it is asked of every Markdown file.
    static func isIndexFile(_ relative: String) -> Bool {
        let u = relative.utf8
        let start = u.lastIndex(of: UInt8(ascii: "/")).map { u.index(after: $0) } ?? u.startIndex
        return u[start...].starts(with: "_index.".utf8) && isMarkdownName(relative)
    }

    /// Reads an `_index.md` (`relative` to content/, its `text`): a column's description when it
    /// sits in a folder of news/, else nothing, with the warning that says why it is skipped.
    func readIndexFile(_ relative: String, text: String, file: String, config: SiteConfig, basePath: String) -> (LoadedFile, [Diagnostic]) {
        let parts = relative.split(separator: "/")
        guard parts.count >= 3, parts[0] == "news" else {
            let place = parts.count == 1 ? "content/" : parts.dropLast().joined(separator: "/") + "/"
            return (.none, [Diagnostic(.warning, file: file, line: 1, column: 1,
                message: "`_index.md` in \(place) is skipped: it is not an article, a page or an honoree; only an `_index.md` in a folder of news/ counts, as the description of a column")])
        }
        var f = Fields(file: file, source: text)
        let doc = FrontMatter.parse(text)
        for e in doc.errors { f.error(e.message, at: e.location) }
        let m = doc.frontMatter.map { f.normalize($0, schema: .article) } ?? Mapping()
        var index = ColumnIndex(file: file, folder: String(parts[parts.count - 2]))
        if let t = f.string(m["title"], key: "title"), !isBlank(t), let node = m["title"] {
            index.title = trimmingBlanks(t)
            (index.line, index.column) = (node.location.line, node.location.column)
        }
        index.description = f.givenSummary(m) ?? ""
        let md = renderMarkdown(String(doc.body), options: config.markdownOptions(firstLine: doc.bodyLine),
                                rewriteURL: sourceRelative(file: file, basePath: basePath))
        index.htmlUTF8 = md.htmlUTF8
        f.warnings(md.notices)
        index.params = Param.entries(of: m, unknown: f.unknownKeys, timeZone: config.timeZone)
        if f.diagnostics.contains(where: { $0.severity == .error }) { return (.none, f.diagnostics) }
        return (.columnIndex(index), f.diagnostics)
    }

    /// Gives each column the `_index.md` that names it: by its `title`, else by its folder, each
    /// matched against the columns' names (Simplified and Traditional folded, as columns are)
    /// and slugs. One that matches nothing is skipped with a warning; of two naming one column,
    /// the first in path order wins.
    func describeColumns(_ columns: inout [Taxonomy], with indexes: [ColumnIndex], folder: ScriptFolder, diagnostics: inout [Diagnostic]) {
        guard !indexes.isEmpty else { return }
        var names = NameKeys(folder: folder)
        let keys = columns.map { names.key($0.name).key }
        func match(_ name: String?) -> Int? {
            guard let name else { return nil }
            let key = names.key(name).key
            return keys.firstIndex(of: key) ?? columns.firstIndex { $0.slug == name }
        }
        for index in indexes {
            guard let c = match(index.title) ?? match(index.folder) else {
                let named = (index.title.map { "`\($0)` (its `title`) or " } ?? "") + "`\(index.folder)` (its folder)"
                diagnostics.append(Diagnostic(.warning, file: index.file, line: index.line, column: index.column,
                    message: "`_index.md` is skipped: no column is named \(named); set its `title:` to the name of a column (an article's `column:`) to describe that column"))
                continue
            }
            if columns[c].index == nil {
                columns[c].index = index
            } else {
                diagnostics.append(Diagnostic(.warning, file: index.file, line: index.line, column: index.column,
                    message: "`_index.md` is skipped: column `\(columns[c].name)` is already described by \(columns[c].index?.file ?? "another file"); keep one `_index.md` per column"))
            }
        }
    }
}
