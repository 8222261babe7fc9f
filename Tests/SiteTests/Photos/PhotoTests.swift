import Foundation
import Testing
@testable import Site

/// An EXIF block as a phone writes one (little-endian TIFF after `Exif\0\0`): the camera's make,
/// the orientation, and a GPS position.
func phoneEXIF(orientation: UInt16, make: String = "UnionCam", latitude: UInt32 = 33) -> [UInt8] {
    var t: [UInt8] = Array("II".utf8) + [0x2A, 0x00] + le32(8)
    let ifd0Count = 3, gpsCount = 2
    let ifd0Size = 2 + 12 * ifd0Count + 4, gpsSize = 2 + 12 * gpsCount + 4
    let gpsOffset = 8 + ifd0Size
    let makeOffset = gpsOffset + gpsSize
    let makeBytes = Array(make.utf8) + [0]
    let latitudeOffset = makeOffset + makeBytes.count
    func entry(_ tag: UInt16, _ type: UInt16, _ count: UInt32, _ value: [UInt8]) -> [UInt8] {
        le16(tag) + le16(type) + le32(count) + value + [UInt8](repeating: 0, count: 4 - value.count)
    }
    t += le16(UInt16(ifd0Count))
    t += entry(0x010F, 2, UInt32(makeBytes.count), le32(UInt32(makeOffset)))
    t += entry(0x0112, 3, 1, le16(orientation))
    t += entry(0x8825, 4, 1, le32(UInt32(gpsOffset)))
    t += le32(0)
    t += le16(UInt16(gpsCount))
    t += entry(0x0001, 2, 2, Array("N".utf8) + [0])
    t += entry(0x0002, 5, 3, le32(UInt32(latitudeOffset)))
    t += le32(0)
    t += makeBytes
    for (n, d) in [(latitude, 1), (0, 1), (0, 1)] as [(UInt32, UInt32)] { t += le32(n) + le32(d) }
    return Array("Exif".utf8) + [0, 0] + t
}

private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
private func le32(_ v: UInt32) -> [UInt8] { (0 ..< 4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

/// A temporary folder, removed by `done`.
private func folder() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-photo-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Test func aPhoneTestPhotoHasItsMetadata() throws {
    // The photo the other tests start from does carry what they expect to be gone.
    let dir = folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(Photo.writeTestImage(dir + "/a.jpg", width: 400, height: 300, exif: phoneEXIF(orientation: 6)))
    let bytes = try #require(FileManager.default.contents(atPath: dir + "/a.jpg"))
    #expect(bytes.range(of: Data("UnionCam".utf8)) != nil)
    #expect(bytes.range(of: Data("Exif".utf8)) != nil)
    // Orientation 6: the reader sees it turned a quarter, portrait.
    #expect(try Photo.header(dir + "/a.jpg").get() == Photo.Header(width: 300, height: 400, pages: 1))
}

@Test func aCopyIsUprightSmallerAndWithoutMetadata() throws {
    let dir = folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(Photo.writeTestImage(dir + "/a.jpg", width: 400, height: 300, exif: phoneEXIF(orientation: 6)))
    for format in [Photo.Format.jpeg, .webp] {
        let out = dir + "/a-150." + format.rawValue
        let size = try Photo.copy(dir + "/a.jpg", width: 150, height: 10_000, format: format, to: out).get()
        // Upright: portrait, 150 wide and 200 high.
        #expect(size == (150, 200), "\(format)")
        #expect(try Photo.header(out).get() == Photo.Header(width: 150, height: 200, pages: 1), "\(format)")
        let bytes = try #require(FileManager.default.contents(atPath: out))
        #expect(bytes.range(of: Data("UnionCam".utf8)) == nil, "\(format)")
        #expect(bytes.range(of: Data("Exif".utf8)) == nil, "\(format)")
        #expect(bytes.range(of: Data("EXIF".utf8)) == nil, "\(format)")
    }
}

@Test func aCopyIsNeverLargerThanThePhoto() throws {
    let dir = folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(Photo.writeTestImage(dir + "/a.jpg", width: 300, height: 200, exif: []))
    #expect(try Photo.copy(dir + "/a.jpg", width: 1600, height: 10_000, format: .jpeg, to: dir + "/b.jpg").get() == (300, 200))
}

@Test func aCropIsExactlyTheSizeAskedFor() throws {
    let dir = folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(Photo.writeTestImage(dir + "/a.jpg", width: 400, height: 300, exif: []))
    #expect(try Photo.copy(dir + "/a.jpg", width: 120, height: 160, crop: true, format: .webp, to: dir + "/c.webp").get() == (120, 160))
}

@Test func aFileThatIsNoPhotoIsAFailureWithLibvipsReason() throws {
    let dir = folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Data("not a photo".utf8).write(to: URL(fileURLWithPath: dir + "/bad.jpg"))
    guard case .failure(let f) = Photo.header(dir + "/bad.jpg") else {
        Issue.record("a text file read as a photo")
        return
    }
    #expect(!f.message.isEmpty)
    guard case .failure = Photo.copy(dir + "/bad.jpg", width: 100, height: 100, format: .jpeg, to: dir + "/out.jpg") else {
        Issue.record("a text file copied as a photo")
        return
    }
}

@Test func theCacheMakesACopyOnceAndFindsItAgainInAnotherBuild() throws {
    let dir = folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(Photo.writeTestImage(dir + "/a.jpg", width: 400, height: 300, exif: phoneEXIF(orientation: 6)))
    let bytes = try #require(FileManager.default.contents(atPath: dir + "/a.jpg")).map { $0 }
    let digest = PhotoCache.digest(bytes)
    let root = URL(fileURLWithPath: dir)
    let made = try PhotoCache(root: root).copy(of: dir + "/a.jpg", digest: digest, .width(150, .webp)).get()
    #expect((made.width, made.height) == (150, 200))
    let stamp = try #require(try FileManager.default.attributesOfItem(atPath: made.path)[.modificationDate] as? Date)
    // Another build (a new cache over the same folder), the photo gone: the copy is found, not made.
    try FileManager.default.removeItem(atPath: dir + "/a.jpg")
    let found = try PhotoCache(root: root).copy(of: dir + "/a.jpg", digest: digest, .width(150, .webp)).get()
    #expect(made.fresh && !found.fresh)
    #expect((found.path, found.width, found.height) == (made.path, made.width, made.height))
    #expect(try FileManager.default.attributesOfItem(atPath: found.path)[.modificationDate] as? Date == stamp)
    // Another recipe is another copy, which the missing photo cannot make.
    guard case .failure = PhotoCache(root: root).copy(of: dir + "/a.jpg", digest: digest, .width(100, .webp)) else {
        Issue.record("a copy made of a missing photo")
        return
    }
}
