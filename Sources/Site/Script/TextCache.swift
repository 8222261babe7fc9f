import Foundation
import Synchronization

/// Whole texts the mirror converted (article bodies, their plain text), by a digest of what they
/// were converted from, kept between builds in the site's `.unionsite-cache/`: a site's bodies
/// are most of what the mirror converts, and most builds find them as the last one left them.
///
/// Unlike `RunCache`, an entry keeps only the digest of its text, not the text: two 64-bit
/// hashes and the length, which texts of a site do not share by chance.
final class TextCache: Sendable {
    struct Key: Hashable, Sendable {
        var a: UInt64
        var b: UInt64
        var count: Int
    }

    private struct State {
        var table: [Key: [UInt8]] = [:]
        /// The entries asked for since the last save: the others are not saved, nor kept. Every
        /// build asks for every text it has.
        var used: Set<Key> = []
        var added = 0
        /// The file read, and with which header.
        var loaded: String?
    }

    private let state = Mutex(State())

    /// The digest of `bytes`: two multiplicative hashes of its 8-byte words, in one pass (a
    /// build digests every body of the site).
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
        var a: UInt64 = 0xCBF2_9CE4_8422_2325, b: UInt64 = 0x2545_F491_4F6C_DD1D
        @inline(__always) func mix(_ w: UInt64) {
            a = (a ^ w) &* 0x9E37_79B9_7F4A_7C15
            a ^= a >> 32
            b = (b &+ w) &* 0xC2B2_AE3D_27D4_EB4F
            b ^= b >> 29
        }
        let n = bytes.count
        var i = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        mix(tail ^ UInt64(n) << 56)
        return Key(a: a, b: b, count: n)
    }

    /// `input` converted: as converted before, or by `make`, then kept.
    func converted(_ input: [UInt8], _ make: () -> [UInt8]) -> [UInt8] {
        let key = input.withUnsafeBufferPointer(Self.key)
        if let kept = state.withLock({ s -> [UInt8]? in
            guard let v = s.table[key] else { return nil }
            s.used.insert(key)
            return v
        }) {
            return kept
        }
        let made = make()
        state.withLock { s in
            s.table[key] = made
            s.used.insert(key)
            s.added += 1
        }
        return made
    }

    /// Reads the texts saved in `path` under `header` (what they were converted with), once;
    /// a file with another header is ignored.
    func load(_ path: String, header: String) {
        guard state.withLock({ s in
            guard s.loaded != path + "\n" + header else { return false }
            s = State()
            s.loaded = path + "\n" + header
            return true
        }), let data = FileManager.default.contents(atPath: path) else { return }
        let entries = data.withUnsafeBytes { raw -> [(Key, [UInt8])] in
            var r = ByteReader(raw)
            guard r.line() == header else { return [] }
            var entries: [(Key, [UInt8])] = []
            while let a = r.u64(), let b = r.u64(), let n = r.u64(), let text = r.block() {
                entries.append((Key(a: a, b: b, count: Int(truncatingIfNeeded: n)), text))
            }
            return entries
        }
        state.withLock { s in
            for (k, v) in entries { s.table[k] = v }
        }
    }

    /// Writes the texts asked for since the last save to `path`, when there are new ones or some
    /// were not asked for (the texts of a file since edited or removed), and forgets the others.
    func save(_ path: String, header: String) {
        let out: [UInt8]? = state.withLock { s in
            guard s.added > 0 || s.used.count < s.table.count else { return nil }
            var out = Array((header + "\n").utf8)
            for key in s.used {
                guard let v = s.table[key] else { continue }
                for n in [key.a, key.b, UInt64(key.count), UInt64(v.count)] {
                    withUnsafeBytes(of: n.littleEndian) { out.append(contentsOf: $0) }
                }
                out += v
            }
            s.table = s.table.filter { s.used.contains($0.key) }
            s.used = []
            s.added = 0
            return out
        }
        guard let out else { return }
        writeCacheFile(path, out)
    }
}

/// Writes a cache file whole or not at all: when it cannot be written, the next build does the
/// work again.
func writeCacheFile(_ path: String, _ bytes: [UInt8]) {
    let temporary = path + ".\(getpid())"
    mkdir((path as NSString).deletingLastPathComponent, 0o755)
    guard (try? OutputWriter.writeFile(temporary, bytes)) != nil, rename(temporary, path) == 0 else {
        unlink(temporary)
        return
    }
}
