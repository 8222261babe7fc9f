import Foundation
import Testing
@testable import FrontMatter

/// A small deterministic random generator (SplitMix64), so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mangled documents never crash the parser, and every error points inside the file.
@Test func mangledDocumentsAreReportedNotCrashedOn() {
    var rng = SplitMix(state: 42)
    let pieces: [String] = [":", "：", " ", "  ", "\t", "\n", "\r\n", "\r", "-", "- ", "[", "]", "{", "}", ",", "，", "、",
                            "\"", "'", "\\", "\\u", "#", " #", "|", ">", "|-", ">+2", "*", "&", "!", "~", "null", "a",
                            "标题", "2019", "2023-02-30", "---", "...", "?", "@", "`", "\u{301}", "👷‍♀️", "\u{FEFF}"]
    let seeds = corpusSamples + sharedSubset.map { "---\n" + $0 + "---\n" } + acceptCases.map { "---\n" + $0.yaml + "\n---\n" }
    mangle(seeds, with: pieces, rng: &rng) { text, fm in
        _ = readLikeTheSite(text)
        _ = fm.normalized(with: .honoree)
    }
}

/// Mangled TOML and JSON front matter never crash the readers, and every error points inside the file.
@Test func mangledTOMLAndJSONAreReportedNotCrashedOn() {
    var rng = SplitMix(state: 7)
    let pieces: [String] = ["=", "＝", " ", "\t", "\n", "\r\n", "\r", "[", "]", "[[", "]]", "{", "}", ",", ".", "\"", "'",
                            "\"\"\"", "\'\'\'", "\\", "\\u", "#", "+++", ":", "a", "标题", "2019", "1_0", "0x", "2023-02-30",
                            "2023-09-01 14:07", "true", "null", "-", "\u{301}", "👷‍♀️"]
    let seeds = [
        "+++\ntitle = \"工会\"\ndate = 2023-09-01T14:07:00+08:00\ntags = [\"a\",\n  \"b\",]\nh = {x = 1, y = 'z'}\n[[honors]]\ntitle = \"\"\"多行\n文本\"\"\"\n[p.q]\nr = 1.5\n+++\n正文\n",
        "{\n  \"title\": \"工会\\u4E2D\",\n  \"tags\": [\"a\", 1, -2.5e3, true, null],\n  \"h\": {\"x\": {}}\n}\n正文\n",
    ]
    mangle(seeds, with: pieces, rng: &rng) { _, fm in _ = fm.normalized(with: .article) }
}

/// Mangles the seeds in turn (one to four pieces inserted, characters removed or replaced), parses
/// each text, expects every error to point inside it, and hands what parsed to `read`.
private func mangle(_ seeds: [String], with pieces: [String], rng: inout SplitMix, read: (String, Mapping) -> Void) {
    for round in 0..<(Int(ProcessInfo.processInfo.environment["FM_FUZZ_ROUNDS"] ?? "") ?? 3000) {
        var chars = Array(seeds[round % seeds.count])
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = Int.random(in: 0...chars.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: chars.insert(contentsOf: pieces.randomElement(using: &rng) ?? "", at: at)
            case 1: if at < chars.count { chars.remove(at: at) }
            default: if at < chars.count { chars[at] = pieces.randomElement(using: &rng)?.first ?? "x" }
            }
        }
        let text = String(chars)
        let doc = FrontMatter.parse(text)
        let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        for e in doc.errors {
            #expect(e.line >= 1 && e.line <= max(lineCount, 1) && e.column >= 1, "\(text.debugDescription): \(e)")
            _ = e.description(file: "f.md", source: text)
        }
        if let fm = doc.frontMatter { read(text, fm) }
    }
}

@Test(arguments: [
    ("---\nx: " + String(repeating: "[", count: 100_000) + "\n---\n", E(2, 67, "lists and maps nested more than 64 deep: expected at most 64 levels")),
    ("+++\nx = " + String(repeating: "[", count: 100_000) + "\n+++\n", E(2, 69, "lists and maps nested more than 64 deep: expected at most 64 levels")),
    (String(repeating: "{\"a\": ", count: 100_000) + String(repeating: "}", count: 100_000), E(1, 391, "lists and maps nested more than 64 deep: expected at most 64 levels")),
    ("---\nx:\n  " + String(repeating: "- ", count: 100_000) + "a\ny: 1\n---\n", E(3, 129, "lists and maps nested more than 64 deep: expected at most 64 levels")),
])
func deepNestingIsAnErrorNotAStackOverflow(_ text: String, _ expected: E) {
    #expect(FrontMatter.parse(text).errors.map(E.init) == [expected])
}
