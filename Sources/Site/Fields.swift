import Foundation
import FrontMatter

/// Reads typed fields out of a front matter mapping, collecting located errors for a file.
///
/// The front matter parser leaves scalars untyped; the schema (article, honoree, site.yml)
/// decides what each key must be, and this turns a mismatch into a message that names the
/// key, what was found and what was expected.
struct Fields {
    let file: String
    let source: String
    var diagnostics: [Diagnostic] = []
    /// Whether the front matter had syntax errors (see `missing`).
    var frontMatterBroken = false
    /// The keys `normalize` found no table entry for: the top-level ones become `params`.
    var unknownKeys: [UnknownKey] = []

    init(file: String, source: String) {
        self.file = file
        self.source = source
    }

    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(file: file, line: location.line, column: location.column, message: message,
                                      sourceLine: sourceLine(location.line, in: source)))
    }

    /// A required key not found. Not reported when the front matter had syntax errors: the key
    /// may be on a line they cover (a TOML or JSON reader stops at its first error), and the
    /// error already there says what to fix.
    mutating func missing(_ message: String, at location: SourceLocation) {
        guard !frontMatterBroken else { return }
        error(message, at: location)
    }

    mutating func warning(_ message: String, at location: SourceLocation, kind: Diagnostic.Kind? = nil) {
        diagnostics.append(Diagnostic(.warning, file: file, line: location.line, column: location.column,
                                      message: message, sourceLine: sourceLine(location.line, in: source), kind: kind))
    }

    /// A single line of text; lists and maps are an error.
    mutating func string(_ node: Node?, key: String) -> String? {
        guard let node else { return nil }
        switch node {
        case .null: return nil
        case .scalar(let s):
            // Escapes such as "\u0000" in quoted values can make what the file's own check removed.
            let (clean, removed) = removingInvisibles(s.text, file: file)
            if removed != nil {
                warning("invisible characters removed from `\(key)`: they break pages and feeds", at: s.location)
            }
            return clean
        default:
            error("`\(key)` must be text, found \(kind(node)): expected `\(key): some text`", at: node.location)
            return nil
        }
    }

    /// Text shown as a paragraph (a summary, a description), without the line break a block
    /// scalar (`summary: >`) ends with or spaces around it.
    mutating func prose(_ node: Node?, key: String) -> String? {
        string(node, key: key).map { trimmingWhitespace($0) }
    }

    /// The summary the front matter gives: `summary:`, else `description:` (Hugo's and Jekyll's name
    /// for it); both are read, so a wrong type in either is reported.
    mutating func givenSummary(_ m: Mapping) -> String? {
        let description = prose(m["description"], key: "description")
        return prose(m["summary"], key: "summary") ?? description
    }

    /// The updated date (`updated:`, `lastmod:`, 更新时间) when one is given, with its node and its
    /// key as written, for messages.
    mutating func updatedDate(_ m: Mapping, timeZone: TimeZone) -> (date: Date, node: Node, key: String)? {
        guard let node = m["updated"], !node.isEmptyValue, let key = m.entry("updated")?.writtenKey,
              let date = date(node, key: key, timeZone: timeZone) else { return nil }
        return (date, node, key)
    }

    /// A list of strings; a single scalar is a one-item list.
    mutating func strings(_ node: Node?, key: String) -> [String] {
        guard let node else { return [] }
        switch node {
        case .null: return []
        case .scalar(let s): return s.text.isEmpty ? [] : [s.text]
        case .list(let items, _):
            var out: [String] = []
            for item in items {
                if let s = string(item, key: key), !s.isEmpty { out.append(s) }
            }
            return out
        case .map:
            error("`\(key)` must be a list, found a map: expected `\(key): [a, b]`", at: node.location)
            return []
        }
    }

    /// A whole number (ASCII or full-width digits).
    mutating func int(_ node: Node?, key: String) -> Int? {
        read(node) { n throws(FrontMatterError) in try n.int(for: key) }
    }

    /// true/false, yes/no, 是/否, 真/假.
    mutating func bool(_ node: Node?, key: String) -> Bool? {
        read(node) { n throws(FrontMatterError) in try n.bool(for: key) }
    }

    /// A typed read through the front matter module; nil for an absent or empty value, or
    /// after recording the read's located error.
    private mutating func read<T>(_ node: Node?, _ get: (Node) throws(FrontMatterError) -> T) -> T? {
        guard let node, !node.isNull else { return nil }
        do {
            return try get(node)
        } catch {
            self.error(error.message, at: error.location)
            return nil
        }
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .scalar: return "text"
        case .list: return "a list"
        case .map: return "a map"
        case .null: return "nothing"
        }
    }
}

extension Fields {
    /// Splits and parses a file's front matter and normalises its keys, recording every error;
    /// nil (with an error) when the file has none.
    mutating func frontMatter(of text: String, schema: KeyTable, expecting: String) -> (FrontMatter.Document, Mapping)? {
        let doc = FrontMatter.parse(text)
        for e in doc.errors { error(e.message, at: e.location) }
        frontMatterBroken = !doc.errors.isEmpty
        guard let raw = doc.frontMatter else {
            if doc.errors.isEmpty {
                error("no front matter: expected the file to start with a `---` line, then \(expecting), then `---` (or TOML between `+++` lines, or a JSON object)",
                      at: SourceLocation(line: 1, column: 1))
            }
            return nil
        }
        return (doc, normalize(raw, schema: schema))
    }

    /// Canonical keys (`标题` → `title`); unknown keys become warnings with "did you mean".
    mutating func normalize(_ m: Mapping, schema: KeyTable) -> Mapping {
        let n = m.normalized(with: schema)
        for e in n.errors { error(e.message, at: e.location) }
        for u in n.unknownKeys {
            // A top-level key reaches templates as `page.params.<key>`; one inside an honor does not.
            let fate = u.parent == nil ? " (templates get it as `params.\(u.key)`)" : " (it is ignored)"
            warning(u.message + (u.suggestion == nil ? fate : ""), at: u.location,
                    kind: u.parent == nil ? .unknownKey(u.key, suggestion: u.suggestion) : nil)
        }
        unknownKeys += n.unknownKeys
        return n.mapping
    }

    /// A date in one of the forms `DateParser` accepts, in `timeZone` unless it names an offset.
    mutating func date(_ node: Node, key: String, timeZone: TimeZone) -> Date? {
        if node.isNull {
            error("missing value for `\(key)`: expected a date like `2023-09-01` or `2023年9月1日`", at: node.location)
            return nil
        }
        return read(node) { n throws(FrontMatterError) in try n.date(for: key, timeZone: timeZone) }
    }

    /// An explicit `slug:`: one path segment, no spaces or slashes; with where it was written.
    mutating func slug(_ node: Node?) -> (String?, SourceSpot?) {
        guard let node, let s = string(node, key: "slug") else { return (nil, nil) }
        let t = trimmingBlanks(s)
        guard !t.isEmpty, t != ".", t != "..", !t.contains(where: { $0 == "/" || $0 == "\\" || $0.isWhitespace || $0 == "?" || $0 == "#" || $0 == "%" }) else {
            error("`slug` must be one word for the URL (letters, digits, `-`), found `\(s)`", at: node.location)
            return (nil, nil)
        }
        let at = node.location
        return (t, SourceSpot(line: at.line, column: at.column, lineText: sourceLine(at.line, in: source)))
    }
}
