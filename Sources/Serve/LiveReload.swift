import Template
import Foundation
import Synchronization

/// The state of the last build as open tabs see it, and the Server-Sent Events that tell
/// them about the next one.
///
/// Every finished build (good or failed) gets a new token. A page is served with the token of
/// the build it came from; when the tab's event stream says the current token differs and the
/// build was good, the tab reloads. A failed build's event carries the located errors, which the
/// tab shows as an overlay over the last good page. Comparing tokens, rather than only reacting
/// to events, also covers a build that finished between the page load and the stream's
/// connection, and a restarted server (new session, new tokens).
public final class LiveReload: Sendable {
    /// Where the injected script listens.
    public static let eventsPath = "/__unionsite/events"

    /// The last build: its token, and its error text when it failed.
    public struct Status: Sendable, Equatable {
        /// Changes with every finished build.
        public var build: String
        /// The located errors of a failed build; nil after a good one.
        public var error: String?
    }

    private struct State {
        var count = 0
        var error: String?
        var nextSubscriber = 0
        var subscribers: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
        /// The page each tab shows, by output path (`PathResolver.pagePath`), when it said.
        var pages: [Int: String] = [:]
        var closed = false
    }

    private let state = Mutex(State())
    /// Distinguishes this server process's tokens from a previous one's.
    private let session: String

    /// A hub with no build recorded yet (token `…-0`, no error).
    public init() {
        session = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    /// The last build's token and error.
    public var status: Status {
        state.withLock { Status(build: "\(session)-\($0.count)", error: $0.error) }
    }

    /// Records a finished build and tells every open tab: reload after a good build, show the
    /// errors after a failed one.
    public func buildFinished(error: String?) {
        let (event, subscribers) = state.withLock { s in
            s.count += 1
            s.error = error
            return (Self.event(Status(build: "\(session)-\(s.count)", error: error)), Array(s.subscribers.values))
        }
        for subscriber in subscribers { subscriber.yield(event) }
    }

    /// A new event stream for one tab: it starts with the current status, then one event per build.
    /// `page`: the output path of the page the tab shows, rendered first by the next rebuilds.
    public func subscribe(page: String? = nil) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(16))
        let (id, first, closed) = state.withLock { s in
            s.nextSubscriber += 1
            if !s.closed {
                s.subscribers[s.nextSubscriber] = continuation
                s.pages[s.nextSubscriber] = page
            }
            return (s.nextSubscriber, Self.event(Status(build: "\(session)-\(s.count)", error: s.error)), s.closed)
        }
        // Reconnect quickly after a server restart; then the current state at once.
        continuation.yield(Array("retry: 500\n\n".utf8) + first)
        if closed {
            continuation.finish()
        } else {
            continuation.onTermination = { [weak self] _ in
                self?.state.withLock { s in
                    s.subscribers[id] = nil
                    s.pages[id] = nil
                }
            }
        }
        return stream
    }

    /// Sends a comment to every stream, so streams of closed tabs fail to write and end.
    public func ping() {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(Array(": ping\n\n".utf8)) }
    }

    /// Ends every stream and refuses new ones (the server is stopping; the tabs' EventSource
    /// reconnects to the next server).
    public func closeAll() {
        let subscribers = state.withLock { s in
            s.closed = true
            defer { s.subscribers = [:]; s.pages = [:] }
            return Array(s.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    /// The pages open in a tab, by output path.
    public var openPages: Set<String> {
        state.withLock { Set($0.pages.values) }
    }

    /// How many tabs are listening.
    public var subscriberCount: Int {
        state.withLock { $0.subscribers.count }
    }

    /// `event: build` with the status as JSON.
    static func event(_ status: Status) -> [UInt8] {
        let error = status.error.map(jsonString) ?? "null"
        return Array("event: build\ndata: {\"build\":\(jsonString(status.build)),\"error\":\(error)}\n\n".utf8)
    }

    /// A JSON string literal; `<`, `>` and `&` escaped too, so it is safe anywhere in a page
    /// (the engine's `json` filter encoder).
    static func jsonString(_ s: String) -> String { Value.string(s).jsonText(forScript: true) }
}
