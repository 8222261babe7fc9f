import FrontMatter

extension SitePhotos.Crop {
    /// The default theme's crops, which site.yml's `image_sizes` may make at another size.
    static let themes: [SitePhotos.Crop] = [.cover, .og, .portrait]

    /// site.yml's `image_sizes:`: `name: WIDTHxHEIGHT` lines, each a crop made of every cover
    /// and honoree's photo, which templates read as `page.images.name`.
    static func read(_ node: Node, _ f: inout Fields) -> [SitePhotos.Crop] {
        guard case .map(let entries, _) = node else {
            if !node.isNull { f.error("`image_sizes` must be a map of `name: WIDTHxHEIGHT` lines (`square: 400x400`)", at: node.location) }
            return []
        }
        var crops: [SitePhotos.Crop] = []
        for e in entries.entries {
            // The name is part of file names and a template key.
            guard !e.key.isEmpty, e.key.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }) else {
                f.error("the image size `\(e.key)` must be named with a–z, 0–9 and `_` (a template asks for it as `page.images.\(e.key)`)",
                        at: e.value.location)
                continue
            }
            guard let text = f.string(e.value, key: "image_sizes." + e.key) else { continue }
            let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (16...4000).contains(w), (16...4000).contains(h) else {
                f.error("`image_sizes.\(e.key)` must be a size as `WIDTHxHEIGHT` in pixels, each from 16 to 4000 (`400x400`), found `\(text)`",
                        at: e.value.location)
                continue
            }
            // `og` is made once: the sites that show it ask for one size.
            crops.append(SitePhotos.Crop(name: e.key, width: w, height: h, doubled: e.key != "og"))
        }
        return crops
    }
}

extension SiteConfig {
    /// The crops made of an article's cover: the theme's `cover` and `og`, and site.yml's own.
    var coverCrops: [SitePhotos.Crop] { crops(theme: [.cover, .og]) }
    /// The crops made of an honoree's photo: the theme's `portrait`, and site.yml's own.
    var portraitCrops: [SitePhotos.Crop] { crops(theme: [.portrait]) }

    private func crops(theme: [SitePhotos.Crop]) -> [SitePhotos.Crop] {
        let themeNames = Set(SitePhotos.Crop.themes.map(\.name))
        return theme.map { crop in imageSizes.last { $0.name == crop.name } ?? crop }
            + imageSizes.filter { !themeNames.contains($0.name) }
    }
}
