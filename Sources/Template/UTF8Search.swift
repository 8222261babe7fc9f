#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether `part` occurs in `text`, compared as UTF-8 bytes: code point by code point, as Ruby's
/// `include?` (Liquid's `contains`) compares, since a valid needle can only match at code point
/// boundaries. Foundation's `contains` also matches canonically equivalent text, at thousands of
/// instructions a call, and the standard library's `firstRange(of:)` is not specialized for
/// strings; the C library's `memchr` and `memcmp` are fast on any bytes.
public func utf8Contains(_ text: String, _ part: String) -> Bool {
    var text = text, part = part
    return text.withUTF8 { t in part.withUTF8 { p in bytesContain(t, p) } }
}

/// Whether the bytes `p` occur in the bytes `t` (HTML, UTF-8 text), by `memchr` and `memcmp`.
public func bytesContain(_ t: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let needle = p.baseAddress, !p.isEmpty else { return true }
    guard let haystack = t.baseAddress, p.count <= t.count else { return false }
    let lastStart = t.count - p.count
    var from = 0
    while from <= lastStart {
        // The next place the needle's first byte is, then the rest compared there.
        guard let hit = memchr(haystack + from, Int32(p[0]), lastStart - from + 1) else { return false }
        let at = UnsafeRawPointer(haystack).distance(to: UnsafeRawPointer(hit))
        if memcmp(haystack + at, needle, p.count) == 0 { return true }
        from = at + 1
    }
    return false
}
