import Foundation
import Synchronization

/// The photos of a site's content, made fit for the web once per change (`PhotoCache`): each
/// JPEG, HEIC, PNG or WebP under content/ is published as copies at a few widths, in WebP and a
/// fallback format, and at the crops layouts need; at its own path only when site.yml asks.
/// Every copy is upright and without metadata (the phone's GPS position and camera are never
/// published). Pages show them through `PhotoMarkup`.
final class SitePhotos: Sendable {
    /// The widths copies are made at, never larger than the photo.
    static let widths = [480, 960, 1600]
    /// What is processed: photos as phones and cameras write them (HEIC: an iPhone's), and the
    /// PNG and WebP images of screenshots, charts and other sites. GIF and SVG are published as
    /// they are (an animation, a drawing), and so is an animated WebP or PNG.
    static let extensions: Set<String> = ["jpg", "jpeg", "heic", "heif", "png", "webp"]
    /// Formats no browser shows as they are: their full-size copy is a JPEG, beside them.
    static let unshown: Set<String> = ["heic", "heif"]
    /// The most pixels a photo may have: a phone's are 12 to 50 million; a file that claims
    /// hundreds of millions is a mistake or a decompression bomb, and would take gigabytes.
    static let pixelLimit = 100_000_000

    /// What copies of a file with extension `ext` are made as beside WebP, for a browser
    /// without it: a PNG keeps its transparency as PNG; a WebP needs none (every browser that
    /// shows `<picture>` shows WebP); a photo is a JPEG.
    static func fallbackFormat(_ ext: String) -> Photo.Format {
        switch ext {
        case "png": .png
        case "webp": .webp
        default: .jpeg
        }
    }

    /// A copy of a photo: its size, and its paths under the output folder in WebP and in the
    /// fallback format (the same path when that is WebP too).
    typealias Copy = (width: Int, height: Int, webp: String, fallback: String)

    /// A crop a layout needs of a photo, cropped around what draws the eye (libvips' attention).
    /// The default theme's are `cover`, `og` and `portrait`; site.yml's `image_sizes` sets
    /// them and names more (`Site.crops`).
    struct Crop: Hashable, Sendable {
        /// How templates ask for it (`page.images.cover`), and part of its files' names.
        var name: String
        var width: Int
        var height: Int
        /// Whether it is also made at twice the size, for a sharp screen.
        var doubled = true

        /// A cover on lists and the portal home: 16:9.
        static let cover = Crop(name: "cover", width: 640, height: 360)
        /// The picture a link to the page shows where it is shared (Open Graph): the size the
        /// sites that show it ask for, once.
        static let og = Crop(name: "og", width: 1200, height: 630, doubled: false)
        /// An honoree's photo: 3:4.
        static let portrait = Crop(name: "portrait", width: 300, height: 400)

        /// Its sizes, smallest first.
        var sizes: [(width: Int, height: Int)] {
            doubled ? [(width, height), (2 * width, 2 * height)] : [(width, height)]
        }
    }

    /// A photo as the site publishes it.
    struct Published: Sendable {
        /// The photo's size, upright.
        var width: Int
        var height: Int
        /// Its copies, narrowest first.
        var copies: [Copy]
        /// The crops its places in layouts need, by name, each narrowest first.
        var crops: [String: [Copy]] = [:]
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
    /// The header of each photo by its digest, for the builds of this process: `serve` opens
    /// none of the unchanged ones again.
    private let headers = Mutex<[String: Photo.Header]>([:])
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
            case .success(nil):
                // An animation: published as it is, like any other file.
                continue
            case .success(let (p, f)?):
                published[asset.path] = p
                files += f
            case .failure(let failure):
                diagnostics.append(Diagnostic(file: "content/" + asset.path, message: failure.whole ? failure.message
                    : "cannot read the image: \(failure.message); expected a JPEG, PNG or WebP a camera, phone or program wrote"))
            }
        }
        return (published, files, diagnostics)
    }

    /// What the site publishes of `asset`, and the files that do; nil for an animation, which
    /// is published as it is.
    private func publish(_ asset: ContentAsset, crops: Set<Crop>, original: Bool) -> Result<(Published, [(URL, String)])?, Photo.Failure> {
        let source = asset.source.path
        let ext = asset.path.lastIndex(of: ".").map { asset.path[asset.path.index(after: $0)...].lowercased() } ?? ""
        if Self.unshown.contains(ext), !Photo.canLoad(source) {
            return .failure(Photo.Failure(message: "this build's libvips cannot read \(ext.uppercased()) (an iPhone's photos): expected a JPEG; save the photo as JPEG (on the iPhone, Settings › Camera › Formats › Most Compatible), or install libvips' HEIF module",
                                          whole: true))
        }
        guard let digest = digest(of: source) else { return .failure(Photo.Failure(message: "the file cannot be read")) }
        let header: Photo.Header
        if let known = headers.withLock({ $0[digest] }) {
            header = known
        } else {
            switch Photo.header(source) {
            case .success(var h):
                // libvips 8.14 reads an animated PNG as its first frame, one page: its `acTL` chunk tells.
                if ext == "png", h.pages == 1, Self.isAnimatedPNG(source) { h.pages = 2 }
                header = h
            case .failure(let f): return .failure(f)
            }
            headers.withLock { $0[digest] = header }
        }
        // An animated WebP or PNG: its copies would keep one frame.
        if header.pages > 1, !Self.unshown.contains(ext) { return .success(nil) }
        guard header.width * header.height <= limit else {
            return .failure(Photo.Failure(message: "the photo has \(header.width) × \(header.height) pixels: expected at most \(limit) (a phone's photo has 12 to 50 million), or a file that is not a decompression bomb",
                                          whole: true))
        }
        let stem = asset.path.lastIndex(of: ".").map { String(asset.path[..<$0]) } ?? asset.path
        var files: [(URL, String)] = []
        /// Copies of one size made in the cache (or found there), counted, each published at
        /// what `path` says of it.
        func make(_ recipes: [PhotoCache.Recipe], at path: (Int, PhotoCache.Copy) -> String) throws(Photo.Failure) -> [PhotoCache.Copy] {
            let made = try cache.copies(of: source, digest: digest, recipes).get()
            self.made.add(made.count { $0.fresh }, ordering: .relaxed)
            for (k, c) in made.enumerated() { files.append((URL(fileURLWithPath: c.path), path(k, c))) }
            return made
        }
        let fallback = Self.fallbackFormat(ext)
        let suffix = fallback == .png ? ".png" : ".jpg"
        /// A copy in WebP and the fallback format (one file when that is WebP), named by `name`
        /// of its size.
        func both(_ recipe: PhotoCache.Recipe, _ name: @escaping (Int, Int) -> String) throws(Photo.Failure) -> Copy {
            var webp = recipe, other = recipe
            (webp.format, other.format) = (.webp, fallback)
            let made = try make(fallback == .webp ? [webp] : [webp, other]) { k, c in
                name(c.width, c.height) + (k == 0 ? ".webp" : suffix)
            }
            let c = made[0]
            let webpPath = name(c.width, c.height) + ".webp"
            return (c.width, c.height, webpPath, made.count > 1 ? name(c.width, c.height) + suffix : webpPath)
        }
        do throws(Photo.Failure) {
            let widths = Self.widths.filter { $0 < header.width } + [min(header.width, Self.widths.last ?? header.width)]
            let copies = try Set(widths).sorted().map { (w) throws(Photo.Failure) in try both(.width(w, .jpeg)) { w, _ in stem + "-\(w)" } }
            var published = Published(width: header.width, height: header.height, copies: copies)
            var key = Fingerprint()
            key.add(digest)
            for crop in crops.sorted(by: { $0.name < $1.name }) {
                key.add(crop.name)
                // A size the photo is too small for is left out (but the first): cropped down from
                // less, it would not have the crop's shape.
                for (k, (w, h)) in crop.sizes.enumerated() where k == 0 || (w <= header.width && h <= header.height) {
                    key.add("\(w)x\(h)")
                    let recipe = PhotoCache.Recipe(width: w, height: h, crop: true, format: .jpeg, quality: 80)
                    published.crops[crop.name, default: []].append(try both(recipe) { w, h in stem + "-\(crop.name)-\(w)x\(h)" })
                }
            }
            published.key = key.value
            published.main = copies.last?.fallback ?? asset.path
            if original {
                // Asked for: at its own path (a JPEG beside a HEIC), the photo at its full size,
                // upright and without metadata.
                let path = Self.unshown.contains(ext) ? stem + ".jpg" : asset.path
                _ = try make([PhotoCache.Recipe(width: header.width, height: header.height, crop: false, format: fallback, quality: 85)]) { _, _ in path }
                published.main = path
            }
            return .success((published, files))
        } catch {
            return .failure(error)
        }
    }

    /// Whether the PNG at `path` is an animation (APNG): an `acTL` chunk before its first `IDAT`.
    static func isAnimatedPNG(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let signature = try? handle.read(upToCount: 8), signature.count == 8 else { return false }
        while let head = try? handle.read(upToCount: 8), head.count == 8 {
            let length = head.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: head.suffix(4), as: UTF8.self)
            if type == "acTL" { return true }
            if type == "IDAT" || type == "IEND" { return false }
            guard let offset = try? handle.offset(), (try? handle.seek(toOffset: offset + UInt64(length) + 4)) != nil else { return false }
        }
        return false
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
