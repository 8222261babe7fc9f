import Foundation
import Synchronization

/// Turns titles, tag and column names into URL slugs.
///
/// By default slugs are readable ASCII: Chinese becomes hyphenated pinyin through ICU's
/// Han-Latin transform (ICU reads some polyphones wrongly, e.g. 银行 → yin-xing; an
/// explicit `slug:` fixes a page that matters). With `slugs: unicode` in site.yml the
/// characters are kept. Transliteration is cached per character: a corpus has a few
/// thousand distinct characters but millions of them in titles.
public final class Slugger: Sendable {
    public enum Style: String, Sendable { case pinyin, unicode }

    public let style: Style
    /// Slugs longer than this are cut at a hyphen.
    public let maxLength: Int
    private let cache = Mutex<[Character: String]>([:])
    /// Whole texts already slugged: titles and tag names repeat across builds of `serve`.
    private let memo = Mutex<[String: String]>([:])

    public init(style: Style = .pinyin, maxLength: Int = 80) {
        self.style = style
        self.maxLength = maxLength
    }

    /// The slug of `text`: lowercase, words joined by `-`, never empty (`page` if nothing is left).
    public func slug(_ text: String) -> String {
        if let hit = memo.withLock({ $0[text] }) { return hit }
        let s = text.utf8.allSatisfy({ $0 < 0x80 }) || style == .unicode ? computeSlug(text) : fastSlug(text) ?? computeSlug(text)
        memo.withLock { $0[text] = s }
        return s
    }

    /// The common case — ASCII, Han characters of the pinyin table, punctuation — on scalars;
    /// nil when the text has anything else (other scripts, full-width letters), which
    /// `computeSlug` handles through ICU.
    func fastSlug(_ text: String) -> String? {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
        }
        for u in text.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) {
                    current.append(u)
                } else if (0x41...0x5A).contains(v), let lower = Unicode.Scalar(v + 0x20) {
                    current.append(lower)
                } else {
                    flush()
                }
            } else if v >= 0x4E00, v <= 0x9FFF {
                flush()
                let p = Self.pinyin[Int(v - 0x4E00)]
                if p != "-" { words.append(String(p)) }
            } else if u.properties.isAlphabetic || u.properties.numericType != nil {
                return nil
            } else {
                flush()
            }
        }
        flush()
        return join(words)
    }

    private func join(_ words: [String]) -> String {
        var slug = ""
        for w in words {
            if !slug.isEmpty, slug.utf8.count + 1 + w.utf8.count > maxLength { break }
            if !slug.isEmpty { slug += "-" }
            slug += w
        }
        return slug.isEmpty ? "page" : slug
    }

    func computeSlug(_ text: String) -> String {
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current); current = "" }
        }
        for ch in text {
            if ch.isASCII {
                if ch.isLetter || ch.isNumber {
                    current.append(Character(ch.lowercased()))
                } else {
                    flush()
                }
            } else if style == .unicode {
                if ch.isLetter || ch.isNumber {
                    current.append(ch)
                } else {
                    flush()
                }
            } else if isHan(ch) {
                flush()
                let latin = transliterate(ch)
                if !latin.isEmpty { words.append(latin) }
            } else if ch.isLetter || ch.isNumber {
                // Other scripts and full-width forms: ICU's Latin-ASCII folds them (Ａ → a, é → e).
                let latin = transliterate(ch)
                if latin.isEmpty { flush() } else { current += latin }
            } else {
                flush()
            }
        }
        flush()
        return join(words)
    }

    private func isHan(_ ch: Character) -> Bool {
        ch.unicodeScalars.first.map { isHanScalar($0.value) } ?? false
    }

    /// Pinyin by `scalar - 0x4E00`, from the generated table. Split by hand on the bytes (the
    /// table is ASCII): splitting its 20,000 entries by Character cost more than slugging a
    /// 1,000-article site, and the generic split on bytes still a quarter of that.
    static let pinyin: [Substring] = {
        var entries: [Substring] = []
        entries.reserveCapacity(0x9FFF - 0x4E00 + 1)
        let utf8 = pinyinData.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x20 || byte == 0x0A {
                if start < index { entries.append(pinyinData[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex { entries.append(pinyinData[start...]) }
        return entries
    }()

    private func transliterate(_ ch: Character) -> String {
        if ch.unicodeScalars.count == 1, let v = ch.unicodeScalars.first?.value, v >= 0x4E00, v <= 0x9FFF {
            let i = Int(v - 0x4E00)
            if i < Self.pinyin.count, Self.pinyin[i] != "-" { return String(Self.pinyin[i]) }
        }
        if let hit = cache.withLock({ $0[ch] }) { return hit }
        let latin = String(ch).applyingTransform(StringTransform("Han-Latin; Latin-ASCII"), reverse: false) ?? ""
        let cleaned = String(latin.lowercased().unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0)) }.map(Character.init))
        cache.withLock { $0[ch] = cleaned }
        return cleaned
    }
}

/// The key two spellings of one tag, column or honor share: Traditional folded to Simplified
/// (勞模 = 劳模, see `HanFolding`), lowercased, spaces removed.
public struct ScriptFolder: Sendable {
    public init() {}

    public func key(_ name: String) -> String {
        HanFolding.fold(name).lowercased().filter { !$0.isWhitespace }
    }
}
