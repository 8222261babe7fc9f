import Foundation

/// How high an honor ranks: national down to county.
public enum HonorLevel: String, Sendable, CaseIterable, Comparable {
    case national, provincial, municipal, county

    /// How the level reads on a page.
    public var label: String {
        switch self {
        case .national: return "全国"
        case .provincial: return "省级"
        case .municipal: return "市级"
        case .county: return "县级"
        }
    }

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// One honor as an honoree's file lists it.
public struct Honor: Sendable, Equatable {
    public var title: String
    /// Nil when the record does not say (listed under 年份不详).
    public var year: Int?
    public var level: HonorLevel
}

/// A model worker, craftsman or honored collective from `content/honorees/*.md`.
public struct Honoree: Sendable {
    public enum Kind: String, Sendable { case person, collective
        public var label: String { self == .person ? "个人" : "集体" }
    }

    public var file: String
    public var name: String
    public var kind: Kind = .person
    public var unit = ""
    public var position = ""
    public var region = ""
    public var photo: String?
    /// Where `photo:` was written, to point at it when the photo is not there.
    var photoReference: Reference?
    public var honors: [Honor] = []
    /// Other names articles use for them, for cross-links.
    public var aka: [String] = []
    /// The name in Traditional characters, for the Traditional mirror (`name_hant`, 繁体名), when
    /// OpenCC's spelling is not the one the honoree uses.
    public var nameHant: String?
    public var tags: [String] = []
    public var slug = ""
    public var explicitSlug: String?
    /// Where `slug:` was written.
    var slugSpot: SourceSpot?
    /// The account of their deeds (事迹), rendered to HTML, as UTF-8.
    public var htmlUTF8: [UInt8] = []
    /// Its visible text (`RenderedMarkdown.plainTextUTF8`), for search.
    var plainTextUTF8: [UInt8] = []
    public var summary = ""
    public var sourceHash = 0
    /// The front matter keys no table knows, for templates (`page.params`).
    public var params: [Param.Entry] = []

    /// The year of their most recent dated honor.
    public var latestYear: Int? { honors.compactMap(\.year).max() }
}
