import CVipsShim

extension Photo {
    /// Writes a `width` × `height` image with a gradient and the EXIF block `exif`, as a phone
    /// writes them, in the format its name's suffix says (`.jpg`, `.heic`, `.png`, `.webp`); with
    /// `pages`, an animation of that many frames: the tests' photos, made where they run rather
    /// than kept as files.
    static func writeTestImage(_ path: String, width: Int, height: Int, exif: [UInt8], pages: Int = 1) -> Bool {
        _ = header(path)  // starts libvips
        return exif.withUnsafeBytes {
            us_vips_write_test_image(path, Int32(width), Int32(height), $0.baseAddress, $0.count, Int32(pages))
        } == 0
    }
}
