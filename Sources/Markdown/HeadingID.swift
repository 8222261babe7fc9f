/// Turns heading text into an `id` for links to a section, and keeps ids unique within a document.
///
/// GitHub's rule, kept close so editors' habits carry over: letters and digits (汉字 included) are kept
/// and lowercased; every run of anything else (spaces, punctuation, `_`, emoji) becomes one `-`;
/// dashes at either end are dropped; nothing left gives `section`. A repeated id gets `-1`, `-2`, …,
/// skipping any suffix another heading already took.
struct HeadingIDs {
    /// The ids handed out, compared by their bytes as browsers compare ids (a document has a
    /// few headings: a scan beats hashing Chinese text, which normalizes it first).
    private var used: [String] = []

    /// The id for a heading with `text`, unique among those handed out so far.
    mutating func id(for text: String) -> String {
        let base = headingSlug(text)
        if insert(base) { return base }
        var suffix = 1
        while !insert("\(base)-\(suffix)") { suffix += 1 }
        return "\(base)-\(suffix)"
    }

    private mutating func insert(_ id: String) -> Bool {
        if used.contains(where: { $0.utf8.elementsEqual(id.utf8) }) { return false }
        used.append(id)
        return true
    }
}

/// The id for heading text, before duplicates are numbered: `## 工会改革创新` → `工会改革创新`,
/// `## Hello, World!` → `hello-world`.
///
/// Works on scalars, not characters: grapheme breaking is slow on Chinese text, and a letter's
/// combining marks are kept with it all the same (a mark is kept when it follows a kept scalar).
/// The id is built as UTF-8 bytes: appending scalars to a String one by one cost far more.
func headingSlug(_ text: String) -> String {
    var slug: [UInt8] = []
    slug.reserveCapacity(text.utf8.count)
    var dash = false
    var keptLast = false
    for scalar in text.unicodeScalars {
        var lowercase: String?
        let keep: Bool
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A, 0x3400...0x4DBF, 0x4E00...0x9FFF:  // digits, a–z, 汉字
            keep = true
        case 0x41...0x5A:  // A–Z
            keep = true
        case 0..<0x80:
            keep = false
        // Chinese punctuation: ·、。〈〉《》「」『』【】〔〕‘’“”—…，：；！？（） are neither letters nor
        // marks, answered without looking up their properties.
        case 0xB7, 0x3001, 0x3002, 0x3008...0x3011, 0x3014, 0x3015, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026,
             0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F:
            keep = false
        default:
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil {
                keep = true
                if properties.changesWhenLowercased { lowercase = properties.lowercaseMapping }
            } else if keptLast && properties.isGraphemeExtend {
                slug.append(contentsOf: scalar.utf8)  // a combining mark of the letter before
                continue
            } else {
                keep = false
            }
        }
        keptLast = keep
        guard keep else {
            dash = true
            continue
        }
        if dash && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
        dash = false
        if let lowercase {
            slug.append(contentsOf: lowercase.utf8)
        } else if (0x41...0x5A).contains(scalar.value) {
            slug.append(UInt8(scalar.value) + 0x20)
        } else {
            slug.append(contentsOf: scalar.utf8)
        }
    }
    return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
}
