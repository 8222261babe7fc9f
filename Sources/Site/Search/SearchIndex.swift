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
    /// The text after the title, as UTF-8. The document's text is the title, a line break, then this.
    var body: [UInt8]
    /// The title's length in UTF-16 code units: where the line break is.
    var titleEnd: Int

    init(url: String, title: String, kind: String, date: String?, body: [UInt8]) {
        (self.url, self.title, self.kind, self.date, self.body) = (url, title, kind, date, body)
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
    static let chunkSize = 4

    init(docs: [SearchDocument]) {
        self.docs = docs
        let bytes = docs.reduce(0) { $0 + $1.body.count + $1.title.utf8.count }
        // About 32 KB of text per shard (a query reads a shard's terms whole), 12 KB of positions
        // per position file.
        var shards = 1
        while shards < 4096 && shards * 32_768 < bytes { shards *= 2 }
        self.shards = shards
        let blocks = max(1, bytes / (shards * 12_288))
        blockSize = max(256, (docs.count + blocks - 1) / blocks)
        packSize = max(16, 1_000_000 / max(1, bytes / max(1, docs.count)))
    }

    var blocks: Int { docs.isEmpty ? 0 : (docs.count + blockSize - 1) / blockSize }

    /// Every file of the index, under `search/`.
    func files() -> [OutputFile] {
        var clock = StageClock()
        defer { if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() } }
        var out: [OutputFile] = []
        let packs = textPacks()
        clock.lap("packs")
        let p = postings(packs)
        clock.lap("postings")
        for (s, shard) in p.enumerated() {
            out.append(OutputFile(path: "search/t/\(s).bin", bytes: shard.terms))
            for (b, bytes) in shard.positions.enumerated() where !bytes.isEmpty {
                out.append(OutputFile(path: "search/p/\(s)-\(b).bin", bytes: bytes))
            }
        }
        out += packs.indices.map { OutputFile(path: "search/x/\($0).bin", bytes: packs[$0].bytes) }
        clock.lap("files")
        out += documentTable(packs: packs) + Self.foldFiles()
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

    /// The shard of a term by its key (a word carries its shard in its key: see `TermGatherer`).
    @inline(__always) static func shard(ofKey key: UInt64, shards: Int) -> Int {
        switch key >> 62 {
        case 0: return shard(UInt32(key >> 21), UInt32(key & 0x1F_FFFF), shards: shards)
        case 1: return shard(1, UInt32(key & 0x1F_FFFF), shards: shards)
        default: return Int((key >> 48) & 0x3FFF) & (shards - 1)
        }
    }

    // MARK: Documents

    /// The text of the documents of one pack, in UTF-16: each document's title, a line break,
    /// then its body, one document after another. Its file, `search/x/N.bin`, is this in
    /// UTF-16LE, so that a position is a byte offset and a snippet one byte range.
    struct TextPack: Sendable {
        var units: [UInt16]
        /// Where each document starts, in code units, and last where the last one ends.
        var starts: [Int]

        /// The file's bytes.
        var bytes: [UInt8] {
            #if _endian(big)
            return units.map(\.littleEndian).withUnsafeBytes { Array($0) }
            #else
            return units.withUnsafeBytes { Array($0) }
            #endif
        }
    }

    /// The documents' text by pack, the text search reads: its terms' positions and its
    /// snippets are counted in these code units.
    func textPacks() -> [TextPack] {
        let docs = self.docs, packSize = self.packSize
        return concurrentMap(Array(stride(from: 0, to: docs.count, by: packSize))) { start in
            let range = start ..< min(docs.count, start + packSize)
            // A scalar has no more UTF-16 code units than UTF-8 bytes.
            let capacity = range.reduce(0) { $0 + docs[$1].title.utf8.count + 1 + docs[$1].body.count }
            var starts: [Int] = []
            starts.reserveCapacity(range.count + 1)
            let units = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                var n = 0
                for d in range {
                    starts.append(n)
                    for u in docs[d].title.utf16 {
                        buffer[n] = u
                        n += 1
                    }
                    buffer[n] = 0x0A
                    n += 1
                    n = docs[d].body.withUnsafeBufferPointer { Self.utf16(of: $0, into: buffer, at: n) }
                }
                count = n
            }
            starts.append(units.count)
            return TextPack(units: units, starts: starts)
        }
    }

    /// Writes UTF-8 `text` as UTF-16 into `buffer` from `start` (which has room); returns where it ended.
    private static func utf16(of text: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt16>, at start: Int) -> Int {
        var i = 0, n = start
        while i < text.count {
            let lead = text[i]
            let v: UInt32
            if lead < 0x80 {
                v = UInt32(lead)
                i &+= 1
            } else if lead & 0xF0 == 0xE0, i &+ 2 < text.count {
                v = (UInt32(lead) & 0x0F) &<< 12 | (UInt32(text[i &+ 1]) & 0x3F) &<< 6 | UInt32(text[i &+ 2]) & 0x3F
                i &+= 3
            } else {
                let (decoded, width) = decodeScalar(text, at: i)
                v = decoded
                i &+= width
            }
            if v < 0x10000 {
                buffer[n] = UInt16(truncatingIfNeeded: v)
                n &+= 1
            } else {
                // Four bytes of UTF-8 become two code units.
                buffer[n] = UInt16(truncatingIfNeeded: 0xD800 + ((v - 0x10000) >> 10))
                buffer[n &+ 1] = UInt16(truncatingIfNeeded: 0xDC00 + ((v - 0x10000) & 0x3FF))
                n &+= 2
            }
        }
        return n
    }

    /// `search/d/N.json`: for each document of chunk N, what a result shows and where its text is.
    private func documentTable(packs: [TextPack]) -> [OutputFile] {
        let packSize = self.packSize
        return concurrentMap(Array(stride(from: 0, to: docs.count, by: Self.chunkSize))) { [docs] start in
            var json: [UInt8] = [UInt8(ascii: "[")]
            json.reserveCapacity(Self.chunkSize * 512)
            func add(_ text: String) { json.append(contentsOf: text.utf8) }
            for d in start ..< min(docs.count, start + Self.chunkSize) {
                let doc = docs[d]
                add(d > start ? ",{\"u\":" : "{\"u\":")
                Value.appendJSON(string: doc.url, to: &json)
                add(",\"t\":")
                Value.appendJSON(string: doc.title, to: &json)
                add(",\"k\":\"" + doc.kind + "\"")
                if let date = doc.date { add(",\"d\":\"" + date + "\"") }
                let (pack, k) = d.quotientAndRemainder(dividingBy: packSize)
                let (from, to) = (packs[pack].starts[k], packs[pack].starts[k + 1])
                add(",\"x\":[\(pack),\(from * 2),\(to - from)],\"e\":\(doc.titleEnd)}")
            }
            json.append(UInt8(ascii: "]"))
            return OutputFile(path: "search/d/\(start / Self.chunkSize).json", bytes: json)
        }
    }

    /// Files of the fold table for queries: `search/f/N.txt` holds, for every Han character `c`
    /// with `c % 16 == N` that folds to another, the two characters one after the other. The
    /// script fetches the files of the characters a query has.
    static let foldShards = 32

    static func foldFiles() -> [OutputFile] {
        var texts = [String](repeating: "", count: foldShards)
        for (i, folded) in SearchText.foldTable.enumerated() {
            let v = HanFolding.base + UInt32(i)
            guard UInt32(folded) != v, let from = Unicode.Scalar(v), let to = Unicode.Scalar(UInt32(folded)) else { continue }
            texts[Int(v) % foldShards].unicodeScalars.append(contentsOf: [from, to])
        }
        return texts.indices.map { OutputFile(path: "search/f/\($0).txt", text: texts[$0]) }
    }

    /// `search/meta.json`: the layout, and a version that changes with any file, for caches.
    private func meta(files: [OutputFile]) -> String {
        let hashes = concurrentMap(Array(files.indices)) { i in
            var f = Fingerprint()
            f.add(files[i].path)
            f.add(bytes: files[i].bytes)
            return f.value
        }
        var f = Fingerprint()
        for h in hashes { f.add(Int(truncatingIfNeeded: h)) }
        return """
        {"docs":\(docs.count),"shards":\(shards),"blockSize":\(blockSize),"chunkSize":\(Self.chunkSize),\
        "packSize":\(packSize),"foldShards":\(Self.foldShards),"version":"\(String(f.value, radix: 36))"}
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

