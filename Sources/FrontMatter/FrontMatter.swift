import Foundation

/// The front matter parser's entry points: split a file into front matter and body, parse the
/// front matter into located values.
///
/// ```swift
/// let doc = FrontMatter.parse(fileText)
/// for e in doc.errors { print(e.description(file: path, source: fileText)) }
/// if let fm = doc.frontMatter?.normalized(with: .article) { … }
/// ```
public enum FrontMatter {
    /// The site's default time zone for dates written without an offset: UTC+08:00.
    public static let defaultTimeZone: TimeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt

    /// A whole file read: its front matter (if any), its body, and every front matter error.
    public struct Document: Sendable {
        /// The front matter's keys and values; nil when the file has no front matter at all
        /// (the caller decides whether that is an error). Parsed as far as possible when
        /// `errors` is not empty.
        public var frontMatter: Mapping?
        /// The Markdown after the closing line (the whole BOM-stripped text without front matter).
        public var body: Substring
        /// The 1-based line on which `body` starts.
        public var bodyLine: Int
        /// Every error found, in file order.
        public var errors: [FrontMatterError]
        /// The language the front matter was written in (`.yaml` when there is none).
        public var format: Format = .yaml
    }

    /// The result of parsing a front matter block.
    public struct Parsed: Equatable, Sendable {
        /// The top-level keys and values (possibly partial when `errors` is not empty).
        public var mapping: Mapping
        /// Every error found, in file order; empty when the block is fine.
        public var errors: [FrontMatterError]
    }

    /// Splits a file and parses its front matter, collecting all errors.
    public static func parse(_ text: String) -> Document {
        switch split(text) {
        case .failure(let error):
            let u = text.utf8
            let start = u.starts(with: [0xEF, 0xBB, 0xBF]) ? u.index(u.startIndex, offsetBy: 3) : u.startIndex
            let body = text[start...]
            return Document(frontMatter: nil, body: body, bodyLine: 1, errors: [error])
        case .success(let s):
            guard let block = s.block else {
                return Document(frontMatter: nil, body: s.body, bodyLine: s.bodyLine, errors: [])
            }
            let parsed = parse(block: block, firstLine: s.blockLine, format: s.format)
            return Document(frontMatter: parsed.mapping, body: s.body, bodyLine: s.bodyLine,
                            errors: parsed.errors, format: s.format)
        }
    }

    /// Parses a whole file of YAML (such as `site.yml`): a BOM is skipped, the first line is 1.
    public static func parse(yaml text: String) -> Parsed {
        let u = text.utf8
        let start = u.starts(with: [0xEF, 0xBB, 0xBF]) ? u.index(u.startIndex, offsetBy: 3) : u.startIndex
        return parse(block: text[start...], firstLine: 1)
    }

    /// Parses a front matter block (as returned by `split`) into a mapping.
    ///
    /// - Parameter firstLine: the file line number of the block's first line (2 when the
    ///   opening `---` is line 1), so that every location is a location in the file.
    /// - Parameter format: the block's language; TOML and JSON stop at their first error.
    public static func parse(block: Substring, firstLine: Int = 2, format: Format = .yaml) -> Parsed {
        var text = block
        return text.withUTF8 { bytes in
            switch format {
            case .yaml:
                var parser = Parser(bytes: bytes, base: block, firstLine: firstLine)
                let mapping = parser.parseDocument()
                return Parsed(mapping: mapping, errors: parser.errors.sorted { $0.location < $1.location })
            case .toml:
                var reader = TOMLReader(bytes: bytes, base: block, firstLine: firstLine)
                let (mapping, error) = reader.read()
                return Parsed(mapping: mapping, errors: error.map { [$0] } ?? [])
            case .json:
                var reader = JSONReader(bytes: bytes, base: block, firstLine: firstLine)
                let (mapping, error) = reader.read()
                return Parsed(mapping: mapping, errors: error.map { [$0] } ?? [])
            }
        }
    }
}
