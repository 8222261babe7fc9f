import Synchronization
import Testing
@testable import Site

/// Counts the instances alive, to see that a map's results are released with the array.
private final class Tracked: Sendable {
    static let alive = Mutex(0)
    let n: Int
    init(_ n: Int) {
        self.n = n
        Self.alive.withLock { $0 += 1 }
    }
    deinit { Self.alive.withLock { $0 -= 1 } }
}

@Test func concurrentMapKeepsOrderAndReleasesItsResults() {
    let before = Tracked.alive.withLock { $0 }
    do {
        let results = concurrentMap(Array(0..<1000)) { Tracked($0 * 2) }
        #expect(results.map(\.n) == (0..<1000).map { $0 * 2 })
    }
    // A leak here held every page job of every build, and the site values they capture.
    #expect(Tracked.alive.withLock { $0 } == before)
}
