import Foundation
import Synchronization
import Template

/// The Traditional-Chinese mirror (site.yml `traditional: s2t`, `s2tw` or `s2hk`): every page of
/// the site again under `/zh-hant/`, with the same slugs.
///
/// A mirror page is its page rendered again from the site converted (`Mirror.site`: content,
/// site.yml's words, data files), through the theme's templates converted (`MirrorTemplates`:
/// the words they show), with the mirror's `site.language`, URLs and `alternates`. Each text is
/// converted once, not once per page that shows it: a site's lists and sidebars show the same
/// titles on thousands of pages.
final class Mirror: Sendable {
    /// Where the mirror is, under the site's base path.
    static let folder = "zh-hant/"

    let conversion: OpenCC.Conversion
    let converter: ScriptConverter
    /// `<html lang>` of its pages, and `hreflang` of the links to them.
    let language: String
    /// The site's base path and origin (`SiteConfig`): where the main pages are.
    let basePath: String
    let origin: String
    /// `basePath`, and the origin with it, as the bytes links start with (`MirrorHTML`).
    let basePathUTF8: [UInt8], rootUTF8: [UInt8]
    /// What the conversion is made of (the conversion, the names, the overrides): part of every
    /// mirror page's identity, so that a change renders them again.
    let key: UInt64

    /// The `hreflang` of the main site's pages: Simplified, however `language:` spells it.
    static let mainLanguage = "zh-Hans"

    /// The mirror of `site`; nil when site.yml asks for none or OpenCC cannot be opened (a
    /// warning on site.yml's `traditional:` says so). `reusing`: the last build's mirror, kept
    /// when its conversion is the same (making one converts every name). A class: every page's
    /// values hold it, with one retain rather than one for each of its tables.
    static func make(site: Site, reusing last: Mirror? = nil) -> Mirror? {
        guard let conversion = site.config.traditional else { return nil }
        // Names in their own spellings: each honoree's name (with `name_hant` when given) and aka.
        var names: [(name: String, own: String?)] = []
        for h in site.honorees {
            names.append((h.name, h.nameHant))
            for a in h.aka { names.append((a, nil)) }
        }
        let overrides = site.config.traditionalOverrides
        var f = Fingerprint()
        f.add(conversion.rawValue)
        f.add(site.config.basePath)
        f.add(site.config.origin)
        for n in names {
            f.add(n.name)
            f.add(n.own ?? "")
        }
        for (from, to) in overrides {
            f.add(from)
            f.add(to)
        }
        if let last, last.key == f.value { return last }
        guard let converter = ScriptConverter(conversion, names: names, overrides: overrides) else { return nil }
        return Mirror(conversion: conversion, converter: converter, basePath: site.config.basePath, origin: site.config.origin, key: f.value)
    }

    private init(conversion: OpenCC.Conversion, converter: ScriptConverter, basePath: String, origin: String, key: UInt64) {
        self.conversion = conversion
        self.converter = converter
        self.language = switch conversion {
        case .s2tw: "zh-TW"
        case .s2hk: "zh-HK"
        default: "zh-Hant"
        }
        self.basePath = basePath
        self.origin = origin
        basePathUTF8 = Array(basePath.utf8)
        rootUTF8 = Array((origin + basePath).utf8)
        self.key = key
    }

    /// The path under the output folder of the mirror of the page at `path`.
    static func path(_ path: String) -> String { folder + path }

    /// HTML (a Markdown body, a chart) converted, its links to pages in the mirror (`MirrorHTML`).
    func html(_ html: [UInt8]) -> [UInt8] {
        html.withUnsafeBufferPointer { MirrorHTML(mirror: self).convert($0) }
    }

    /// Plain text converted. The words the build makes in code (labels, years) and the strings of
    /// front matter are asked for page after page: each is converted once and remembered.
    func text(_ s: String) -> String {
        if let known = words.withLock({ $0[s] }) { return known }
        let converted = converter.convert(s)
        words.withLock { w in
            // A bound, for a `serve` session that lives through many edits.
            if w.count > 100_000 { w.removeAll() }
            w[s] = converted
        }
        return converted
    }

    /// What `text` converted so far.
    private let words = Mutex<[String: String]>([:])

    /// A URL as site.yml or a data file writes it, for the mirror: a page of the site (from the
    /// site's base path, or with its origin) in the mirror, anything else as it is.
    func link(_ url: String) -> String {
        var url = url
        return url.withUTF8 { b in MirrorHTML(mirror: self).rewritten(b[...]).map { String(decoding: $0, as: UTF8.self) } } ?? url
    }

    /// What `alternates` says of each version but its URLs, made once per build: the labels are
    /// the main site's `strings` (each version's label is in its own script).
    struct Versions: Sendable {
        let mirror: Mirror
        let simplified: (label: Value, title: Value)
        let traditional: (label: Value, title: Value)
    }

    func versions(strings: [String: String]) -> Versions {
        Versions(mirror: self,
                 simplified: (.string(strings["simplified"] ?? "简"), .string(strings["simplified_title"] ?? "简体中文")),
                 traditional: (.string(strings["traditional"] ?? "繁"), .string(strings["traditional_title"] ?? "繁體中文")))
    }
}

extension Mirror.Versions {
    /// The versions of the page at `path` (relative, as the main site has it) for templates'
    /// `alternates`: the Simplified page and its mirror, `current` set on the one rendered.
    func alternates(of path: String, current inMirror: Bool) -> Value {
        let relative = path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path == "index.html" ? "" : path
        let main = mirror.basePath + relative, mirrored = mirror.basePath + Mirror.folder + relative
        return .array([
            .object(Object(Mirror.versionLayout, [.string(Mirror.mainLanguage), .string(main), .string(mirror.origin + main),
                                                  simplified.label, simplified.title, .bool(!inMirror)])),
            .object(Object(Mirror.versionLayout, [.string(mirror.language), .string(mirrored), .string(mirror.origin + mirrored),
                                                  traditional.label, traditional.title, .bool(inMirror)])),
        ])
    }
}

extension Mirror {
    /// The keys of a version in `alternates`, made once: every page has two.
    static let versionLayout = ObjectLayout(["hreflang", "url", "permalink", "label", "title", "current"])
}

/// The theme's templates as the mirror renders them: the words they show converted, as
/// `MirrorHTML` converts a page (text and the attributes people read, not code, addresses or
/// what is marked `translate="no"` or `lang="zh-CN"`; links to pages into the mirror). Liquid's
/// tags are left alone, but for the words they quote to show: the arguments of `default:`,
/// `append:` and `prepend:`, a quoted string printed as it is (`{{ '…' }}`) and one `assign`ed.
/// Never the names of variables, files, keys or what a tag compares (`site.data.友情链接`,
/// `{% render '页脚' %}`, `where: "类别"`), which are the site's as written.
struct MirrorTemplates: TemplateSource {
    let base: any TemplateSource
    let mirror: Mirror

    func load(_ name: String) throws(TemplateError) -> String? {
        guard let source = try base.load(name) else { return nil }
        return mirror.template(source)
    }
}

extension Mirror {
    /// A template's source with its words converted (`MirrorTemplates`).
    func template(_ source: String) -> String {
        let b = Array(source.utf8)
        let (masked, opaque) = Self.liquidMask(b)
        let out = b.withUnsafeBufferPointer { original in
            masked.withUnsafeBufferPointer { scan in MirrorHTML(mirror: self).convert(original, scan: scan, opaque: opaque) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `b` with Liquid's tags masked (as `x`, so that a scan of the HTML reads through them) but
    /// for the words they quote that show (`MirrorTemplates`), and the ranges masked.
    static func liquidMask(_ b: [UInt8]) -> (masked: [UInt8], opaque: [Range<Int>]) {
        var masked = b
        var opaque: [Range<Int>] = []
        let n = b.count
        func mask(_ r: Range<Int>) {
            guard !r.isEmpty else { return }
            for k in r { masked[k] = UInt8(ascii: "x") }
            opaque.append(r)
        }
        /// The end of the tag opened at `i` (past `}}` or `%}`), reading quoted strings whole.
        func tagEnd(from i: Int, close: UInt8, quotes: Bool) -> Int {
            var j = i + 2
            while j < n {
                if quotes, b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    let quote = b[j]
                    j += 1
                    while j < n, b[j] != quote { j += 1 }
                    j += 1
                    continue
                }
                if b[j] == close, j + 1 < n, b[j + 1] == UInt8(ascii: "}") { return j + 2 }
                j += 1
            }
            return n
        }
        /// The tag's name: its first word after `{%` and an optional `-`.
        func tagName(_ r: Range<Int>) -> String {
            var j = r.lowerBound + 2
            while j < r.upperBound, b[j] == UInt8(ascii: "-") || b[j] == 0x20 || b[j] == 0x0A || b[j] == 0x09 { j += 1 }
            let start = j
            while j < r.upperBound, b[j] >= UInt8(ascii: "a") && b[j] <= UInt8(ascii: "z") || b[j] == UInt8(ascii: "#") { j += 1 }
            return String(decoding: b[start ..< j], as: UTF8.self)
        }
        /// The tag at `r` masked but for the contents of the quoted strings that show.
        func maskTag(_ r: Range<Int>, name: String?) {
            var shown: [Range<Int>] = []
            var j = r.lowerBound + 2
            while j < r.upperBound - 2 {
                guard b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") else { j += 1; continue }
                let quote = b[j], start = j + 1
                var end = start
                while end < r.upperBound - 2, b[end] != quote { end += 1 }
                var before = j - 1
                while before > r.lowerBound, b[before] == 0x20 || b[before] == 0x09 || b[before] == 0x0A { before -= 1 }
                let lead = String(decoding: b[r.lowerBound ... before], as: UTF8.self)
                let shows = ["default:", "append:", "prepend:"].contains { lead.hasSuffix($0) }
                    || (name == nil && (lead == "{{" || lead == "{{-"))
                    || (name == "assign" && lead.hasSuffix("="))
                if shows { shown.append(start ..< end) }
                j = end + 1
            }
            var from = r.lowerBound
            for s in shown {
                mask(from ..< s.lowerBound)
                from = s.upperBound
            }
            mask(from ..< r.upperBound)
        }
        var i = 0
        while i + 1 < n {
            guard b[i] == UInt8(ascii: "{"), b[i + 1] == UInt8(ascii: "{") || b[i + 1] == UInt8(ascii: "%") else {
                i += 1
                continue
            }
            if b[i + 1] == UInt8(ascii: "{") {
                let end = tagEnd(from: i, close: UInt8(ascii: "}"), quotes: true)
                maskTag(i ..< end, name: nil)
                i = end
                continue
            }
            let name = tagName(i ..< n)
            // An inline comment's quotes are no strings (`{%- # it's a note -%}`).
            let head = tagEnd(from: i, close: UInt8(ascii: "%"), quotes: name != "#")
            switch name {
            case "comment", "raw":
                // A comment is masked whole; a raw block's text is text, shown as it is.
                var j = head
                var closeTag = n ..< n
                while j + 1 < n {
                    if b[j] == UInt8(ascii: "{"), b[j + 1] == UInt8(ascii: "%") {
                        let e = tagEnd(from: j, close: UInt8(ascii: "%"), quotes: false)
                        if tagName(j ..< e) == "end" + name {
                            closeTag = j ..< e
                            break
                        }
                        j = e
                        continue
                    }
                    j += 1
                }
                if name == "comment" {
                    mask(i ..< closeTag.upperBound)
                } else {
                    mask(i ..< head)
                    mask(closeTag)
                }
                i = max(closeTag.upperBound, head)
            case "#":
                mask(i ..< head)
                i = head
            default:
                maskTag(i ..< head, name: name)
                i = head
            }
        }
        return (masked, opaque)
    }
}
