import Foundation
import Testing
@testable import Template

// The golden-liquid conformance suite (../shared/conformance/golden-liquid/, see its README):
// every case named in unionsite-subset.json's tier1 and tier2 is rendered with auto-escaping
// off and compared byte for byte. Cases that fail today are listed, with a reason, in
// Tests/conformance-known-failures.txt; the test fails when any other case fails, and when a
// listed case passes (so the list only shrinks: delete its line).
//
// GOLDEN_LIQUID_DIR overrides where the suite is read from. GOLDEN_LIQUID_ALL=1 also runs
// the cases outside the tiers and prints how many pass, without failing on them.

/// One case of golden_liquid.json.
struct GoldenCase: Sendable {
    enum Expectation: Sendable {
        case result(String)
        case results([String])
        case invalid
    }

    var name: String
    var template: String
    var data: Object
    var partials: [String: String]
    var expectation: Expectation
    var labels: [String]

    init(_ value: Value) throws {
        guard case .object(let o) = value, let name = o["name"]?.stringValue, let template = o["template"]?.stringValue else {
            throw ConformanceError("a test case without a name or template: \(value.text.prefix(80))")
        }
        self.name = name
        self.template = template
        if case .object(let d)? = o["data"] { data = d } else { data = Object() }
        partials = [:]
        if case .object(let t)? = o["templates"] {
            for (k, v) in t { partials[k] = v.stringValue ?? "" }
        }
        labels = o["tags"]?.items.compactMap(\.stringValue) ?? []
        if let r = o["result"]?.stringValue {
            expectation = .result(r)
        } else if case .array(let rs)? = o["results"] {
            expectation = .results(rs.compactMap(\.stringValue))
        } else if o["invalid"]?.isTruthy == true {
            expectation = .invalid
        } else {
            throw ConformanceError("case '\(name)' has none of result, results, invalid")
        }
    }

    /// What went wrong, or nil when the case passes.
    func run() -> String? {
        var options = Engine.Options(autoescape: false)
        if labels.contains("utc") { options.timeZone = TimeZone(secondsFromGMT: 0) ?? options.timeZone }
        let engine = Engine(source: DictionarySource(partials), options: options)
        let output: String
        do {
            output = try engine.render(engine.parse(template, name: "test"), data)
        } catch {
            if case .invalid = expectation { return nil }
            return "  template: \(escaped(template))\n  expected: \(expectedText)\n  error:    \(error)"
        }
        switch expectation {
        case .invalid:
            return "  template: \(escaped(template))\n  expected: an error\n  actual:   \(escaped(output))"
        case .result, .results:
            if expectedOutputs.contains(output) { return nil }
            return "  template: \(escaped(template))\n  expected: \(expectedText)\n  actual:   \(escaped(output))"
        }
    }

    private var expectedOutputs: [String] {
        switch expectation {
        case .result(let r): return [r]
        case .results(let rs): return rs
        case .invalid: return []
        }
    }

    private var expectedText: String {
        if case .invalid = expectation { return "an error" }
        return expectedOutputs.map(escaped).joined(separator: " or ")
    }
}

struct ConformanceError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `s` quoted with control characters visible, so `\r\n` and trailing spaces show.
func escaped(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where c.value < 0x20: out += "\\u{\(String(c.value, radix: 16))}"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}

enum Conformance {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The suite's folder: $GOLDEN_LIQUID_DIR, else `../shared/conformance/golden-liquid/`
    /// next to the package.
    static var suiteDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["GOLDEN_LIQUID_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir, isDirectory: true)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/golden-liquid", isDirectory: true)
    }

    static let knownFailuresFile = packageRoot.appendingPathComponent("Tests/conformance-known-failures.txt")

    static func read(_ url: URL) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConformanceError("""
                cannot read \(url.path): the golden-liquid suite must be at \
                ../shared/conformance/golden-liquid/ beside the package, or set GOLDEN_LIQUID_DIR to its folder
                """)
        }
        return data
    }

    /// `name # reason` lines; blank lines and lines starting with `#` are ignored.
    static func knownFailures() throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: knownFailuresFile.path) else { return [:] }
        var known: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let parts = text.components(separatedBy: " # ")
            known[parts[0].trimmingCharacters(in: .whitespaces)] = parts.dropFirst().joined(separator: " # ")
        }
        return known
    }
}

@Test func goldenLiquidTiersPass() throws {
    let dir = Conformance.suiteDirectory
    let suite = try Value.parseJSON(Conformance.read(dir.appendingPathComponent("golden_liquid.json")))
    let subset = try Value.parseJSON(Conformance.read(dir.appendingPathComponent("unionsite-subset.json")))
    guard case .object(let s) = suite, case .array(let tests)? = s["tests"], case .object(let tiers) = subset else {
        Issue.record("golden_liquid.json or unionsite-subset.json is not in the expected shape")
        return
    }
    let cases = try tests.map(GoldenCase.init)
    let byName = Dictionary(cases.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let tiered = ["tier1", "tier2"].flatMap { tiers[$0]?.items.compactMap(\.stringValue) ?? [] }
    #expect(tiered.count == 513, "tier1 + tier2 should name 513 cases")
    let known = try Conformance.knownFailures()

    var passed = 0, failed = 0
    var unexpected: [String] = [], fixed: [String] = []
    for name in tiered {
        guard let c = byName[name] else {
            Issue.record("unionsite-subset.json names '\(name)', which golden_liquid.json lacks")
            failed += 1
            continue
        }
        if let problem = c.run() {
            failed += 1
            if let reason = known[name] {
                print("known failure: \(name) (\(reason))\n\(problem)")
            } else {
                unexpected.append(name)
                print("FAIL: \(name)\n\(problem)")
            }
        } else {
            passed += 1
            if known[name] != nil { fixed.append(name) }
        }
    }
    let stale = known.keys.filter { !tiered.contains($0) }.sorted()
    for name in unexpected { Issue.record("golden-liquid case failed: \(name)") }
    for name in fixed {
        Issue.record("golden-liquid case now passes: \(name) — delete it from Tests/conformance-known-failures.txt")
    }
    for name in stale { Issue.record("Tests/conformance-known-failures.txt lists '\(name)', which is not a tier1/tier2 case") }
    print("golden-liquid: \(failed - unexpected.count) known failures, \(unexpected.count) unexpected, \(fixed.count) now passing")
    print("golden-liquid: \(passed) passed, \(failed) failed")

    if ProcessInfo.processInfo.environment["GOLDEN_LIQUID_ALL"] != nil {
        let tieredSet = Set(tiered)
        var otherPassed = 0, otherFailed = 0
        for c in cases where !tieredSet.contains(c.name) {
            if let problem = c.run() {
                otherFailed += 1
                print("outside the tiers, FAIL: \(c.name)\n\(problem)")
            } else {
                otherPassed += 1
            }
        }
        print("golden-liquid outside the tiers: \(otherPassed) pass, \(otherFailed) fail")
    }
}
