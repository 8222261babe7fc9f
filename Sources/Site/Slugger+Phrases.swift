/// Reading polyphones by word: 重庆 chong-qing and 银行 yin-hang rather than the
/// character-by-character zhong-qing and yin-xing.
///
/// The phrase table (PinyinPhraseTable.swift) holds only the phrases the character table
/// misreads. A title is segmented by forward maximum matching: at each Han character the
/// longest phrase starting there is taken, else that character's own reading. Characters are
/// folded to Simplified (`HanFolding`) before they are matched, so 重慶 reads like 重庆.
extension Slugger {
    /// The phrase table as the matcher reads it, built once per process from `pinyinPhraseData`.
    ///
    /// Its buffers are allocated once and never freed, so reading it costs no reference
    /// counting: the matcher looks at it for every Han character of every title.
    struct PhraseTable: @unchecked Sendable {
        /// The characters of every phrase in table order, folded, as `scalar - 0x4E00`.
        let chars: UnsafeBufferPointer<UInt16>
        /// Phrase `k` is `chars[starts[k]..<starts[k + 1]]`.
        let starts: UnsafeBufferPointer<UInt32>
        /// The pinyin of `chars[j]` is `syllables[syllableEnds[j - 1]..<syllableEnds[j]]`.
        let syllables: UnsafeBufferPointer<UInt8>
        let syllableEnds: UnsafeBufferPointer<UInt32>
        /// The phrases that start with character `0x4E00 + c` (folded) are `lo..<hi` of
        /// `starting[c] = lo | hi << 16`: one load tells most characters that none does.
        let starting: UnsafeBufferPointer<UInt32>
        /// `HanFolding.fold` of `0x4E00 + c` as `folded - 0x4E00`, or `UInt16.max` when the folded
        /// character is outside the block: looked up here, folding cost as much as the matching.
        let folded: UnsafeBufferPointer<UInt16>
        /// A bit for each pair of first two characters of a phrase (`pairBit`), some pairs
        /// sharing one: most characters that start a phrase are not followed by any second
        /// character of one, and this tells them apart without searching.
        let pairs: UnsafeBufferPointer<UInt64>

        var count: Int { starts.count - 1 }

        @inline(__always) func length(_ k: Int) -> Int { Int(starts[k &+ 1] &- starts[k]) }

        @inline(__always) func char(_ k: Int, _ j: Int) -> UInt16 { chars[Int(starts[k]) &+ j] }

        /// The pinyin of character `j` of phrase `k`.
        func syllable(_ k: Int, _ j: Int) -> UnsafeBufferPointer<UInt8> {
            let at = Int(starts[k]) + j
            return UnsafeBufferPointer(rebasing: syllables[(at == 0 ? 0 : Int(syllableEnds[at - 1]))..<Int(syllableEnds[at])])
        }
    }

    static let phraseTable: PhraseTable = {
        var chars: [UInt16] = [], starts: [UInt32] = [0], syllables: [UInt8] = [], syllableEnds: [UInt32] = []
        var data = pinyinPhraseData
        data.withUTF8 { utf8 in
            // Lines of `phrase syllable syllable …`; a line whose syllables do not match its
            // characters one for one is left out whole (a test checks that none is).
            var i = 0
            while i < utf8.count {
                var end = i
                while end < utf8.count, utf8[end] != 0x0A { end += 1 }
                let charCount = chars.count, syllableCount = syllables.count, endCount = syllableEnds.count
                var j = i, good = true
                while j < end, utf8[j] != 0x20 {
                    let (v, width) = decodeScalar(utf8, at: j)
                    let folded = HanFolding.fold(v)
                    guard width == 3, folded >= 0x4E00, folded <= 0x9FFF else { good = false; break }
                    chars.append(UInt16(folded - 0x4E00))
                    j += width
                }
                while good, j < end {
                    j += 1  // the space
                    let start = j
                    while j < end, utf8[j] != 0x20 { j += 1 }
                    if start < j {
                        syllables.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<j]))
                        syllableEnds.append(UInt32(syllables.count))
                    }
                }
                if good, chars.count - charCount >= 2, syllableEnds.count - endCount == chars.count - charCount {
                    starts.append(UInt32(chars.count))
                } else {
                    chars.removeSubrange(charCount...)
                    syllables.removeSubrange(syllableCount...)
                    syllableEnds.removeSubrange(endCount...)
                }
                i = end + 1
            }
        }
        let characters = 0x9FFF - 0x4E00 + 1
        var first: [Int] = []  // by folded character, one past the last too
        first.reserveCapacity(characters + 1)
        var k = 0
        for c in 0...characters {
            while k < starts.count - 1, Int(chars[Int(starts[k])]) < c { k += 1 }
            first.append(k)
        }
        let folded = (0..<characters).map { c -> UInt16 in
            let f = HanFolding.fold(UInt32(0x4E00 + c))
            return f >= 0x4E00 && f <= 0x9FFF ? UInt16(f - 0x4E00) : UInt16.max
        }
        let starting = folded.map { f -> UInt32 in
            f == UInt16.max ? 0 : UInt32(truncatingIfNeeded: first[Int(f)]) | UInt32(truncatingIfNeeded: first[Int(f) + 1]) << 16
        }
        var pairs = [UInt64](repeating: 0, count: 1 << 10)
        for k in 0..<(starts.count - 1) {
            let bit = PhraseTable.pairBit(chars[Int(starts[k])], chars[Int(starts[k]) + 1])
            pairs[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        func kept<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return UnsafeBufferPointer(buffer)
        }
        return PhraseTable(chars: kept(chars), starts: kept(starts), syllables: kept(syllables),
                           syllableEnds: kept(syllableEnds), starting: kept(starting), folded: kept(folded), pairs: kept(pairs))
    }()
}

extension Slugger.PhraseTable {
    /// The longest phrase of the table that starts at byte `i` of `text`: its number and its
    /// length in characters; nil when none starts there.
    ///
    /// The phrases sharing the characters matched so far are one range of the sorted table, the
    /// one that ends there (if any) first in it; each further character of the text narrows the
    /// range by two binary searches. Most characters start no phrase and cost one lookup.
    /// Callers hold the table for a whole text: `Slugger.phraseTable` is a lazy global, and
    /// checking that it is made cost more than the matching.
    func longestPhrase(in text: UnsafeBufferPointer<UInt8>, at i: Int) -> (phrase: Int, length: Int)? {
        guard i &+ 2 < text.count else { return nil }
        let (v, width) = decodeScalar(text, at: i)
        guard width == 3, v >= 0x4E00, v <= 0x9FFF else { return nil }
        let range = starting[Int(v &- 0x4E00)]
        var lo = Int(range & 0xFFFF), hi = Int(range >> 16)
        guard lo < hi, let c1 = foldedHan(text, at: i &+ 3) else { return nil }
        let bit = Self.pairBit(folded[Int(v &- 0x4E00)], UInt16(truncatingIfNeeded: c1))
        guard pairs[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0 else { return nil }
        var found: (phrase: Int, length: Int)? = nil
        var depth = 1
        while lo < hi, let c = foldedHan(text, at: i &+ 3 &* depth) {
            if length(lo) == depth { lo &+= 1 }
            let ch = UInt16(truncatingIfNeeded: c)
            var a = lo, b = hi
            while a < b {
                let mid = (a &+ b) / 2
                if char(mid, depth) < ch { a = mid &+ 1 } else { b = mid }
            }
            lo = a
            b = hi
            while a < b {
                let mid = (a &+ b) / 2
                if char(mid, depth) <= ch { a = mid &+ 1 } else { b = mid }
            }
            hi = a
            depth &+= 1
            if lo < hi, length(lo) == depth { found = (lo, depth) }
        }
        return found
    }

    /// The bit of `pairs` for phrases starting with characters `a` and `b` (`scalar - 0x4E00`).
    @inline(__always)
    static func pairBit(_ a: UInt16, _ b: UInt16) -> Int {
        Int((UInt32(a) &* 0x9E37 ^ UInt32(b) &* 0x85EB) & 0xFFFF)
    }

    /// The character of the main CJK block whose UTF-8 starts at byte `i`, folded to Simplified,
    /// as `scalar - 0x4E00`; nil for anything else and past the end.
    @inline(__always)
    func foldedHan(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i &+ 2 < text.count, text[i] >= 0xE4, text[i] <= 0xE9 else { return nil }
        let (v, width) = decodeScalar(text, at: i)
        guard width == 3, v >= 0x4E00, v <= 0x9FFF else { return nil }
        let f = folded[Int(v &- 0x4E00)]
        return f == UInt16.max ? nil : Int(f)
    }
}
