/// How sanitized HTML is written: the way libcmark-gfm writes its own (`<br />`, `&quot;` in text),
/// so a page with raw HTML looks like one without.
enum Serializer {
    /// Elements with no end tag.
    static func isVoid(_ name: String) -> Bool {
        switch name {
        case "br", "hr", "img", "input", "source", "col", "wbr", "area", "track", "embed", "base", "link", "meta": true
        default: false
        }
    }

    /// Appends one byte of text or attribute value, escaped.
    @inline(__always)
    static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x26: out.append(contentsOf: "&amp;".utf8)
        case 0x3C: out.append(contentsOf: "&lt;".utf8)
        case 0x3E: out.append(contentsOf: "&gt;".utf8)
        case 0x22: out.append(contentsOf: "&quot;".utf8)
        default: out.append(byte)
        }
    }
}
