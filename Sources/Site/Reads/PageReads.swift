/// The facts one page read (`Reads`), sorted and each once, kept as the state file keeps them:
/// each as its difference from the one before, in LEB128. Most differences are a byte or two,
/// so the reads of every page of a large site take a third of the memory an array of facts
/// would, and the state file is written from them as they are.
struct PageReads: Sequence, Equatable, Sendable {
    /// The encoded facts.
    let bytes: [UInt8]
    /// How many facts `bytes` holds.
    let count: Int
    /// The greatest fact, the last of them (nil for none).
    let last: Fact?

    init() {
        bytes = []
        count = 0
        last = nil
    }

    /// `sorted`: ascending, each once.
    init(sorted: some Collection<Fact>) {
        // Two passes, the first for the exact size: the bytes are written through a pointer into
        // an array of that size, without an append's checks per byte or a larger buffer kept.
        var size = 0, previous: UInt64 = 0
        for fact in sorted {
            let d = fact.raw &- previous
            previous = fact.raw
            size &+= Self.width(d)
        }
        var last: UInt64 = 0
        bytes = [UInt8](unsafeUninitializedCapacity: size) { out, written in
            var at = 0
            for fact in sorted {
                var d = fact.raw &- last
                last = fact.raw
                while d >= 0x80 {
                    out[at] = UInt8(truncatingIfNeeded: d) | 0x80
                    at &+= 1
                    d >>= 7
                }
                out[at] = UInt8(d)
                at &+= 1
            }
            written = at
        }
        count = sorted.count
        self.last = sorted.isEmpty ? nil : Fact(raw: last)
    }

    /// The bytes LEB128 takes for `d`: one per seven bits.
    private static func width(_ d: UInt64) -> Int {
        Swift.max(1, (64 - d.leadingZeroBitCount + 6) / 7)
    }

    /// `bytes` as `init(sorted:)` writes them, or nil when they do not hold `count` facts.
    init?(bytes: [UInt8], count: Int) {
        self.bytes = bytes
        self.count = count
        var decoded = 0, final: Fact?
        var it = Iterator(bytes: bytes)
        while let f = it.next() {
            decoded += 1
            final = f
        }
        guard decoded == count, it.offset == bytes.count, !it.damaged else { return nil }
        last = final
    }

    struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var offset = 0
        var last: UInt64 = 0
        /// Set when the bytes end inside a fact or a fact runs past 64 bits.
        var damaged = false

        mutating func next() -> Fact? {
            guard offset < bytes.count else { return nil }
            var d: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard offset < bytes.count, shift < 64 else {
                    damaged = true
                    return nil
                }
                let b = bytes[offset]
                offset &+= 1
                d |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift &+= 7
            }
            last = last &+ d
            return Fact(raw: last)
        }
    }

    func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    var underestimatedCount: Int { count }
}
