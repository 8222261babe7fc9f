import Foundation
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
        self.key = key
    }

    /// The path under the output folder of the mirror of the page at `path`.
    static func path(_ path: String) -> String { folder + path }

    /// HTML (a Markdown body, a chart) converted, its links to pages in the mirror (`MirrorHTML`).
    func html(_ html: [UInt8]) -> [UInt8] {
        html.withUnsafeBufferPointer { MirrorHTML(mirror: self).convert($0) }
    }

    /// Plain text converted.
    func text(_ s: String) -> String { converter.convert(s) }

    /// A URL as site.yml or a data file writes it, for the mirror: a page of the site (from the
    /// site's base path, or with its origin) in the mirror, anything else as it is.
    func link(_ url: String) -> String {
        var url = url
        return url.withUTF8 { b in MirrorHTML(mirror: self).rewritten(b[...]).map { String(decoding: $0, as: UTF8.self) } } ?? url
    }

    /// The versions of the page at `path` (relative, as the main site has it) for templates'
    /// `alternates`: the Simplified page and its mirror, each with `current` set on the one
    /// being rendered. `strings`: the main site's (the labels of each version are in its own script).
    func alternates(of path: String, current mirror: Bool, strings: [String: String]) -> Value {
        let relative = path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path == "index.html" ? "" : path
        let main = basePath + relative, mirrored = basePath + Self.folder + relative
        return .array([
            .object(Object(Self.versionLayout, [.string(Self.mainLanguage), .string(main), .string(origin + main),
                                                .string(strings["simplified"] ?? "简"), .string(strings["simplified_title"] ?? "简体中文"),
                                                .bool(!mirror)])),
            .object(Object(Self.versionLayout, [.string(language), .string(mirrored), .string(origin + mirrored),
                                                .string(strings["traditional"] ?? "繁"), .string(strings["traditional_title"] ?? "繁體中文"),
                                                .bool(mirror)])),
        ])
    }

    /// The keys of a version in `alternates`, made once: every page has two.
    static let versionLayout = ObjectLayout(["hreflang", "url", "permalink", "label", "title", "current"])
}

/// The theme's templates as the mirror renders them: the words they show converted, that is the
/// text outside Liquid's tags and the quoted strings inside them (`default: '跳到正文'`), never
/// the names of variables and filters, which may be Chinese (`site.data.友情链接`).
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
        let n = b.count
        var ranges: [Range<Int>] = []
        var i = 0, textStart = 0
        while i + 1 < n {
            guard b[i] == UInt8(ascii: "{"), b[i + 1] == UInt8(ascii: "{") || b[i + 1] == UInt8(ascii: "%") else {
                i += 1
                continue
            }
            ranges.append(textStart ..< i)
            let close = b[i + 1] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "%")
            var j = i + 2
            while j < n {
                if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    let quote = b[j], start = j + 1
                    j = start
                    while j < n, b[j] != quote { j += 1 }
                    ranges.append(start ..< j)
                    j += 1
                    continue
                }
                if b[j] == close, j + 1 < n, b[j + 1] == UInt8(ascii: "}") {
                    j += 2
                    break
                }
                j += 1
            }
            i = min(j, n)
            textStart = i
        }
        if textStart < n { ranges.append(textStart ..< n) }
        let converted = b.withUnsafeBufferPointer { all in
            converter.convert(utf8: ranges.map { UnsafeBufferPointer(rebasing: all[$0]) })
        }
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var copied = 0
        for (range, c) in zip(ranges, converted) {
            guard let c else { continue }
            out += b[copied ..< range.lowerBound]
            out += c
            copied = range.upperBound
        }
        out += b[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}
