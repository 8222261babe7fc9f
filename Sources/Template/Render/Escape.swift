/// Appends `s`'s UTF-8 to `out` with `& < > " '` escaped for HTML text and attribute values.
///
/// Most text has none of them, so the common case is one scan and one copy; text that does is
/// copied in runs between the escaped characters.
func appendEscapingHTML(_ s: String, to out: inout OutputBuffer) {
    withUTF8(of: s) { appendEscapingHTML($0, to: &out) }
}

private func appendEscapingHTML(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
    guard var i = firstByteNeedingEscape(bytes) else {
        out.append(bytes)
        return
    }
    var runStart = 0
    while i < bytes.count {
        let b = bytes[i]
        if needsEscape(b) {
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            switch b {
            case 0x26: out.append("&amp;" as StaticString)
            case 0x3C: out.append("&lt;" as StaticString)
            case 0x3E: out.append("&gt;" as StaticString)
            case 0x22: out.append("&quot;" as StaticString)
            default: out.append("&#39;" as StaticString)
            }
            runStart = i + 1
        }
        i += 1
    }
    out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
}

/// The offset of the first byte of `buf` that HTML escaping changes, or nil.
///
/// Sixteen bytes at a time (one vector compare per folded character), then eight, while none
/// of them can be one (every title, url and summary on every page goes through here), then
/// byte by byte.
private func firstByteNeedingEscape(_ buf: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    if let base = buf.baseAddress {
        let raw = UnsafeRawPointer(base)
        while i + 16 <= buf.count, !mayNeedEscape(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)) { i += 16 }
        while i + 8 <= buf.count, !mayNeedEscape(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
    }
    while i < buf.count {
        if needsEscape(buf[i]) { return i }
        i += 1
    }
    return nil
}

/// Whether any byte of `w` is `& ' < > "`. `w | 1` folds `&` (0x26) into `'` (0x27), `w | 2`
/// folds `<` (0x3C) into `>` (0x3E); each test is the classic exact has-a-zero-byte check.
@inline(__always) private func mayNeedEscape(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
    return hasZeroByte((w | ones) ^ (ones &* 0x27))
        || hasZeroByte((w | (ones &* 2)) ^ (ones &* 0x3E))
        || hasZeroByte(w ^ (ones &* 0x22))
}

/// Whether any byte of `v` is `& ' < > "`, with the folds of the word version above.
@inline(__always) private func mayNeedEscape(_ v: SIMD16<UInt8>) -> Bool {
    let ampOrQuote: SIMDMask<SIMD16<Int8>> = (v | SIMD16<UInt8>(repeating: 1)) .== SIMD16<UInt8>(repeating: 0x27)
    let angle: SIMDMask<SIMD16<Int8>> = (v | SIMD16<UInt8>(repeating: 2)) .== SIMD16<UInt8>(repeating: 0x3E)
    let double: SIMDMask<SIMD16<Int8>> = v .== SIMD16<UInt8>(repeating: 0x22)
    // `any(_:)` is a call to a generic reduction here; the mask is 16 bytes of 0 or 0xFF,
    // so seeing it as two words and testing them is the same answer in three instructions.
    let words = unsafeBitCast(ampOrQuote .| angle .| double, to: SIMD2<UInt64>.self)
    return words[0] | words[1] != 0
}

@inline(__always) private func needsEscape(_ b: UInt8) -> Bool {
    b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27
}

/// `s` escaped for HTML.
public func escapeHTML(_ s: String) -> String {
    var out = OutputBuffer(capacity: s.utf8.count + 16)
    appendEscapingHTML(s, to: &out)
    // Valid UTF-8: `s`'s bytes with ASCII entities in place of ASCII characters.
    return String(decoding: out.bytes(), as: UTF8.self)
}
