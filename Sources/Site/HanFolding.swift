/// Traditional → Simplified for single Han characters, so 勞模 and 劳模 are one tag and
/// 陳一文 is a mention of 陈一文.
///
/// The mapping is ICU's Hant-Hans transform, computed once by `scripts/gen-han-folding.swift`
/// into HanFoldingTable.swift: ICU's transform is slow, and at run time every build paid for it.
/// Folding works per character, so positions in folded text are positions in the original
/// (phrase-level conversions such as 乾隆 do not matter for names and tags).
enum HanFolding {
    static let base: UInt32 = 0x3400
    static let end: UInt32 = 0xFAFF

    /// Folded scalar by `scalar - base`.
    static let table: [UInt32] = {
        var t = (base...end).map { $0 }
        var i = 0
        while i + 1 < pairs.count {
            let from = pairs[i]
            if from >= base, from <= end { t[Int(from - base)] = pairs[i + 1] }
            i += 2
        }
        return t
    }()

    @inline(__always) static func fold(_ v: UInt32) -> UInt32 {
        guard v >= base, v <= end else { return v }
        return table[Int(v - base)]
    }

    /// `s` with every Han character folded to Simplified.
    static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let f = fold(u.value)
            out.append(f == u.value ? u : (Unicode.Scalar(f) ?? u))
        }
        return String(out)
    }
}
