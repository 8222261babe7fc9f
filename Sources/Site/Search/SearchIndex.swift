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
    /// What is indexed, as UTF-8: the title, a line break, then the rest.
    var text: [UInt8]
    /// The title's length in UTF-16 code units.
    var titleEnd: Int

    init(url: String, title: String, kind: String, date: String?, summary: String, body: [UInt8]) {
        (self.url, self.title, self.kind, self.date, self.summary) = (url, title, kind, date, summary)
        text = Array(title.utf8) + [0x0A] + body
        titleEnd = title.utf16.count
    }
}

/// The search index of a set of documents, as the files `search.js` fetches (docs/SEARCH.md has
/// their layout). Document numbers are positions in `docs`: the order of recency, newest first.
///
/// Terms go into `shards` files by a hash of their first two characters (so a word's prefix
/// finds every word it starts in one file); each term lists the documents it occurs in. Where in
/// a document it occurs is kept apart, in one file per shard and block of documents, fetched only
/// for the documents a query ranks, and the text itself in packs read by byte range for the
/// snippets.
struct SearchIndex {
    let docs: [SearchDocument]
    let shards: Int
    let blockSize: Int
    /// Documents per file of the document table.
    static let chunkSize = 64

    init(docs: [SearchDocument]) {
        self.docs = docs
        let bytes = docs.reduce(0) { $0 + $1.text.count }
        // About 64 KB of text per shard, 16 KB of positions per position file.
        var shards = 1
        while shards < 4096 && shards * 65_536 < bytes { shards *= 2 }
        self.shards = shards
        let blocks = max(1, (bytes / 2) / (shards * 16_384))
        blockSize = max(256, (docs.count + blocks - 1) / blocks)
    }

    var blocks: Int { docs.isEmpty ? 0 : (docs.count + blockSize - 1) / blockSize }

    /// Every file of the index, under `search/`.
    func files() -> [OutputFile] {
        let built = postings()
        var out: [OutputFile] = []
        for (s, shard) in built.enumerated() {
            out.append(OutputFile(path: "search/t/\(s).bin", bytes: shard.terms))
            for (b, bytes) in shard.positions.enumerated() where !bytes.isEmpty {
                out.append(OutputFile(path: "search/p/\(s)-\(b).bin", bytes: bytes))
            }
        }
        out += documentTable() + textPacks()
        out.append(OutputFile(path: "search/meta.json", text: meta(files: out)))
        return out
    }

    // MARK: Postings

    /// One occurrence on its way to its shard: the position's top bit says it is in the title.
    fileprivate struct Occurrence: Sendable {
        var key: UInt64
        var doc: UInt32
        var position: UInt32
    }

    /// What a shard's files hold, encoded.
    struct ShardFiles: Sendable {
        var terms: [UInt8] = []
        /// By block.
        var positions: [[UInt8]] = []
    }

    /// The shard of a term by the first two scalars of its spelling (0 for a term of one),
    /// as search.js computes it.
    @inline(__always) static func shard(_ a: UInt32, _ b: UInt32, shards: Int) -> Int {
        Int(truncatingIfNeeded: ((UInt64(a) &* 0x9E37_79B9 ^ UInt64(b)) &* 0x85EB_CA6B) >> 16) & (shards - 1)
    }

    /// The shard of a term by its key (a word's shard is in its key).
    @inline(__always) static func shard(ofKey key: UInt64, shards: Int) -> Int {
        switch key >> 62 {
        case 0: return shard(UInt32(key >> 21), UInt32(key & 0x1F_FFFF), shards: shards)
        case 1: return shard(1, UInt32(key & 0x1F_FFFF), shards: shards)
        default: return Int((key >> 48) & 0x3FFF) & (shards - 1)
        }
    }

    private func postings() -> [ShardFiles] {
        let shards = self.shards, blockSize = self.blockSize, docs = self.docs
        let tables = (0 ..< shards).map { _ in ShardTable() }
        var words: [UInt64: [UInt8]] = [:]
        // Batches bound the memory of occurrences in flight. Within one, slices of documents are
        // split into terms on all cores, each slice's occurrences sorted by shard; then each
        // shard takes its runs of every slice, in document order.
        let batch = 1024, slice = 64
        var start = 0
        while start < docs.count {
            let end = min(docs.count, start + batch)
            let slices = stride(from: start, to: end, by: slice).map { $0 ..< min(end, $0 + slice) }
            let split = concurrentMap(slices) { range -> SliceTerms in
                var occurrences: [Occurrence] = []
                var found: [UInt64: [UInt8]] = [:]
                for d in range {
                    let titleEnd = docs[d].titleEnd
                    docs[d].text.withUnsafeBufferPointer { text in
                        SearchText.terms(text, titleEnd: titleEnd) { key, position, word in
                            var key = key
                            if !word.isEmpty {
                                // A word carries its shard, from its first two scalars.
                                let (a, w) = decodeScalar(word, at: 0)
                                let b = w < word.count ? decodeScalar(word, at: w).scalar : 0
                                key = key & ~(UInt64(0x3FFF) << 48) | UInt64(Self.shard(a, b, shards: shards)) << 48
                                if found[key] == nil { found[key] = Array(word) }
                            }
                            let inTitle: UInt32 = Int(position) < titleEnd ? 1 << 31 : 0
                            occurrences.append(Occurrence(key: key, doc: UInt32(d), position: position | inTitle))
                        }
                    }
                }
                return SliceTerms(occurrences, shards: shards, words: found)
            }
            for slice in split { words.merge(slice.words) { a, _ in a } }
            _ = concurrentMap(Array(tables.indices)) { s in
                for slice in split { tables[s].add(slice.sorted[slice.starts[s] ..< slice.starts[s + 1]], blockSize: blockSize) }
            }
            start = end
        }
        return concurrentMap(Array(tables.indices)) { [words] s in
            tables[s].encode(words: words, blocks: blocks)
        }
    }

    /// A slice's occurrences sorted by shard (a counting sort, so each shard's stay in order).
    private struct SliceTerms: Sendable {
        var sorted: [Occurrence]
        /// Where each shard's run starts, and its end at `starts[shards]`.
        var starts: [Int]
        var words: [UInt64: [UInt8]]

        init(_ occurrences: [Occurrence], shards: Int, words: [UInt64: [UInt8]]) {
            var starts = [Int](repeating: 0, count: shards + 1)
            for o in occurrences { starts[SearchIndex.shard(ofKey: o.key, shards: shards) + 1] += 1 }
            for s in 0 ..< shards { starts[s + 1] += starts[s] }
            var next = starts
            sorted = [Occurrence](unsafeUninitializedCapacity: occurrences.count) { buffer, count in
                for o in occurrences {
                    let s = SearchIndex.shard(ofKey: o.key, shards: shards)
                    (buffer.baseAddress! + next[s]).initialize(to: o)
                    next[s] += 1
                }
                count = occurrences.count
            }
            self.starts = starts
            self.words = words
        }
    }

    /// A term's postings as they are gathered, in document order.
    fileprivate struct TermPostings: Sendable {
        var key: UInt64
        /// Per document: varint of (gap to the last document − 1) << 1 | 1 when the term is in its title.
        var docs: [UInt8] = []
        var count = 0
        var lastDoc = -1
        var lastPosition = 0
        /// Per document: varint of the gap to the last document of its block (from the block's
        /// start − 1), then each position + 1 as a gap to the last, then 0.
        var positions: [UInt8] = []
        /// Where each block's documents start in `positions`.
        var blockStarts: [(block: Int, offset: Int)] = []
        var lastInBlock = -1

        init(key: UInt64) { self.key = key }

        /// Adds an occurrence; documents come in increasing order, and the positions of each.
        mutating func add(doc: Int, position: Int, inTitle: Bool, blockSize: Int) {
            if doc != lastDoc {
                if lastDoc >= 0 { positions.append(0) }
                appendVarint(&docs, (doc - lastDoc - 1) << 1 | (inTitle ? 1 : 0))
                count += 1
                let block = doc / blockSize
                if blockStarts.last?.block != block {
                    blockStarts.append((block, positions.count))
                    lastInBlock = block * blockSize - 1
                }
                appendVarint(&positions, doc - lastInBlock - 1)
                lastInBlock = doc
                lastDoc = doc
                lastPosition = -1
            }
            appendVarint(&positions, position - lastPosition)
            lastPosition = position
        }
    }

    /// The terms of one shard, gathered by one thread at a time.
    private final class ShardTable: @unchecked Sendable {
        /// Open addressing: a key (0 for none) and its term's index, by the key's hash.
        var keys = [UInt64](repeating: 0, count: 64)
        var slots = [Int32](repeating: 0, count: 64)
        var terms: [TermPostings] = []

        func add(_ occurrences: ArraySlice<Occurrence>, blockSize: Int) {
            // Worked on as locals: a class's arrays are checked for exclusive access at each use.
            var terms = self.terms, keys = self.keys, slots = self.slots
            self.terms = []
            for o in occurrences {
                var mask = keys.count - 1
                var h = Int(truncatingIfNeeded: (o.key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                while keys[h] != 0 && keys[h] != o.key { h = (h + 1) & mask }
                let t: Int
                if keys[h] == o.key { t = Int(slots[h]) } else {
                    t = terms.count
                    terms.append(TermPostings(key: o.key))
                    keys[h] = o.key
                    slots[h] = Int32(t)
                    if terms.count * 2 > keys.count {
                        // Grow: every key again into a table twice the size.
                        let old = zip(keys, slots).filter { $0.0 != 0 }
                        keys = [UInt64](repeating: 0, count: keys.count * 2)
                        slots = [Int32](repeating: 0, count: keys.count)
                        mask = keys.count - 1
                        for (k, v) in old {
                            var g = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                            while keys[g] != 0 { g = (g + 1) & mask }
                            keys[g] = k
                            slots[g] = v
                        }
                    }
                }
                let position = Int(o.position & 0x7FFF_FFFF)
                terms[t].add(doc: Int(o.doc), position: position, inTitle: o.position >> 31 != 0, blockSize: blockSize)
            }
            (self.terms, self.keys, self.slots) = (terms, keys, slots)
        }

        /// The shard's term file and position files. Terms in the order of their spelling.
        func encode(words: [UInt64: [UInt8]], blocks: Int) -> ShardFiles {
            var out = ShardFiles(positions: [[UInt8]](repeating: [], count: blocks))
            let spelled = terms.map { (SearchText.Key.spelling($0.key, words: words), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
            for (spelling, term) in spelled {
                appendVarint(&out.terms, spelling.count)
                out.terms += spelling
                appendVarint(&out.terms, term.count)
                appendVarint(&out.terms, term.docs.count)
                out.terms += term.docs
                for (i, start) in term.blockStarts.enumerated() {
                    let end = i + 1 < term.blockStarts.count ? term.blockStarts[i + 1].offset : term.positions.count
                    let last = i + 1 == term.blockStarts.count
                    appendVarint(&out.positions[start.block], spelling.count)
                    out.positions[start.block] += spelling
                    appendVarint(&out.positions[start.block], end - start.offset + (last ? 1 : 0))
                    out.positions[start.block] += term.positions[start.offset ..< end]
                    if last { out.positions[start.block].append(0) }
                }
            }
            return out
        }
    }

    // MARK: Documents

    /// Documents per text pack: about a megabyte of text each.
    var packSize: Int {
        let bytes = docs.reduce(0) { $0 + $1.text.count }
        let perDoc = max(1, bytes / max(1, docs.count))
        return max(16, 1_000_000 / perDoc)
    }

    /// `search/d/N.json`: for each document of chunk N, what a result shows and where its text is.
    private func documentTable() -> [OutputFile] {
        let packSize = self.packSize
        var offsets = [Int](repeating: 0, count: docs.count)
        var offset = 0
        for d in docs.indices {
            if d % packSize == 0 { offset = 0 }
            offsets[d] = offset
            offset += docs[d].text.withUnsafeBufferPointer { utf16Count($0) } * 2
        }
        return concurrentMap(Array(stride(from: 0, to: docs.count, by: Self.chunkSize))) { [docs, offsets] start in
            var json = "["
            for d in start ..< min(docs.count, start + Self.chunkSize) {
                let doc = docs[d]
                if d > start { json += "," }
                json += "{\"u\":" + Value.string(doc.url).jsonText() + ",\"t\":" + Value.string(doc.title).jsonText()
                    + ",\"k\":\"" + doc.kind + "\",\"s\":" + Value.string(doc.summary).jsonText()
                json += doc.date.map { ",\"d\":\"" + $0 + "\"" } ?? ""
                json += ",\"x\":[\(d / packSize),\(offsets[d])],\"e\":\(doc.titleEnd)}"
            }
            json += "]"
            return OutputFile(path: "search/d/\(start / Self.chunkSize).json", text: json)
        }
    }

    /// `search/x/N.bin`: the text of each document of pack N, in UTF-16LE, one after another,
    /// so that a position is a byte offset and a snippet one byte range.
    private func textPacks() -> [OutputFile] {
        let packSize = self.packSize
        return concurrentMap(Array(stride(from: 0, to: docs.count, by: packSize))) { [docs] start in
            var bytes: [UInt8] = []
            for d in start ..< min(docs.count, start + packSize) {
                docs[d].text.withUnsafeBufferPointer { text in
                    var i = 0
                    while i < text.count {
                        let (v, width) = decodeScalar(text, at: i)
                        i += width
                        if v < 0x10000 {
                            bytes.append(UInt8(v & 0xFF))
                            bytes.append(UInt8(v >> 8))
                        } else {
                            let high = 0xD800 + ((v - 0x10000) >> 10), low = 0xDC00 + ((v - 0x10000) & 0x3FF)
                            bytes += [UInt8(high & 0xFF), UInt8(high >> 8), UInt8(low & 0xFF), UInt8(low >> 8)]
                        }
                    }
                }
            }
            return OutputFile(path: "search/x/\(start / packSize).bin", bytes: bytes)
        }
    }

    /// `search/meta.json`: the layout, and a version that changes with any file, for caches.
    private func meta(files: [OutputFile]) -> String {
        var f = Fingerprint()
        for file in files {
            f.add(file.path)
            f.add(bytes: file.bytes)
        }
        let h = f.value
        return """
        {"docs":\(docs.count),"shards":\(shards),"blockSize":\(blockSize),"chunkSize":\(Self.chunkSize),\
        "packSize":\(packSize),"version":"\(String(h, radix: 36))"}
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
