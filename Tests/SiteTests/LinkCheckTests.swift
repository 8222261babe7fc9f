import Foundation
import Testing
@testable import Site

@Test func brokenInternalLinksAndMissingImagesAreWarningsAtTheirPlace() throws {
    let body = """
    [好链接](/news/b/) [坏链接](/news/nope/) [相对](../b/) [外部](https://example.org/x) [锚点](#top)

    ![有图](/news/2023/photo.txt) ![缺图](missing.jpg)
    """
    let site = try TestSite([
        article("2023/a.md", "title: 甲\ndate: 2020-01-01\nslug: a", body: body),
        article("b.md", "title: 乙\ndate: 2020-01-02\nslug: b"),
        "-- content/news/2023/photo.txt --\nx",
    ].joined(separator: "\n"))
    defer { site.remove() }
    let report = try site.builder().build()
    let warnings = report.warnings.filter { $0.severity == .warning }.map(\.summary)
    #expect(warnings == [
        "content/news/2023/a.md:6:17: warning: link to `/news/nope/` points inside the site at nothing: check the address; page URLs end in `/` (e.g. /news/slug/)",
        "content/news/2023/a.md:8:29: warning: image to `missing.jpg` points inside the site at nothing: put the file under content/ (it is copied to the same path) or fix the path",
    ])
}
