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
    }

    @inline(__always) private static func pair(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    @inline(__always) private func candidates(_ v: UInt32) -> [Name]? {
        if v < 0x10000 {
            let g = firstIndex[Int(v)]
            return g == 0 ? nil : groups[Int(g) - 1]
        }
        return byFirst[v]
    }

    public var isEmpty: Bool { byFirst.isEmpty }

    /// Every acceptable mention in `text`, in order, as ranges of `text`.
    ///
    /// Works on Unicode scalars: names are Han or Latin letters, and scalars are much cheaper
    /// than grapheme clusters on the thousands of text runs of a large site.
    public func matches(in text: String) -> [(range: Range<String.Index>, honoree: Int)] {
        guard !byFirst.isEmpty else { return [] }
        let scalars = text.unicodeScalars
        var folded: [UInt32] = []
        folded.reserveCapacity(text.utf8.count / 2)
        var anyStart = false
        for s in scalars {
            let f = HanFolding.fold(s.value)
            if !anyStart, candidates(f) != nil { anyStart = true }
            folded.append(f)
        }
        guard anyStart else { return [] }
        var out: [(Range<String.Index>, Int)] = []
        var i = 0
        while i < folded.count {
            guard i + 1 < folded.count, candidates(folded[i]) != nil,
                  let names = byPair[Self.pair(folded[i], folded[i + 1])] else { i += 1; continue }
            var matched = 0
            for name in names {
                let n = name.folded.count
                guard i + n <= folded.count, folded[i..<(i + n)].elementsEqual(name.folded) else { continue }
                guard accepts(name.folded, before: i > 0 ? folded[i - 1] : nil, after: i + n < folded.count ? folded[i + n] : nil) else { continue }
                let start = scalars.index(scalars.startIndex, offsetBy: i)
                let end = scalars.index(start, offsetBy: n)
                out.append((start..<end, name.honoree))
                matched = n
                break
            }
            i += max(matched, 1)
        }
        return out
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
}
