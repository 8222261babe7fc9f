import Foundation
import Markdown

/// Finds honorees' names in running text, for cross-links.
///
/// Chinese has no spaces between words, so "whole name" needs a rule. Ours:
/// 1. Simplified and Traditional writing match alike (陳一文 = 陈一文): text and names are
///    compared character by character after folding to Simplified.
/// 2. At each position the longest name wins (陈一文 beats an honoree called 陈一), and
///    matches never overlap.
/// 3. A name of three or more Han characters matches wherever it occurs.
/// 4. A name of two Han characters (王平) is easily part of something else (王平安, 张王平), so it
///    matches only where both neighbours allow it: the character before is not a Han
///    character or is one that commonly precedes a name (a role such as 手 in 骑手, 席 in 主席,
///    or 的, 和, 向 …), and the character after is not a Han character or is one that commonly
///    follows a name (说, 是, 的, 在, 等, 同志's 同 …).
/// 5. A name in Latin letters matches only as a whole word.
/// Markdown decides where text may be linked at all (never inside links, headings or code).
public struct MentionMatcher: Sendable {
    struct Name: Sendable {
        var folded: [UInt32]
        var honoree: Int
    }

    /// Names by their first folded scalar, longest first.
    private let byFirst: [UInt32: [Name]]
    /// For scalars below 0x10000: index into `groups` + 1 of the names starting with it, 0 for
    /// none. A flat table, because this is asked for every character of every article.
    private let firstIndex: [UInt16]
    private let groups: [[Name]]
    /// Names by their first two folded scalars, longest first: with thousands of honorees a
    /// common surname starts hundreds of names, and trying each at every occurrence of the
    /// surname made matching grow with names × text.
    private let byPair: [UInt64: [Name]]
    /// For scalars below 0x10000 as written (before folding): 1 if a name starts with the scalar's
    /// folded form. The scan asks this of every scalar, so most never get folded.
    private let startsName: [UInt8]
    /// A bit per hash of a name's first two folded scalars (see `pairBit`): most places where a
    /// name's first character stands are not followed by its second, and a bit test is much
    /// cheaper than hashing the pair for `byPair`.
    private let pairBits: [UInt64]

    /// `names`: each name or alias with the index of the honoree it belongs to.
    public init(names: [(String, Int)]) {
        var table: [UInt32: [Name]] = [:]
        for (name, honoree) in names {
            let folded = name.unicodeScalars.filter { !$0.properties.isWhitespace }.map { HanFolding.fold($0.value) }
            guard let first = folded.first, folded.count >= 2 else { continue }
            table[first, default: []].append(Name(folded: folded, honoree: honoree))
        }
        for k in table.keys { table[k]?.sort { $0.folded.count > $1.folded.count } }
        byFirst = table
        var index = [UInt16](repeating: 0, count: 0x10000)
        var groups: [[Name]] = []
        for (k, names) in table.sorted(by: { $0.key < $1.key }) where k < 0x10000 && groups.count < Int(UInt16.max) {
            groups.append(names)
            index[Int(k)] = UInt16(groups.count)
        }
        self.firstIndex = index
        self.groups = groups
        var pairs: [UInt64: [Name]] = [:]
        for names in table.values {
            for name in names { pairs[Self.pair(name.folded[0], name.folded[1]), default: []].append(name) }
        }
        for k in pairs.keys { pairs[k]?.sort { $0.folded.count > $1.folded.count } }
        byPair = pairs
        var bits = [UInt64](repeating: 0, count: Self.pairBitCount / 64)
        for names in pairs.values {
            let bit = Self.pairBit(names[0].folded[0], names[0].folded[1])
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        pairBits = bits
        var starts = [UInt8](repeating: 0, count: 0x10000)
        if !table.isEmpty {
            for v in 0..<UInt32(0x10000) {
                let f = HanFolding.fold(v)
                let known = f < 0x10000 ? index[Int(f)] != 0 : table[f] != nil
                if known { starts[Int(v)] = 1 }
            }
        }
        startsName = starts
    }

    @inline(__always) private static func pair(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    private static let pairBitCount = 1 << 16
    @inline(__always) private static func pairBit(_ a: UInt32, _ b: UInt32) -> Int {
        Int((((a &* 0x9E37_79B1) ^ b) &* 0x85EB_CA6B) >> 16)
    }

    @inline(__always) private func candidates(_ v: UInt32) -> [Name]? {
        if v < 0x10000 {
            let g = firstIndex[Int(v)]
            return g == 0 ? nil : groups[Int(g) - 1]
        }
        return byFirst[v]
    }

    public var isEmpty: Bool { byFirst.isEmpty }

    /// Every acceptable mention in `text`, in order, as ranges of `text`.
    public func matches(in text: String) -> [(range: Range<String.Index>, honoree: Int)] {
        guard !byFirst.isEmpty else { return [] }
        var copy = text
        let found = copy.withUTF8 { matches(inUTF8: $0) }
        // Offsets into the UTF-8 of `text` (`copy` has the same bytes); O(1) on native strings.
        let utf8 = text.utf8
        return found.map { m in
            let start = utf8.index(utf8.startIndex, offsetBy: m.range.lowerBound)
            let end = utf8.index(start, offsetBy: m.range.count)
            return (start..<end, m.honoree)
        }
    }

    /// Every acceptable mention in valid UTF-8 text, in order, as byte offsets.
    ///
    /// Works on the bytes, a Unicode scalar at a time: names are Han or Latin letters, and the
    /// thousands of text runs of a large site made strings, grapheme clusters and even arrays of
    /// scalars cost more than rendering the Markdown. Only a scalar some name starts with
    /// (a table lookup) leads to folding and comparing, and the scalar before a match is found
    /// by stepping back. Bytes that are not UTF-8 never make it crash or read out of bounds;
    /// what it finds in them is unspecified.
    public func matches(inUTF8 text: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, honoree: Int)] {
        guard !byFirst.isEmpty else { return [] }
        return startsName.withUnsafeBufferPointer { startsName in
            pairBits.withUnsafeBufferPointer { pairBits in
                HanFolding.table.withUnsafeBufferPointer { foldTable in
                    @inline(__always) func fold(_ v: UInt32) -> UInt32 {
                        v >= HanFolding.base && v <= HanFolding.end ? foldTable[Int(v &- HanFolding.base)] : v
                    }
                    var out: [(Range<Int>, Int)] = []
                    var position = 0
                    scan: while position < text.count {
                        // Chinese first, inline: most scalars are three bytes and start no name.
                        let lead = text[position]
                        if lead & 0xF0 == 0xE0, position &+ 2 < text.count {
                            let scalar = (UInt32(lead) & 0x0F) &<< 12 | (UInt32(text[position &+ 1]) & 0x3F) &<< 6
                                | UInt32(text[position &+ 2]) & 0x3F
                            if startsName[Int(scalar)] == 0 { position &+= 3; continue }
                        }
                        let (scalar, width) = decodeScalar(text, at: position)
                        let second = position &+ width
                        guard scalar < 0x10000 ? startsName[Int(scalar)] != 0 : candidates(scalar) != nil,
                              second < text.count
                        else { position = second; continue }
                        let first = fold(scalar)
                        let (next, nextWidth) = decodeScalar(text, at: second)
                        let secondFolded = fold(next)
                        let bit = Self.pairBit(first, secondFolded)
                        guard pairBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0,
                              let names = byPair[Self.pair(first, secondFolded)]
                        else { position = second; continue }
                        for name in names {
                            // The first two scalars match by the pair; compare the rest.
                            var end = second + nextWidth
                            var k = 2
                            while k < name.folded.count, end < text.count {
                                let (s, w) = decodeScalar(text, at: end)
                                guard fold(s) == name.folded[k] else { break }
                                end += w
                                k += 1
                            }
                            guard k == name.folded.count else { continue }
                            let before = position > 0 ? fold(scalarBefore(text, position)) : nil
                            let after = end < text.count ? fold(decodeScalar(text, at: end).scalar) : nil
                            guard accepts(name.folded, before: before, after: after) else { continue }
                            out.append((position..<end, name.honoree))
                            position = end
                            continue scan
                        }
                        position = second
                    }
                    return out
                }
            }
        }
    }

    private func accepts(_ name: [UInt32], before: UInt32?, after: UInt32?) -> Bool {
        if name.allSatisfy({ $0 < 0x80 }) {
            return !(before.map(isWordScalar) ?? false) && !(after.map(isWordScalar) ?? false)
        }
        guard name.count == 2 else { return true }
        let beforeOK = before.map { !isHanScalar($0) || Self.precedesName.contains($0) } ?? true
        let afterOK = after.map { !isHanScalar($0) || Self.followsName.contains($0) } ?? true
        return beforeOK && afterOK
    }

    private func isWordScalar(_ v: UInt32) -> Bool {
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil || v == 0x5F
    }

    /// Characters (Simplified) that commonly come right before a name: roles, titles, particles.
    static let precedesName: Set<UInt32> = Set("手长员师工人者席记理任授士匠模兵星家主的和与及向对给为请让派叫是有被把将由同".unicodeScalars.map(\.value))
    /// Characters (Simplified) that commonly come right after a name.
    static let followsName: Set<UInt32> = Set("说是的在和与及等为被把向从对获荣曾也都还就同师表介认带作主先组一已又便则所讲谈笑们来去到做".unicodeScalars.map(\.value))
}

/// The scalar whose UTF-8 starts at `index`, and its length; a byte that does not start a whole
/// UTF-8 sequence is U+FFFD, one byte long. Three-byte sequences (Chinese) are tried first, and
/// the arithmetic is unchecked (indices stay below `count`): this runs for every scalar of every
/// article.
@inline(__always)
func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, width: Int) {
    let lead = UInt32(utf8[index])
    if lead < 0x80 { return (lead, 1) }
    let remaining = utf8.count &- index
    if lead & 0xF0 == 0xE0 {
        guard remaining >= 3 else { return (0xFFFD, 1) }
        let value = (lead & 0x0F) &<< 12 | (UInt32(utf8[index &+ 1]) & 0x3F) &<< 6 | UInt32(utf8[index &+ 2]) & 0x3F
        return (value, 3)
    }
    if lead & 0xE0 == 0xC0 {
        guard remaining >= 2 else { return (0xFFFD, 1) }
        return ((lead & 0x1F) &<< 6 | UInt32(utf8[index &+ 1]) & 0x3F, 2)
    }
    if lead & 0xF8 == 0xF0 {
        guard remaining >= 4 else { return (0xFFFD, 1) }
        let value = (lead & 0x07) &<< 18 | (UInt32(utf8[index &+ 1]) & 0x3F) &<< 12
            | (UInt32(utf8[index &+ 2]) & 0x3F) &<< 6 | UInt32(utf8[index &+ 3]) & 0x3F
        return (value, 4)
    }
    return (0xFFFD, 1)
}

/// The scalar that ends just before `index` (> 0), as `decodeScalar` reads it when it steps
/// through the text from the start.
private func scalarBefore(_ utf8: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32 {
    var start = index - 1
    // Step back over continuation bytes (10xxxxxx), at most three.
    while start > 0, index - start < 4, utf8[start] & 0xC0 == 0x80 { start -= 1 }
    let (scalar, width) = decodeScalar(utf8, at: start)
    return start + width == index ? scalar : 0xFFFD
}

/// Whether a scalar is a Han character (CJK ideographs and their extensions).
func isHanScalar(_ v: UInt32) -> Bool {
    (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
        || (0x20000...0x2FA1F).contains(v)
}

/// Links the first mention of each honoree in one article, and remembers whom it mentioned.
final class HonoreeLinker: AutoLinker {
    let matcher: MentionMatcher
    let urls: [String]
    private(set) var mentioned: [Int] = []

    init(matcher: MentionMatcher, urls: [String]) {
        self.matcher = matcher
        self.urls = urls
    }

    func links(in text: String) -> [AutoLink] {
        var out: [AutoLink] = []
        for m in matcher.matches(in: text) where !mentioned.contains(m.honoree) {
            mentioned.append(m.honoree)
            out.append(AutoLink(range: m.range, url: urls[m.honoree]))
        }
        return out
    }

    func links(inUTF8 text: UnsafeBufferPointer<UInt8>) -> [UTF8AutoLink] {
        var out: [UTF8AutoLink] = []
        for m in matcher.matches(inUTF8: text) where !mentioned.contains(m.honoree) {
            mentioned.append(m.honoree)
            out.append(UTF8AutoLink(range: m.range, url: urls[m.honoree]))
        }
        return out
    }
}
