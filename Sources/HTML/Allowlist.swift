/// What raw HTML in Markdown may keep: the elements, their attributes, and the addresses links,
/// images and media may point to. Everything else is removed and reported.
enum Allowlist {
    /// Elements kept with their allowed attributes. The Markdown renderer's own output (headings
    /// with ids, lists, code with a language class, footnotes, task-list checkboxes) is on the list,
    /// since a document's whole HTML passes through the sanitizer once it holds raw HTML.
    static let elements: [String: Set<String>] = {
        let cells: Set<String> = ["align", "colspan", "rowspan", "scope"]
        var table: [String: Set<String>] = [
            // `target="_blank"` is common in pasted HTML; browsers now open such links without
            // giving the new page a handle on this one.
            "a": ["href", "title", "target", "rel", "name"],
            "img": ["src", "alt", "width", "height", "title", "loading"],
            "video": ["src", "controls", "poster", "width", "height", "loop", "muted", "preload", "playsinline"],
            "audio": ["src", "controls", "loop", "muted", "preload"],
            "source": ["src", "type"],
            "iframe": ["src", "width", "height", "title", "allowfullscreen", "frameborder", "loading"],
            "th": cells, "td": cells,
            "col": ["span"], "colgroup": ["span"],
            "ol": ["start", "reversed", "type"],
            "details": ["open"],
            // The box Markdown puts a table in takes the keyboard's focus (tabindex="0") to scroll.
            "div": ["tabindex"],
            "abbr": ["title"], "q": ["cite"], "blockquote": ["cite"], "ins": ["datetime"], "del": ["datetime"],
            // Only the disabled checkbox of a task list item; `type` is checked on its own.
            "input": ["type", "checked", "disabled"],
        ]
        for plain in ["figure", "figcaption", "sub", "sup", "table", "thead", "tbody", "tfoot", "tr", "caption",
                      "br", "hr", "summary", "span", "p", "section",
                      "h1", "h2", "h3", "h4", "h5", "h6", "ul", "li", "pre", "code", "em", "strong", "b", "i",
                      "u", "s", "mark", "small", "kbd", "samp", "var", "cite", "dl", "dt", "dd", "ruby", "rt", "rp",
                      "wbr", "time"] {
            table[plain, default: []].formUnion([])
        }
        return table
    }()

    /// Attributes any allowed element keeps: presentation hooks for the theme, anchors, and the
    /// footnote markup libcmark-gfm writes (`data-footnote-ref`, `aria-label`).
    static func isGlobal(_ name: String) -> Bool {
        name == "class" || name == "id" || name == "lang" || name == "dir"
            || ((name.hasPrefix("data-") || name.hasPrefix("aria-")) && name.utf8.allSatisfy(isPlainNameByte))
    }

    /// A byte of a `data-`/`aria-` name that needs no thought when written back: the parser lets
    /// quotes and `<` into attribute names.
    private static func isPlainNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E
    }

    /// Elements removed together with everything inside them: their content is code, styling or a
    /// document of its own, never page text (`svg` and `math` switch the parser to foreign content,
    /// the usual way round a sanitizer).
    static let droppedWithContent: Set<String> = [
        "script", "style", "template", "svg", "math", "iframe", "object", "embed", "applet", "noscript",
        "noembed", "noframes", "xmp", "textarea", "select", "option", "title", "head", "base", "link", "meta",
        "frame", "frameset", "plaintext",
    ]

    /// Elements that, left unclosed, take in everything after them and go with it: those dropped
    /// with their content that are not void (an unclosed `<select>`, `<template>` or `<svg>` would
    /// take the rest of the page out with it), and `iframe`.
    static let rawText: Set<String> = droppedWithContent.subtracting(["embed", "base", "link", "meta", "frame"])

    /// Elements after which the visible text starts a new line.
    static let endsALine: Set<String> = [
        "p", "div", "li", "tr", "figure", "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "table",
        "details", "summary", "blockquote", "pre", "br", "dt", "dd", "section", "ul", "ol", "dl", "hr",
    ]

    /// Attributes holding an address, checked with `allowedScheme`.
    static let urlAttributes: Set<String> = ["href", "src", "poster", "cite"]

    /// A table cell's alignment as libcmark-gfm writes it for a GFM table (`style="text-align:
    /// center"`), the one `style` that stays: HTML5 has no `align`, and no other declaration is
    /// let through.
    static func isCellAlignment(_ key: String, _ value: String, of element: String) -> Bool {
        key == "style" && (element == "td" || element == "th")
            && (value == "text-align: left" || value == "text-align: center" || value == "text-align: right")
    }

    /// Whether an address may stay: relative, or http, https (and mailto and tel for links: union
    /// sites print their offices' telephone numbers). The check is on
    /// the decoded value with the characters browsers ignore in a scheme (controls, blanks) removed.
    static func allowedScheme(_ url: String, mailto: Bool) -> String? {
        let scheme = Allowlist.scheme(of: url)
        guard let scheme else { return nil }
        if scheme == "http" || scheme == "https" || (mailto && (scheme == "mailto" || scheme == "tel")) { return nil }
        return scheme
    }

    /// The lowercased scheme of an address, nil for a relative one.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar.value <= 0x20 { continue }  // browsers strip tabs, line breaks and leading blanks
            if scalar == ":" { return scheme.lowercased() }
            if scalar == "/" || scalar == "?" || scalar == "#" { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }
}

/// The scheme the sanitizer refuses in an address (`javascript`, `data` …), nil when it may stay:
/// for a link (`isLink`) http, https, mailto, tel and relative ones, else http, https and relative ones.
public func refusedScheme(of url: String, isLink: Bool) -> String? {
    Allowlist.allowedScheme(url, mailto: isLink)
}
