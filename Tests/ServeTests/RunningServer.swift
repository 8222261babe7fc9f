import Foundation
import Serve

/// A running preview server over a folder, on a free loopback port.
struct RunningServer {
    let server: PreviewServer
    let port: UInt16

    static func start(output: URL, liveReload: LiveReload = LiveReload()) async throws -> RunningServer {
        let server = try PreviewServer(output: output.path, liveReload: liveReload, host: "127.0.0.1", port: 0)
        return RunningServer(server: server, port: try await server.start())
    }

    /// Sends a raw request for `target` (not normalised: `..` stays `..`).
    func get(_ target: String, method: String = "GET") async throws -> RawResponse {
        let port = self.port
        return try await offThePool {
            try RawHTTP.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port)
        }
    }

    func stop() async { await server.stop() }
}

/// Runs blocking work (socket reads) on a thread of its own: blocking one of the few threads of
/// Swift's cooperative pool (or of Dispatch's global queues, as wide as the cores) would starve
/// the server under test.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
