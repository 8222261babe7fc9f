/// How search folds text and splits it into terms. The browser's `search.js` does the same to a
/// query, rule for rule: a change here is a change there (and `SearchTextTests` holds both to the
/// examples in docs/SEARCH.md).
///
/// - Folding: full-width ASCII becomes ASCII and the ideographic space a space; letters become
///   lower case; Traditional Han characters become Simplified (`HanFolding`), so 勞模 finds 劳模.
/// - Terms, each at a position counted in UTF-16 code units of the document's text:
///   - every pair of adjacent Han characters (工会 in 工会主席 at 0, 会主 at 1, 主席 at 2);
///   - every pair of adjacent digits, and of a digit and a Han character beside it (`20`, `02`,
///     `23`, `3年` in 2023年): numbers are found by any part, as Han text is (12名 in 112名);
///   - every word: a run of letters (`icp`, `wi`);
///   - where a word touches a Han character or a digit, the pair they make (`p备` in ICP备);
///   - in titles only, every Han character alone, for queries of one character.
/// No dictionary decides where words end: any substring of Han text of two characters or more
/// is made of pairs the index has.
enum SearchText {
    enum Class: UInt32 { case han, digit, word, separator }

    /// The folded form of a scalar.
    static func fold(_ v: UInt32) -> UInt32 {
        foldTable.withUnsafeBufferPointer { fold(v, $0) }
    }

    /// `HanFolding.table` in half the bytes (every folded character is in the Basic Multilingual
    /// Plane): it is read for every character of every document, and stays in cache better.
    static let foldTable: [UInt16] = HanFolding.table.enumerated().map { i, folded in
        // A character whose folded form were beyond the plane is left as it is.
        UInt16(truncatingIfNeeded: folded <= 0xFFFF ? folded : HanFolding.base + UInt32(i))
    }

    /// The folded form of a scalar, with `foldTable` at hand (it is asked for every
    /// character of every document).
    @inline(__always) static func fold(_ v: UInt32, _ han: UnsafeBufferPointer<UInt16>) -> UInt32 {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A ? v | 0x20 : v }
        if v >= HanFolding.base && v <= HanFolding.end { return UInt32(han[Int(v - HanFolding.base)]) }
        if v >= 0xFF01 && v <= 0xFF5E {
            let a = v - 0xFEE0
            return a >= 0x41 && a <= 0x5A ? a | 0x20 : a
        }
        if v == 0x3000 { return 0x20 }
        return lowercase(v)
    }

    /// Lower case for letters beyond ASCII (Latin with accents, Greek, Cyrillic, full-width
    /// letters are folded before): only where the lower case is one scalar.
    private static func lowercase(_ v: UInt32) -> UInt32 {
        guard v < 0x2C00, let s = Unicode.Scalar(v), s.properties.changesWhenLowercased else { return v }
        let lower = s.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first?.value ?? v : v
    }

    /// What a folded scalar is to the tokenizer.
    @inline(__always) static func classify(_ v: UInt32) -> Class {
        if v < 0x80 {
            return v >= 0x30 && v <= 0x39 ? .digit : v >= 0x61 && v <= 0x7A ? .word : .separator
        }
        if isHanScalar(v) { return .han }
        // CJK punctuation and symbols, and the full-width forms left after folding: most of
        // what separates Chinese text, told apart without the Unicode property tables.
        if (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFFEF) || (v >= 0x2000 && v <= 0x206F) { return .separator }
        guard let s = Unicode.Scalar(v) else { return .separator }
        return s.properties.isAlphabetic || s.properties.numericType != nil ? .word : .separator
    }

    /// Words longer than this many bytes are indexed by their start: strings of that length are
    /// hashes and identifiers, not what readers type.
    static let longestWord = 64

    /// A term's key: what the index groups occurrences by. Pairs and single characters are
    /// their scalars; a word is a hash of its folded UTF-8, kept with its bytes in `WordTable`.
    enum Key {
        static func pair(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 21 | UInt64(b) }
        static func single(_ a: UInt32) -> UInt64 { 1 << 62 | UInt64(a) }
        static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            return 2 << 62 | h & (1 << 62 - 1)
        }
        static func isWord(_ key: UInt64) -> Bool { key >> 62 == 2 }

        /// The term as the index files spell it: its folded UTF-8, a single title character
        /// after a byte 0x01.
        static func spelling(_ key: UInt64, words: [UInt64: [UInt8]]) -> [UInt8] {
            switch key >> 62 {
            case 0: return utf8(UInt32(key >> 21)) + utf8(UInt32(key & 0x1F_FFFF))
            case 1: return [1] + utf8(UInt32(key & 0x1F_FFFF))
            default: return words[key] ?? []
            }
        }
    }

    static func utf8(_ v: UInt32) -> [UInt8] {
        Array(String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}").utf8)
    }

    /// Every code unit of the Basic Multilingual Plane folded, with its class, as
    /// `folded << 2 | class`: one load per character where the rules above take several
    /// branches and, beyond ASCII and Han, Unicode's property tables. Surrogates are separators
    /// here; the tokenizer joins a pair of them and asks the rules.
    static let unitTable: [UInt32] = foldTable.withUnsafeBufferPointer { han in
        (0 ..< 0x10000).map { u -> UInt32 in
            if u >= 0xD800 && u <= 0xDFFF { return UInt32(u) << 2 | Class.separator.rawValue }
            let v = UInt32(u)
            if v >= 0x4E00 && v <= 0x9FFF { return UInt32(han[Int(v - HanFolding.base)]) << 2 | Class.han.rawValue }
            let folded = fold(v, han)
            return folded << 2 | classify(folded).rawValue
        }
    }

    /// Calls `emit(key, position, word)` for every term of `text` (UTF-8), in order of position;
    /// `word` is a word's folded UTF-8, empty for the other terms. `titleEnd`: the UTF-16 length
    /// of the title at the start of `text`, whose Han characters are also terms alone.
    static func terms(_ text: UnsafeBufferPointer<UInt8>, titleEnd: Int,
                      emit: (UInt64, UInt32, UnsafeBufferPointer<UInt8>) -> Void) {
        struct Emitter: TermSink {
            let emit: (UInt64, UInt32, UnsafeBufferPointer<UInt8>) -> Void
            func term(_ key: UInt64, _ position: UInt32, _ word: UnsafeBufferPointer<UInt8>) { emit(key, position, word) }
        }
        let units = Array(String(decoding: text, as: UTF8.self).utf16)
        withoutActuallyEscaping(emit) { emit in
            var sink = Emitter(emit: emit)
            unitTable.withUnsafeBufferPointer { table in
                units.withUnsafeBufferPointer { terms($0, titleEnd: titleEnd, table: table, into: &sink) }
            }
        }
    }

    /// What receives the terms of a text.
    protocol TermSink {
        /// A term at a position; `word` is a word's folded UTF-8, empty for the other terms.
        mutating func term(_ key: UInt64, _ position: UInt32, _ word: UnsafeBufferPointer<UInt8>)
    }

    /// Hands every term of `text` (UTF-16) to `sink` in order of position. `table`: `unitTable`.
    /// Generic, so that it is compiled for each sink with the sink's code inline: this runs for
    /// every character of every document.
    @inline(__always)
    static func terms<Sink: TermSink>(_ text: UnsafeBufferPointer<UInt16>, titleEnd: Int,
                                      table: UnsafeBufferPointer<UInt32>, into sink: inout Sink) {
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        let han = Class.han.rawValue, digit = Class.digit.rawValue, letter = Class.word.rawValue, separator = Class.separator.rawValue
        var i = 0
        // The scalar before, folded, with its class and position; a separator resets it.
        var previous: UInt32 = 0, previousClass = separator, previousPosition = 0
        var word: [UInt8] = []
        word.reserveCapacity(longestWord + 4)
        var wordStart = 0
        func endWord() {
            guard !word.isEmpty else { return }
            word.withUnsafeBufferPointer { sink.term(Key.word($0), UInt32(wordStart), $0) }
            word.removeAll(keepingCapacity: true)
        }
        while i < text.count {
            let position = i
            let unit = text[i]
            var entry = table[Int(unit)]
            i &+= 1
            if unit & 0xFC00 == 0xD800, i < text.count, text[i] & 0xFC00 == 0xDC00 {
                // A scalar beyond the plane: by the rules.
                let v = 0x10000 &+ (UInt32(unit) &- 0xD800) &<< 10 &+ (UInt32(text[i]) &- 0xDC00)
                let folded = fold(v)
                entry = folded << 2 | classify(folded).rawValue
                i &+= 1
            }
            let v = entry >> 2, c = entry & 3
            if c == han || c == digit {
                if previousClass == letter { endWord() }
                if previousClass != separator { sink.term(Key.pair(previous, v), UInt32(truncatingIfNeeded: previousPosition), none) }
                if c == han && position < titleEnd { sink.term(Key.single(v), UInt32(truncatingIfNeeded: position), none) }
            } else if c == letter {
                if previousClass == han || previousClass == digit { sink.term(Key.pair(previous, v), UInt32(truncatingIfNeeded: previousPosition), none) }
                if previousClass != letter { wordStart = position }
                if word.count < longestWord {
                    if v < 0x80 { word.append(UInt8(v)) } else { word += utf8(v) }
                }
            } else if previousClass == letter {
                endWord()
            }
            previous = v
            previousClass = c
            previousPosition = position
        }
        if previousClass == letter { endWord() }
    }
}
