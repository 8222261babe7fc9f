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
/// Protected phrases keep their own spellings, and end any run of Han characters OpenCC is given.
struct ScriptConverter: Sendable {
    let conversion: OpenCC.Conversion
    /// The overrides in UTF-8, by the first scalar of what they replace, longest first.
    private let overrides: [UInt32: [(from: [UInt8], to: [UInt8])]]
    /// A bit per scalar of the Basic Multilingual Plane: set where an override starts with it.
    private let overrideStarts: [UInt64]
    private let names: MentionMatcher
    /// Runs converted so far this way, by every converter of this conversion (the runs are
    /// OpenCC's alone: names and overrides are taken out before).
    var runCache: RunCache { RunCache.shared[conversion] ?? RunCache() }
    /// Each name's spelling after conversion, in UTF-8, by the matcher's index.
    private let spellings: [[UInt8]]

    /// `names`: each name as written, with its own spelling in the target script if it has one.
    /// `overrides`: phrase → phrase, as the source writes it → as the result should.
    /// Nil when OpenCC cannot be opened (`OpenCC.lastError` says why). OpenCC itself is opened
    /// only when a run is not in the cache (`RunCache`): loading its dictionaries costs a build
    /// that finds every run converted before more than the rest of its conversions.
    init?(_ conversion: OpenCC.Conversion, names: [(name: String, own: String?)] = [], overrides: [(String, String)] = []) {
        guard OpenCC.isAvailable(conversion) else { return nil }
        self.conversion = conversion
        var table: [UInt32: [(from: [UInt8], to: [UInt8])]] = [:]
        var starts = [UInt64](repeating: 0, count: 0x10000 / 64)
        for (from, to) in overrides {
            guard let first = from.unicodeScalars.first?.value else { continue }
            table[first, default: []].append((Array(from.utf8), Array(to.utf8)))
            if first < 0x10000 { starts[Int(first) >> 6] |= 1 << UInt64(first & 63) }
        }
        for k in table.keys { table[k]?.sort { $0.from.count > $1.from.count } }
        self.overrides = table
        overrideStarts = starts
        self.names = MentionMatcher(names: names.indices.map { (names[$0].name, $0) })
        // Every name as OpenCC converts it, in one call for the runs it has not converted before.
        let plain = names.filter { $0.own == nil }.map(\.name)
        let converted = plain.isEmpty ? [] : ScriptConverter(conversion)?.convert(plain) ?? plain
        var next = 0
        spellings = names.map { n in
            if let own = n.own { return Array(own.utf8) }
            defer { next += 1 }
            return Array(Self.name(n.name, converted: converted[next], conversion: conversion).utf8)
        }
    }

    /// Surnames OpenCC converts as the words they also are, with their form as a surname in
    /// Traditional writing: 范 is not 範, 余 not 餘, 于 not 於, 钟 is 鍾 and not 鐘.
    static let surnames: [Unicode.Scalar: Unicode.Scalar] = [
        "范": "范", "余": "余", "岳": "岳", "沈": "沈", "谷": "谷", "姜": "姜", "于": "于", "郁": "郁",
        "党": "党", "朴": "朴", "卜": "卜", "钟": "鍾",
    ]

    /// A name converted: as OpenCC converted it (`converted`), but a surname of `surnames` (the
    /// name's first character) in its form as a surname. Only from Simplified: Traditional names
    /// convert back correctly.
    static func name(_ name: String, converted: String, conversion: OpenCC.Conversion) -> String {
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

    /// Each of `texts` converted, with one call to OpenCC for every run of them it has not
    /// converted before.
    func convert(_ texts: [String]) -> [String] {
        // All the texts' bytes in one buffer, lent as one buffer each.
        var all: [UInt8] = []
        var ends: [Int] = []
        for text in texts {
            all += text.utf8
            ends.append(all.count)
        }
        let converted = all.withUnsafeBufferPointer { b in
            convert(utf8: ends.indices.map { k in UnsafeBufferPointer(rebasing: b[(k == 0 ? 0 : ends[k - 1]) ..< ends[k]]) })
        }
        return texts.indices.map { k in converted[k].map { String(decoding: $0, as: UTF8.self) } ?? texts[k] }
    }

    /// What replaces a part of a text: a run OpenCC converts (by its index among the runs
    /// found), or a name's or override's own spelling.
    private enum Piece {
        case run(Int)
        case fixed([UInt8])
    }

    /// Texts in UTF-8, each converted; nil for a text that stays as it is.
    ///
    /// Names and overrides are found first and keep their own spellings. Every other run of Han
    /// characters goes to OpenCC (whose phrases are runs of Han characters), unless it converted
    /// that run before (`RunCache`): text repeats its phrases, and a page repeats the site's.
    /// To Simplified, only runs with a Traditional character among them go: Traditional sources
    /// are often Simplified text with Traditional passages. Read as UTF-8, a scalar at a time.
    func convert(utf8 texts: [UnsafeBufferPointer<UInt8>]) -> [[UInt8]?] {
        let onlyTraditional = conversion == .t2s
        var pieces: [[(range: Range<Int>, piece: Piece)]] = []
        pieces.reserveCapacity(texts.count)
        var found: [UnsafeBufferPointer<UInt8>] = []
        var hashes: [UInt64] = []
        for b in texts {
            var list: [(range: Range<Int>, piece: Piece)] = []
            let protected = protectedSpans(b)
            var next = 0
            var i = 0
            while i < b.count {
                if next < protected.count, protected[next].range.lowerBound == i {
                    list.append((protected[next].range, .fixed(protected[next].spelling)))
                    i = protected[next].range.upperBound
                    next += 1
                    continue
                }
                // Most of a text is Han or ASCII: a byte's lead and a bit tell.
                if b[i] < 0x80 { i &+= 1; continue }
                var (v, width) = decodeScalar(b, at: i)
                guard isHanScalar(v) else { i &+= width; continue }
                let start = i
                let stop = next < protected.count ? protected[next].range.lowerBound : b.count
                var wanted = !onlyTraditional
                while i < stop, isHanScalar(v) {
                    if !wanted { wanted = Self.isTraditional(v) }
                    i &+= width
                    if i < stop { (v, width) = decodeScalar(b, at: i) }
                }
                if wanted {
                    let run = UnsafeBufferPointer(rebasing: b[start ..< i])
                    list.append((start ..< i, .run(found.count)))
                    found.append(run)
                    hashes.append(RunCache.hash(run))
                }
            }
            pieces.append(list)
        }
        guard !found.isEmpty || pieces.contains(where: { !$0.isEmpty }) else { return texts.map { _ in nil } }
        // Runs converted before come from the cache.
        var converted = found.isEmpty ? [] : runCache.converted(found, hashes: hashes)
        let missing = converted.indices.filter { converted[$0] == nil }
        if !missing.isEmpty {
            // One call for all, joined with U+0001, which ends any phrase and OpenCC keeps.
            let joined = Array(missing.map { Array(found[$0]) }.joined(separator: [1]))
            let fresh = OpenCC.converter(conversion)?.convert(utf8: joined)?.split(separator: 1, omittingEmptySubsequences: false) ?? []
            // Should the count differ, those runs stay as written.
            if fresh.count == missing.count {
                for (k, m) in missing.enumerated() { converted[m] = Array(fresh[k]) }
                runCache.add(missing.enumerated().map { k, m in (hashes[m], Array(found[m]), Array(fresh[k])) })
            }
        }
        return texts.indices.map { t -> [UInt8]? in
            guard !pieces[t].isEmpty else { return nil }
            let b = texts[t]
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 16)
            var copied = 0
            for (range, piece) in pieces[t] {
                out += b[copied ..< range.lowerBound]
                switch piece {
                case .fixed(let spelling): out += spelling
                case .run(let k): if let c = converted[k] { out += c } else { out += found[k] }
                }
                copied = range.upperBound
            }
            out += b[copied...]
            return out.elementsEqual(b) ? nil : out
        }
    }

    /// The names and overrides in `b`, in order and apart, with their spellings: at each
    /// place a name first, else the longest override.
    private func protectedSpans(_ b: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, spelling: [UInt8])] {
        let nameRanges = names.isEmpty ? [] : names.matches(inUTF8: b)
        if overrides.isEmpty { return nameRanges.map { ($0.range, spellings[$0.honoree]) } }
        var spans: [(range: Range<Int>, spelling: [UInt8])] = []
        var nextName = 0
        var i = 0
        scan: while i < b.count {
            if nextName < nameRanges.count, nameRanges[nextName].range.lowerBound == i {
                spans.append((nameRanges[nextName].range, spellings[nameRanges[nextName].honoree]))
                i = nameRanges[nextName].range.upperBound
                nextName += 1
                continue
            }
            while nextName < nameRanges.count, nameRanges[nextName].range.lowerBound < i { nextName += 1 }
            let (v, width) = b[i] < 0x80 ? (UInt32(b[i]), 1) : decodeScalar(b, at: i)
            // A bit per scalar says whether an override starts with it (U盘 starts with U):
            // asked of every one.
            if v >= 0x10000 || overrideStarts[Int(v) >> 6] & (1 << UInt64(v & 63)) != 0, let candidates = overrides[v] {
                for candidate in candidates where candidate.from.count <= b.count - i
                    && candidate.from.withUnsafeBufferPointer({ $0.elementsEqual(b[i ..< i + candidate.from.count]) }) {
                    spans.append((i ..< i + candidate.from.count, candidate.to))
                    i += candidate.from.count
                    continue scan
                }
            }
            i &+= width
        }
        return spans
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
    static func header(_ conversion: OpenCC.Conversion) -> String {
        let data = ["TSPhrases.ocd2", "TSCharacters.ocd2", "STPhrases.ocd2", "STCharacters.ocd2", "TWVariants.ocd2", "HKVariants.ocd2"].map { name in
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
        writeCacheFile(path, out)
    }
}
