import Foundation
import Synchronization

/// The photos of a site's content, made fit for the web once per change (`PhotoCache`): each
/// JPEG under content/ is published as copies at a few widths, in WebP and JPEG, and at its own
/// path as a copy at its full size; every one upright and without metadata (the phone's GPS
/// position and camera are never published). Pages show them through `PhotoMarkup`.
final class SitePhotos: Sendable {
    /// The widths copies are made at, never larger than the photo.
    static let widths = [480, 960, 1600]
    /// What is processed: photos as phones and cameras write them (HEIC: an iPhone's).
    static let extensions: Set<String> = ["jpg", "jpeg", "heic", "heif"]
    /// Formats no browser shows as they are: their full-size copy is a JPEG, beside them.
    static let unshown: Set<String> = ["heic", "heif"]
    /// The most pixels a photo may have: a phone's are 12 to 50 million; a file that claims
    /// hundreds of millions is a mistake or a decompression bomb, and would take gigabytes.
    static let pixelLimit = 100_000_000

    /// A copy of a photo: its size, and its paths under the output folder in both formats.
    typealias Copy = (width: Int, height: Int, webp: String, jpeg: String)

    /// A crop a layout needs of a photo, cropped around what draws the eye (libvips' attention):
    /// its sizes (at 1× and 2× for a sharp screen).
    enum Crop: String, CaseIterable, Sendable {
        /// A cover on lists and the portal home: 16:9.
        case cover
        /// The picture a link to the page shows where it is shared (Open Graph): 1200 × 630.
        case og
        /// An honoree's photo: 3:4.
        case portrait

        var sizes: [(width: Int, height: Int)] {
            switch self {
            case .cover: [(640, 360), (1280, 720)]
            case .og: [(1200, 630)]
            case .portrait: [(300, 400), (600, 800)]
            }
        }
    }

    /// A photo as the site publishes it.
    struct Published: Sendable {
        /// The photo's size, upright.
        var width: Int
        var height: Int
        /// Its copies, narrowest first.
        var copies: [Copy]
        /// The crops its places in layouts need, narrowest first.
        var crops: [Crop: [Copy]] = [:]
        /// What the copies are made of (the photo's digest and the crops): what the facts of a
        /// page that shows them hold.
        var key: UInt64 = 0
        /// What stands for the photo where a page links to it or names it (`cover`, `photo`):
        /// its copy at full size when originals are published, else its largest copy.
        var main = ""
    }

    let cache: PhotoCache
    /// `pixelLimit`, or less in the tests.
    let limit: Int
    /// The digest of each photo's bytes by its file's stamp, for the builds of this process.
    private let digests = Mutex<[String: (SourceCache.Stamp, String)]>([:])
    /// How many copies were made (not found in the cache), for the tests and the progress line.
    let made = Atomic<Int>(0)

    init(root: URL, pixelLimit: Int = SitePhotos.pixelLimit) {
        cache = PhotoCache(root: root)
        limit = pixelLimit
    }

    /// Whether the asset at `path` (under content/) is a photo this processes.
    static func isPhoto(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// Every photo among `assets`, processed: by content path, what the site publishes of it,
    /// and the files that publish it (cache file → output path); a photo that cannot be read is
    /// a located error.
    /// `progress`: told, when photos are to be made, how many are done, every tenth of them.
    /// `crops`: the crops each photo (by its path under content/) is used at.
    /// `originals`: publish each photo whole, as a copy without metadata, at its own path.
    func process(_ assets: [ContentAsset], crops: [String: Set<Crop>] = [:], originals: Bool = false,
                 progress: (@Sendable (String) -> Void)? = nil)
        -> (photos: [String: Published], files: [(URL, String)], diagnostics: [Diagnostic]) {
        let photos = assets.filter { Self.isPhoto($0.path) }
        let done = Atomic<Int>(0)
        let madeBefore = made.load(ordering: .relaxed)
        let results = concurrentMap(photos) { asset in
            let r = self.publish(asset, crops: crops[asset.path] ?? [], original: originals)
            let n = done.add(1, ordering: .relaxed).newValue
            // Only once copies are being made: a build that finds them all in the cache says nothing.
            if let progress, self.made.load(ordering: .relaxed) > madeBefore, n % max(1, photos.count / 10) == 0 || n == photos.count {
                progress("photos: \(n) of \(photos.count)")
            }
            return r
        }
        var published: [String: Published] = [:], files: [(URL, String)] = [], diagnostics: [Diagnostic] = []
        for (asset, result) in zip(photos, results) {
            switch result {
            case .success(let (p, f)):
                published[asset.path] = p
                files += f
            case .failure(let failure):
                diagnostics.append(Diagnostic(file: "content/" + asset.path, message: failure.whole ? failure.message
                    : "cannot read the photo: \(failure.message); expected a JPEG a camera or phone wrote"))
            }
        }
        return (published, files, diagnostics)
    }

    private func publish(_ asset: ContentAsset, crops: Set<Crop>, original: Bool) -> Result<(Published, [(URL, String)]), Photo.Failure> {
        let source = asset.source.path
        let ext = asset.path.lastIndex(of: ".").map { asset.path[asset.path.index(after: $0)...].lowercased() } ?? ""
        if Self.unshown.contains(ext), !Photo.canLoad(source) {
            return .failure(Photo.Failure(message: "this build's libvips cannot read \(ext.uppercased()) (an iPhone's photos): expected a JPEG; save the photo as JPEG (on the iPhone, Settings › Camera › Formats › Most Compatible), or install libvips' HEIF module",
                                          whole: true))
        }
        guard let digest = digest(of: source) else { return .failure(Photo.Failure(message: "the file cannot be read")) }
        let header: Photo.Header
        switch Photo.header(source) {
        case .success(let h): header = h
        case .failure(let f): return .failure(f)
        }
        guard header.width * header.height <= limit else {
            return .failure(Photo.Failure(message: "the photo has \(header.width) × \(header.height) pixels: expected at most \(limit) (a phone's photo has 12 to 50 million), or a file that is not a decompression bomb",
                                          whole: true))
        }
        let stem = asset.path.lastIndex(of: ".").map { String(asset.path[..<$0]) } ?? asset.path
        var files: [(URL, String)] = []
        /// A copy made in the cache (or found there), counted, published at `path`.
        func copy(_ recipe: PhotoCache.Recipe, at path: (PhotoCache.Copy) -> String) throws(Photo.Failure) -> PhotoCache.Copy {
            let c = try count(cache.copy(of: source, digest: digest, recipe)).get()
            files.append((URL(fileURLWithPath: c.path), path(c)))
            return c
        }
        /// A copy in WebP and JPEG, named by `name` of its size.
        func both(_ recipe: PhotoCache.Recipe, _ name: @escaping (Int, Int) -> String) throws(Photo.Failure) -> Copy {
            var webp = recipe, jpeg = recipe
            (webp.format, jpeg.format) = (.webp, .jpeg)
            _ = try copy(webp) { name($0.width, $0.height) + ".webp" }
            let c = try copy(jpeg) { name($0.width, $0.height) + ".jpg" }
            return (c.width, c.height, name(c.width, c.height) + ".webp", name(c.width, c.height) + ".jpg")
        }
        do throws(Photo.Failure) {
            let widths = Self.widths.filter { $0 < header.width } + [min(header.width, Self.widths.last ?? header.width)]
            let copies = try Set(widths).sorted().map { (w) throws(Photo.Failure) in try both(.width(w, .jpeg)) { w, _ in stem + "-\(w)" } }
            var published = Published(width: header.width, height: header.height, copies: copies)
            var key = Fingerprint()
            key.add(digest)
            for crop in Crop.allCases where crops.contains(crop) {
                key.add(crop.rawValue)
                // A size the photo is too small for is left out (but the first): cropped down from
                // less, it would not have the crop's shape.
                for (k, (w, h)) in crop.sizes.enumerated() where k == 0 || (w <= header.width && h <= header.height) {
                    let recipe = PhotoCache.Recipe(width: w, height: h, crop: true, format: .jpeg, quality: 80)
                    published.crops[crop, default: []].append(try both(recipe) { w, h in stem + "-\(crop.rawValue)-\(w)x\(h)" })
                }
            }
            published.key = key.value
            published.main = copies.last?.jpeg ?? asset.path
            if original {
                // Asked for: at its own path (a JPEG beside a HEIC), the photo at its full size,
                // upright and without metadata.
                let path = Self.unshown.contains(ext) ? stem + ".jpg" : asset.path
                _ = try copy(PhotoCache.Recipe(width: header.width, height: header.height, crop: false, format: .jpeg, quality: 85)) { _ in path }
                published.main = path
            }
            return .success((published, files))
        } catch {
            return .failure(error)
        }
    }

    /// Counts a copy the cache had to make.
    private func count(_ r: Result<PhotoCache.Copy, Photo.Failure>) -> Result<PhotoCache.Copy, Photo.Failure> {
        if case .success(let c) = r, c.fresh { made.add(1, ordering: .relaxed) }
        return r
    }

    /// The digest of the file's bytes, read again only when its stamp changed.
    private func digest(of path: String) -> String? {
        guard let stamp = SourceCache.stamp(path) else { return nil }
        if let (s, d) = digests.withLock({ $0[path] }), s == stamp { return d }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let d = PhotoCache.digest(Array(data))
        digests.withLock { $0[path] = (stamp, d) }
        return d
    }
}
