import CUnionsite

/// Whether UTF-8 text holds a character `removingInvisibles` removes: a control character other
/// than tab, line feed and carriage return, DEL, U+200B (E2 80 8B) or U+FEFF (EF BB BF) anywhere
/// but at the very start.
///
/// Every file is scanned and almost none has one. The scan is in C (CUnionsite/invisibles.c),
/// sixteen bytes at a time with SSE2, each lane testing its byte and, for the three-byte
/// characters, the two bytes before it: SIMD16 comparisons in Swift compiled to a loop per lane,
/// and eight bytes at a time in plain Swift cost several times more.
func containsInvisibles(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    return unionsite_contains_invisibles(base, bytes.count)
}
