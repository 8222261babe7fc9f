import Foundation
import Testing
@testable import Serve

// `Range: bytes=…` on a file: the search page reads snippets of its text packs so.

@Test func aFileIsServedInPartsWhenOneRangeIsAsked() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-range-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = (0 ..< 100).map { UInt8($0) }
    try Data(bytes).write(to: folder.appendingPathComponent("pack.bin"))
    let responder = SiteResponder(output: folder.path, liveReload: LiveReload(), shownFirst: ShownFirst())
    func get(_ range: String?) -> (Int, [UInt8], String?) {
        let r = responder.respond(method: "GET", target: "/pack.bin", range: range)
        guard case .bytes(let body) = r.body else { return (r.status, [], nil) }
        return (r.status, body, r.header("Content-Range"))
    }
    #expect(get("bytes=10-19") == (206, Array(bytes[10 ..< 20]), "bytes 10-19/100"))
    // Past the end: up to the end.
    #expect(get("bytes=95-200") == (206, Array(bytes[95...]), "bytes 95-99/100"))
    #expect(get("bytes=90-") == (206, Array(bytes[90...]), "bytes 90-99/100"))
    #expect(get("bytes=-5") == (206, Array(bytes[95...]), "bytes 95-99/100"))
    #expect(get("bytes=100-120").0 == 416)
    #expect(get("bytes=100-120").2 == "bytes */100")
    // Several ranges, or none: the whole file.
    #expect(get("bytes=1-2,5-6") == (200, bytes, nil))
    #expect(get(nil) == (200, bytes, nil))
    #expect(get("bytes=9-3") == (200, bytes, nil))
}
