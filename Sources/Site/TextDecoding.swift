import Foundation

/// Decodes a source file's bytes.
///
/// UTF-8 (with or without a BOM) is what we expect. Windows editors still save GBK/GB18030
/// ("ANSI" in a Chinese Notepad) and UTF-16 ("Unicode"): those are converted, with a warning
/// naming the file, when the conversion is unambiguous — UTF-16 by its BOM, GB18030 when the
/// bytes decode without a replacement character and read as Chinese text. Anything else is
/// an error at the first byte that is not UTF-8, never mojibake in the output.
func decodeText(_ data: Data, file: String) -> Result<(String, [Diagnostic]), Diagnostic> {
    decodeEncoding(data, file: file).map { text, warnings in
        let (clean, warning) = removingInvisibles(text, file: file)
        return (clean, warnings + (warning.map { [$0] } ?? []))
    }
}

/// Removes characters that have no place in an article and break pages or feeds when they slip
/// in from a Word paste or a scraper: control characters other than tab and line breaks (NUL
/// among them: XML forbids them, HTML checkers reject them), DEL, zero-width spaces and stray
/// byte-order marks. One warning names where the first one was.
func removingInvisibles(_ text: String, file: String) -> (String, Diagnostic?) {
    func invisible(_ v: UInt32) -> Bool {
        (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F || v == 0x200B || v == 0xFEFF
    }
    // Fast path: most files have none.
    var copy = text
    let found = copy.withUTF8(containsInvisibles)
    guard found else { return (text, nil) }
    var out = String.UnicodeScalarView()
    var line = 1, column = 1, first: (Int, Int, UInt32)?, removed = 0
    for (i, u) in text.unicodeScalars.enumerated() {
        if invisible(u.value), !(i == 0 && u.value == 0xFEFF) {
            if first == nil { first = (line, column, u.value) }
            removed += 1
            continue
        }
        out.append(u)
        if u == "\n" { line += 1; column = 1 } else { column += 1 }
    }
    guard let (l, c, v) = first else { return (text, nil) }
    let code = "U+" + String(format: "%04X", v)
    return (String(out), Diagnostic(.warning, file: file, line: l, column: c,
        message: "\(removed) invisible character\(removed == 1 ? "" : "s") removed (the first, \(code), here): they come from pasting and break pages and feeds",
        kind: .invisibleCharacters))
}

/// The text of a file in whatever encoding it is in (see `decodeText`).
private func decodeEncoding(_ data: Data, file: String) -> Result<(String, [Diagnostic]), Diagnostic> {
    // Validated where the file was read into, not from a copy: nearly every file is UTF-8.
    if let s = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) { return .success((s, [])) }
    let bytes = [UInt8](data)
    if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF),
       let s = String(data: data, encoding: .utf16) {
        return .success((s, [Diagnostic(.warning, file: file,
            message: "the file is UTF-16, not UTF-8: it was converted; save it as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)")]))
    }
    let gb18030 = String.Encoding(rawValue: 0x8000_0632)
    if let s = String(data: data, encoding: gb18030), !s.contains("\u{FFFD}"), looksLikeChinese(s) {
        return .success((s, [Diagnostic(.warning, file: file,
            message: "the file is in GBK/GB18030, not UTF-8: it was converted; save it as UTF-8 (in Notepad: 另存为 → 编码 UTF-8) to keep it that way")]))
    }
    let (line, column, byte) = firstInvalidUTF8(bytes)
    return .failure(Diagnostic(file: file, line: line, column: column,
        message: "the file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) here): save it as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)"))
}

/// Whether decoded text reads as Chinese: most non-ASCII characters are Han or CJK
/// punctuation, and there are no control characters other than line breaks and tabs.
private func looksLikeChinese(_ s: String) -> Bool {
    var cjk = 0, other = 0
    for u in s.unicodeScalars {
        let v = u.value
        if v < 0x20, v != 0x09, v != 0x0A, v != 0x0D { return false }
        if v < 0x80 { continue }
        if isHanScalar(v) || (0x3000...0x303F).contains(v) || (0xFF00...0xFFEF).contains(v) || (0x2010...0x2027).contains(v) {
            cjk += 1
        } else {
            other += 1
        }
    }
    return cjk > 0 && other * 10 <= cjk
}

/// The 1-based line and column (in characters) of the first byte that is not valid UTF-8, and the byte.
private func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int, UInt8) {
    var line = 1, lineStart = 0, offset = 0
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    loop: while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let s):
            let width = UTF8.width(s)
            offset += width
            if s == "\n" { line += 1; lineStart = offset }
        case .emptyInput, .error:
            break loop
        }
    }
    let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count + 1
    return (line, column, bytes.isEmpty ? 0 : bytes[min(offset, bytes.count - 1)])
}
