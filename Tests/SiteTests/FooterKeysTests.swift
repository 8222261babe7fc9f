import Foundation
import Testing
@testable import Site
import TestSupport

/// The footer's site.yml keys and `home_columns` reach templates as `site.*`.
private let footerTemplate = """
-- templates/index.html --
{% layout 'base' %}[{{ site.organizer }}|{{ site.address }}|{{ site.phone }}|{{ site.icp }}|{{ site.police_record }}|{{ site.police_record_code }}|{{ site.home_columns }}]
"""

@Test func footerKeysOfSiteYmlReachTemplates() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 示例工会
    organizer: 示例市总工会
    address: 示例市工运路 18 号
    phone: 0517-12345678
    icp: 苏ICP备12345678号-1
    police_record: 苏公网安备 32083002000123号
    home_columns: 4
    \(footerTemplate)
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("index.html") == "<title>示例工会</title>[示例市总工会|示例市工运路 18 号|0517-12345678|苏ICP备12345678号-1|苏公网安备 32083002000123号|32083002000123|4]\n\n")
}

@Test func footerKeysReadTheirChineseNames() throws {
    let site = try TestSite("""
    -- site.yml --
    title: 示例工会
    主办单位： 示例县总工会
    地址： 示例县人民路 1 号
    电话： 0517-87654321
    备案号： 苏ICP备87654321号
    公安备案号： 苏公网安备 32083002000456号
    \(footerTemplate)
    """)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("index.html") == "<title>示例工会</title>[示例县总工会|示例县人民路 1 号|0517-87654321|苏ICP备87654321号|苏公网安备 32083002000456号|32083002000456|6]\n\n")
}

@Test func footerKeysLeftOutAreEmpty() throws {
    let site = try TestSite("-- site.yml --\ntitle: 示例工会\n" + footerTemplate)
    defer { site.remove() }
    #expect(site.build() == [])
    #expect(site.output("index.html") == "<title>示例工会</title>[||||||6]\n\n")
}
