import Testing
@testable import Markdown

@Test func linksLibcmark() { #expect(cmarkVersion.hasPrefix("0.")) }
