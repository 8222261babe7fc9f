import Foundation
import Testing
@testable import Site

/// The escaping spelled out scalar by scalar, as the feed first did it: the oracle for the byte version.
private func xmlEscapeByScalars(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
        switch u {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\t", "\n", "\r": out.unicodeScalars.append(u)
        default:
            let v = u.value
            if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x84).contains(v) || (0x86...0x9F).contains(v) { continue }
            out.unicodeScalars.append(u)
        }
    }
    return out
}

@Test func feedEscapingDropsWhatXMLForbidsAndEscapesTheSpecials() {
    #expect(xmlEscape("<p class=\"a\">劳模 & 工匠's</p>") == "&lt;p class=&quot;a&quot;&gt;劳模 &amp; 工匠&apos;s&lt;/p&gt;")
    #expect(xmlEscape("a\u{0}b\u{1F}c\u{7F}d\u{80}e\u{85}f\u{9F}g\u{A0}h\u{FFFE}i\u{FFFF}j\u{FFFD}\t\n\r") == "abcde\u{85}fg\u{A0}hij\u{FFFD}\t\n\r")
    #expect(xmlEscape("https://example.org/news/a/") == "https://example.org/news/a/")
    #expect(xmlEscape("") == "")
}

@Test func feedEscapingAgreesWithTheScalarVersionOnRandomText() {
    // Characters around every boundary the byte version tests.
    let pool: [Unicode.Scalar] = ["a", "<", ">", "&", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}",
                                  "\u{84}", "\u{85}", "\u{86}", "\u{9F}", "\u{A0}", "\u{C2}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}",
                                  "\u{EFBF}", "\u{BFBE}", "劳", "模", "\u{1F600}"]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &generator) { s.append(pool.randomElement(using: &generator)!) }
        let text = String(s)
        #expect(xmlEscape(text).unicodeScalars.map(\.value) == xmlEscapeByScalars(text).unicodeScalars.map(\.value), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
}
