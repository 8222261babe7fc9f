import Foundation

/// Gathering every occurrence of every term, and encoding them into the shard files.
///
/// Each core splits a contiguous range of documents into terms, numbering the terms it meets in a
/// table of its own and keeping each occurrence as one packed integer (term, document, position).
/// The cores' terms are then numbered once more in the order of the files (by shard, then by
/// spelling), the occurrences sorted into that order by counting, and each shard encoded from
/// its run, on all cores. Every occurrence is hashed once and moved twice.
extension SearchIndex {
    /// What a shard's files hold, encoded.
    struct ShardFiles: Sendable {
        var terms: [UInt8] = []
        /// By block.
        var positions: [[UInt8]] = []
    }

    /// Bits of a packed occurrence: term (of a core's table, then of the file order), document, position.
    /// A term number is below 2^22 (a core's terms past that are not indexed), a document below
    /// 2^22, a position below 2^20 (later positions count as the last).
    static let numberBits = 22, documentBits = 22, positionBits = 20
    static let numberShift = UInt64(documentBits + positionBits)
    static let placeMask: UInt64 = 1 << numberShift - 1

    func postings(_ packs: [TextPack]) -> [ShardFiles] {
        guard !docs.isEmpty else { return [] }
        let docs = self.docs, shards = self.shards, packSize = self.packSize
        // Ranges of about equal text, one per core.
        let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, docs.count / 64))
        let total = docs.reduce(0) { $0 + $1.body.count }
        var ranges: [Range<Int>] = [], start = 0, sum = 0
        for d in docs.indices {
            sum += docs[d].body.count
            if ranges.count < cores - 1, sum * cores >= total * (ranges.count + 1) {
                ranges.append(start ..< d + 1)
                start = d + 1
            }
        }
        ranges.append(start ..< docs.count)
        var clock = StageClock()
        defer { if ProcessInfo.processInfo.environment["UNIONSITE_TIMING"] != nil { clock.report() } }
        let parts = concurrentMap(ranges) { range in
            let gatherer = TermGatherer(expected: docs[range].reduce(0) { $0 + $1.body.count } / 2)
            gatherer.gather(docs, range, packs: packs, packSize: packSize)
            return gatherer
        }

        clock.lap("gather")
        // Every term once, in the order of the files: by shard, then by spelling.
        var words: [UInt64: [UInt8]] = [:]
        for part in parts { words.merge(part.words) { a, _ in a } }
        var number: [UInt64: Int32] = [:]
        var keys: [UInt64] = []
        let local = parts.map { part in
            part.keys.map { key in
                if let n = number[key] { return n }
                number[key] = Int32(keys.count)
                keys.append(key)
                return Int32(keys.count - 1)
            }
        }
        let spellings = keys.map { SearchText.Key.spelling($0, words: words) }
        let shardOf = keys.map { Self.shard(ofKey: $0, shards: shards) }
        let order = keys.indices.sorted {
            shardOf[$0] != shardOf[$1] ? shardOf[$0] < shardOf[$1] : spellings[$0].lexicographicallyPrecedes(spellings[$1])
        }
        var rank = [Int32](repeating: 0, count: keys.count)
        for (r, t) in order.enumerated() { rank[t] = Int32(r) }
        // Each core's term numbers as ranks.
        let ranked = local.map { $0.map { rank[Int($0)] } }
        clock.lap("number")

        // The occurrences in the order of the terms: a counting sort, each core counting and
        // placing its own; a term's occurrences stay in order of document and position, the
        // cores' ranges being in order.
        let termCount = keys.count
        var counts = [[Int]](repeating: [Int](repeating: 0, count: termCount), count: parts.count)
        for p in parts.indices {
            for (n, count) in parts[p].counts.enumerated() { counts[p][Int(ranked[p][n])] = Int(count) }
        }
        var starts = [Int](repeating: 0, count: keys.count + 1)
        // Where each core's occurrences of each term go.
        var firsts = [[Int]](repeating: [Int](repeating: 0, count: keys.count), count: parts.count)
        for t in keys.indices {
            var at = starts[t]
            for p in parts.indices {
                firsts[p][t] = at
                at += counts[p][t]
            }
            starts[t + 1] = at
        }
        let occurrenceCount = starts[keys.count]
        let sorted = LargeBuffer<UInt64>(capacity: occurrenceCount)
        _ = concurrentMap(Array(parts.indices)) { [firsts] p in
            // Every slot is written exactly once, by the core whose occurrence it is.
            let out = sorted.base
            var next = firsts[p]
            ranked[p].withUnsafeBufferPointer { ranks in
                parts[p].withOccurrences {
                    for o in $0 {
                        let r = Int(ranks[Int(o >> SearchIndex.numberShift)])
                        out[next[r]] = o & Self.placeMask
                        next[r] += 1
                    }
                }
            }
        }
        parts.forEach { $0.release() }
        clock.lap("sort")

        // Each shard's terms are a run of ranks.
        var shardStarts = [Int](repeating: 0, count: shards + 1)
        for s in shardOf { shardStarts[s + 1] += 1 }
        for s in 0 ..< shards { shardStarts[s + 1] += shardStarts[s] }
        let titleEnds = docs.map(\.titleEnd)
        let orderedSpellings = order.map { spellings[$0] }
        return concurrentMap(Array(0 ..< shards)) { [blockSize, blocks, shardStarts, starts] s in
            Self.encode(ranks: shardStarts[s] ..< shardStarts[s + 1], spellings: orderedSpellings, starts: starts,
                        occurrences: UnsafeBufferPointer(start: sorted.base, count: occurrenceCount), titleEnds: titleEnds,
                        blockSize: blockSize, blocks: blocks)
        }
    }

    /// The term file and the position files of one shard, from its terms' occurrences.
    ///
    /// Term file, per term: varint spelling length, spelling, varint number of documents,
    /// varint byte length of the rest: per document varint((gap − 1) << 1 | in title) and, in
    /// the title, varint of the term's first position; then
    /// varint number of blocks and per block varint block, offset and length of the term's
    /// positions in the block's file.
    /// Position file of a block, per term with documents in it: varint spelling length,
    /// spelling, varint byte length, then for each of those documents in the order of the
    /// term's list: varint count, the first position, then the gaps to the next.
    private static func encode(ranks: Range<Int>, spellings: [[UInt8]], starts: [Int], occurrences: UnsafeBufferPointer<UInt64>,
                               titleEnds: [Int], blockSize: Int, blocks: Int) -> ShardFiles {
        let positionMask: UInt64 = 1 << UInt64(positionBits) - 1
        var termFile = ByteWriter(capacity: (starts[ranks.upperBound] - starts[ranks.lowerBound]) * 2)
        var positionFiles = [[UInt8]](repeating: [], count: blocks)
        var list = ByteWriter(), block = ByteWriter()
        do {
            titleEnds.withUnsafeBufferPointer { titleEnds in
                for r in ranks {
                    let spelling = spellings[r]
                    list.removeAll()
                    var places: [(block: Int, offset: Int, length: Int)] = []
                    var count = 0, lastDoc = -1, currentBlock = -1, blockEnd = 0
                    var i = starts[r]
                    let end = starts[r + 1]
                    while i < end {
                        let doc = Int(occurrences[i] >> UInt64(positionBits))
                        var j = i + 1
                        while j < end && Int(occurrences[j] >> UInt64(positionBits)) == doc { j += 1 }
                        let first = Int(occurrences[i] & positionMask)
                        if first < titleEnds[doc] {
                            // In the title: where, so that a phrase in a title is found without positions.
                            list.appendVarint((doc - lastDoc - 1) << 1 | 1)
                            list.appendVarint(first)
                        } else {
                            list.appendVarint((doc - lastDoc - 1) << 1)
                        }
                        count += 1
                        lastDoc = doc
                        if doc >= blockEnd {
                            if currentBlock >= 0 { places.append(flush(&block, spelling, into: &positionFiles[currentBlock], block: currentBlock)) }
                            currentBlock = doc / blockSize
                            blockEnd = (currentBlock + 1) * blockSize
                        }
                        block.appendVarint(j - i)
                        var last = 0
                        for k in i ..< j {
                            let position = Int(occurrences[k] & positionMask)
                            block.appendVarint(position - last)
                            last = position
                        }
                        i = j
                    }
                    if currentBlock >= 0 { places.append(flush(&block, spelling, into: &positionFiles[currentBlock], block: currentBlock)) }
                    // Where the term's positions are in each block's file, so that the script can
                    // read them, or their start, by byte range.
                    list.appendVarint(places.count)
                    for place in places {
                        list.appendVarint(place.block)
                        list.appendVarint(place.offset)
                        list.appendVarint(place.length)
                    }
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

    /// Writes a term's positions in one block into the block's file; returns where they are.
    private static func flush(_ block: inout ByteWriter, _ spelling: [UInt8], into file: inout [UInt8], block number: Int)
        -> (block: Int, offset: Int, length: Int) {
        appendVarint(&file, spelling.count)
        file += spelling
        appendVarint(&file, block.count)
        let place = (number, file.count, block.count)
        block.withBytes { file.append(contentsOf: $0) }
        block.removeAll()
        return place
    }
}

/// One core's terms: a table of the terms it met, numbered in order of meeting, and every
/// occurrence as term number, document and position in one integer (`SearchIndex.numberShift`).
final class TermGatherer: @unchecked Sendable {
    /// Each term's key, by number.
    private(set) var keys: [UInt64] = []
    /// How many times each term occurs, by number.
    private(set) var counts: [Int32] = []
    /// Words' spellings, by key.
    private(set) var words: [UInt64: [UInt8]] = [:]
    /// The occurrences, written by `Sink` and handed over as they are.
    private var occurrences: LargeBuffer<UInt64>?
    private var count = 0
    private let expected: Int

    init(expected: Int) { self.expected = expected }

    func withOccurrences<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        body(UnsafeBufferPointer(start: occurrences?.base, count: count))
    }

    /// Frees the occurrences once they are sorted.
    func release() {
        occurrences = nil
        count = 0
    }

    func gather(_ docs: [SearchDocument], _ range: Range<Int>, packs: [SearchIndex.TextPack], packSize: Int) {
        var sink = Sink(expected: expected)
        defer {
            (occurrences, count) = sink.takeOccurrences()
            keys = sink.keys
            counts = Array(UnsafeBufferPointer(start: sink.counts, count: sink.keys.count))
            words = sink.words
            sink.free()
        }
        SearchText.unitTable.withUnsafeBufferPointer { table in
            for d in range {
                sink.doc = UInt64(min(d, 1 << SearchIndex.documentBits - 1)) << UInt64(SearchIndex.positionBits)
                let (pack, k) = d.quotientAndRemainder(dividingBy: packSize)
                let (from, to) = (packs[pack].starts[k], packs[pack].starts[k + 1])
                packs[pack].units.withUnsafeBufferPointer { units in
                    SearchText.terms(UnsafeBufferPointer(rebasing: units[from ..< to]), titleEnd: docs[d].titleEnd, table: table, into: &sink)
                }
            }
        }
    }

    /// Numbers each term in open-addressing tables. Pairs and single characters, nearly every
    /// term, fit their key (42 bits) and number (22 bits) in one 8-byte slot, so that the table
    /// stays in the processor's cache; 0 marks an empty slot (no pair's key is 0). Words have a
    /// table of their own.
    private struct Sink: SearchText.TermSink {
        /// The occurrences, and how many there are (the sink is done with once they are taken).
        func takeOccurrences() -> (LargeBuffer<UInt64>, Int) { (storage, count) }
        var keys: [UInt64] = []
        var words: [UInt64: [UInt8]] = [:]
        var doc: UInt64 = 0
        private var table: UnsafeMutablePointer<UInt64>
        private var mask: Int
        /// Occurrences by term number, with room for as many terms as `table` has slots.
        private(set) var counts: UnsafeMutablePointer<Int32>
        private var wordNumbers: [UInt64: UInt64] = [:]
        /// The occurrences, number << numberShift | place, as they come.
        private var storage: LargeBuffer<UInt64>
        private var buffer: UnsafeMutablePointer<UInt64>
        private var count = 0, capacity: Int

        static let numberBits = UInt64(SearchIndex.numberBits)

        init(expected: Int) {
            mask = 1 << 12 - 1
            table = .allocate(capacity: mask + 1)
            table.initialize(repeating: 0, count: mask + 1)
            counts = .allocate(capacity: mask + 1)
            capacity = max(1024, expected)
            storage = LargeBuffer(capacity: capacity)
            buffer = storage.base
        }

        func free() {
            table.deallocate()
            counts.deallocate()
        }

        @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        }

        @inline(__always)
        mutating func term(_ key: UInt64, _ position: UInt32, _ word: UnsafeBufferPointer<UInt8>) {
            let number: UInt64
            if word.isEmpty {
                // A title character alone (1 << 62 | c) as the pair (1, c): U+0001 is never in a pair.
                let compact = key >> 62 == 1 ? 1 << 21 | key & 0x1F_FFFF : key
                var h = Self.slot(compact, mask)
                while table[h] != 0 && table[h] >> Self.numberBits != compact { h = (h + 1) & mask }
                if table[h] != 0 {
                    number = table[h] & (1 << Self.numberBits - 1)
                } else {
                    guard let n = add(key, slot: h, compact: compact) else { return }
                    number = n
                }
            } else {
                guard let n = wordNumber(key, word) else { return }
                number = n
            }
            if count == capacity { growBuffer() }
            counts[Int(number)] &+= 1
            buffer[count] = number << SearchIndex.numberShift | doc | UInt64(min(position, 1 << UInt32(SearchIndex.positionBits) - 1))
            count += 1
        }

        /// Numbers a pair or character met for the first time, in slot `h`; nil past the last number.
        @inline(never)
        private mutating func add(_ key: UInt64, slot h: Int, compact: UInt64) -> UInt64? {
            guard keys.count < 1 << SearchIndex.numberBits else { return nil }
            let number = UInt64(keys.count)
            table[h] = compact << Self.numberBits | number
            counts[Int(number)] = 0
            keys.append(key)
            if keys.count * 2 > mask { grow() }
            return number
        }

        /// A word's number: words are few beside pairs, and kept in a dictionary.
        @inline(never)
        private mutating func wordNumber(_ key: UInt64, _ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
            // A word's shard comes from its first two scalars, and goes into its key.
            let (a, w) = decodeScalar(word, at: 0)
            let s = SearchIndex.shard(a, w < word.count ? decodeScalar(word, at: w).scalar : 0, shards: 1 << 14)
            let key = key & ~(UInt64(0x3FFF) << 48) | UInt64(s) << 48
            if let known = wordNumbers[key] { return known }
            guard keys.count < 1 << SearchIndex.numberBits else { return nil }
            let number = UInt64(keys.count)
            wordNumbers[key] = number
            words[key] = Array(word)
            counts[Int(number)] = 0
            keys.append(key)
            if keys.count * 2 > mask { grow() }
            return number
        }

        private mutating func growBuffer() {
            let moved = LargeBuffer<UInt64>(capacity: capacity * 2)
            moved.base.update(from: buffer, count: count)
            (storage, buffer) = (moved, moved.base)
            capacity *= 2
        }

        private mutating func grow() {
            let old = table, oldMask = mask
            mask = (mask + 1) * 2 - 1
            let grownCounts = UnsafeMutablePointer<Int32>.allocate(capacity: mask + 1)
            grownCounts.update(from: counts, count: keys.count)
            counts.deallocate()
            counts = grownCounts
            table = .allocate(capacity: mask + 1)
            table.initialize(repeating: 0, count: mask + 1)
            for i in 0 ... oldMask where old[i] != 0 {
                var h = Self.slot(old[i] >> Self.numberBits, mask)
                while table[h] != 0 { h = (h + 1) & mask }
                table[h] = old[i]
            }
            old.deallocate()
        }
    }
}
