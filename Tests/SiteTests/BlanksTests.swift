import Foundation
import Testing
@testable import Site

/// `trimmingWhitespace` answers as Foundation's `trimmingCharacters(in:)` does, without its cost.
@Suite struct BlanksTests {
    /// Every scalar of the Basic Multilingual Plane, alone and around text, trims as Foundation's
    /// `.whitespacesAndNewlines` and `.whitespaces` do.
    @Test func trimsWhatFoundationTrims() {
        var differences: [String] = []
        for v in UInt32(0)...0xFFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            for text in [String(u), "\(u)\(u)劳模\(u)", "a\(u)b"] {
                if trimmingWhitespace(text) != text.trimmingCharacters(in: .whitespacesAndNewlines) {
                    differences.append("U+\(String(v, radix: 16)) with newlines")
                }
                if trimmingWhitespace(text, newlines: false) != text.trimmingCharacters(in: .whitespaces) {
                    differences.append("U+\(String(v, radix: 16)) blanks only")
                }
            }
            if isBlank(String(u)) != String(u).trimmingCharacters(in: .whitespaces).isEmpty {
                differences.append("U+\(String(v, radix: 16)) isBlank")
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }

    @Test func trimsBothEndsOnly() {
        #expect(trimmingWhitespace("\u{3000} 全国五一劳动奖章\t获得者 \n") == "全国五一劳动奖章\t获得者")
        #expect(trimmingWhitespace(" \n ") == "")
        #expect(trimmingWhitespace("") == "")
        #expect(trimmingBlanks(" 工匠\n") == "工匠\n")
        #expect(isBlank(""))
        #expect(!isBlank(" 。"))
    }
}
