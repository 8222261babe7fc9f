/// `text` without leading and trailing white space: Unicode's White_Space characters and U+200B,
/// which are what Foundation's `CharacterSet.whitespacesAndNewlines` holds, or with
/// `newlines: false` only spaces and tabs (Unicode Zs, U+200B and tab, `CharacterSet.whitespaces`).
///
/// Foundation's `trimmingCharacters(in:)` costs tens of thousands of instructions a call on
/// Linux, as much as reading the rest of an article, for a summary or a title of a few dozen
/// characters.
func trimmingWhitespace(_ text: String, newlines: Bool = true) -> String {
    let scalars = text.unicodeScalars
    var start = scalars.startIndex, end = scalars.endIndex
    while start < end, isWhitespace(scalars[start], newlines: newlines) { start = scalars.index(after: start) }
    while start < end {
        let before = scalars.index(before: end)
        guard isWhitespace(scalars[before], newlines: newlines) else { break }
        end = before
    }
    if start == scalars.startIndex, end == scalars.endIndex { return text }
    return String(Substring(scalars[start..<end]))
}

/// `trimmingWhitespace(text, newlines: false)`: spaces and tabs.
func trimmingBlanks(_ text: String) -> String {
    trimmingWhitespace(text, newlines: false)
}

/// Whether `text` is empty or all spaces and tabs.
func isBlank(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { isWhitespace($0, newlines: false) }
}

/// Unicode White_Space (line breaks included), or only Zs and tab.
private func isWhitespace(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
    switch scalar.value {
    case 0x21...0x7E, 0x3400...0x9FFF, 0xFF01...0xFFEF: return false   // visible ASCII, Han, full-width forms: most text
    case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
    case 0x200B: return true   // zero width space: Foundation's sets keep it, from when Unicode called it a space
    default: return scalar.properties.isWhitespace
    }
}
