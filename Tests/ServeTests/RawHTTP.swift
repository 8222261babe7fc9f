import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A response read off a socket.
struct RawResponse {
    var status: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct RawHTTPError: Error, CustomStringConvertible {
    var description: String
}

/// A tiny HTTP/1.1 client on raw sockets: it sends the request line exactly as written, so
/// traversal attempts reach the server unnormalised (URLSession would resolve `..` first).
enum RawHTTP {
    /// Sends one request (with `Connection: close`) and reads the response to the end.
    static func send(_ request: String, port: UInt16, timeout: Double = 10) throws -> RawResponse {
        let fd = try connect(port: port)
        defer { close(fd) }
        try write(fd, request)
        var data: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while let chunk = try read(fd, until: deadline) { data += chunk }
        return try parse(data)
    }

    static func connect(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError(description: "socket failed") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else {
            close(fd)
            throw RawHTTPError(description: "connect to port \(port) failed")
        }
        return fd
    }

    static func write(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw RawHTTPError(description: "send failed") }
            sent += n
        }
    }

    /// The next bytes, or nil at the end of the stream; throws after the deadline.
    static func read(_ fd: Int32, until deadline: Date) throws -> [UInt8]? {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let left = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
        guard poll(&pfd, 1, left) > 0 else { throw RawHTTPError(description: "timed out reading") }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Array(buffer.prefix(n))
    }

    static func parse(_ data: [UInt8]) throws -> RawResponse {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0...(max(0, data.count - 4))).first(where: { data.count >= $0 + 4 && Array(data[$0..<$0 + 4]) == separator }) else {
            throw RawHTTPError(description: "no response head in \(data.count) bytes: \(String(decoding: data, as: UTF8.self))")
        }
        let head = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw RawHTTPError(description: "bad status line \(head[0])") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawResponse(status: status, headers: headers, body: Array(data[(end + 4)...]))
    }
}

/// A tab's event stream: connects to the live reload events and collects what arrives.
final class EventStreamClient: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var text = ""
    private var closed = false

    init(port: UInt16) throws {
        fd = try RawHTTP.connect(port: port)
        try RawHTTP.write(fd, "GET /__unionsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    }

    /// Everything received so far.
    var received: String { lock.withLock { text } }

    /// Reads until `predicate` holds for everything received so far; false on timeout or end.
    func wait(timeout: Double = 10, for predicate: @escaping @Sendable (String) -> Bool) async -> Bool {
        (try? await offThePool { [self] in
            let deadline = Date().addingTimeInterval(timeout)
            while !predicate(received) {
                guard let chunk = try? RawHTTP.read(fd, until: deadline) else { return false }
                lock.withLock { text += String(decoding: chunk, as: UTF8.self) }
            }
            return true
        }) ?? false
    }

    /// The `data:` lines of the `build` events received so far, in order.
    var buildEvents: [String] { Self.buildEvents(in: received) }

    static func buildEvents(in text: String) -> [String] {
        text.components(separatedBy: "\n").filter { $0.hasPrefix("data: {\"build\"") }.map { String($0.dropFirst(6)) }
    }

    /// Closes the connection, as a closed tab does.
    func close() {
        lock.withLock {
            if !closed { Glibc.close(fd) }
            closed = true
        }
    }

    deinit { close() }
}
