import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The signal that arrived while interrupts were deferred (0: none).
private let deferredSignal = Atomic<Int32>(0)

/// Runs `body` with SIGINT, SIGTERM and SIGHUP held back: one that arrives meanwhile ends the
/// process right after `body` returns, as it would have. Used around the renames that put a
/// rebuilt site in place, so Ctrl-C leaves the old site or the new one, never a mix.
///
/// Only signals whose action is the default (ending the process) are held; a process that
/// handles them itself (`serve` ignores them and watches for them) keeps its own handling.
func deferringInterrupts<T>(_ body: () throws -> T) rethrows -> T {
    let signals = [SIGINT, SIGTERM, SIGHUP]
    var held: [Int32] = []
    for sig in signals {
        let previous = signal(sig) { deferredSignal.store($0, ordering: .relaxed) }
        // Swift sees SIG_DFL, a null handler, as nil.
        if previous == nil { held.append(sig) } else { signal(sig, previous) }
    }
    defer {
        for sig in held { signal(sig, SIG_DFL) }
        let pending = deferredSignal.exchange(0, ordering: .relaxed)
        if pending != 0, held.contains(pending) { raise(pending) }
    }
    return try body()
}
