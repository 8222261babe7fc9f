/// Shared pieces of every located error message: the source line with a caret under the
/// column, and "did you mean" suggestions.

/// The line, then a caret under `column` (1-based, in characters). East Asian wide
/// characters take two cells in a terminal, so the caret is padded to match.
public func caretExcerpt(line: String, column: Int) -> String {
    var pad = ""
    for (i, ch) in line.enumerated() where i < column - 1 {
        if ch == "\t" { pad += "\t" } else { pad += String(repeating: " ", count: displayWidth(ch)) }
    }
    return "    " + line + "\n    " + pad + "^"
}

/// Terminal cells a character takes: 2 for CJK and other wide characters, else 1.
public func displayWidth(_ ch: Character) -> Int {
    guard let v = ch.unicodeScalars.first?.value else { return 1 }
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
         0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
         0xFFE0...0xFFE6, 0x20000...0x3FFFD:
        return 2
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

/// Levenshtein distance in characters.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
