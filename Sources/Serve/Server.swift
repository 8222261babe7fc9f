import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// The preview's HTTP server: a thin FlyingFox adapter over `SiteResponder`.
///
/// FlyingFox rather than Hummingbird, the usual choice: FlyingFox has no dependencies and adds
/// little to a clean build, while Hummingbird brings SwiftNIO and its dependencies, which
/// multiply the clean build's time and disk on every CI run (BENCHMARKS.md). A preview server on
/// loopback needs none of NIO's scale. We do our own path resolution (PathResolver.swift), so
/// FlyingFox's file handlers are not used. All that knows of FlyingFox is this file.
public final class PreviewServer: Sendable {
    /// The address cannot be listened on.
    public struct ListenError: Error, CustomStringConvertible {
        /// What went wrong, for the terminal.
        public var description: String
    }

    private let server: HTTPServer
    private let liveReload: LiveReload
    /// `host:port` as asked for, for messages.
    private let host: String
    private let pingInterval: Duration
    private let failure = Mutex<(any Error)?>(nil)
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// A server for the output folder at `output`, on `host` (an IP address or `localhost`)
    /// and `port` (0: any free port). Every `pingInterval` the event streams get a comment,
    /// so the streams of closed tabs fail to write and end.
    /// `shownFirst`: the pages a finishing build shows before it has written them.
    public init(output: String, liveReload: LiveReload, shownFirst: ShownFirst = ShownFirst(), host: String = "127.0.0.1",
                port: UInt16 = 8080, pingInterval: Duration = .seconds(10)) throws(ListenError) {
        let handler = Handler(responder: SiteResponder(output: output, liveReload: liveReload, shownFirst: shownFirst))
        let address: any SocketAddress
        do {
            switch host {
            case "localhost": address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
            case let h where h.contains(":"): address = try sockaddr_in6.inet6(ip6: h.trimmingCharacters(in: ["[", "]"]), port: port)
            default: address = try sockaddr_in.inet(ip4: host, port: port)
            }
        } catch {
            throw ListenError(description: "--host \(host): expected an IP address such as 127.0.0.1, 0.0.0.0 or ::1")
        }
        server = HTTPServer(config: .init(address: address, logger: .disabled), handler: handler)
        self.liveReload = liveReload
        let bare = host.trimmingCharacters(in: ["[", "]"])
        self.host = bare.contains(":") ? "[\(bare)]:\(port)" : "\(bare):\(port)"
        self.pingInterval = pingInterval
    }

    /// Starts listening and serving in the background; returns the bound port.
    public func start() async throws(ListenError) -> UInt16 {
        let running = Task { [self] in
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    do { try await self.server.run() } catch { self.failure.withLock { $0 = error } }
                }
                // Streams of closed tabs only end when a write fails: write now and then.
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: self.pingInterval)
                        self.liveReload.ping()
                    }
                }
                await group.next()
                group.cancelAll()
            }
        }
        task.withLock { $0 = running }
        // A socket that cannot be bound fails at once (above); this only bounds a server that
        // never gets a thread. Long, as the tests need it: they run beside synchronous site
        // builds that can hold every thread of the cooperative pool (as wide as the cores) for
        // more than ten seconds on two slow cores.
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let error = failure.withLock({ $0 }) {
                throw ListenError(description: "cannot listen on \(host): \(error.localizedDescription)")
            }
            if let address = await server.listeningAddress {
                switch address {
                case .ip4(_, let port), .ip6(_, let port): return port
                case .unix: return 0
                }
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        throw ListenError(description: "cannot listen on \(host): the server did not start")
    }

    /// Ends the event streams, closes the listening socket and the connections.
    public func stop() async {
        liveReload.closeAll()
        // FlyingFox waits this long for connections to finish, then cancels them. It always
        // waits the whole time (epoll is not woken when the listening socket closes), and a
        // preview has nothing worth waiting for at Ctrl-C.
        await server.stop(timeout: 0.2)
        let running = task.withLock { $0 }
        running?.cancel()
        await running?.value
    }
}

/// Turns FlyingFox requests into `SiteResponder` calls and its answers into FlyingFox responses.
private struct Handler: HTTPHandler {
    let responder: SiteResponder

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let page = PathResolver.pagePath(request.target.rawValue) { await responder.shownFirst.wait(for: page) }
        let response = responder.respond(method: request.method.rawValue, target: request.target.rawValue,
                                         range: request.headers[HTTPHeader("Range")])
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.addValue(value, for: HTTPHeader(name)) }
        let status = HTTPStatusCode(response.status, phrase: Self.phrase(response.status))
        switch response.body {
        case .bytes(let bytes):
            return HTTPResponse(statusCode: status, headers: headers, body: Data(bytes))
        case .events(let stream):
            return HTTPResponse(statusCode: status, headers: headers, body: HTTPBodySequence(from: EventBytes(stream: stream)))
        }
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 206: "Partial Content"
        case 302: "Found"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 416: "Range Not Satisfiable"
        default: "Status"
        }
    }
}

/// An event stream as the byte sequence FlyingFox sends chunked: each event is handed over as
/// soon as it arrives, not when a buffer fills.
private struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            guard await fill() else { return nil }
            return pending.popFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            guard await fill() else { return nil }
            let n = Swift.max(1, Swift.min(count, pending.count))
            defer { pending = pending.dropFirst(n) }
            return pending.prefix(n)
        }

        /// Waits for the next event when nothing is pending; false when the stream ended.
        private mutating func fill() async -> Bool {
            while pending.isEmpty {
                guard let event = await base.next() else { return false }
                pending = event[...]
            }
            return true
        }
    }
}
