#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A response, independent of the HTTP library that sends it.
public struct PreviewResponse: Sendable {
    /// The body: bytes, or an endless event stream.
    public enum Body: Sendable {
        case bytes([UInt8])
        case events(AsyncStream<[UInt8]>)
    }

    /// The status code.
    public var status: Int
    /// Header fields in the order they are sent.
    public var headers: [(name: String, value: String)]
    /// What follows the head (empty for HEAD, which keeps GET's Content-Length).
    public var body: Body

    /// The value of the first header with this name (any case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Answers requests from the output folder: files, folders' index.html, the site's 404 page,
/// the live reload event stream. GET and HEAD only.
public struct SiteResponder: Sendable {
    /// Resolves request targets to files under the output folder.
    public let resolver: PathResolver
    /// The last build's status and the tabs' event streams.
    public let liveReload: LiveReload
    /// The pages a finishing build shows before it has written them.
    public let shownFirst: ShownFirst

    /// A responder for the output folder at `output`.
    public init(output: String, liveReload: LiveReload, shownFirst: ShownFirst = ShownFirst()) {
        self.resolver = PathResolver(root: output)
        self.liveReload = liveReload
        self.shownFirst = shownFirst
    }

    /// The response to a request with this method and raw target (`/news/a/?x=1`). `range`: its
    /// `Range` header, for a file's bytes (the search page reads snippets of its text packs so).
    public func respond(method: String, target: String, range: String? = nil) -> PreviewResponse {
        // The status before the file: if a build lands in between, the page is newer than its
        // token and reloads once more, rather than older and never reloading.
        let status = liveReload.status
        let head = method == "HEAD"
        guard method == "GET" || head else {
            return text(405, "method not allowed: the preview serves GET and HEAD\n", head: false, extra: [("Allow", "GET, HEAD")])
        }
        let (path, query) = PathResolver.splitTarget(target)
        if path == Substring(LiveReload.eventsPath) {
            let headers = [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store")]
            return PreviewResponse(status: 200, headers: headers, body: head ? .bytes([]) : .events(liveReload.subscribe(page: Self.page(query))))
        }
        if let page = PathResolver.pagePath(target), let bytes = shownFirst.page(page) {
            return file(200, path: page, bytes: bytes, head: head, status: status)
        }
        switch resolver.resolve(target) {
        case .file(let path):
            guard let bytes = Self.readFile(path) else { return notFound(head: head, status: status) }
            if let range, let part = Self.byteRange(range, size: bytes.count) {
                guard let part else {
                    return text(416, "range not satisfiable\n", head: head, extra: [("Content-Range", "bytes */\(bytes.count)")])
                }
                var response = file(206, path: path, bytes: Array(bytes[part]), head: head, status: status)
                response.headers.append((name: "Content-Range", value: "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(bytes.count)"))
                return response
            }
            return file(200, path: path, bytes: bytes, head: head, status: status)
        case .redirect(let location):
            return text(302, "see \(location)\n", head: head, extra: [("Location", location)])
        case .notFound:
            return notFound(head: head, status: status)
        case .badRequest:
            return text(400, "bad request: the path leaves the site or is malformed\n", head: head)
        }
    }

    /// The bytes a `Range` header asks for: nil when it is not one range of bytes the preview
    /// serves (the whole file is sent then, as HTTP allows); `.some(nil)` when it starts past the
    /// end. `bytes=a-b`, `bytes=a-` and `bytes=-n` (the last n).
    static func byteRange(_ header: String, size: Int) -> Range<Int>?? {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst("bytes=".count).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        let first = Int(spec[0]), last = Int(spec[1])
        if let a = first, let b = last, a <= b { return a < size ? .some(a ..< min(b + 1, size)) : .some(nil) }
        if let a = first, spec[1].isEmpty { return a < size ? .some(a ..< size) : .some(nil) }
        if spec[0].isEmpty, let n = last, n > 0 { return .some(max(0, size - n) ..< size) }
        return nil
    }

    /// The output path of the page a tab shows, from its event stream's `page=` (the tab's
    /// `location.pathname`, URI-encoded).
    static func page(_ query: Substring) -> String? {
        for pair in query.split(separator: "&") where pair.hasPrefix("page=") {
            guard let bytes = PathResolver.percentDecode(pair.dropFirst("page=".count)),
                  let pathname = String(validating: bytes, as: UTF8.self) else { return nil }
            return PathResolver.pagePath(pathname)
        }
        return nil
    }

    /// The site's 404.html with status 404, or a built-in page when the site has none.
    func notFound(head: Bool, status: LiveReload.Status) -> PreviewResponse {
        if case .file(let path) = resolver.resolve("/404.html"), let bytes = Self.readFile(path) {
            return file(404, path: path, bytes: bytes, head: head, status: status)
        }
        let page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404</h1><p>页面不存在 (not found)</p></body></html>\n"
        return file(404, path: "404.html", bytes: Array(page.utf8), head: head, status: status)
    }

    func file(_ code: Int, path: String, bytes: [UInt8], head: Bool, status: LiveReload.Status) -> PreviewResponse {
        let type = ContentTypes.forPath(path)
        let body = type.hasPrefix("text/html") ? Injection.inject(into: bytes, status: status) : bytes
        return PreviewResponse(status: code, headers: [
            ("Content-Type", type),
            ("Content-Length", String(body.count)),
            // Every build may change every file; the preview must never show a stale one.
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ], body: .bytes(head ? [] : body))
    }

    func text(_ status: Int, _ message: String, head: Bool, extra: [(String, String)] = []) -> PreviewResponse {
        let bytes = Array(message.utf8)
        return PreviewResponse(status: status, headers: [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", String(bytes.count)),
            ("Cache-Control", "no-store"),
        ] + extra.map { (name: $0.0, value: $0.1) }, body: .bytes(head ? [] : bytes))
    }

    /// The bytes of a regular file; nil if it vanished (a build swapped the folder) or was
    /// replaced by a symlink since it was resolved.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        var out = [UInt8](repeating: 0, count: Int(st.st_size))
        var filled = 0
        while filled < out.count {
            let n = out.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(fd, base + filled, buffer.count - filled)
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            filled += n
        }
        return filled == out.count ? out : Array(out.prefix(filled))
    }
}
