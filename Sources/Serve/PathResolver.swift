#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps a request target to a file under the output folder, and to nothing outside it.
///
/// The server's own resolution, not a file middleware's: the target is split on `/` before it
/// is percent-decoded (so `%2f` cannot make a separator), decoded once (so `%252e` stays a
/// literal), and a segment that decodes to `..`, or holds `/`, `\`, NUL or another control
/// character, is a bad request. What remains is joined under the folder and passed through
/// `realpath`, and the answer must still lie inside the folder's own real path, so a symlink
/// that points outside is a miss like any other.
public struct PathResolver: Sendable {
    /// What a request target resolves to.
    public enum Resolution: Equatable, Sendable {
        /// A regular file inside the folder: its real path.
        case file(String)
        /// A folder asked for without its trailing slash: where to send the browser.
        case redirect(String)
        /// Nothing servable there (missing, outside the folder, a folder without index.html).
        case notFound
        /// A target no browser sends: traversal, encoded separators, NUL, malformed escapes.
        case badRequest
    }

    /// The output folder (it may not exist yet; it is resolved again on every request because
    /// each build swaps in a new folder at the same path).
    public let root: String

    /// A resolver for files under `root`.
    public init(root: String) {
        self.root = root
    }

    /// Resolves a raw request target (`/tags/%E5%8A%B3%E6%A8%A1/?x=1`).
    public func resolve(_ target: String) -> Resolution {
        let (rawPath, query) = Self.splitTarget(target)
        guard rawPath.first == "/" else { return .badRequest }
        guard let segments = Self.segments(of: rawPath) else { return .badRequest }
        guard let rootReal = Self.realPath(root) else { return .notFound }
        let candidate = segments.isEmpty ? rootReal : rootReal + "/" + segments.joined(separator: "/")
        guard let real = Self.realPath(candidate), Self.isInside(real, rootReal) else { return .notFound }
        switch Self.kind(of: real) {
        case .directory:
            guard rawPath.hasSuffix("/") else {
                // Built from the checked segments, never from the raw target: `//evil.example/`
                // must not become a protocol-relative Location.
                let location = "/" + segments.map(Self.percentEncode).joined(separator: "/") + "/"
                return .redirect(query.isEmpty ? location : location + "?" + query)
            }
            guard let index = Self.realPath(real + "/index.html"), Self.isInside(index, rootReal),
                  Self.kind(of: index) == .file else { return .notFound }
            return .file(index)
        case .file:
            // `feed.xml/` names a folder that is not there.
            return rawPath.hasSuffix("/") && !segments.isEmpty ? .notFound : .file(real)
        case .other:
            return .notFound
        }
    }

    /// The output path of the page a target names, without looking at the disk: `/news/a/` →
    /// `news/a/index.html`, `/404.html` → `404.html`; nil for anything but a page.
    public static func pagePath(_ target: String) -> String? {
        let (rawPath, _) = splitTarget(target)
        guard rawPath.first == "/", let segments = segments(of: rawPath) else { return nil }
        if rawPath.hasSuffix("/") || segments.isEmpty { return (segments + ["index.html"]).joined(separator: "/") }
        return segments.last?.hasSuffix(".html") == true ? segments.joined(separator: "/") : nil
    }

    /// `/a/b?x#y` → (`/a/b`, `x`).
    static func splitTarget(_ target: String) -> (path: Substring, query: Substring) {
        let noFragment = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let parts = noFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }

    /// The decoded segments of a raw path, without empty and `.` segments; nil for a target
    /// that tries to leave the folder or is malformed.
    static func segments(of rawPath: Substring) -> [String]? {
        var out: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let bytes = percentDecode(raw), let segment = String(validating: bytes, as: UTF8.self) else { return nil }
            if segment == "." { continue }
            if segment == ".." { return nil }
            if segment.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) {
                return nil
            }
            out.append(segment)
        }
        return out
    }

    /// Decodes `%XX` escapes once; nil when an escape is malformed.
    static func percentDecode(_ s: Substring) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let byte = it.next() {
            guard byte == UInt8(ascii: "%") else {
                out.append(byte)
                continue
            }
            guard let hi = it.next().flatMap(hexValue), let lo = it.next().flatMap(hexValue) else { return nil }
            out.append(hi << 4 | lo)
        }
        return out
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-encodes a path segment for a Location header (unreserved characters stay).
    static func percentEncode(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return out
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    enum Kind { case file, directory, other }

    static func kind(of path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .other }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}
