/// The visible text of a document, built as UTF-8 bytes during the walk and decoded once at the end.
///
/// Blocks are separated by one newline (so a summary can stop at the first paragraph, and collapsing
/// newlines to spaces is the caller's one-liner); a hard line break is a newline too. A soft line
/// break is dropped between two East Asian wide characters and a space elsewhere — the rule CSS
/// Text 3 gives browsers, so "工会\n改革" reads "工会改革" but "union\nreform" keeps its space —
/// with curly quotes, dashes and ellipses joining a wide character too (see `LineBreakClass`).
struct PlainText {
    private(set) var bytes: [UInt8] = []
    /// How the last character appended counts for joining lines.
    private var last = LineBreakClass.other
    private var pendingSoftBreak = false

    /// `capacity`: the source's size, which the text rarely exceeds.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    /// The text as UTF-8, without the newline an empty last block may leave.
    var utf8: [UInt8] {
        var text = bytes
        while text.last == newline { text.removeLast() }
        return text
    }

    /// The text from byte `start` on, on one line: a heading's text.
    func text(from start: Int) -> String {
        guard start < bytes.count else { return "" }
        let line = bytes[start...].map { $0 == newline ? space : $0 }
        return trimmed(String(decoding: line, as: UTF8.self))
    }

    mutating func startBlock() {
        pendingSoftBreak = false
        last = .other
        if let byte = bytes.last, byte != newline { bytes.append(newline) }
    }

    mutating func softBreak() { pendingSoftBreak = true }

    /// Between two cells of a table row: a space, so the cells' words stay apart.
    mutating func separateCells() {
        pendingSoftBreak = false
        last = .other
        if let byte = bytes.last, byte != newline, byte != space { bytes.append(space) }
    }

    mutating func hardBreak() {
        pendingSoftBreak = false
        last = .other
        bytes.append(newline)
    }

    /// An inline without visible text (an image, raw HTML): a soft break next to it stays a space, as
    /// it does in the HTML, unless the block ends first.
    mutating func opaqueInline() {
        last = .other
    }

    /// Appends text; true when this dropped the soft break before it, the characters on both sides
    /// being East Asian wide.
    @discardableResult
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !text.isEmpty else { return false }
        var joined = false
        if pendingSoftBreak {
            pendingSoftBreak = false
            if last.joins(LineBreakClass(firstScalar(of: text))) {
                joined = true
            } else {
                bytes.append(space)
            }
        }
        bytes.append(contentsOf: text)
        last = LineBreakClass(lastScalar(of: text))
        return joined
    }
}

private let newline = UInt8(ascii: "\n")
private let space = UInt8(ascii: " ")

private func trimmed(_ text: String) -> String {
    guard let first = text.firstIndex(where: { !$0.isWhitespace }),
          let last = text.lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(text[first...last])
}

/// The first scalar of non-empty, valid UTF-8 (libcmark validates or replaces bad sequences).
func firstScalar(of utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
    decodeScalar(utf8, at: 0)
}

/// The last scalar of non-empty, valid UTF-8.
func lastScalar(of utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var start = utf8.count - 1
    // Step back over continuation bytes (10xxxxxx), at most three.
    while start > 0, utf8.count - start < 4, utf8[start] & 0xC0 == 0x80 { start -= 1 }
    return decodeScalar(utf8, at: start)
}

private func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
    let lead = UInt32(utf8[index])
    let length: Int
    var value: UInt32
    switch lead {
    case 0..<0x80: return lead
    case 0xC0..<0xE0: length = 2; value = lead & 0x1F
    case 0xE0..<0xF0: length = 3; value = lead & 0x0F
    case 0xF0..<0xF8: length = 4; value = lead & 0x07
    default: return 0xFFFD
    }
    guard index + length <= utf8.count else { return 0xFFFD }
    for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
    return value
}

/// How a character counts when deciding whether a soft line break next to it disappears.
enum LineBreakClass {
    /// East Asian wide or full-width: Han, kana, Bopomofo, Yi, CJK and full-width punctuation.
    /// Hangul is left out, since Korean separates words with spaces (as CSS Text 3 does).
    case wide
    /// Punctuation Chinese text shares with Western text — “ ” ‘ ’ — … · — whose East Asian width is
    /// ambiguous: it joins a wide character, not another ambiguous one or a Latin letter.
    case ambiguous
    case other

    init(_ scalar: UInt32) {
        switch scalar {
        case 0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
             0x3041...0x312F,  // Hiragana, Katakana, Bopomofo
             0x3190...0x33FF,  // Kanbun … CJK compatibility (after Hangul compatibility jamo)
             0x3400...0x4DBF,  // CJK extension A
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xA000...0xA4CF,  // Yi
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFE10...0xFE19,  // vertical forms
             0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
             0xFF01...0xFF60,  // full-width ASCII and punctuation
             0xFFE0...0xFFE6,  // full-width signs
             0x1B000...0x1B16F,  // kana supplement and extensions
             0x20000...0x3FFFD:  // CJK extensions B and later
            self = .wide
        case 0x00B7, 0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026:
            self = .ambiguous
        default:
            self = .other
        }
    }

    /// Whether a soft break between a character of this class and one of `next` disappears.
    func joins(_ next: LineBreakClass) -> Bool {
        switch (self, next) {
        case (.wide, .wide), (.wide, .ambiguous), (.ambiguous, .wide): true
        default: false
        }
    }
}
