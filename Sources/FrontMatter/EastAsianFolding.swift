import Diagnostics

/// Whether a line break that YAML folds into a space sits between two East Asian wide
/// characters (汉字, kana, full-width punctuation such as `，`): then the lines are joined with
/// nothing. A Chinese title or summary broken over two lines would otherwise show a space no
/// Chinese writer puts there; the Markdown renderer joins such lines the same way (the rule of
/// CSS Text 3 for line breaks between East Asian characters).
func joinsWithoutSpace<A: BidirectionalCollection<UInt8>, B: Collection<UInt8>>(_ previous: A, _ next: B) -> Bool {
    guard let last = lastScalar(previous), isWide(last),
          let first = String(decoding: next.prefix(4), as: UTF8.self).unicodeScalars.first else { return false }
    return isWide(first)
}

private func lastScalar<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> Unicode.Scalar? {
    var i = bytes.endIndex
    var count = 0
    while i > bytes.startIndex, count < 4 {
        i = bytes.index(before: i)
        count += 1
        if bytes[i] & 0xC0 != 0x80 { break }
    }
    return String(decoding: bytes[i...], as: UTF8.self).unicodeScalars.first
}

private func isWide(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 0x1100 && displayWidth(of: Character(scalar)) == 2
}
