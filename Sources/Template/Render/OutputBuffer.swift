/// The bytes of a page being rendered.
///
/// An append is a capacity check and a copy: `Array.append(contentsOf:)` does generic
/// work on each of the hundreds of pieces a page is made of. Noncopyable, so that the
/// renderer holding it appends in place, without counting references to it.
struct OutputBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count &+ bytes.count > capacity { grow(to: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count &+= bytes.count
    }

    @inline(__always) mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    /// Appends a string's UTF-8.
    @inline(__always) mutating func append(_ s: String) {
        withUTF8(of: s) { append($0) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Hands the bytes so far over to a `PageBytes` and starts again with empty memory of the
    /// same size: the page moves into its layout's `content` without being copied.
    mutating func takeBytes() -> PageBytes {
        let taken = PageBytes(base: base, count: count)
        base = .allocate(capacity: capacity)
        count = 0
        return taken
    }

    /// The bytes so far, lent to `body`.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes from `start` on, copied out.
    func bytes(from start: Int = 0) -> [UInt8] { Array(UnsafeBufferPointer(start: base + start, count: count - start)) }

    /// Drops the bytes from `start` on, keeping the memory.
    mutating func truncate(to start: Int) { count = min(count, start) }
}

/// Bytes a rendered page handed over (see `OutputBuffer.takeBytes`); never written again.
final class PageBytes: @unchecked Sendable {
    private let base: UnsafeMutablePointer<UInt8>
    let count: Int

    fileprivate init(base: UnsafeMutablePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    deinit { base.deallocate() }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

/// `s`'s UTF-8 lent to `body`: the string's own storage when it has it contiguous (native and
/// small strings do), so that no copy is made and released for each piece printed.
@inline(__always) func withUTF8<R>(of s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    return Array(s.utf8).withUnsafeBufferPointer(body)
}
