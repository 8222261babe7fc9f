/// The number of characters (grapheme clusters) in valid UTF-8, whitespace included or not.
///
/// Counting characters takes Unicode's grapheme breaking rules, which are slow on Chinese text
/// (every character goes through the rules' tables). When no scalar can join the one before it — ASCII,
/// Latin, general punctuation, CJK, full-width forms, minus the few combining marks among them —
/// characters are scalars and are counted as such; anything else falls back to `String.count`.
func characterCount(_ utf8: UnsafeBufferPointer<UInt8>, countingWhitespace: Bool) -> Int {
    var count = 0
    var index = 0
    while index < utf8.count {
        let lead = utf8[index]
        // Unchecked arithmetic on these two paths: index and count stay below utf8.count.
        if lead >= 0xE4 && lead <= 0xE9 {  // U+4000–U+9FFF, Han: the bulk of Chinese text, never blank
            count &+= 1
            index &+= 3
            continue
        }
        if index &+ 2 < utf8.count, isCommonPunctuation(lead, utf8[index &+ 1], utf8[index &+ 2]) {
            count &+= 1
            index &+= 3
            continue
        }
        let scalar: UInt32
        switch lead {
        case 0..<0x80:
            scalar = UInt32(lead)
            index += 1
        case 0xC2..<0xCC where index + 1 < utf8.count:  // U+0080–U+02FF; combining marks start at U+0300
            scalar = UInt32(lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
            index += 2
        case 0xE2...0xE3 where index + 2 < utf8.count, 0xEF where index + 2 < utf8.count:  // U+2000–U+3FFF, U+F000–U+FFFF
            scalar = UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
            guard neverExtends(scalar) else { return slowCount(utf8, countingWhitespace) }
            index += 3
        default:
            return slowCount(utf8, countingWhitespace)
        }
        // CR LF is one character.
        let secondOfCRLF = scalar == 0x0A && index >= 2 && utf8[index - 2] == 0x0D
        if (countingWhitespace || !isWhitespace(scalar)) && !secondOfCRLF { count += 1 }
    }
    return count
}

/// Whether a three-byte sequence is Chinese punctuation that is neither blank nor joins the
/// character before: full-width forms U+FF00–U+FF7F (，！？：；（）), CJK punctuation U+3001–U+3029
/// and U+3030–U+303F (、。「」《》), and U+200E–U+2027, U+2030–U+203F (“”‘’—…). The general path below
/// gives them the same answer at several times the cost, and Chinese text is full of them.
@inline(__always)
private func isCommonPunctuation(_ lead: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
    switch (lead, second) {
    case (0xEF, 0xBC), (0xEF, 0xBD): true
    case (0xE3, 0x80): third != 0x80 && !(0xAA...0xAF).contains(third)
    case (0xE2, 0x80): (0x8E...0xA7).contains(third) || third >= 0xB0
    default: false
    }
}

private func slowCount(_ utf8: UnsafeBufferPointer<UInt8>, _ countingWhitespace: Bool) -> Int {
    let text = String(decoding: utf8, as: UTF8.self)
    return countingWhitespace ? text.count : text.reduce(0) { $1.isWhitespace ? $0 : $0 + 1 }
}

/// Whether a scalar from U+2000 to U+3FFF or U+F000 to U+FFFF is known not to join the character before it.
private func neverExtends(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x200C, 0x200D,  // zero-width (non-)joiner
         0x20D0...0x20FF,  // combining marks for symbols
         0x302A...0x302F,  // ideographic tone marks
         0x3099, 0x309A,  // combining kana voice marks
         0xFF9E, 0xFF9F:  // half-width kana voice marks
        false
    case 0x2000...0x3FFF, 0xFF00...0xFFEF:
        true
    default:
        false
    }
}

/// Unicode's White_Space property, for the scalars the fast path sees (as `Character.isWhitespace`).
private func isWhitespace(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
    default: false
    }
}
