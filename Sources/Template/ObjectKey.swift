/// A property or variable name with a hash of it worked out once: at parse time for names
/// written in templates, at insertion for an object's keys.
///
/// An object lookup compares hashes (one machine word each) and then the one name whose hash
/// matches, instead of comparing the lengths and bytes of every key.
struct ObjectKey: Sendable {
    let name: String
    let hash: UInt64

    init(_ name: String) {
        self.name = name
        self.hash = ObjectKey.hash(name)
    }

    /// A key whose hash was worked out before (`ObjectKey.hash(name)`).
    init(name: String, hash: UInt64) {
        self.name = name
        self.hash = hash
    }

    /// FNV-1a over the UTF-8 bytes: names are short, and only equality matters.
    static func hash(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    static let forloop = ObjectKey("forloop")
    static let content = ObjectKey("content")
}
