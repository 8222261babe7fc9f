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
    /// Runs converted so far this way, by every converter of this conversion (the runs are
    /// OpenCC's alone: names and overrides are taken out before).
    var runCache: RunCache { RunCache.shared[conversion] ?? RunCache() }
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

    /// Texts in UTF-8 converted as `convert` converts them; nil for a text that stays as it is.
    /// For the text of Markdown documents, which is bytes to begin with.
    func convert(utf8 texts: [UnsafeBufferPointer<UInt8>]) -> [[UInt8]?] {
        if conversion == .t2s, overrides.isEmpty, names.isEmpty { return convertTraditionalRuns(utf8: texts) }
        let strings = texts.map { String(decoding: $0, as: UTF8.self) }
        return zip(strings, convert(strings)).map { $0 == $1 ? nil : Array($1.utf8) }
    }

    /// `texts` with each run of Han characters that has a Traditional one converted, by one call
    /// to OpenCC for the runs not converted before. Read as UTF-8, a scalar at a time: every
    /// source written in Traditional characters goes through here whole.
    private func convertTraditionalRuns(_ texts: [String]) -> [String] {
        // All the texts' bytes in one buffer, lent as one buffer each.
        var all: [UInt8] = []
        var ends: [Int] = []
        for text in texts {
            all += text.utf8
            ends.append(all.count)
        }
        let converted = all.withUnsafeBufferPointer { b in
            convertTraditionalRuns(utf8: ends.indices.map { k in UnsafeBufferPointer(rebasing: b[(k == 0 ? 0 : ends[k - 1]) ..< ends[k]]) })
        }
        return texts.indices.map { k in converted[k].map { String(decoding: $0, as: UTF8.self) } ?? texts[k] }
    }

    /// Texts in UTF-8, each converted to Simplified, without names and overrides; nil for a
    /// text that stays as it is.
    private func convertTraditionalRuns(utf8 texts: [UnsafeBufferPointer<UInt8>]) -> [[UInt8]?] {
        // The byte ranges of each text's runs to convert, and the runs with their hashes.
        var runs: [[Range<Int>]] = []
        var found: [UnsafeBufferPointer<UInt8>] = []
        var hashes: [UInt64] = []
        for b in texts {
            var ranges: [Range<Int>] = []
            var i = 0
            while i < b.count {
                // Most of a text is Simplified Han or ASCII: a byte's lead and a bit tell.
                if b[i] < 0x80 { i &+= 1; continue }
                var (v, width) = decodeScalar(b, at: i)
                guard isHanScalar(v) else { i &+= width; continue }
                let start = i
                var traditional = false
                while i < b.count, isHanScalar(v) {
                    traditional = traditional || Self.isTraditional(v)
                    i &+= width
                    if i < b.count { (v, width) = decodeScalar(b, at: i) }
                }
                if traditional {
                    ranges.append(start ..< i)
                    let run = UnsafeBufferPointer(rebasing: b[start ..< i])
                    found.append(run)
                    hashes.append(RunCache.hash(run))
                }
            }
            runs.append(ranges)
        }
        guard !found.isEmpty else { return texts.map { _ in nil } }
        // Runs converted before come from the cache: sources repeat their phrases.
        var converted = runCache.converted(found, hashes: hashes)
        let missing = converted.indices.filter { converted[$0] == nil }
        if !missing.isEmpty {
            let joined = String(decoding: Array(missing.map { Array(found[$0]) }.joined(separator: [1])), as: UTF8.self)
            let fresh = opencc.convert(joined).utf8.split(separator: 1, omittingEmptySubsequences: false)
            guard fresh.count == missing.count else { return texts.map { _ in nil } }
            for (k, m) in missing.enumerated() { converted[m] = Array(fresh[k]) }
            runCache.add(missing.enumerated().map { k, m in (hashes[m], Array(found[m]), Array(fresh[k])) })
        }
        var next = 0
        return texts.indices.map { t -> [UInt8]? in
            guard !runs[t].isEmpty else { return nil }
            let b = texts[t]
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var copied = 0
            for run in runs[t] {
                out += b[copied ..< run.lowerBound]
                if let c = converted[next] { out += c } else { out += found[next] }
                copied = run.upperBound
                next += 1
            }
            out += b[copied...]
            return out
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

/// Runs of Han characters and what OpenCC made of them, as UTF-8, shared by every thread: by
/// a hash of the run's bytes, the bytes compared on a hit. (A Chinese String is normalized to be
/// hashed, and an array of bytes made for each run to look it up, which cost more than the rest.)
///
/// Kept between builds in the site's `.unionsite-cache/` (`load`, `save`): OpenCC converts a few
/// megabytes a second, and a site of Traditional sources would pay for all of them each build.
final class RunCache: Sendable {
    /// One for each conversion, for the process.
    static let shared: [OpenCC.Conversion: RunCache] = Dictionary(uniqueKeysWithValues: OpenCC.Conversion.allCases.map { ($0, RunCache()) })

    private struct State {
        var table: [UInt64: [(run: [UInt8], converted: [UInt8])]] = [:]
        /// Entries added since the file was read or written.
        var added = 0
        /// The files read, not to read again.
        var loaded: Set<String> = []
    }

    private let state = Mutex(State())

    /// FNV-1a, 64 bits.
    static func hash(_ run: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in run { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    /// What each run was converted to, nil for a run not seen before.
    func converted(_ runs: [UnsafeBufferPointer<UInt8>], hashes: [UInt64]) -> [[UInt8]?] {
        state.withLock { s in
            runs.indices.map { k in s.table[hashes[k]]?.first { $0.run.elementsEqual(runs[k]) }?.converted }
        }
    }

    func add(_ entries: [(hash: UInt64, run: [UInt8], converted: [UInt8])]) {
        state.withLock { s in
            for e in entries { s.table[e.hash, default: []].append((e.run, e.converted)) }
            s.added += entries.count
        }
    }

    /// The first line of the file: its format, and what the conversions came from (OpenCC's
    /// data, by the stamps of its dictionaries), so that another OpenCC starts afresh.
    private static func header(_ conversion: OpenCC.Conversion) -> String {
        let data = ["TSPhrases.ocd2", "TSCharacters.ocd2", "STPhrases.ocd2", "STCharacters.ocd2"].map { name in
            SourceCache.stamp("/usr/share/opencc/" + name).map { "\($0.size).\($0.seconds)" } ?? "-"
        }
        return "unionsite-runs 1 \(conversion.rawValue) " + data.joined(separator: " ")
    }

    /// Adds the runs saved in `path`, once per path; a file of another format or OpenCC is ignored.
    func load(_ path: String, conversion: OpenCC.Conversion) {
        guard state.withLock({ $0.loaded.insert(path).inserted }), let data = FileManager.default.contents(atPath: path) else { return }
        let entries = data.withUnsafeBytes { raw -> [(UInt64, [UInt8], [UInt8])] in
            var r = ByteReader(raw)
            guard r.line() == Self.header(conversion) else { return [] }
            var entries: [(UInt64, [UInt8], [UInt8])] = []
            while let run = r.block(), let converted = r.block() {
                entries.append(run.withUnsafeBufferPointer { (Self.hash($0), run, converted) })
            }
            return entries
        }
        state.withLock { s in
            for (h, run, converted) in entries where !(s.table[h]?.contains { $0.run == run } ?? false) {
                s.table[h, default: []].append((run, converted))
            }
        }
    }

    /// Writes every run to `path` when runs were added since it was read or written.
    func save(_ path: String, conversion: OpenCC.Conversion) {
        let out: [UInt8]? = state.withLock { s in
            guard s.added > 0 else { return nil }
            s.added = 0
            var out = Array((Self.header(conversion) + "\n").utf8)
            func block(_ b: [UInt8]) {
                withUnsafeBytes(of: UInt64(b.count).littleEndian) { out.append(contentsOf: $0) }
                out += b
            }
            for entries in s.table.values {
                for e in entries {
                    block(e.run)
                    block(e.converted)
                }
            }
            return out
        }
        guard let out else { return }
        // A cache: when it cannot be written, the next build converts again.
        let temporary = path + ".\(getpid())"
        mkdir((path as NSString).deletingLastPathComponent, 0o755)
        guard (try? OutputWriter.writeFile(temporary, out)) != nil, rename(temporary, path) == 0 else {
            unlink(temporary)
            return
        }
    }
}
