import CVipsShim

extension Photo {
    /// Writes a `width` × `height` JPEG with a gradient and the EXIF block `exif`, as a phone
    /// writes them: the tests' photos, made where they run rather than kept as files.
    static func writeTestJPEG(_ path: String, width: Int, height: Int, exif: [UInt8]) -> Bool {
        _ = header(path)  // starts libvips
        return exif.withUnsafeBytes { us_vips_write_test_jpeg(path, Int32(width), Int32(height), $0.baseAddress, $0.count) } == 0
    }
}
