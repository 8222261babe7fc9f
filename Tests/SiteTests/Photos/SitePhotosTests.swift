import Foundation
import Testing
import TestSupport
@testable import Site

/// A site whose article shows two phone photos (the first portrait by its EXIF orientation), with
/// the default theme.
private func photoSite() throws -> TestSite {
    let site = try TestSite("""
    -- site.yml --
    title: 示例
    \(article("a.md", "title: 车间\ndate: 2024-03-01", body: "![车间一角](photo.jpg)\n\n正文。\n\n![第二张](second.jpg \"标题\")"))
    """, withTemplates: false)
    try site.copyDefaultTheme()
    #expect(Photo.writeTestJPEG(site.root.path + "/content/news/photo.jpg", width: 2000, height: 1500, exif: phoneEXIF(orientation: 6)))
    #expect(Photo.writeTestJPEG(site.root.path + "/content/news/second.jpg", width: 800, height: 600, exif: phoneEXIF(orientation: 1)))
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
    #expect(Photo.writeTestJPEG(site.root.path + "/content/news/second.jpg", width: 600, height: 600, exif: []))
    _ = try again.rebuild(changed: ["content/news/second.jpg"])
    #expect(try #require(site.output("news/che-jian/index.html")).contains("width=\"600\" height=\"600\" alt=\"第二张\""))
}

@Test func aPhotoThatCannotBeReadIsALocatedErrorAndTheLastSiteStays() throws {
    let site = try photoSite()
    defer { site.remove() }
    #expect(site.build() == [])
    try site.write("content/news/second.jpg", "not a photo")
    let messages = site.build().map(\.summary)
    #expect(messages.count == 1)
    #expect(messages.first?.hasPrefix("content/news/second.jpg: cannot read the photo: ") == true)
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
    \(article("a.md", "title: 车间\ndate: 2024-03-01\ncover: photo.jpg", body: "正文。"))
    \(honoree("zhang.md", "name: 张师傅\nphoto: zhang.jpg\nhonors:\n  - {title: 劳动模范, year: 2020, level: national}"))
    """, withTemplates: false)
    defer { site.remove() }
    try site.copyDefaultTheme()
    #expect(Photo.writeTestJPEG(site.root.path + "/content/news/photo.jpg", width: 2000, height: 1500, exif: phoneEXIF(orientation: 1)))
    #expect(Photo.writeTestJPEG(site.root.path + "/content/honorees/zhang.jpg", width: 1200, height: 1200, exif: phoneEXIF(orientation: 1)))
    #expect(site.build() == [])
    let home = try #require(site.output("index.html"))
    #expect(home.contains("<picture><source type=\"image/webp\" srcset=\"/news/photo-cover-640x360.webp 640w, /news/photo-cover-1280x720.webp 1280w\""))
    #expect(home.contains("<img src=\"/news/photo-cover-640x360.jpg\" srcset=\"/news/photo-cover-640x360.jpg 640w, /news/photo-cover-1280x720.jpg 1280w\""))
    #expect(home.contains("width=\"640\" height=\"360\""))
    let page = try #require(site.output("news/che-jian/index.html"))
    #expect(page.contains("<meta property=\"og:image\" content=\"https://example.org/news/photo-og-1200x630.jpg\">"))
    #expect(page.contains("<meta property=\"og:image:width\" content=\"1200\">"))
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
    #expect(Photo.writeTestJPEG(path, width: 800, height: 600, exif: phoneEXIF(orientation: 1)))
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
