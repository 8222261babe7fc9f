import Foundation
import Markdown
import Synchronization

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
        var folded: [Character]
        var honoree: Int
    }

    /// Names by their first folded character, longest first.
    private let byFirst: [Character: [Name]]
    private let folder: CharacterFolder

    /// `names`: each name or alias with the index of the honoree it belongs to.
    public init(names: [(String, Int)], folder: CharacterFolder) {
        self.folder = folder
        var table: [Character: [Name]] = [:]
        for (name, honoree) in names {
            let folded = name.filter { !$0.isWhitespace }.map(folder.fold)
            guard let first = folded.first, folded.count >= 2 else { continue }
            table[first, default: []].append(Name(folded: folded, honoree: honoree))
        }
        for k in table.keys { table[k]?.sort { $0.folded.count > $1.folded.count } }
        byFirst = table
    }

    public var isEmpty: Bool { byFirst.isEmpty }

    /// Every acceptable mention in `text`, in order, as ranges of `text`.
    public func matches(in text: String) -> [(range: Range<String.Index>, honoree: Int)] {
        guard !byFirst.isEmpty else { return [] }
        let chars = Array(text)
        var indices: [String.Index] = []
        indices.reserveCapacity(chars.count + 1)
        var idx = text.startIndex
        for _ in chars { indices.append(idx); idx = text.index(after: idx) }
        indices.append(text.endIndex)
        let folded = chars.map(folder.fold)
        var out: [(Range<String.Index>, Int)] = []
        var i = 0
        while i < folded.count {
            guard let candidates = byFirst[folded[i]] else { i += 1; continue }
            var matched = 0
            for name in candidates {
                let n = name.folded.count
                guard i + n <= folded.count, folded[i..<(i + n)].elementsEqual(name.folded) else { continue }
                guard accepts(name.folded, before: i > 0 ? folded[i - 1] : nil, after: i + n < folded.count ? folded[i + n] : nil) else { continue }
                out.append((indices[i]..<indices[i + n], name.honoree))
                matched = n
                break
            }
            i += max(matched, 1)
        }
        return out
    }

    private func accepts(_ name: [Character], before: Character?, after: Character?) -> Bool {
        if name.allSatisfy({ $0.isASCII }) {
            return !(before.map(isWordCharacter) ?? false) && !(after.map(isWordCharacter) ?? false)
        }
        guard name.count == 2 else { return true }
        let beforeOK = before.map { !isHan($0) || Self.precedesName.contains($0) } ?? true
        let afterOK = after.map { !isHan($0) || Self.followsName.contains($0) } ?? true
        return beforeOK && afterOK
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// Characters (Simplified) that commonly come right before a name: roles, titles, particles.
    static let precedesName: Set<Character> = Set("手长员师工人者席记理任授士匠模兵星家主的和与及向对给为请让派叫是有被把将由同")
    /// Characters (Simplified) that commonly come right after a name.
    static let followsName: Set<Character> = Set("说是的在和与及等为被把向从对获荣曾也都还就同师表介认带作主先组一已又便则所讲谈笑们来去到做")
}

func isHan(_ ch: Character) -> Bool {
    guard let v = ch.unicodeScalars.first?.value else { return false }
    return (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
        || (0x20000...0x2FA1F).contains(v)
}

/// Folds a character to Simplified (ICU Hant-Hans on the single character, cached), so
/// positions in folded text are positions in the original.
public final class CharacterFolder: Sendable {
    private let cache = Mutex<[Character: Character]>([:])

    public init() {}

    public func fold(_ ch: Character) -> Character {
        guard isHan(ch) else { return ch }
        if let hit = cache.withLock({ $0[ch] }) { return hit }
        let s = String(ch).applyingTransform(StringTransform("Hant-Hans"), reverse: false) ?? String(ch)
        let folded = s.count == 1 ? Character(s) : ch
        cache.withLock { $0[ch] = folded }
        return folded
    }
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
