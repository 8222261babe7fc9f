/// A start or end tag in HTML as the build writes it (templates escape what they print,
/// Markdown passes a sanitizer), read from its bytes: what the mirror's conversion and the
/// photos' `<picture>` need of a page, without a parser's tree.
struct HTMLTag {
    /// Lowercased.
    var name: [UInt8]
    var closing: Bool
    /// Each attribute's name, lowercased, and its value's bytes (without quotes, not unescaped).
    var attributes: [(name: [UInt8], value: Range<Int>?)]
    /// `<br/>`.
    var selfClosing: Bool
    /// Where the tag ends: past its `>`.
    var end: Int

    /// The tag whose `<` is at `i`; nil when the `<` starts no tag (a stray one, a comment).
    /// Never reads past the end of `b`: an unfinished tag ends with it.
    static func read(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> HTMLTag? {
        let n = b.count
        guard i + 1 < n else { return nil }
        let closing = b[i + 1] == UInt8(ascii: "/")
        var j = i + (closing ? 2 : 1)
        let nameStart = j
        while j < n, isNameByte(b[j]) { j += 1 }
        guard j > nameStart else { return nil }
        let name = lowercasedASCII(b[nameStart ..< j])
        var attributes: [(name: [UInt8], value: Range<Int>?)] = []
        var selfClosing = false
        while j < n, b[j] != UInt8(ascii: ">") {
            if isHTMLSpace(b[j]) { j += 1; continue }
            if b[j] == UInt8(ascii: "/") { selfClosing = true; j += 1; continue }
            selfClosing = false
            let a = j
            while j < n, !isHTMLSpace(b[j]), b[j] != UInt8(ascii: "="), b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "/") { j += 1 }
            let attribute = lowercasedASCII(b[a ..< j])
            while j < n, isHTMLSpace(b[j]) { j += 1 }
            var value: Range<Int>?
            if j < n, b[j] == UInt8(ascii: "=") {
                j += 1
                while j < n, isHTMLSpace(b[j]) { j += 1 }
                if j < n, b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    let quote = b[j]
                    let start = j + 1
                    j = start
                    while j < n, b[j] != quote { j += 1 }
                    value = start ..< j
                    if j < n { j += 1 }
                } else {
                    let start = j
                    while j < n, !isHTMLSpace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
                    value = start ..< j
                }
            }
            if a == j { j += 1 } else { attributes.append((attribute, value)) }
        }
        return HTMLTag(name: name, closing: closing, attributes: attributes, selfClosing: selfClosing, end: min(j + 1, n))
    }

    /// The value's bytes of the attribute `key`, if the tag has it with a value.
    func value(_ key: String) -> Range<Int>? {
        attributes.first { $0.name.elementsEqual(key.utf8) }?.value
    }

    func has(_ key: String) -> Bool {
        attributes.contains { $0.name.elementsEqual(key.utf8) }
    }
}

private func isNameByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":")
}

func isHTMLSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C
}

func lowercasedASCII(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
    s.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
}
