/// Appends `s` to `out` with `& < > " '` escaped for HTML text and attribute values.
/// Most text has none of them, so the common case is one scan and one append.
func appendEscapingHTML(_ s: String, to out: inout String) {
    let utf8 = s.utf8
    guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
        out += s
        return
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count + 16)
    for b in utf8 {
        switch b {
        case 0x26: bytes.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])            // &amp;
        case 0x3C: bytes.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])                  // &lt;
        case 0x3E: bytes.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])                  // &gt;
        case 0x22: bytes.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])      // &quot;
        case 0x27: bytes.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])            // &#39;
        default: bytes.append(b)
        }
    }
    out += String(decoding: bytes, as: UTF8.self)
}

/// `s` escaped for HTML.
public func escapeHTML(_ s: String) -> String {
    var out = ""
    appendEscapingHTML(s, to: &out)
    return out
}
