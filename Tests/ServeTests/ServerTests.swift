import Foundation
import Testing
@testable import Serve

/// A served folder with one file of each kind, a Chinese folder and the site's 404 page.
private func makeFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-public-\(UUID().uuidString)")
    let files: [String: String] = [
        "index.html": "<!doctype html><html><body><p>首页</p></body></html>",
        "404.html": "<!doctype html><html><body><p>这里没有页面 (site 404)</p></body></html>",
        "news/x/index.html": "<html><body><h1>文章</h1></BODY></html>",
        "news/empty/readme.txt": "no index here",
        "tags/劳模/index.html": "<html><body>劳模</body></html>",
        "assets/site.css": "body{}", "assets/app.js": "1", "assets/logo.svg": "<svg/>",
        "sitemap.xml": "<urlset/>", "feed.xml": "<feed/>", "data.json": "{}", "robots.txt": "ok",
        "a.webp": "w", "a.png": "p", "a.jpg": "j", "a.gif": "g", "favicon.ico": "i",
        "font.woff2": "f", "font.woff": "f", "notice.pdf": "%PDF", "README.md": "# hi", "blob.bin": "?",
    ]
    for (path, text) in files {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return dir
}

@Test func servesEachFileWithItsContentType() async throws {
    let dir = try makeFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let server = try await RunningServer.start(output: dir)
    let cases: [(String, String)] = [
        ("/", "text/html; charset=utf-8"),
        ("/assets/site.css", "text/css; charset=utf-8"),
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/logo.svg", "image/svg+xml"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/feed.xml", "application/atom+xml; charset=utf-8"),
        ("/data.json", "application/json"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/a.webp", "image/webp"), ("/a.png", "image/png"), ("/a.jpg", "image/jpeg"), ("/a.gif", "image/gif"),
        ("/favicon.ico", "image/x-icon"), ("/font.woff2", "font/woff2"), ("/font.woff", "font/woff"),
        ("/notice.pdf", "application/pdf"), ("/README.md", "text/markdown; charset=utf-8"),
        ("/blob.bin", "application/octet-stream"),
    ]
    for (path, type) in cases {
        let r = try await server.get(path)
        #expect(r.status == 200, "\(path)")
        #expect(r.headers["content-type"] == type, "\(path)")
        #expect(r.headers["content-length"] == String(r.body.count), "\(path)")
    }
    #expect(try await server.get("/assets/site.css").text == "body{}")
    await server.stop()
}

@Test func foldersServeTheirIndexAndRedirectWithoutTheSlash() async throws {
    let dir = try makeFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let server = try await RunningServer.start(output: dir)
    let page = try await server.get("/news/x/")
    #expect(page.status == 200)
    #expect(page.text.contains("<h1>文章</h1>"))
    let redirect = try await server.get("/news/x?from=feed")
    #expect(redirect.status == 302)
    #expect(redirect.headers["location"] == "/news/x/?from=feed")
    // A folder without index.html is a miss, not a listing.
    #expect(try await server.get("/news/empty/").status == 404)
    // A file asked for as a folder is a miss.
    #expect(try await server.get("/feed.xml/").status == 404)
    await server.stop()
}

@Test func missesGetTheSites404PageWithStatus404() async throws {
    let dir = try makeFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let server = try await RunningServer.start(output: dir)
    let r = try await server.get("/news/nothing-here/")
    #expect(r.status == 404)
    #expect(r.headers["content-type"] == "text/html; charset=utf-8")
    #expect(r.text.contains("(site 404)"))
    #expect(r.text.contains(LiveReload.eventsPath))
    await server.stop()
}

@Test func percentEncodedChinesePathsAreServed() async throws {
    let dir = try makeFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let server = try await RunningServer.start(output: dir)
    let r = try await server.get("/tags/%E5%8A%B3%E6%A8%A1/")
    #expect(r.status == 200)
    #expect(r.text.contains("劳模"))
    #expect(try await server.get("/tags/%E5%8A%B3%E6%A8%A1").headers["location"] == "/tags/%E5%8A%B3%E6%A8%A1/")
    await server.stop()
}

@Test func traversalAttemptsGet400Or404AndNeverAFileOutside() async throws {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-trav-\(UUID().uuidString)")
    let dir = parent.appendingPathComponent("public")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: parent) }
    try Data("<html><body>ok</body></html>".utf8).write(to: dir.appendingPathComponent("index.html"))
    try Data("SECRET-SIBLING".utf8).write(to: parent.appendingPathComponent("secret.txt"))
    // Symlinks inside the folder that point outside it.
    try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("passwd").path, withDestinationPath: "/etc/passwd")
    try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("up").path, withDestinationPath: parent.path)
    let server = try await RunningServer.start(output: dir)
    let attempts = [
        "/../secret.txt", "/../../../../etc/passwd", "/news/../../secret.txt",
        "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/.%2e/secret.txt", "/%2e./secret.txt",
        "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/%2fetc%2fpasswd", "/..%2F..%2Fetc%2Fpasswd",
        "/..\\secret.txt", "/..%5csecret.txt", "/%5c..%5csecret.txt", "/%5Cetc%5Cpasswd",
        "/secret.txt%00.html", "/%00", "/index.html%00",
        "//etc/passwd", "///etc/passwd", "/etc/passwd", "http://127.0.0.1/../secret.txt", "file:///etc/passwd", "etc/passwd",
        "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/%25%32%65%25%32%65/secret.txt",
        "/%c0%ae%c0%ae/secret.txt", "/%%32%65%%32%65/secret.txt", "/%2", "/%zz",
        "/passwd", "/up/secret.txt", "/up/public/index.html/../../secret.txt", "/./../secret.txt",
    ]
    for target in attempts {
        let r = try await server.get(target)
        #expect(r.status == 400 || r.status == 404, "\(target) → \(r.status)")
        #expect(!r.text.contains("SECRET-SIBLING") && !r.text.contains("root:"), "\(target) leaked a file")
    }
    // The same request without the traversal works, so the 404s above are not an accident.
    #expect(try await server.get("/index.html").status == 200)
    #expect(try await server.get("/./index.html").status == 200)
    await server.stop()
}

@Test func headSendsTheHeadersOfGetWithoutABody() async throws {
    let dir = try makeFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let server = try await RunningServer.start(output: dir)
    let get = try await server.get("/news/x/")
    let head = try await server.get("/news/x/", method: "HEAD")
    #expect(head.status == 200)
    #expect(head.body.isEmpty)
    #expect(head.headers["content-length"] == String(get.body.count))
    #expect(head.headers["content-type"] == "text/html; charset=utf-8")
    #expect(try await server.get("/nothing", method: "HEAD").status == 404)
    let post = try await server.get("/", method: "POST")
    #expect(post.status == 405)
    #expect(post.headers["allow"] == "GET, HEAD")
    await server.stop()
}

@Test func theScriptIsInjectedIntoServedHTMLButNotIntoTheFileOnDisk() async throws {
    let dir = try makeFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let server = try await RunningServer.start(output: dir)
    let served = try await server.get("/news/x/").text
    #expect(served.contains("<script data-unionsite-live-reload>"))
    // Before the last </body>, whatever its case.
    let script = try #require(served.range(of: "<script data-unionsite-live-reload>"))
    let bodyEnd = try #require(served.range(of: "</BODY>"))
    #expect(script.lowerBound < bodyEnd.lowerBound)
    let disk = try String(contentsOf: dir.appendingPathComponent("news/x/index.html"), encoding: .utf8)
    #expect(!disk.contains("unionsite-live-reload"))
    // Not into other types.
    #expect(!(try await server.get("/assets/site.css").text.contains("script")))
    await server.stop()
}

@Test func aPortInUseIsAnError() async throws {
    let dir = try makeFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = try await RunningServer.start(output: dir)
    let second = try PreviewServer(output: dir.path, liveReload: LiveReload(), host: "127.0.0.1", port: first.port)
    await #expect(throws: PreviewServer.ListenError.self) { try await second.start() }
    #expect(throws: PreviewServer.ListenError.self) { try PreviewServer(output: dir.path, liveReload: LiveReload(), host: "example.org") }
    await first.stop()
}
