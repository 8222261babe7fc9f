import Testing
@testable import FrontMatter
