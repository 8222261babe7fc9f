/// Shared pieces of every located error message: the source line with a caret under the
/// column, and "did you mean" suggestions.

/// The offending line behind a gutter with its number, then a caret under `column`
/// (1-based, in characters):
///
///     3 | 作者 张三
///       |     ^
///
/// East Asian wide characters take two cells in a terminal and tabs are copied, so the caret
/// lines up.
public func caretExcerpt(line text: String, number: Int, column: Int) -> String {
    let gutter = String(number)
    var caret = ""
    for (i, ch) in text.enumerated() where i < column - 1 {
        caret += ch == "\t" ? "\t" : String(repeating: " ", count: displayWidth(of: ch))
    }
    return "\(gutter) | \(text)\n\(String(repeating: " ", count: gutter.count)) | \(caret)^"
}

/// Terminal cells a character takes: 2 for East-Asian wide and full-width characters (CJK,
/// kana, hangul, full-width forms such as `：`, most emoji), 0 for combining marks, else 1.
public func displayWidth(of ch: Character) -> Int {
    guard let s = ch.unicodeScalars.first else { return 0 }
    let v = s.value
    if v < 0x1100 {
        if (0x0300...0x036F).contains(v) { return 0 }
        return 1
    }
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
         0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
         0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return 2
    case 0x200B...0x200F, 0xFE00...0xFE0F, 0x20D0...0x20FF:
        return 0
    default:
        return 1
    }
}

/// The candidate closest to `word` by edit distance, if it is a near miss (distance ≤ 2,
/// and less than the word's length so `a` does not suggest `b`). Ties go to the smaller name.
public func nearest(_ word: String, in candidates: some Sequence<String>) -> String? {
    var best: (String, Int)?
    let limit = min(2, max(1, word.count - 1))
    for c in candidates {
        let d = editDistance(word, c)
        guard d <= limit else { continue }
        if let b = best, d > b.1 || (d == b.1 && c >= b.0) { continue }
        best = (c, d)
    }
    return best?.0
}

/// Edit distance in characters, counting a swap of two neighbours as one edit.
public func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: max(a.unicodeScalars.count, b.unicodeScalars.count))
}

/// Optimal-string-alignment distance (a swap of two neighbours costs 1), or `limit + 1` when
/// it is certainly larger than `limit`.
public func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var rowMin = current[0]
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                v = min(v, previous2[j - 2] + 1)
            }
            current[j] = v
            rowMin = min(rowMin, v)
        }
        if rowMin > limit { return limit + 1 }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}

/// The text of 1-based line `number` in `source` (BOM stripped; `\n`, `\r\n`, `\r` end lines).
public func lineText(_ number: Int, of source: String) -> Substring? {
    guard number >= 1 else { return nil }
    let u = source.utf8
    var start = u.startIndex
    if u.starts(with: [0xEF, 0xBB, 0xBF]) { start = u.index(start, offsetBy: 3) }
    var current = 1
    var i = start
    while i < u.endIndex {
        let c = u[i]
        if c == 0x0A || c == 0x0D {
            if current == number { return source[start..<i] }
            var next = u.index(after: i)
            if c == 0x0D, next < u.endIndex, u[next] == 0x0A { next = u.index(after: next) }
            current += 1
            start = next
            i = next
        } else {
            i = u.index(after: i)
        }
    }
    return current == number ? source[start..<u.endIndex] : nil
}
