import Foundation
import Template

/// A page the search finds: an article, an honoree's profile or a standalone page.
struct SearchDocument: Sendable {
    /// Its URL as templates print it (with the site's base path).
    var url: String
    var title: String
    /// `article`, `honoree` or `page`.
    var kind: String
    /// The date shown beside the result (`2024-06-05`), if any.
    var date: String?
    /// Shown when the text around a hit cannot be fetched.
    var summary: String
    /// The text after the title, as UTF-8. The document's text is the title, a line break, then this.
    var body: [UInt8]
    /// The title's length in UTF-16 code units: where the line break is.
    var titleEnd: Int

    init(url: String, title: String, kind: String, date: String?, summary: String, body: [UInt8]) {
        (self.url, self.title, self.kind, self.date, self.summary, self.body) = (url, title, kind, date, summary, body)
        titleEnd = title.utf16.count
    }
}

/// The search index of a set of documents, as the files `search.js` fetches (docs/SEARCH.md has
/// their layout). Document numbers are positions in `docs`: the order of recency, newest first.
///
/// Terms go into `shards` files by a hash of their first two characters (so a word's prefix
/// finds every word it starts in one file); each term lists the documents it occurs in. Where in
/// a document it occurs is kept apart, in one file per shard and block of documents, fetched only
/// for the documents a query ranks; the text itself is in packs, read by byte range for snippets.
struct SearchIndex {
    let docs: [SearchDocument]
    let shards: Int
    let blockSize: Int
    /// Documents per text pack: about a megabyte of text each.
    let packSize: Int
    /// Documents per file of the document table.
    static let chunkSize = 64

    init(docs: [SearchDocument]) {
        self.docs = docs
        let bytes = docs.reduce(0) { $0 + $1.body.count + $1.title.utf8.count }
        // About 64 KB of text per shard, 24 KB of positions per position file.
        var shards = 1
        while shards < 4096 && shards * 65_536 < bytes { shards *= 2 }
        self.shards = shards
        let blocks = max(1, bytes / (shards * 24_576))
        blockSize = max(256, (docs.count + blocks - 1) / blocks)
        packSize = max(16, 1_000_000 / max(1, bytes / max(1, docs.count)))
    }

    var blocks: Int { docs.isEmpty ? 0 : (docs.count + blockSize - 1) / blockSize }

    /// Every file of the index, under `search/`.
    func files() -> [OutputFile] {
        var clock = StageClock()
        defer { if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() } }
        var out: [OutputFile] = []
        let p = postings(&clock)
        for (s, shard) in p.enumerated() {
            out.append(OutputFile(path: "search/t/\(s).bin", bytes: shard.terms))
            for (b, bytes) in shard.positions.enumerated() where !bytes.isEmpty {
                out.append(OutputFile(path: "search/p/\(s)-\(b).bin", bytes: bytes))
            }
        }
        clock.lap("files")
        let (packs, offsets) = textPacks()
        clock.lap("packs")
        out += documentTable(offsets: offsets) + packs
        clock.lap("doctable")
        out.append(OutputFile(path: "search/meta.json", text: meta(files: out)))
        clock.lap("meta")
        return out
    }

    /// The shard of a term by the first two scalars of its spelling (0 for a term of one), as
    /// search.js computes it.
    @inline(__always) static func shard(_ a: UInt32, _ b: UInt32, shards: Int) -> Int {
        Int(truncatingIfNeeded: ((UInt64(a) &* 0x9E37_79B9 ^ UInt64(b)) &* 0x85EB_CA6B) >> 16) & (shards - 1)
    }

    /// The shard of a term by its key (a word carries its shard in its key: see `SliceTerms`).
    @inline(__always) static func shard(ofKey key: UInt64, shards: Int) -> Int {
        switch key >> 62 {
        case 0: return shard(UInt32(key >> 21), UInt32(key & 0x1F_FFFF), shards: shards)
        case 1: return shard(1, UInt32(key & 0x1F_FFFF), shards: shards)
        default: return Int((key >> 48) & 0x3FFF) & (shards - 1)
        }
    }

    // MARK: Postings

    /// What a shard's files hold, encoded.
    struct ShardFiles: Sendable {
        var terms: [UInt8] = []
        /// By block.
        var positions: [[UInt8]] = []
    }

    /// Gathers every occurrence of every term, shard by shard, and encodes the shards.
    private func postings(_ clock: inout StageClock) -> [ShardFiles] {
        let shards = self.shards, docs = self.docs
        let tables = (0 ..< shards).map { _ in ShardTable() }
        var words: [UInt64: [UInt8]] = [:]
        // Batches bound the memory of occurrences in flight. Within one, slices of documents are
        // split into terms on all cores, each slice's occurrences sorted by shard; then each
        // shard takes its run of every slice, in document order.
        let batch = 2048, slice = 64
        var start = 0
        while start < docs.count {
            let end = min(docs.count, start + batch)
            let slices = stride(from: start, to: end, by: slice).map { $0 ..< min(end, $0 + slice) }
            let split = concurrentMap(slices) { SliceTerms(docs, $0, shards: shards) }
            clock.lap("split")
            for slice in split { words.merge(slice.words) { a, _ in a } }
            _ = concurrentMap(Array(tables.indices)) { s in
                for slice in split { tables[s].add(slice, shard: s) }
            }
            clock.lap("gather")
            start = end
        }
        let titleEnds = docs.map(\.titleEnd)
        let r = concurrentMap(Array(tables.indices)) { [words] s in
            tables[s].encode(words: words, titleEnds: titleEnds, blockSize: blockSize, blocks: blocks)
        }
        clock.lap("encode")
        return r
    }

    /// The occurrences of a slice of documents, sorted by shard (a counting sort, so that each
    /// shard's stay in order of document and position).
    private struct SliceTerms: Sendable, SearchText.TermSink {
        struct Occurrence: Sendable {
            var key: UInt64
            /// Document << 32 | position.
            var place: UInt64
        }
        /// By shard, after `sortByShard`.
        var occurrences: [Occurrence] = []
        /// Where they are written first: room for as many as the text can have (three a byte:
        /// a pair, a title character and a word's end), freed when they are sorted.
        nonisolated(unsafe) private var buffer: UnsafeMutablePointer<Occurrence>?
        private var count = 0
        /// Where each shard's run starts; `starts[shards]` is the end.
        var starts: [Int] = []
        var words: [UInt64: [UInt8]] = [:]
        private var doc: UInt64 = 0
        private let shards: Int

        init(_ docs: [SearchDocument], _ range: Range<Int>, shards: Int) {
            self.shards = shards
            var bytes = 0
            for d in range { bytes += docs[d].body.count + docs[d].title.utf8.count }
            buffer = .allocate(capacity: 3 * bytes + 3)
            HanFolding.table.withUnsafeBufferPointer { han in
                for d in range {
                    doc = UInt64(d) << 32
                    let titleEnd = docs[d].titleEnd
                    var title = docs[d].title
                    title.withUTF8 { SearchText.terms($0, from: 0, titleEnd: titleEnd, han: han, into: &self) }
                    docs[d].body.withUnsafeBufferPointer { SearchText.terms($0, from: titleEnd + 1, titleEnd: titleEnd, han: han, into: &self) }
                }
            }
            sortByShard()
        }

        @inline(__always)
        mutating func term(_ key: UInt64, _ position: UInt32, _ word: UnsafeBufferPointer<UInt8>) {
            var key = key
            if !word.isEmpty {
                // A word's shard comes from its first two scalars, and goes into its key.
                let (a, w) = decodeScalar(word, at: 0)
                let s = SearchIndex.shard(a, w < word.count ? decodeScalar(word, at: w).scalar : 0, shards: shards)
                key = key & ~(UInt64(0x3FFF) << 48) | UInt64(s) << 48
                if words[key] == nil { words[key] = Array(word) }
            }
            buffer.unsafelyUnwrapped[count] = Occurrence(key: key, place: doc | UInt64(position))
            count += 1
        }

        private mutating func sortByShard() {
            let shards = self.shards
            let all = UnsafeBufferPointer(start: buffer, count: count)
            defer { buffer?.deallocate(); buffer = nil }
            var starts = [Int](repeating: 0, count: shards + 1)
            for o in all { starts[SearchIndex.shard(ofKey: o.key, shards: shards) + 1] += 1 }
            for s in 0 ..< shards { starts[s + 1] += starts[s] }
            var next = starts
            let sorted = [Occurrence](unsafeUninitializedCapacity: all.count) { sorted, sortedCount in
                for o in all {
                    let s = SearchIndex.shard(ofKey: o.key, shards: shards)
                    sorted[next[s]] = o
                    next[s] += 1
                }
                sortedCount = all.count
            }
            (occurrences, self.starts) = (sorted, starts)
        }
    }

    /// The terms of one shard and every occurrence of them, gathered by one thread at a time.
    private final class ShardTable: @unchecked Sendable {
        /// Open addressing: a key (0 for none) and its term's number, by the key's hash.
        private var keys = [UInt64](repeating: 0, count: 64)
        private var numbers = [Int32](repeating: 0, count: 64)
        /// Each term's key, by number.
        private var terms: [UInt64] = []
        /// Each occurrence: term number << 44 | document << 22 | position (clamped).
        private var occurrences: [UInt64] = []

        static let documentLimit = 1 << 22, positionLimit = 1 << 22

        func add(_ slice: SliceTerms, shard s: Int) {
            // Worked on as locals: a class's arrays are checked for exclusive access at each use.
            var keys = self.keys, numbers = self.numbers, terms = self.terms, occurrences = self.occurrences
            (self.keys, self.numbers, self.terms, self.occurrences) = ([], [], [], [])
            defer { (self.keys, self.numbers, self.terms, self.occurrences) = (keys, numbers, terms, occurrences) }
            let run = slice.occurrences[slice.starts[s] ..< slice.starts[s + 1]]
            for o in run {
                let key = o.key
                var mask = keys.count - 1
                var h = Self.slot(key, mask)
                while keys[h] != 0 && keys[h] != key { h = (h + 1) & mask }
                if keys[h] == 0 {
                    keys[h] = key
                    numbers[h] = Int32(terms.count)
                    terms.append(key)
                    if terms.count * 2 > keys.count {
                        (keys, numbers) = Self.grown(keys, numbers)
                        mask = keys.count - 1
                        h = Self.slot(key, mask)
                        while keys[h] != key { h = (h + 1) & mask }
                    }
                }
                let place = o.place
                let doc = min(place >> 32, UInt64(Self.documentLimit - 1)), position = min(place & 0xFFFF_FFFF, UInt64(Self.positionLimit - 1))
                occurrences.append(UInt64(numbers[h]) << 44 | doc << 22 | position)
            }
        }

        @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        }

        private static func grown(_ keys: [UInt64], _ numbers: [Int32]) -> ([UInt64], [Int32]) {
            var newKeys = [UInt64](repeating: 0, count: keys.count * 2), newNumbers = [Int32](repeating: 0, count: keys.count * 2)
            let mask = newKeys.count - 1
            for (k, n) in zip(keys, numbers) where k != 0 {
                var h = slot(k, mask)
                while newKeys[h] != 0 { h = (h + 1) & mask }
                newKeys[h] = k
                newNumbers[h] = n
            }
            return (newKeys, newNumbers)
        }

        /// The shard's term file and position files, terms in the order of their spelling.
        ///
        /// Term file, per term: varint spelling length, spelling, varint number of documents,
        /// varint byte length of the list, then per document varint((gap − 1) << 1 | in title).
        /// Position file of a block, per term with documents in it: varint spelling length,
        /// spelling, varint byte length, then for each of those documents in the order of the
        /// term's list: varint count, the first position, then the gaps to the next.
        func encode(words: [UInt64: [UInt8]], titleEnds: [Int], blockSize: Int, blocks: Int) -> ShardFiles {
            // The occurrences by term (a counting sort: each term's stay in order).
            var starts = [Int](repeating: 0, count: terms.count + 1)
            for o in occurrences { starts[Int(o >> 44) + 1] += 1 }
            for t in terms.indices { starts[t + 1] += starts[t] }
            var next = starts
            let byTerm = [UInt64](unsafeUninitializedCapacity: occurrences.count) { buffer, count in
                for o in occurrences {
                    let t = Int(o >> 44)
                    buffer[next[t]] = o & (1 << 44 - 1)
                    next[t] += 1
                }
                count = occurrences.count
            }
            let spelled = terms.indices.map { (SearchText.Key.spelling(terms[$0], words: words), $0) }
                .sorted { $0.0.lexicographicallyPrecedes($1.0) }
            var termFile = ByteWriter(capacity: occurrences.count * 2)
            var positionFiles = [[UInt8]](repeating: [], count: blocks)
            var list = ByteWriter(), block = ByteWriter()
            byTerm.withUnsafeBufferPointer { byTerm in
                titleEnds.withUnsafeBufferPointer { titleEnds in
                    for (spelling, t) in spelled {
                        list.removeAll()
                        var count = 0, lastDoc = -1, currentBlock = -1
                        var i = starts[t]
                        let end = starts[t + 1]
                        while i < end {
                            let doc = Int(byTerm[i] >> 22)
                            var j = i + 1
                            while j < end && Int(byTerm[j] >> 22) == doc { j += 1 }
                            let first = Int(byTerm[i] & 0x3F_FFFF)
                            list.appendVarint((doc - lastDoc - 1) << 1 | (first < titleEnds[doc] ? 1 : 0))
                            count += 1
                            lastDoc = doc
                            if doc / blockSize != currentBlock {
                                if currentBlock >= 0 { Self.flush(&block, spelling, into: &positionFiles[currentBlock]) }
                                currentBlock = doc / blockSize
                            }
                            block.appendVarint(j - i)
                            var last = 0
                            for k in i ..< j {
                                let position = Int(byTerm[k] & 0x3F_FFFF)
                                block.appendVarint(position - last)
                                last = position
                            }
                            i = j
                        }
                        if currentBlock >= 0 { Self.flush(&block, spelling, into: &positionFiles[currentBlock]) }
                        termFile.appendVarint(spelling.count)
                        termFile.append(contentsOf: spelling)
                        termFile.appendVarint(count)
                        termFile.appendVarint(list.count)
                        termFile.append(list)
                    }
                }
            }
            return ShardFiles(terms: termFile.bytes, positions: positionFiles)
        }

        private static func flush(_ block: inout ByteWriter, _ spelling: [UInt8], into file: inout [UInt8]) {
            appendVarint(&file, spelling.count)
            file += spelling
            appendVarint(&file, block.count)
            block.withBytes { file.append(contentsOf: $0) }
            block.removeAll()
        }
    }

    // MARK: Documents

    /// `search/x/N.bin`: the text of each document of pack N in UTF-16LE, one after another, so
    /// that a position is a byte offset and a snippet one byte range; and where each document's
    /// text starts in its pack.
    private func textPacks() -> (files: [OutputFile], offsets: [Int]) {
        let packSize = self.packSize
        let packs = concurrentMap(Array(stride(from: 0, to: docs.count, by: packSize))) { [docs] start in
            var bytes = ByteWriter(capacity: 1 << 20)
            var offsets: [Int] = []
            for d in start ..< min(docs.count, start + packSize) {
                offsets.append(bytes.count)
                var title = docs[d].title
                title.withUTF8 { _ = bytes.appendUTF16LE($0) }
                bytes.append(0x0A)
                bytes.append(0)
                docs[d].body.withUnsafeBufferPointer { _ = bytes.appendUTF16LE($0) }
            }
            return (OutputFile(path: "search/x/\(start / packSize).bin", bytes: bytes.bytes), offsets)
        }
        return (packs.map(\.0), packs.flatMap(\.1))
    }

    /// `search/d/N.json`: for each document of chunk N, what a result shows and where its text is.
    private func documentTable(offsets: [Int]) -> [OutputFile] {
        let packSize = self.packSize
        return concurrentMap(Array(stride(from: 0, to: docs.count, by: Self.chunkSize))) { [docs] start in
            var json = "["
            for d in start ..< min(docs.count, start + Self.chunkSize) {
                let doc = docs[d]
                if d > start { json += "," }
                json += "{\"u\":" + Value.string(doc.url).jsonText() + ",\"t\":" + Value.string(doc.title).jsonText()
                    + ",\"k\":\"" + doc.kind + "\",\"s\":" + Value.string(String(doc.summary.prefix(Self.summaryLength))).jsonText()
                json += doc.date.map { ",\"d\":\"" + $0 + "\"" } ?? ""
                json += ",\"x\":[\(d / packSize),\(offsets[d])],\"e\":\(doc.titleEnd)}"
            }
            json += "]"
            return OutputFile(path: "search/d/\(start / Self.chunkSize).json", text: json)
        }
    }

    /// Characters of a summary the document table keeps: it is shown only when the text around a
    /// hit cannot be fetched.
    static let summaryLength = 120

    /// `search/meta.json`: the layout, and a version that changes with any file, for caches.
    private func meta(files: [OutputFile]) -> String {
        var f = Fingerprint()
        for file in files {
            f.add(file.path)
            f.add(bytes: file.bytes)
        }
        return """
        {"docs":\(docs.count),"shards":\(shards),"blockSize":\(blockSize),"chunkSize":\(Self.chunkSize),\
        "packSize":\(packSize),"version":"\(String(f.value, radix: 36))"}
        """
    }
}

/// Appends `value` (≥ 0) as a LEB128 varint.
@inline(__always) func appendVarint(_ bytes: inout [UInt8], _ value: Int) {
    var v = UInt(value)
    while v >= 0x80 {
        bytes.append(UInt8(v & 0x7F) | 0x80)
        v >>= 7
    }
    bytes.append(UInt8(v))
}

/// The number of UTF-16 code units of valid UTF-8.
func utf16Count(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 0
    for b in utf8 where b & 0xC0 != 0x80 { n += b >= 0xF0 ? 2 : 1 }
    return n
}

