import Foundation
import Synchronization

/// The copies of a site's photos, kept in its `.unionsite-cache/photos/` by a digest of the
/// photo's bytes and what the copy is (its recipe): a photo that did not change is never decoded
/// again, by `build` or by `serve`, however its file was touched or moved.
final class PhotoCache: Sendable {
    /// What a copy of a photo is made as.
    struct Recipe: Hashable, Sendable {
        var width: Int
        var height: Int
        var crop: Bool
        var format: Photo.Format
        var quality: Int

        /// A width, any height, never cropped.
        static func width(_ w: Int, _ format: Photo.Format, quality: Int = 80) -> Recipe {
            Recipe(width: w, height: 100_000, crop: false, format: format, quality: quality)
        }

        /// Part of the copy's file name.
        var name: String { "\(width)x\(height)\(crop ? "c" : "")-q\(quality).\(format.rawValue)" }
    }

    /// A copy in the cache: its file and size, and whether this call made it.
    struct Copy: Equatable, Sendable {
        var path: String
        var width: Int
        var height: Int
        var fresh = false
    }

    /// The cache's folder.
    let folder: String
    /// Its copies by name without the size (`digest-recipe`), listed once.
    private let index = Mutex<[String: Copy]?>(nil)

    init(root: URL) {
        folder = root.appendingPathComponent(".unionsite-cache/photos").path
    }

    /// The digest of a photo's bytes, as the cache names its copies.
    static func digest(_ bytes: [UInt8]) -> String {
        let key = bytes.withUnsafeBufferPointer(TextCache.key)
        return String(key.a, radix: 16) + String(key.b, radix: 16) + "-" + String(key.count, radix: 16)
    }

    /// The copy of the photo at `source` (whose bytes have `digest`) made by `recipe`: the one
    /// in the cache, or made now and kept. The copy's size is in its name, so that a page can be
    /// written without opening the copy.
    func copy(of source: String, digest: String, _ recipe: Recipe) -> Result<Copy, Photo.Failure> {
        copies(of: source, digest: digest, [recipe]).map { $0[0] }
    }

    /// The copies of `copy` by `recipes` of one size (in several formats), in their order: those
    /// the cache lacks made together, from one decoding of the photo.
    func copies(of source: String, digest: String, _ recipes: [Recipe]) -> Result<[Copy], Photo.Failure> {
        let stems = recipes.map { folder + "/" + digest + "-" + $0.name }
        var found = stems.map(cached)
        let missing = found.indices.filter { found[$0] == nil }
        guard let first = missing.first else { return .success(found.compactMap { $0 }) }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Made under names of this process's, then renamed: two builds never see half a copy.
        let temporaries = missing.map { stems[$0] + ".\(getpid()).\(UInt64.random(in: 0 ... .max)).\(recipes[$0].format.rawValue)" }
        let made = Photo.copies(source, width: recipes[first].width, height: recipes[first].height, crop: recipes[first].crop,
                                to: zip(missing, temporaries).map { (recipes[$0].format, recipes[$0].quality, $1) })
        guard case .success(let size) = made else {
            temporaries.forEach { unlink($0) }
            return made.map { _ in [] }
        }
        for (k, temporary) in zip(missing, temporaries) {
            let path = stems[k] + "=\(size.width)x\(size.height).\(recipes[k].format.rawValue)"
            guard rename(temporary, path) == 0 else {
                temporaries.forEach { unlink($0) }
                return .failure(Photo.Failure(message: "cannot write \(path): \(String(cString: strerror(errno)))"))
            }
            let copy = Copy(path: path, width: size.width, height: size.height)
            index.withLock { $0?[(stems[k] as NSString).lastPathComponent] = copy }
            var fresh = copy
            fresh.fresh = true
            found[k] = fresh
        }
        return .success(found.compactMap { $0 })
    }

    /// The copy named `stem=WxH.ext` (`stem` is `digest-recipe`), if the cache has it.
    private func cached(_ stem: String) -> Copy? {
        index.withLock { index in
            if index == nil {
                var found: [String: Copy] = [:]
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                    // `digest-recipe=WxH.ext`; a temporary of a build that stopped has no `=`.
                    guard let eq = name.lastIndex(of: "="), let dot = name.lastIndex(of: "."), eq < dot else { continue }
                    let size = name[name.index(after: eq) ..< dot].split(separator: "x")
                    guard size.count == 2, let w = Int(size[0]), let h = Int(size[1]) else { continue }
                    found[String(name[..<eq])] = Copy(path: folder + "/" + name, width: w, height: h)
                }
                index = found
            }
            return index?[(stem as NSString).lastPathComponent]
        }
    }
}
