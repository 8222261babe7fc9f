import Foundation

/// A string as a dictionary key by its UTF-8 bytes.
///
/// `String`'s own hashing and equality go through Unicode normalization, which for Chinese
/// text cost more than the work the dictionaries save (slugging a title, grouping a tag).
/// Two spellings that differ only in normalization are two keys here; the caches that use it
/// compute the same answer for each.
struct TextKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: TextKey, b: TextKey) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }
}
