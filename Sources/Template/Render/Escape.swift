/// Appends `s` to `out` with `& < > " '` escaped for HTML text and attribute values.
///
/// Most text has none of them, so the common case is one byte scan and one append; text that
/// does is appended in runs between the escaped characters (slices of a valid string need no
/// UTF-8 validation, which a rebuilt byte buffer would).
func appendEscapingHTML(_ s: String, to out: inout String) {
    var copy = s
    let firstSpecial: Int? = copy.withUTF8 { buf in
        for i in 0..<buf.count where needsEscape(buf[i]) { return i }
        return nil
    }
    guard let first = firstSpecial else {
        out += s
        return
    }
    let utf8 = s.utf8
    var runStart = utf8.startIndex
    var i = utf8.index(utf8.startIndex, offsetBy: first)
    while i < utf8.endIndex {
        let b = utf8[i]
        if needsEscape(b) {
            out += s[runStart..<i]
            switch b {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            default: out += "&#39;"
            }
            i = utf8.index(after: i)
            runStart = i
        } else {
            i = utf8.index(after: i)
        }
    }
    out += s[runStart..<utf8.endIndex]
}

@inline(__always) private func needsEscape(_ b: UInt8) -> Bool {
    b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27
}

/// `s` escaped for HTML.
public func escapeHTML(_ s: String) -> String {
    var out = ""
    appendEscapingHTML(s, to: &out)
    return out
}
