import Foundation

/// A page of HTML, as the build renders them, converted for the Traditional mirror:
/// - **text** is converted (`ScriptConverter`), and so are the attributes people read: `alt`,
///   `title`, `placeholder`, `aria-label`, and the `content` of the `<meta>` that describe the
///   page (`description`, `og:title` …). Never URLs, slugs, ids, classes or other attributes;
///   never code (`code`, `pre`, `kbd`, `samp`), scripts or styles; never an element marked as
///   Simplified (`lang="zh-Hans"`, `zh-CN` …), such as the toggle back to the Simplified page,
///   or as not to be translated (`translate="no"`), such as an ICP record number.
/// - **internal links** (`href`, `action`) to a page (a path under the base path ending in `/`,
///   `.html` or `.htm`, and `feed.xml`) go to its mirror, except a link marked with `hreflang` (it
///   names a language version: the toggle, the alternates). Links to assets and other files
///   stay: the mirror has its pages only.
///
/// Our pages are well-formed (templates escape what they print, Markdown passes a sanitizer), so
/// a scan of tags is enough: a `<` in text is always `&lt;`.
struct MirrorHTML {
    let mirror: Mirror

    /// What replaces a range of the page: a text converted (by its index), or other bytes.
    private enum Edit {
        case text(Int)
        case bytes([UInt8])
    }

    private static let void: Set<[UInt8]> = Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                                                 "track", "wbr"].map { Array($0.utf8) })
    /// Elements whose text stays as written: code, and what is not text at all.
    private static let kept: Set<[UInt8]> = Set(["code", "pre", "kbd", "samp", "textarea", "math"].map { Array($0.utf8) })
    private static let rawText: Set<[UInt8]> = Set(["script", "style"].map { Array($0.utf8) })
    private static let readAttributes: Set<[UInt8]> = Set(["alt", "title", "placeholder", "aria-label"].map { Array($0.utf8) })
    private static let linkAttributes: Set<[UInt8]> = Set(["href", "action"].map { Array($0.utf8) })
    /// The `<meta name|property>` whose `content` is text about the page.
    private static let describingMeta: Set<[UInt8]> = Set(["description", "keywords", "og:title", "og:description", "og:site_name",
                                                           "article:section", "article:tag", "twitter:title", "twitter:description"]
        .map { Array($0.utf8) })

    /// `source` converted. `scan`: the same bytes with some masked (a template's Liquid tags), of
    /// the same length, read instead of `source` to find tags and text; `opaque`: the ranges of
    /// `source` never converted, in order and apart (those tags but the words they quote).
    func convert(_ source: UnsafeBufferPointer<UInt8>, scan: UnsafeBufferPointer<UInt8>? = nil, opaque: [Range<Int>] = []) -> [UInt8] {
        let b = scan ?? source
        var edits: [(range: Range<Int>, edit: Edit)] = []
        var texts: [UnsafeBufferPointer<UInt8>] = []
        // Text comes in order, so a moving index finds the opaque ranges around it.
        var nextOpaque = 0
        func text(_ whole: Range<Int>) {
            while nextOpaque < opaque.count, opaque[nextOpaque].upperBound <= whole.lowerBound { nextOpaque += 1 }
            var start = whole.lowerBound
            var k = nextOpaque
            while start < whole.upperBound {
                let end = k < opaque.count ? min(max(opaque[k].lowerBound, start), whole.upperBound) : whole.upperBound
                let r = start ..< end
                // ASCII text has nothing to convert.
                if !r.isEmpty, source[r].contains(where: { $0 >= 0x80 }) {
                    edits.append((r, .text(texts.count)))
                    texts.append(UnsafeBufferPointer(rebasing: source[r]))
                }
                guard k < opaque.count, opaque[k].lowerBound < whole.upperBound else { break }
                start = opaque[k].upperBound
                k += 1
            }
        }
        // The element whose text is kept, and how deep in elements of its name the scan is.
        var kept: (name: [UInt8], depth: Int)?
        let n = b.count
        var textStart = 0
        var i = 0
        while i < n {
            guard b[i] == UInt8(ascii: "<") else { i &+= 1; continue }
            guard i + 1 < n else { break }
            let next = b[i + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                // A comment, doctype or processing instruction: as it is.
                if kept == nil { text(textStart ..< i) }
                let comment = i + 3 < n && b[i + 2] == UInt8(ascii: "-") && b[i + 3] == UInt8(ascii: "-")
                i = comment ? (find("-->".utf8, in: b, from: i + 4).map { $0 + 3 } ?? n) : (find(">".utf8, in: b, from: i).map { $0 + 1 } ?? n)
                textStart = i
                continue
            }
            // Not a tag: text (our pages escape `<`, but a stray one does no harm).
            guard let tag = HTMLTag.read(b, at: i) else { i += 1; continue }
            if kept == nil { text(textStart ..< i) }
            let (name, attributes, end) = (tag.name, tag.attributes, tag.end)
            if tag.closing {
                if let k = kept, k.name == name {
                    kept = k.depth > 1 ? (k.name, k.depth - 1) : nil
                }
            } else {
                let hasHreflang = tag.has("hreflang")
                let isMeta = name.elementsEqual("meta".utf8)
                let describes = isMeta && [tag.value("name"), tag.value("property")].contains { r in
                    r.map { Self.describingMeta.contains(lowercasedASCII(b[$0])) } ?? false
                }
                let isHTML = name.elementsEqual("html".utf8)
                let marksSimplified = !isHTML && (tag.value("lang").map { Self.isSimplified(lowercasedASCII(b[$0])) } == true
                    || tag.value("translate").map { lowercasedASCII(b[$0]).elementsEqual("no".utf8) } == true)
                for (attribute, r) in attributes {
                    guard let r else { continue }
                    if Self.linkAttributes.contains(attribute) {
                        if !hasHreflang, let link = rewritten(source[r]) { edits.append((r, .bytes(link))) }
                    } else if kept == nil, !marksSimplified,
                              Self.readAttributes.contains(attribute) || (describes && attribute.elementsEqual("content".utf8)) {
                        text(r)
                    }
                }
                if Self.rawText.contains(name) {
                    // A script's or style's text is not HTML: on to its end tag.
                    let close = Array("</".utf8) + name
                    i = find(close, in: b, from: end, caseInsensitive: true) ?? n
                    textStart = i
                    continue
                }
                let isVoid = tag.selfClosing || Self.void.contains(name)
                if let k = kept {
                    if k.name == name, !isVoid { kept = (k.name, k.depth + 1) }
                } else if !isVoid, marksSimplified || Self.kept.contains(name) {
                    kept = (name, 1)
                }
            }
            i = end
            textStart = end
        }
        if kept == nil { text(textStart ..< n) }
        // Every text in one call: the converter's cache is asked once for the whole page.
        let converted = mirror.converter.convert(utf8: texts)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 16)
        var copied = 0
        for (range, edit) in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            out += source[copied ..< range.lowerBound]
            switch edit {
            case .text(let k): if let c = converted[k] { out += c } else { out += texts[k] }
            case .bytes(let bytes): out += bytes
            }
            copied = range.upperBound
        }
        out += source[copied...]
        return out
    }

    /// A link to a page of the site, in the mirror; nil for a link that stays (outside the site,
    /// to a file, already in the mirror).
    func rewritten(_ link: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8]? {
        let (base, absolute) = (mirror.basePathUTF8, mirror.rootUTF8)
        let prefix: [UInt8]
        if !mirror.origin.isEmpty, link.starts(with: absolute) {
            prefix = absolute
        } else if link.starts(with: base), !link.starts(with: "//".utf8) {
            prefix = base
        } else {
            return nil
        }
        let rest = link.dropFirst(prefix.count)
        guard !rest.starts(with: Mirror.folder.utf8), !rest.starts(with: "assets/".utf8) else { return nil }
        let path = rest.prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        // What `url:` may give a page (`SitePath.read`): a folder, or a name ending in .html or .htm.
        let isPage = path.isEmpty || path.last == UInt8(ascii: "/") || path.elementsEqual("feed.xml".utf8)
            || (path.count > 5 && path.suffix(5).elementsEqual(".html".utf8)) || (path.count > 4 && path.suffix(4).elementsEqual(".htm".utf8))
        guard isPage else { return nil }
        return prefix + Array(Mirror.folder.utf8) + rest
    }

    /// Whether a `lang` value (lowercased) names Chinese in Simplified characters.
    static func isSimplified(_ lang: [UInt8]) -> Bool {
        ["zh-hans", "zh-cn", "zh-sg", "zh-my"].contains { lang.starts(with: $0.utf8) }
    }
}

/// Where `needle` first occurs in `b` at or after `from`.
private func find(_ needle: some Collection<UInt8>, in b: UnsafeBufferPointer<UInt8>, from: Int, caseInsensitive: Bool = false) -> Int? {
    let needle = Array(needle)
    guard let first = needle.first, needle.count <= b.count else { return nil }
    var i = from
    while i + needle.count <= b.count {
        let c = caseInsensitive && b[i] >= UInt8(ascii: "A") && b[i] <= UInt8(ascii: "Z") ? b[i] + 32 : b[i]
        if c == first {
            var k = 1
            while k < needle.count {
                let d = b[i + k]
                let e = caseInsensitive && d >= UInt8(ascii: "A") && d <= UInt8(ascii: "Z") ? d + 32 : d
                if e != needle[k] { break }
                k += 1
            }
            if k == needle.count { return i }
        }
        i += 1
    }
    return nil
}
