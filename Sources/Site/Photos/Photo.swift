import CVipsShim
import Foundation

/// A photo of the site's content made fit for the web, through libvips: smaller copies at the
/// widths a page asks for, rotated upright by their EXIF orientation, with none of their metadata
/// (the GPS position of the workshop, the camera, the thumbnail a phone embeds).
///
/// libvips decodes a JPEG at a reduced scale when the copy is much smaller (shrink-on-load) and
/// streams the rest, so a 12-megapixel photo is never held whole in memory.
enum Photo {
    /// Why a photo could not be read or made, as libvips says it.
    struct Failure: Error, Equatable {
        var message: String
        /// Whether the message says all (too many pixels, a format this libvips cannot read),
        /// rather than what libvips said.
        var whole = false
    }

    /// What a photo's header says, read without decoding its pixels.
    struct Header: Equatable {
        /// As a reader sees it, after its EXIF orientation.
        var width: Int
        var height: Int
        /// More than one for an animation (GIF, WebP) or a multi-page file.
        var pages: Int
    }

    /// What a copy is made as.
    enum Format: String, Sendable {
        case jpeg, webp, png

        /// The shim's number for it.
        var code: Int32 {
            switch self {
            case .jpeg: 0
            case .webp: 1
            case .png: 2
            }
        }
    }

    /// libvips, started once per process.
    private static let started: Bool = us_vips_start() == 0

    private static func failure() -> Failure {
        Failure(message: String(cString: us_vips_error()).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether libvips can read the file at `path` (a HEIC needs libheif's module for it).
    static func canLoad(_ path: String) -> Bool {
        started && us_vips_can_load(path) != 0
    }

    /// The header of the photo at `path`.
    static func header(_ path: String) -> Result<Header, Failure> {
        guard started else { return .failure(failure()) }
        var width: Int32 = 0, height: Int32 = 0, pages: Int32 = 0
        guard us_vips_header(path, &width, &height, &pages) == 0 else { return .failure(failure()) }
        return .success(Header(width: Int(width), height: Int(height), pages: Int(pages)))
    }

    /// Writes to `output` the photo at `path` made at most `width` × `height` (never larger),
    /// upright, without metadata; with `crop`, exactly that size, cropped around what draws the
    /// eye. Returns the copy's size.
    static func copy(_ path: String, width: Int, height: Int, crop: Bool = false, format: Format, quality: Int = 80,
                     to output: String) -> Result<(width: Int, height: Int), Failure> {
        copies(path, width: width, height: height, crop: crop, to: [(format, quality, output)])
    }

    /// `copy` in several formats (each with its quality and file), the photo decoded once.
    static func copies(_ path: String, width: Int, height: Int, crop: Bool = false,
                       to outputs: [(format: Format, quality: Int, path: String)]) -> Result<(width: Int, height: Int), Failure> {
        guard started else { return .failure(failure()) }
        guard let image = us_vips_thumbnail(path, Int32(width), Int32(height), crop ? 1 : 0) else { return .failure(failure()) }
        defer { us_vips_release(image) }
        for output in outputs {
            guard us_vips_save(image, output.path, output.format.code, Int32(output.quality)) == 0 else { return .failure(failure()) }
            if output.format == .webp, let bytes = FileManager.default.contents(atPath: output.path), let bare = withoutMetadata(webp: Array(bytes)) {
                guard (try? OutputWriter.writeFile(output.path, bare)) != nil else { return .failure(Failure(message: "cannot write \(output.path)")) }
            }
        }
        return .success((Int(us_vips_width(image)), Int(us_vips_height(image))))
    }

    /// A WebP file without its EXIF and XMP chunks; nil when it has none or is not one. libvips
    /// 8.14 writes an EXIF chunk of its own even when told to strip (orientation and resolution
    /// only, but a copy is to have none).
    static func withoutMetadata(webp b: [UInt8]) -> [UInt8]? {
        guard b.count >= 12, b[0 ..< 4].elementsEqual("RIFF".utf8), b[8 ..< 12].elementsEqual("WEBP".utf8) else { return nil }
        var out = Array(b[0 ..< 12])
        var dropped = false
        var i = 12
        while i + 8 <= b.count {
            let size = Int(b[i + 4]) | Int(b[i + 5]) << 8 | Int(b[i + 6]) << 16 | Int(b[i + 7]) << 24
            let end = min(b.count, i + 8 + size + (size & 1))
            let fourCC = b[i ..< i + 4]
            if fourCC.elementsEqual("EXIF".utf8) || fourCC.elementsEqual("XMP ".utf8) {
                dropped = true
            } else {
                var chunk = Array(b[i ..< end])
                // VP8X says in its flags which chunks follow: no EXIF (bit 3), no XMP (bit 2).
                if fourCC.elementsEqual("VP8X".utf8), chunk.count > 8 { chunk[8] &= ~UInt8(0x0C) }
                out += chunk
            }
            i = end
        }
        guard dropped else { return nil }
        let riffSize = UInt32(out.count - 8)
        for k in 0 ..< 4 { out[4 + k] = UInt8((riffSize >> (8 * UInt32(k))) & 0xFF) }
        return out
    }
}
