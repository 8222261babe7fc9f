import Synchronization
import Template

/// Values built on first use and then shared, by index: an article or honoree appears on
/// many pages (lists, tags, mentions) and its value is the same on each.
///
/// Lock-free: every list item of every page is read through here, from all rendering threads
/// at once, and one lock over the slots made them wait on each other. Each slot is set once;
/// two threads asking for the same value at once may both build it, and the first stored is
/// the one both use (they are equal).
final class ValueMemo: @unchecked Sendable {
    /// A built value, as a reference a slot can hold.
    private final class Built {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let count: Int
    /// `count` slots, each 0 or the address of a `Built` it holds a reference to (an `Atomic<UInt>`
    /// rather than an `AtomicLazyReference`, whose calls were not specialized here and looked up
    /// type metadata on every read); at a stable address, as atomics must be.
    private let slots: UnsafeMutablePointer<Atomic<UInt>>

    /// `count` slots, those of `reusing` filled in when it has as many (values kept from the
    /// last build, for what did not change).
    init(count: Int, reusing: [Value?] = []) {
        self.count = count
        slots = .allocate(capacity: count)
        let reuse = reusing.count == count
        for i in 0..<count {
            let v: Value? = reuse ? reusing[i] : Optional.none
            (slots + i).initialize(to: Atomic(v.map(Self.retained) ?? 0))
        }
    }

    deinit {
        for i in 0..<count {
            let bits = slots[i].load(ordering: .relaxed)
            if bits != 0 { Self.unmanaged(bits).release() }
        }
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    private static func retained(_ value: Value) -> UInt {
        UInt(bitPattern: Unmanaged.passRetained(Built(value)).toOpaque())
    }

    private static func unmanaged(_ bits: UInt) -> Unmanaged<Built> {
        Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: bits)!)
    }

    /// Every slot as it is now.
    var built: [Value?] {
        (0..<count).map { i -> Value? in
            // `-> Value?`: a bare `nil` here would be `Value.nil`, a built value.
            let bits = slots[i].load(ordering: .acquiring)
            return bits == 0 ? Optional.none : Self.unmanaged(bits).takeUnretainedValue().value
        }
    }

    /// The value at `i`, built by `build` the first time it is asked for.
    func value(_ i: Int, orBuild build: () -> Value) -> Value {
        precondition(i >= 0 && i < count, "a memo slot out of range")
        let bits = slots[i].load(ordering: .acquiring)
        if bits != 0 { return Self.unmanaged(bits)._withUnsafeGuaranteedRef { $0.value } }
        let mine = Self.retained(build())
        let (stored, current) = slots[i].compareExchange(expected: 0, desired: mine, ordering: .acquiringAndReleasing)
        if stored { return Self.unmanaged(mine)._withUnsafeGuaranteedRef { $0.value } }
        // Another thread stored first: its value is the one every page sees.
        Self.unmanaged(mine).release()
        return Self.unmanaged(current)._withUnsafeGuaranteedRef { $0.value }
    }
}
