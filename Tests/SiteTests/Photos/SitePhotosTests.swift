import Foundation
import Testing
import TestSupport
import Synchronization
@testable import Site

/// A site whose article shows two phone photos (the first portrait by its EXIF orientation), with
/// the default theme.
private func photoSite() throws -> TestSite {
    let site = try TestSite("""
    -- site.yml --
    title: 示例
    \(article("a.md", "title: 车间\ndate: 2024-03-01", body: "![车间一角](photo.jpg)\n\n正文。\n\n![第二张](second.jpg \"标题\")"))
    """, withTemplates: false)
    #expect(Photo.writeTestImage(site.root.path + "/content/news/photo.jpg", width: 2000, height: 1500, exif: phoneEXIF(orientation: 6)))
    #expect(Photo.writeTestImage(site.root.path + "/content/news/second.jpg", width: 800, height: 600, exif: phoneEXIF(orientation: 1)))
    return site
}

@Test func aBodyPhotoBecomesAPictureOfUprightCopiesAtSeveralWidths() throws {
    let site = try photoSite()
    defer { site.remove() }
    #expect(site.build() == [])
    let page = try #require(site.output("news/che-jian/index.html"))
    // Portrait (orientation 6): 1500 × 2000 upright, so 480, 960 and 1500 wide.
    #expect(page.contains("<picture><source type=\"image/webp\" srcset=\"/news/photo-480.webp 480w, /news/photo-960.webp 960w, /news/photo-1500.webp 1500w\" sizes=\"\(PhotoMarkup.sizes)\">"))
    #expect(page.contains("<img src=\"/news/photo-960.jpg\" srcset=\"/news/photo-480.jpg 480w, /news/photo-960.jpg 960w, /news/photo-1500.jpg 1500w\" sizes=\"\(PhotoMarkup.sizes)\" width=\"1500\" height=\"2000\" alt=\"车间一角\"></picture>"))
    // The second is lazy; its title stays; a photo narrower than 1600 is not made larger.
    #expect(page.contains("srcset=\"/news/second-480.jpg 480w, /news/second-800.jpg 800w\""))
    #expect(page.contains("width=\"800\" height=\"600\" alt=\"第二张\" title=\"标题\" loading=\"lazy\" decoding=\"async\"></picture>"))
    for file in ["photo-480.webp", "photo-960.webp", "photo-1500.webp", "photo-480.jpg", "photo-1500.jpg", "second-800.webp"] {
        #expect(site.exists("public/news/" + file), "\(file)")
    }
    #expect(try Photo.header(site.output.path + "/news/photo-1500.jpg").get() == Photo.Header(width: 1500, height: 2000, pages: 1))
}

@Test func noPublishedFileKeepsTheCameraOrTheGPSPosition() throws {
    let site = try photoSite()
    defer { site.remove() }
    #expect(site.build() == [])
    let output = site.output.path
    let files = (FileManager.default.enumerator(atPath: output)?.allObjects as? [String] ?? []).filter {
        $0.hasSuffix(".jpg") || $0.hasSuffix(".webp")
    }
    #expect(files.count == 10)
    for file in files {
        let bytes = try #require(FileManager.default.contents(atPath: output + "/" + file))
        #expect(bytes.range(of: Data("UnionCam".utf8)) == nil, "\(file)")
        #expect(bytes.range(of: Data("Exif".utf8)) == nil, "\(file)")
    }
    // The photos themselves are not published.
    #expect(!site.exists("public/news/photo.jpg") && !site.exists("public/news/second.jpg"))
}

@Test func photoOriginalsPublishesEachPhotoWholeUprightAndBare() throws {
    let site = try photoSite()
    defer { site.remove() }
    try site.write("site.yml", "title: 示例\nphoto_originals: true\n")
    #expect(site.build() == [])
    let bytes = try #require(FileManager.default.contents(atPath: site.output.path + "/news/photo.jpg"))
    #expect(bytes.range(of: Data("UnionCam".utf8)) == nil)
    #expect(try Photo.header(site.output.path + "/news/photo.jpg").get() == Photo.Header(width: 1500, height: 2000, pages: 1))
}

@Test func aLinkToAPhotoOrACoverLeadsToItsLargestCopyWithoutABrokenLinkWarning() throws {
    let site = try photoSite()
    defer { site.remove() }
    try site.write("content/news/b.md", "---\ntitle: 原图\ndate: 2024-03-02\ncover: photo.jpg\n---\n[下载原图](photo.jpg)\n")
    #expect(site.build() == [])
    let page = try #require(site.output("news/yuan-tu/index.html"))
    #expect(page.contains("<a href=\"/news/photo-1500.jpg\">下载原图</a>"))
    let check = site.builder().check().map(\.summary).filter { $0.contains("points inside the site at nothing") }
    #expect(check == [])
}

@Test func anUnchangedRebuildMakesNoCopyAndAChangedPhotoShowsInThePage() throws {
    let site = try photoSite()
    defer { site.remove() }
    let live = IncrementalBuild(builder: site.builder())
    _ = try live.rebuild()
    let first = live.photos.made.load(ordering: .relaxed)
    #expect(first == 10)  // 3 widths of one, 2 of the other, in WebP and JPEG
    _ = try live.rebuild()
    #expect(live.photos.made.load(ordering: .relaxed) == first)
    // Another process, the same site: the copies are in the cache.
    let again = IncrementalBuild(builder: site.builder())
    try site.remove("public")
    _ = try again.rebuild()
    #expect(again.photos.made.load(ordering: .relaxed) == 0)
    // A photo replaced while serving: its page shows the new one's size.
    #expect(Photo.writeTestImage(site.root.path + "/content/news/second.jpg", width: 600, height: 600, exif: []))
    _ = try again.rebuild(changed: ["content/news/second.jpg"])
    #expect(try #require(site.output("news/che-jian/index.html")).contains("width=\"600\" height=\"600\" alt=\"第二张\""))
}

@Test func aNewPhotoSavedWhileServingAppearsInThePagesThatShowIt() throws {
    let site = try photoSite()
    defer { site.remove() }
    try site.write(article("b.md", "title: 新闻\ndate: 2024-03-02\ncover: later.jpg", body: "![稍后补上的照片](later.jpg)"))
    let live = IncrementalBuild(builder: site.builder())
    // Before the photo is there: a warning at the image, and the page without it.
    let before = try live.rebuild()
    #expect(before.warnings.map(\.summary).filter { $0.contains("later.jpg") } == [
        "content/news/b.md:6:1: warning: image to `later.jpg` points inside the site at nothing: put the file under content/ (it is copied to the same path) or fix the path",
        "content/news/b.md:4:8: warning: image to `later.jpg` points inside the site at nothing: put the file under content/ (it is copied to the same path) or fix the path",
    ])
    #expect(try #require(site.output("news/xin-wen/index.html")).contains("<img src=\"/news/later.jpg\""))
    // Saved while serving: the article's page and the home page's cover show its copies.
    #expect(Photo.writeTestImage(site.root.path + "/content/news/later.jpg", width: 1000, height: 800, exif: phoneEXIF(orientation: 1)))
    let after = try live.rebuild(changed: ["content/news/later.jpg"])
    #expect(!after.warnings.map(\.summary).contains { $0.contains("later.jpg") })
    #expect(try #require(site.output("news/xin-wen/index.html")).contains("srcset=\"/news/later-480.jpg 480w, /news/later-960.jpg 960w, /news/later-1000.jpg 1000w\" sizes=\"\(PhotoMarkup.sizes)\" width=\"1000\" height=\"800\" alt=\"稍后补上的照片\""))
    #expect(try #require(site.output("index.html")).contains("/news/later-cover-640x360.jpg"))
    #expect(site.exists("public/news/later-cover-640x360.webp"))
}

@Test func aPhotoThatCannotBeReadIsALocatedErrorAndTheLastSiteStays() throws {
    let site = try photoSite()
    defer { site.remove() }
    #expect(site.build() == [])
    try site.write("content/news/second.jpg", "not a photo")
    let messages = site.build().map(\.summary)
    #expect(messages.count == 1)
    #expect(messages.first?.hasPrefix("content/news/second.jpg: cannot read the image: ") == true)
    #expect(site.exists("public/news/second-800.jpg"))
}

@Test func aPhotoWithMorePixelsThanTheLimitIsALocatedErrorNotDecoded() throws {
    let site = try photoSite()
    defer { site.remove() }
    let assets = [ContentAsset(path: "news/photo.jpg", source: URL(fileURLWithPath: site.root.path + "/content/news/photo.jpg"))]
    let photos = SitePhotos(root: site.root, pixelLimit: 1_000_000)
    let (published, files, diagnostics) = photos.process(assets)
    #expect(published.isEmpty && files.isEmpty)
    #expect(diagnostics.map(\.summary) == [
        "content/news/photo.jpg: the photo has 1500 × 2000 pixels: expected at most 1000000 (a phone's photo has 12 to 50 million), or a file that is not a decompression bomb",
    ])
    #expect(photos.made.load(ordering: .relaxed) == 0)
}

@Test func aCoverAndAnHonoreesPhotoAreCroppedForTheirPlaces() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 示例
    base_url: https://example.org/
    \(article("a.md", "title: 车间\ndate: 2024-03-01\ncover: photo.jpg\n封面说明: 电工在配电柜前检修", body: "正文。"))
    \(honoree("zhang.md", "name: 张师傅\nphoto: zhang.jpg\nhonors:\n  - {title: 劳动模范, year: 2020, level: national}"))
    """, withTemplates: false)
    defer { site.remove() }
    #expect(Photo.writeTestImage(site.root.path + "/content/news/photo.jpg", width: 2000, height: 1500, exif: phoneEXIF(orientation: 1)))
    #expect(Photo.writeTestImage(site.root.path + "/content/honorees/zhang.jpg", width: 1200, height: 1200, exif: phoneEXIF(orientation: 1)))
    #expect(site.build() == [])
    let home = try #require(site.output("index.html"))
    #expect(home.contains("<picture><source type=\"image/webp\" srcset=\"/news/photo-cover-640x360.webp 640w, /news/photo-cover-1280x720.webp 1280w\""))
    #expect(home.contains("<img src=\"/news/photo-cover-640x360.jpg\" srcset=\"/news/photo-cover-640x360.jpg 640w, /news/photo-cover-1280x720.jpg 1280w\""))
    #expect(home.contains("width=\"640\" height=\"360\""))
    let page = try #require(site.output("news/che-jian/index.html"))
    #expect(page.contains("<meta property=\"og:image\" content=\"https://example.org/news/photo-og-1200x630.jpg\">"))
    #expect(page.contains("<meta property=\"og:image:width\" content=\"1200\">"))
    #expect(page.contains("<meta property=\"og:image:alt\" content=\"电工在配电柜前检修\">"))
    #expect(try Photo.header(site.output.path + "/news/photo-og-1200x630.jpg").get() == Photo.Header(width: 1200, height: 630, pages: 1))
    let profile = try #require(site.output("honorees/zhang-shi-fu/index.html"))
    #expect(profile.contains("class=\"profile-photo\" src=\"/honorees/zhang-portrait-300x400.jpg\""))
    #expect(profile.contains("alt=\"张师傅的照片\" width=\"300\" height=\"400\""))
    #expect(try Photo.header(site.output.path + "/honorees/zhang-portrait-600x800.webp").get() == Photo.Header(width: 600, height: 800, pages: 1))
}

@Test func checkWarnsAtAnImageWithoutADescription() throws {
    let site = try TestSite(article("a.md", "title: 车间\ndate: 2024-03-01", body: "![](photo.gif)\n\n![车间一角](photo.gif)") + "\n-- content/news/photo.gif --\nGIF89a\n")
    defer { site.remove() }
    let warnings = site.builder().check().map(\.summary).filter { $0.contains("description") }
    #expect(warnings == [
        "content/news/a.md:5:1: warning: image `photo.gif` has no description: write what it shows between the brackets, e.g. `![车间一角](photo.gif)`, for readers who cannot see it",
    ])
}

@Test func checkWarnsAtAnImageLargerThanTheSitesLimit() throws {
    let site = try TestSite("-- site.yml --\ntitle: 示例\nimage_warn_mb: 1\n" + article("a.md", "title: 车间\ndate: 2024-03-01", body: "![大图](big.gif)\n\n![小图](small.gif)"))
    defer { site.remove() }
    try site.write("content/news/big.gif", String(repeating: "x", count: 1_500_000))
    try site.write("content/news/small.gif", "GIF89a")
    let warnings = site.builder().check().map(\.summary).filter { $0.contains("image_warn_mb") }
    #expect(warnings == [
        "content/news/big.gif: warning: the image is 1.5 MB, more than the 1 MB of site.yml's `image_warn_mb`: make it smaller before adding it, or raise the limit",
    ])
}

@Test func anIPhonesHEICPhotoIsPublishedAsCopiesOrIsAnErrorThatSaysWhatToDo() throws {
    let site = try TestSite(article("a.md", "title: 车间\ndate: 2024-03-01", body: "![车间](iphone.heic)"))
    defer { site.remove() }
    let path = site.root.path + "/content/news/iphone.heic"
    #expect(Photo.writeTestImage(path, width: 800, height: 600, exif: phoneEXIF(orientation: 1)))
    if Photo.canLoad(path) {
        // libvips with its HEIF module (Debian's has it): copies, in formats browsers show.
        #expect(site.build() == [])
        #expect(try #require(site.output("news/che-jian/index.html")).contains("srcset=\"/news/iphone-480.jpg 480w, /news/iphone-800.jpg 800w\""))
        #expect(try Photo.header(site.output.path + "/news/iphone-800.jpg").get() == Photo.Header(width: 800, height: 600, pages: 1))
        #expect(!site.exists("public/news/iphone.heic"))
    } else {
        #expect(site.build().map(\.summary) == [
            "content/news/iphone.heic: this build's libvips cannot read HEIC (an iPhone's photos): expected a JPEG; save the photo as JPEG (on the iPhone, Settings › Camera › Formats › Most Compatible), or install libvips' HEIF module",
        ])
    }
}

@Test func aPNGKeepsPNGCopiesBesideWebPAndAWebPIsCopiedAsWebPOnly() throws {
    let site = try TestSite(article("a.md", "title: 车间\ndate: 2024-03-01", body: "![图表](chart.png)\n\n![别处的图](other.webp)"))
    defer { site.remove() }
    #expect(Photo.writeTestImage(site.root.path + "/content/news/chart.png", width: 1200, height: 800, exif: phoneEXIF(orientation: 1)))
    #expect(Photo.writeTestImage(site.root.path + "/content/news/other.webp", width: 1000, height: 500, exif: phoneEXIF(orientation: 1)))
    #expect(site.build() == [])
    let page = try #require(site.output("news/che-jian/index.html"))
    // A PNG (a chart, a screenshot, perhaps transparent): WebP, and PNG for the browsers without it.
    #expect(page.contains("<picture><source type=\"image/webp\" srcset=\"/news/chart-480.webp 480w, /news/chart-960.webp 960w, /news/chart-1200.webp 1200w\""))
    #expect(page.contains("<img src=\"/news/chart-960.png\" srcset=\"/news/chart-480.png 480w, /news/chart-960.png 960w, /news/chart-1200.png 1200w\""))
    // A WebP: its copies are WebP, with no <source> to choose between.
    #expect(page.contains("<picture><img src=\"/news/other-960.webp\" srcset=\"/news/other-480.webp 480w, /news/other-960.webp 960w, /news/other-1000.webp 1000w\""))
    let png = try #require(FileManager.default.contents(atPath: site.output.path + "/news/chart-960.png"))
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    for file in ["news/chart-960.png", "news/chart-960.webp", "news/other-1000.webp"] {
        let bytes = try #require(FileManager.default.contents(atPath: site.output.path + "/" + file))
        #expect(bytes.range(of: Data("UnionCam".utf8)) == nil, "\(file)")
    }
    #expect(!site.exists("public/news/chart.png") && !site.exists("public/news/other.webp"))
}

@Test func anAnimationAndADrawingArePublishedAsTheyAre() throws {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
    let site = try TestSite(article("a.md", "title: 车间\ndate: 2024-03-01", body: "![动图](moving.gif)\n\n![动图二](moving.webp)\n\n![示意图](drawing.svg)")
        + "\n-- content/news/drawing.svg --\n\(svg)\n")
    defer { site.remove() }
    for name in ["moving.gif", "moving.webp"] {
        #expect(Photo.writeTestImage(site.root.path + "/content/news/" + name, width: 64, height: 48, exif: [], pages: 3))
    }
    #expect(try Photo.header(site.root.path + "/content/news/moving.webp").get().pages == 3)
    #expect(site.build() == [])
    let page = try #require(site.output("news/che-jian/index.html"))
    #expect(!page.contains("<picture>"))
    for name in ["moving.gif", "moving.webp", "drawing.svg"] {
        #expect(FileManager.default.contents(atPath: site.output.path + "/news/" + name) == FileManager.default.contents(atPath: site.root.path + "/content/news/" + name), "\(name)")
        #expect(page.contains("src=\"/news/\(name)\""), "\(name)")
    }
}

@Test func siteYmlNamesCropsThatTemplatesReadAndResizesTheThemes() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 示例
    image_sizes:
      square: 200x200
      cover: 320x180
    \(article("a.md", "title: 车间\ndate: 2024-03-01\ncover: photo.jpg\ncover_alt: 车间全景", body: "正文。"))
    \(honoree("zhang.md", "name: 张师傅\nphoto: zhang.jpg\nhonors:\n  - {title: 劳动模范, year: 2020, level: national}"))
    -- templates/article.html --
    {{ page.images.square.url }} {{ page.images.square.srcset }}|{{ page.cover_image.url }} {{ page.cover_image.width }}x{{ page.cover_image.height }}|{{ page.images.og.width }}|{{ page.images.square.alt }}
    -- templates/honoree.html --
    {{ page.images.square.url }}|{{ page.photo_image.url }}|{{ page.images.cover.url }}|{{ page.photo_image.alt }}
    -- templates/honors.html --
    -- templates/honor.html --
    -- templates/honor_year.html --
    """)
    defer { site.remove() }
    #expect(Photo.writeTestImage(site.root.path + "/content/news/photo.jpg", width: 2000, height: 1500, exif: phoneEXIF(orientation: 1)))
    #expect(Photo.writeTestImage(site.root.path + "/content/honorees/zhang.jpg", width: 1200, height: 1200, exif: phoneEXIF(orientation: 1)))
    #expect(site.build().filter { $0.severity == .error } == [])
    #expect(try #require(site.output("news/che-jian/index.html")).trimmingCharacters(in: .whitespacesAndNewlines)
        == "/news/photo-square-200x200.jpg /news/photo-square-200x200.jpg 200w, /news/photo-square-400x400.jpg 400w|/news/photo-cover-320x180.jpg 320x180|1200|车间全景")
    // An honoree's photo gets site.yml's own sizes, and not a cover's.
    #expect(try #require(site.output("honorees/zhang-shi-fu/index.html")).trimmingCharacters(in: .whitespacesAndNewlines)
        == "/honorees/zhang-square-200x200.jpg|/honorees/zhang-portrait-300x400.jpg||张师傅")
    #expect(try Photo.header(site.output.path + "/news/photo-square-400x400.webp").get() == Photo.Header(width: 400, height: 400, pages: 1))
}

@Test func aSizeSiteYmlCannotMeanIsALocatedError() throws {
    let site = try TestSite("-- site.yml --\ntitle: 示例\nimage_sizes:\n  square: 200 by 200\n  大图: 800x600\n  tiny: 8x8\n")
    defer { site.remove() }
    #expect(site.build().map(\.summary) == [
        "site.yml:3:11: `image_sizes.square` must be a size as `WIDTHxHEIGHT` in pixels, each from 16 to 4000 (`400x400`), found `200 by 200`",
        "site.yml:4:7: the image size `大图` must be named with a–z, 0–9 and `_` (a template asks for it as `page.images.大图`)",
        "site.yml:5:9: `image_sizes.tiny` must be a size as `WIDTHxHEIGHT` in pixels, each from 16 to 4000 (`400x400`), found `8x8`",
    ])
}

@Test func anImgInRawHTMLBecomesAPictureToo() throws {
    let site = try TestSite(article("a.md", "title: 车间\ndate: 2024-03-01", body: "<p><img src=\"photo.jpg\" alt=\"车间一角\" class=\"wide\"></p>"))
    defer { site.remove() }
    #expect(Photo.writeTestImage(site.root.path + "/content/news/photo.jpg", width: 1000, height: 750, exif: phoneEXIF(orientation: 1)))
    #expect(site.build() == [])
    let page = try #require(site.output("news/che-jian/index.html"))
    #expect(page.contains("<img src=\"/news/photo-960.jpg\" srcset=\"/news/photo-480.jpg 480w, /news/photo-960.jpg 960w, /news/photo-1000.jpg 1000w\" sizes=\"\(PhotoMarkup.sizes)\" width=\"1000\" height=\"750\" alt=\"车间一角\" class=\"wide\"></picture>"))
}

@Test func makingCopiesSaysHowManyPhotosAreDoneAndAFullCacheSaysNothing() throws {
    let site = try photoSite()
    defer { site.remove() }
    let assets = ["photo.jpg", "second.jpg"].map { ContentAsset(path: "news/" + $0, source: site.root.appendingPathComponent("content/news/" + $0)) }
    let lines = Mutex<[String]>([])
    let photos = SitePhotos(root: site.root)
    _ = photos.process(assets) { line in lines.withLock { $0.append(line) } }
    #expect(lines.withLock { $0 }.sorted() == ["photos: 1 of 2", "photos: 2 of 2"])
    lines.withLock { $0 = [] }
    _ = SitePhotos(root: site.root).process(assets) { line in lines.withLock { $0.append(line) } }
    #expect(lines.withLock { $0 } == [])
}

@Test func anHonoreesPhotoThatIsNotThereIsALocatedWarning() throws {
    let site = try TestSite(honoree("li.md", "name: 李红\nphoto: li.jpg\nhonors:\n  - {title: 劳动模范, year: 2020, level: national}"), withTemplates: false)
    defer { site.remove() }
    let report = try site.builder().build()
    #expect(report.warnings.map(\.summary).filter { $0.contains("li.jpg") } == [
        "content/honorees/li.md:3:8: warning: image to `li.jpg` points inside the site at nothing: put the file under content/ (it is copied to the same path) or fix the path",
    ])
}

/// The CRC of a PNG chunk (its type and data).
private func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        c ^= UInt32(b)
        for _ in 0 ..< 8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }
    return ~c
}

@Test func anAnimatedPNGIsPublishedAsItIs() throws {
    let site = try TestSite(article("a.md", "title: 车间\ndate: 2024-03-01", body: "![动图](moving.png)"))
    defer { site.remove() }
    let path = site.root.path + "/content/news/moving.png"
    #expect(Photo.writeTestImage(path, width: 64, height: 48, exif: []))
    // An `acTL` chunk (two frames, looping) after IHDR, as an APNG has: libvips 8.14 still reads it
    // as one picture.
    var png = try #require(FileManager.default.contents(atPath: path).map(Array.init))
    let body: [UInt8] = Array("acTL".utf8) + [0, 0, 0, 2, 0, 0, 0, 0]
    let crc = crc32(body)
    let chunk: [UInt8] = [0, 0, 0, 8] + body + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    png.insert(contentsOf: chunk, at: 8 + 25)
    try Data(png).write(to: URL(fileURLWithPath: path))
    #expect(SitePhotos.isAnimatedPNG(path))
    #expect(site.build() == [])
    #expect(FileManager.default.contents(atPath: site.output.path + "/news/moving.png") == Data(png))
    #expect(try #require(site.output("news/che-jian/index.html")).contains("<img src=\"/news/moving.png\" alt=\"动图\""))
}
