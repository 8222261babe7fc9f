import Foundation
import Synchronization

/// Converts text between Simplified and Traditional Chinese with OpenCC, except where OpenCC is
/// known to be wrong:
/// - **Names.** OpenCC converts the surnames 范, 余, 岳, 于 … as the words they also are
///   (范小军 → 範小軍). A name is given its own Traditional spelling when it has one
///   (`name_hant`), else converted with its surname kept as written (`ScriptConverter.name`);
///   a mention of it in running text gets the same spelling. Mentions are found as the honor
///   roll's cross-links find them (`MentionMatcher`), so 范文 in 模范文化 is no name.
/// - **Overrides.** The site's own phrase → phrase corrections, matched before anything else,
///   longest first.
///
/// Protected phrases are swapped for private-use characters, which OpenCC passes through and
/// which end any phrase it would match, then put back converted as they should be.
struct ScriptConverter: Sendable {
    let conversion: OpenCC.Conversion
    private let opencc: OpenCC
    /// The overrides, by the first scalar of what they replace, longest first.
    private let overrides: [Unicode.Scalar: [(from: [Unicode.Scalar], to: String)]]
    private let names: MentionMatcher
    /// Runs converted so far, by every copy of this converter.
    private let runCache = RunCache()
    /// Each name's spelling after conversion, by the matcher's index.
    private let spellings: [String]

    /// `names`: each name as written, with its own spelling in the target script if it has one.
    /// `overrides`: phrase → phrase, as the source writes it → as the result should.
    /// Nil when OpenCC cannot be opened (`OpenCC.lastError` says why).
    init?(_ conversion: OpenCC.Conversion, names: [(name: String, own: String?)] = [], overrides: [(String, String)] = []) {
        guard let opencc = OpenCC.converter(conversion) else { return nil }
        self.conversion = conversion
        self.opencc = opencc
        var table: [Unicode.Scalar: [(from: [Unicode.Scalar], to: String)]] = [:]
        for (from, to) in overrides {
            let scalars = Array(from.unicodeScalars)
            guard let first = scalars.first else { continue }
            table[first, default: []].append((scalars, to))
        }
        for k in table.keys { table[k]?.sort { $0.from.count > $1.from.count } }
        self.overrides = table
        self.names = MentionMatcher(names: names.indices.map { (names[$0].name, $0) })
        spellings = names.map { $0.own ?? Self.name($0.name, with: opencc, conversion: conversion) }
    }

    /// Surnames OpenCC converts as the words they also are, with their form as a surname in
    /// Traditional writing: 范 is not 範, 余 not 餘, 于 not 於, 钟 is 鍾 and not 鐘.
    static let surnames: [Unicode.Scalar: Unicode.Scalar] = [
        "范": "范", "余": "余", "岳": "岳", "沈": "沈", "谷": "谷", "姜": "姜", "于": "于", "郁": "郁",
        "党": "党", "朴": "朴", "卜": "卜", "钟": "鍾",
    ]

    /// A name converted: by OpenCC, but a surname of `surnames` (the name's first character) in
    /// its form as a surname. Only from Simplified: Traditional names convert back correctly.
    static func name(_ name: String, with opencc: OpenCC, conversion: OpenCC.Conversion) -> String {
        let converted = opencc.convert(name)
        guard conversion != .t2s, let first = name.unicodeScalars.first, let surname = surnames[first],
              converted.unicodeScalars.count == name.unicodeScalars.count
        else { return converted }
        var scalars = String.UnicodeScalarView()
        scalars.append(surname)
        scalars.append(contentsOf: converted.unicodeScalars.dropFirst())
        return String(scalars)
    }

    /// `text` converted.
    func convert(_ text: String) -> String { convert([text])[0] }

    /// Each of `texts` converted, with one call to OpenCC for all: they are joined with U+0001,
    /// which ends any phrase, and split again.
    ///
    /// To Simplified, only runs of Han characters with a Traditional one among them go to OpenCC
    /// (its phrases are runs of Han characters): it converts a few megabytes a second, and
    /// Traditional sources are often Simplified text with Traditional passages.
    func convert(_ texts: [String]) -> [String] {
        // Only runs of Han characters go to OpenCC to Simplified: no separator to guard.
        if conversion == .t2s, overrides.isEmpty, names.isEmpty { return convertTraditionalRuns(texts) }
        var placeholders: [String] = []
        let protected = texts.map { protect($0, into: &placeholders) }
        guard protected.contains(where: { text in text.utf8.contains { $0 >= 0x80 } }) else { return texts }
        let converted: [String]
        if conversion == .t2s {
            converted = convertTraditionalRuns(protected)
        } else {
            let parts = opencc.convert(protected.joined(separator: "\u{1}")).split(separator: "\u{1}", omittingEmptySubsequences: false)
            converted = parts.map(String.init)
        }
        // OpenCC keeps U+0001 as it is; should the count differ, the texts stay as written.
        guard converted.count == texts.count else { return texts }
        return converted.map { restore($0, from: placeholders) }
    }

    /// `texts` with each run of Han characters that has a Traditional one converted, by one call
    /// to OpenCC for the runs not converted before. Read as UTF-8, a scalar at a time: every
    /// source written in Traditional characters goes through here whole.
    private func convertTraditionalRuns(_ texts: [String]) -> [String] {
        // Each text's bytes, and the byte ranges of its runs to convert.
        var utf8: [[UInt8]] = []
        var runs: [[Range<Int>]] = []
        var keys: [[UInt8]] = []
        for text in texts {
            let bytes = Array(text.utf8)
            var found: [Range<Int>] = []
            bytes.withUnsafeBufferPointer { b in
                var i = 0
                while i < b.count {
                    var (v, width) = decodeScalar(b, at: i)
                    guard isHanScalar(v) else { i += width; continue }
                    let start = i
                    var traditional = false
                    while i < b.count, isHanScalar(v) {
                        traditional = traditional || Self.isTraditional(v)
                        i += width
                        if i < b.count { (v, width) = decodeScalar(b, at: i) }
                    }
                    if traditional {
                        found.append(start ..< i)
                        keys.append(Array(b[start ..< i]))
                    }
                }
            }
            utf8.append(bytes)
            runs.append(found)
        }
        guard !keys.isEmpty else { return texts }
        // Runs converted before come from the cache: sources repeat their phrases.
        var converted = runCache.converted(keys)
        let missing = converted.indices.filter { converted[$0] == nil }
        if !missing.isEmpty {
            let joined = String(decoding: Array(missing.map { keys[$0] }.joined(separator: [1])), as: UTF8.self)
            let fresh = opencc.convert(joined).utf8.split(separator: 1, omittingEmptySubsequences: false)
            guard fresh.count == missing.count else { return texts }
            for (k, m) in missing.enumerated() { converted[m] = Array(fresh[k]) }
            runCache.add(missing.enumerated().map { k, m in (keys[m], Array(fresh[k])) })
        }
        var next = 0
        return texts.indices.map { t in
            guard !runs[t].isEmpty else { return texts[t] }
            var out: [UInt8] = []
            out.reserveCapacity(utf8[t].count)
            var copied = 0
            for run in runs[t] {
                out += utf8[t][copied ..< run.lowerBound]
                out += converted[next] ?? keys[next]
                copied = run.upperBound
                next += 1
            }
            out += utf8[t][copied...]
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The first placeholder: the private-use plane 15, which no text of a union's site uses.
    private static let placeholderBase: UInt32 = 0xF0000

    /// `text` with each override, name and U+0001 (the separator of `convert`) swapped for a
    /// placeholder, whose replacement is appended to `placeholders`.
    private func protect(_ text: String, into placeholders: inout [String]) -> String {
        let nameRanges = names.isEmpty ? [] : names.matches(in: text)
        guard !overrides.isEmpty || !nameRanges.isEmpty || text.unicodeScalars.contains(where: { $0.value == 1 || $0.value >= Self.placeholderBase }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        let scalars = text.unicodeScalars
        var nextName = 0
        var i = scalars.startIndex
        func placeholder(_ replacement: String) {
            out.append(Unicode.Scalar(Self.placeholderBase + UInt32(placeholders.count)) ?? "\u{FFFD}")
            placeholders.append(replacement)
        }
        scan: while i < scalars.endIndex {
            if nextName < nameRanges.count, nameRanges[nextName].range.lowerBound == i {
                placeholder(spellings[nameRanges[nextName].honoree])
                i = nameRanges[nextName].range.upperBound
                nextName += 1
                continue
            }
            while nextName < nameRanges.count, nameRanges[nextName].range.lowerBound < i { nextName += 1 }
            let scalar = scalars[i]
            if let candidates = overrides[scalar] {
                for candidate in candidates {
                    var j = i, k = 0
                    while k < candidate.from.count, j < scalars.endIndex, scalars[j] == candidate.from[k] {
                        j = scalars.index(after: j)
                        k += 1
                    }
                    if k == candidate.from.count {
                        placeholder(candidate.to)
                        i = j
                        continue scan
                    }
                }
            }
            if scalar.value == 1 || scalar.value >= Self.placeholderBase {
                placeholder(String(scalar))
            } else {
                out.append(scalar)
            }
            i = scalars.index(after: i)
        }
        return String(out)
    }

    private func restore(_ text: String, from placeholders: [String]) -> String {
        guard !placeholders.isEmpty, text.unicodeScalars.contains(where: { $0.value >= Self.placeholderBase }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            let k = Int(scalar.value) - Int(Self.placeholderBase)
            if k >= 0, k < placeholders.count { out += placeholders[k] } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

/// Runs of Han characters and what OpenCC made of them, as UTF-8, shared by every thread. (By
/// bytes: a Chinese String is normalized to be hashed, which cost more than the lookups.)
final class RunCache: Sendable {
    private let table = Mutex<[[UInt8]: [UInt8]]>([:])

    /// What each run was converted to, nil for a run not seen before.
    func converted(_ runs: [[UInt8]]) -> [[UInt8]?] {
        table.withLock { t in runs.map { t[$0] } }
    }

    func add(_ pairs: [([UInt8], [UInt8])]) {
        table.withLock { t in for (k, v) in pairs { t[k] = v } }
    }
}
