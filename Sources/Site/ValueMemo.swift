import Synchronization
import Template

/// Values built on first use and then shared, by index: an article or honoree appears on
/// many pages (lists, tags, mentions) and its value is the same on each.
///
/// Two threads asking for the same value at once may both build it; they build equal values
/// and either is kept, which is cheaper than holding the lock while building.
final class ValueMemo: Sendable {
    private let slots: Mutex<[Value?]>

    /// `count` slots, those of `reusing` filled in when it has as many (values kept from the
    /// last build, for what did not change).
    init(count: Int, reusing: [Value?] = []) {
        slots = Mutex(reusing.count == count ? reusing : Array(repeating: nil, count: count))
    }

    /// Every slot as it is now.
    var built: [Value?] { slots.withLock { $0 } }

    /// The value at `i`, built by `build` the first time it is asked for.
    func value(_ i: Int, orBuild build: () -> Value) -> Value {
        if let hit = slots.withLock({ $0[i] }) { return hit }
        let v = build()
        slots.withLock { $0[i] = v }
        return v
    }
}
