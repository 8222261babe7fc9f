import Foundation
import FrontMatter

extension SiteBuilder {
    /// The YAML and JSON files at the top of `data/` (`data/links.yml` → `site.data.links`), as
    /// Jekyll and Hugo read them: for the lists and blocks a theme shows on every page (friendly
    /// links, contacts). A file may hold a mapping or a list, typed as front matter's `params` are
    /// (a date in the site's time zone). Other files there are warned about.
    func loadData(timeZone: TimeZone) -> (files: [DataFile], diagnostics: [Diagnostic]) {
        let folder = rootPath + "/data"
        var files: [DataFile] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: String] = [:]
        for entry in listFiles(folder).sorted(by: { $0.relative < $1.relative }) {
            let relative = entry.relative, file = "data/" + relative
            let ext = (relative as NSString).pathExtension.lowercased()
            let name = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
            guard ["yml", "yaml", "json"].contains(ext), !relative.contains("/") else {
                diagnostics.append(Diagnostic(.warning, file: file,
                    message: "not read: data files are .yml, .yaml or .json files at the top of data/"))
                continue
            }
            if let other = seen[name] {
                diagnostics.append(Diagnostic(file: file, message: "`site.data.\(name)` is also \(other): rename one of them"))
                continue
            }
            seen[name] = file
            let (read, readDiagnostics, fingerprint) = readFile(file, path: folder + "/" + relative) { text, file -> (DataFile?, [Diagnostic]) in
                let (node, errors) = Self.parseData(text, json: ext == "json")
                var f = Fields(file: file, source: text)
                for e in errors { f.error(e.message, at: e.location) }
                guard errors.isEmpty else { return (nil, f.diagnostics) }
                return (DataFile(name: name, file: file, param: Param(node, timeZone: timeZone), hash: 0), f.diagnostics)
            }
            diagnostics += readDiagnostics
            if var data = read {
                data.hash = UInt64(bitPattern: Int64(fingerprint))
                files.append(data)
            }
        }
        return (files, diagnostics)
    }

    /// The document of a data file, a mapping or a list. The front matter parser reads mappings,
    /// so a list is read as the value of a key put before it, and its errors moved back to where
    /// they are in the file.
    static func parseData(_ text: String, json: Bool) -> (Node, [FrontMatterError]) {
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        let isList: Bool
        if json {
            isList = trimmed.first == "["
        } else {
            let first = text.split(separator: "\n").first { line in
                let t = line.drop { $0 == " " || $0 == "\u{FEFF}" }
                return !t.isEmpty && !t.hasPrefix("#") && t != "---"
            }
            isList = first.map { $0.drop { $0 == " " }.hasPrefix("-") } ?? false
        }
        let format: FrontMatter.Format = json ? .json : .yaml
        guard isList else {
            let parsed = FrontMatter.parse(block: Substring(text), firstLine: 1, format: format)
            return (.map(parsed.mapping, SourceLocation(line: 1, column: 1)), parsed.errors)
        }
        let wrapped: String, shift: (SourceLocation) -> SourceLocation
        if json {
            wrapped = "{\"items\":" + text + "}"
            shift = { l in SourceLocation(line: l.line, column: l.line == 1 ? max(1, l.column - 9) : l.column) }
        } else {
            wrapped = "items:\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
            shift = { l in SourceLocation(line: l.line, column: max(1, l.column - 2)) }
        }
        let parsed = FrontMatter.parse(block: Substring(wrapped), firstLine: json ? 1 : 0, format: format)
        let errors = parsed.errors.map { e in FrontMatterError(at: shift(e.location), e.message) }
        return (parsed.mapping["items"] ?? .list([], SourceLocation(line: 1, column: 1)), errors)
    }
}
