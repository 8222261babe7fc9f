/// Whether UTF-8 text holds a character `removingInvisibles` removes: a control character other
/// than tab, line feed and carriage return, DEL, U+200B (E2 80 8B) or U+FEFF (EF BB BF) anywhere
/// but at the very start.
///
/// Every file is scanned and almost none has one, so this reads eight bytes at a time and looks
/// at single bytes only in a word holding a byte below 0x20, 0x7F, or the last two bytes of
/// U+200B or U+FEFF (80 8B, BB BF; the word one byte back gives the byte before each) — a line
/// break, or one Chinese word in twenty-five. Testing for the lead bytes E2 and EF instead
/// would stop at most words of Chinese, whose punctuation starts with them too, and the last
/// byte alone at one word in five. (SIMD16 comparisons with a scalar compiled to a loop per
/// lane, ten times slower than this.)
func containsInvisibles(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let count = bytes.count
    let raw = UnsafeRawPointer(base)
    // The first bytes one at a time, so every word read has a byte before it.
    var offset = 0
    while offset < min(count, 8) {
        if invisibleEnds(at: offset, base) { return true }
        offset &+= 1
    }
    while count &- offset >= 8 {
        let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        let before = raw.loadUnaligned(fromByteOffset: offset &- 1, as: UInt64.self)
        let suspect = hasByteBelow0x20(word) | hasZeroByte(word ^ 0x7F7F_7F7F_7F7F_7F7F)
            | hasZeroByte(word ^ 0x8B8B_8B8B_8B8B_8B8B) & hasZeroByte(before ^ 0x8080_8080_8080_8080)
            | hasZeroByte(word ^ 0xBFBF_BFBF_BFBF_BFBF) & hasZeroByte(before ^ 0xBBBB_BBBB_BBBB_BBBB)
        if suspect != 0 {
            for end in offset..<(offset &+ 8) where invisibleEnds(at: end, base) { return true }
        }
        offset &+= 8
    }
    while offset < count {
        if invisibleEnds(at: offset, base) { return true }
        offset &+= 1
    }
    return false
}

private let lowBits: UInt64 = 0x0101_0101_0101_0101
private let highBits: UInt64 = 0x8080_8080_8080_8080

/// Nonzero if some byte of `word` is zero (it may flag other bytes too, never miss one).
@inline(__always)
private func hasZeroByte(_ word: UInt64) -> UInt64 {
    (word &- lowBits) & ~word & highBits
}

/// Nonzero if some byte of `word` is below 0x20.
@inline(__always)
private func hasByteBelow0x20(_ word: UInt64) -> UInt64 {
    (word &- lowBits &* 0x20) & ~word & highBits
}

/// Whether an invisible character ends at byte `end` (see `containsInvisibles`).
@inline(__always)
private func invisibleEnds(at end: Int, _ b: UnsafePointer<UInt8>) -> Bool {
    let c = b[end]
    if c < 0x20 { return c != 0x09 && c != 0x0A && c != 0x0D }
    if c == 0x7F { return true }
    if c == 0x8B, end >= 2 { return b[end - 1] == 0x80 && b[end - 2] == 0xE2 }
    if c == 0xBF, end >= 3 { return b[end - 1] == 0xBB && b[end - 2] == 0xEF }
    return false
}
