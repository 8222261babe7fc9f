import Foundation
import Synchronization

/// Turns titles, tag and column names into URL slugs: words joined by `-`, cut at a
/// hyphen to `maxLength`, `page` when nothing is left. Whole texts are memoized (`serve` slugs the
/// same titles on every rebuild).
///
/// Two styles, from site.yml `slugs:`. `pinyin` (the default) gives readable ASCII: Chinese becomes
/// pinyin without tones, a word a syllable. A character's reading comes from a table made from
/// ICU's Han-Latin transform, a few readings overridden (PinyinTable.swift, scripts/gen-pinyin.swift);
/// phrases that table would misread come from a phrase table made from pypinyin's dictionary
/// (PinyinPhraseTable.swift), matched longest first over characters folded to Simplified
/// (Slugger+Phrases.swift), so 重庆 and 重慶 are chong-qing, not zhong-qing. Han characters outside the
/// table's block (U+4E00…U+9FFF) and letters of other scripts or full-width forms go through ICU
/// (Han-Latin, Latin-ASCII), cached per character. `unicode` keeps letters and digits of every
/// script as written, lowercasing only ASCII. Either way other characters separate words.
///
/// `fastSlug` does the common case on bytes; `computeSlug` is the general way and gives the same.
/// `ScriptFolder`, below, makes the other key of a name: the one that makes two spellings of a tag,
/// column or honor one (勞模 = 劳模).
public final class Slugger: Sendable {
    public enum Style: String, Sendable { case pinyin, unicode }

    public let style: Style
    /// Slugs longer than this are cut at a hyphen.
    public let maxLength: Int
    private let cache = Mutex<[Character: String]>([:])
    /// Whole texts already slugged: titles and tag names repeat across builds of `serve`.
    private let memo = Mutex<[TextKey: String]>([:])

    public init(style: Style = .pinyin, maxLength: Int = 80) {
        self.style = style
        self.maxLength = maxLength
    }

    /// The slug of `text`: lowercase, words joined by `-`, never empty (`page` if nothing is left).
    public func slug(_ text: String) -> String {
        let key = TextKey(text)
        if let hit = memo.withLock({ $0[key] }) { return hit }
        let s = text.utf8.allSatisfy({ $0 < 0x80 }) || style == .unicode ? computeSlug(text) : fastSlug(text) ?? computeSlug(text)
        memo.withLock { $0[key] = s }
        return s
    }

    /// The common case — ASCII, Han characters of the pinyin table, punctuation — on bytes;
    /// nil when the text has anything else (other scripts, full-width letters), which
    /// `computeSlug` handles through ICU. Gives what `computeSlug` gives (a test checks).
    ///
    /// Every title of a site is slugged on each build: by scalars, with a String for each
    /// word and Substrings from the table, this was an allocation a word and a visible share
    /// of assembling the site. Phrases are matched on the same bytes (`longestPhrase`).
    func fastSlug(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { fastSlug(utf8: $0) }
    }

    private func fastSlug(utf8 text: UnsafeBufferPointer<UInt8>) -> String? {
        var slug: [UInt8] = []
        slug.reserveCapacity(maxLength + 8)
        // Words are joined with `-` while they fit; the first one that does not ends the slug
        // (`join`), but the rest of the text is still read: it may send it to `computeSlug`.
        var full = false
        let phrases = Self.phraseTable
        var run = -1  // start of the current ASCII letters-and-digits run, -1 for none
        func add<C: Collection<UInt8>>(_ word: C) {
            guard !full, !word.isEmpty else { return }
            if !slug.isEmpty, slug.count + 1 + word.count > maxLength { full = true; return }
            if !slug.isEmpty { slug.append(0x2D) }
            slug.append(contentsOf: word)
        }
        func flush(at end: Int) {
            if run >= 0 { add(text[run..<end].lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) }
            run = -1
        }
        var i = 0
        while i < text.count {
            let b = text[i]
            if b < 0x80 {
                let alnum = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A)
                if alnum { if run < 0 { run = i } } else { flush(at: i) }
                i += 1
                continue
            }
            flush(at: i)
            let (v, width) = decodeScalar(text, at: i)
            i += width
            if v >= 0x4E00, v <= 0x9FFF {
                if let (phrase, length) = phrases.longestPhrase(in: text, at: i - width) {
                    for j in 0..<length { add(phrases.syllable(phrase, j)) }
                    i += 3 * (length - 1)
                } else {
                    add(Self.pinyin(of: v))
                }
            } else if let u = Unicode.Scalar(v), u.properties.isAlphabetic || u.properties.numericType != nil {
                return nil
            }
        }
        flush(at: text.count)
        return slug.isEmpty ? "page" : String(decoding: slug, as: UTF8.self)
    }

    /// `words` joined by `-` while they fit in `maxLength`; `page` when there are none.
    func join(_ words: [String]) -> String {
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
        // A run of characters of the table's block, as UTF-8, read by phrases when it ends.
        var han: [UInt8] = []
        func flushHan() {
            guard !han.isEmpty else { return }
            let phrases = Self.phraseTable
            han.withUnsafeBufferPointer { run in
                var i = 0
                while i < run.count {
                    if let (phrase, length) = phrases.longestPhrase(in: run, at: i) {
                        for j in 0..<length { words.append(String(decoding: phrases.syllable(phrase, j), as: UTF8.self)) }
                        i += 3 * length
                    } else {
                        let (v, width) = decodeScalar(run, at: i)
                        let latin = Unicode.Scalar(v).map { transliterate(Character($0)) } ?? ""
                        if !latin.isEmpty { words.append(latin) }
                        i += width
                    }
                }
            }
            han.removeAll(keepingCapacity: true)
        }
        for ch in text {
            if style == .pinyin, let u = ch.unicodeScalars.first, u.value >= 0x4E00, u.value <= 0x9FFF {
                // As `fastSlug` reads it: marks after the character (a variation selector) are
                // dropped, and end the phrase.
                flush()
                han.append(contentsOf: String(u).utf8)
                if ch.unicodeScalars.count > 1 { flushHan() }
                continue
            }
            flushHan()
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
        flushHan()
        flush()
        return join(words)
    }

    private func isHan(_ ch: Character) -> Bool {
        ch.unicodeScalars.first.map { isHanScalar($0.value) } ?? false
    }

    /// Pinyin by `scalar - 0x4E00`, from the generated table, as bytes: entry `k` is
    /// `bytes[ends[k - 1]..<ends[k]]`, empty where the table has `-`. Read straight from the
    /// data's bytes, once per process (splitting its 20,000 entries into Strings or Substrings
    /// cost more than slugging a small site's titles).
    static let pinyinTable: (bytes: [UInt8], ends: [UInt32]) = {
        var data = pinyinData
        return data.withUTF8 { utf8 in
            var bytes: [UInt8] = [], ends: [UInt32] = []
            bytes.reserveCapacity(utf8.count)
            ends.reserveCapacity(0x9FFF - 0x4E00 + 1)
            var start = 0
            for i in 0...utf8.count where i == utf8.count || utf8[i] == 0x20 || utf8[i] == 0x0A {
                if start < i, !(i - start == 1 && utf8[start] == 0x2D) { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                if start < i { ends.append(UInt32(bytes.count)) }
                start = i + 1
            }
            return (bytes, ends)
        }
    }()

    /// The pinyin of scalar `v` (U+4E00…U+9FFF) from the table; empty when it has none.
    static func pinyin(of v: UInt32) -> ArraySlice<UInt8> {
        let table = pinyinTable
        guard v >= 0x4E00, v <= 0x9FFF, Int(v - 0x4E00) < table.ends.count else { return [] }
        let k = Int(v - 0x4E00)
        return table.bytes[(k == 0 ? 0 : Int(table.ends[k - 1]))..<Int(table.ends[k])]
    }

    private func transliterate(_ ch: Character) -> String {
        if ch.unicodeScalars.count == 1, let v = ch.unicodeScalars.first?.value {
            let p = Self.pinyin(of: v)
            if !p.isEmpty { return String(decoding: p, as: UTF8.self) }
        }
        if let hit = cache.withLock({ $0[ch] }) { return hit }
        let latin = String(ch).applyingTransform(StringTransform("Han-Latin; Latin-ASCII"), reverse: false) ?? ""
        let cleaned = String(latin.lowercased().unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0)) }.map(Character.init))
        cache.withLock { $0[ch] = cleaned }
        return cleaned
    }
}

/// The key two spellings of one tag, column or honor share: Traditional converted to Simplified
/// by OpenCC's `t2s`, so that 勞模 = 劳模 and the variants 匯豐 = 滙豐; then each character
/// folded (`HanFolding`, for what OpenCC leaves, and where OpenCC is missing), lowercased, spaces
/// removed. A name is converted as a whole: OpenCC converts by phrase.
public struct ScriptFolder: Sendable {
    public init() {}

    public func key(_ name: String) -> String {
        let name = ScriptConverter.simplified.map { converter in name.unicodeScalars.contains { $0.value >= 0x80 } ? converter.convert(name) : name } ?? name
        // Most names are Chinese and ASCII: folded, lowered and stripped scalar by scalar.
        // Anything else (letters with case outside ASCII, combining marks) takes the general
        // way, which works on Characters.
        var out = String.UnicodeScalarView()
        for u in name.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                if v == 0x20 || (0x09...0x0D).contains(v) { continue }
                out.append(Unicode.Scalar(UInt8(v >= 0x41 && v <= 0x5A ? v | 0x20 : v)))
            } else if isHanScalar(v) || (0x3000...0x303F).contains(v) && v != 0x3000 && !(0x302A...0x302F).contains(v) {
                let f = HanFolding.fold(v)
                out.append(Unicode.Scalar(f) ?? u)
            } else {
                return HanFolding.fold(name).lowercased().filter { !$0.isWhitespace }
            }
        }
        return String(out)
    }
}
