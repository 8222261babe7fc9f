import Foundation

extension StandardFilters {
    /// HTML filters: `escape` (alias `h`), `escape_once`, `strip_html`, `newline_to_br`,
    /// `xml_escape`, and `safe` (alias `raw`), the opt-out of auto-escaping.
    static let html: [String: FilterFunction] = [
        "escape": escape,
        "h": escape,
        "escape_once": { input, call throws(FilterError) in
            try call.expect(0, filter: "escape_once")
            if input.isNil { return .nil }
            return .safe(HTML.escapeOnce(input.text))
        },
        "strip_html": { input, call throws(FilterError) in
            try call.expect(0, filter: "strip_html")
            return .text(HTML.stripTags(input.text), safe: input.isSafe)
        },
        // Adds markup, so it is only safe when the input was; `escape | newline_to_br` is the
        // way to get escaped text with line breaks under auto-escaping.
        "newline_to_br": { input, call throws(FilterError) in
            try call.expect(0, filter: "newline_to_br")
            return .text(input.text.rubyGsub("\r\n", "\n").rubyGsub("\n", "<br />\n"), safe: input.isSafe)
        },
        "xml_escape": { input, call throws(FilterError) in
            try call.expect(0, filter: "xml_escape")
            return .safe(HTML.escapeXML(input.text))
        },
        "safe": safe,
        "raw": safe,
    ]

    /// Ruby's `CGI.escapeHTML`; the result is safe, so auto-escaping leaves it alone.
    private static let escape: FilterFunction = { input, call throws(FilterError) in
        try call.expect(0, filter: "escape")
        if input.isNil { return .nil }
        return .safe(HTML.escape(input.text))
    }

    /// Marks the text safe: printed as is even when auto-escaping is on.
    private static let safe: FilterFunction = { input, call throws(FilterError) in
        try call.expect(0, filter: "safe")
        return .safe(input.text)
    }
}

extension HTML {
    /// Liquid's `escape_once`: escapes like `escape` but leaves entities (`&amp;`, `&#20;`)
    /// alone. As in Liquid, only named and decimal entities count: `&#x41;` is escaped.
    static func escapeOnce(_ s: String) -> String {
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count + 16)
        var i = 0
        while i < u.count {
            let b = u[i]
            if b == UInt8(ascii: "&"), let end = entityEnd(u, from: i) {
                out.append(contentsOf: u[i...end])
                i = end + 1
                continue
            }
            if let e = entity(b) { out.append(contentsOf: e) } else { out.append(b) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index of the `;` ending an entity (`&[a-zA-Z]+;` or `&#\d+;`) that starts at `start`.
    private static func entityEnd(_ u: [UInt8], from start: Int) -> Int? {
        var j = start + 1
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        let numeric = j < u.count && u[j] == UInt8(ascii: "#")
        if numeric { j += 1 }
        let first = j
        while j < u.count, numeric ? isDigit(u[j]) : isLetter(u[j]) { j += 1 }
        guard j > first, j < u.count, u[j] == UInt8(ascii: ";") else { return nil }
        return j
    }

    /// Liquid's `strip_html`: removes `<script>…</script>`, `<style>…</style>` and comments
    /// with their content, then every `<…>` tag (shortest match, across lines). Like Liquid's
    /// regexes this is case-sensitive: `<SCRIPT>` loses only its tags.
    static func stripTags(_ s: String) -> String {
        let u = Array(s.utf8)
        guard u.contains(UInt8(ascii: "<")) else { return s }
        let blocks: [(open: [UInt8], close: [UInt8])] = [
            (Array("<script".utf8), Array("</script>".utf8)),
            (Array("<!--".utf8), Array("-->".utf8)),
            (Array("<style".utf8), Array("</style>".utf8)),
        ]
        var pass: [UInt8] = []
        pass.reserveCapacity(u.count)
        var i = 0
        scan: while i < u.count {
            if u[i] == UInt8(ascii: "<") {
                for block in blocks where hasPrefix(u, block.open, at: i) {
                    if let end = find(u, block.close, from: i + block.open.count) {
                        i = end + block.close.count
                        continue scan
                    }
                }
            }
            pass.append(u[i])
            i += 1
        }
        var out: [UInt8] = []
        out.reserveCapacity(pass.count)
        i = 0
        while i < pass.count {
            if pass[i] == UInt8(ascii: "<"), let end = pass[(i + 1)...].firstIndex(of: UInt8(ascii: ">")) {
                i = end + 1
                continue
            }
            out.append(pass[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hasPrefix(_ u: [UInt8], _ p: [UInt8], at i: Int) -> Bool {
        i + p.count <= u.count && u[i..<(i + p.count)].elementsEqual(p)
    }

    private static func find(_ u: [UInt8], _ p: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + p.count <= u.count {
            if hasPrefix(u, p, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Escapes `&<>"'` for XML text and attributes and drops the characters XML 1.0 forbids
    /// (C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF), which no escape can carry.
    static func escapeXML(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            switch c.value {
            case 0x26: out.append(contentsOf: "&amp;".unicodeScalars)
            case 0x3C: out.append(contentsOf: "&lt;".unicodeScalars)
            case 0x3E: out.append(contentsOf: "&gt;".unicodeScalars)
            case 0x22: out.append(contentsOf: "&quot;".unicodeScalars)
            case 0x27: out.append(contentsOf: "&apos;".unicodeScalars)
            case 0x09, 0x0A, 0x0D: out.append(c)
            case 0..<0x20, 0xFFFE, 0xFFFF: continue
            default: out.append(c)
            }
        }
        return String(out)
    }
}
