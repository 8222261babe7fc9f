import Diagnostics
/// A key a table does not know: kept in the mapping as written, reported as a value (a site
/// may warn, or pass such keys to templates as its own parameters).
public struct UnknownKey: Equatable, Sendable {
    /// The key as written.
    public var key: String
    /// Where it is.
    public var location: SourceLocation
    /// A known spelling within edit distance 2 ("titel" → "title", "标签s" → "标签"; at most
    /// half the key's length), if any.
    public var suggestion: String?
    /// The key holding the list this map is an item of (`honors`), for keys inside items.
    public var parent: String?

    /// "unknown key `titel`: did you mean `title`?"
    public var message: String {
        var m = "unknown key `\(key)`"
        if let parent { m += " in `\(parent)`" }
        if let suggestion { m += ": did you mean `\(suggestion)`?" }
        return m
    }
}

/// A mapping whose keys were normalised by a `KeyTable`.
public struct NormalizedMapping: Equatable, Sendable {
    /// The mapping with canonical keys (each entry's `writtenKey` keeps the spelling used).
    public var mapping: Mapping
    /// Keys the table does not know, in file order, still present in `mapping`.
    public var unknownKeys: [UnknownKey]
    /// Two spellings of one key (`title` and `标题`): the second is dropped.
    public var errors: [FrontMatterError]
}

extension Mapping {
    /// Renames aliases to canonical keys (`标题` → `title`), recursing into the maps of lists
    /// that have an item table (`honors`). Unknown keys stay as written and are reported with a
    /// "did you mean" suggestion; two keys that become the same canonical key are an error at
    /// the second, naming both lines.
    public func normalized(with table: KeyTable) -> NormalizedMapping {
        var result = NormalizedMapping(mapping: Mapping(), unknownKeys: [], errors: [])
        normalize(into: &result, table: table, parent: nil)
        result.errors.sort { $0.location < $1.location }
        return result
    }

    private func normalize(into result: inout NormalizedMapping, table: KeyTable, parent: String?) {
        // Entries are changed in place, so a mapping already in canonical keys is not copied.
        var out = entries
        var dropped: [Int] = []
        for i in out.indices {
            if let canonical = table.canonical(out[i].key) {
                if !sameUTF8(canonical, out[i].key) { out[i].key = canonical }
            } else {
                let written = out[i].writtenKey
                result.unknownKeys.append(UnknownKey(key: written, location: out[i].keyLocation,
                                                     suggestion: suggestion(for: written, in: table), parent: parent))
            }
            if let j = out[..<i].indices.first(where: { !dropped.contains($0) && sameUTF8(out[$0].key, out[i].key) }) {
                let (earlier, entry) = (out[j], out[i])
                result.errors.append(FrontMatterError(at: entry.keyLocation,
                    "`\(entry.writtenKey)` on line \(entry.keyLocation.line) and `\(earlier.writtenKey)` on line \(earlier.keyLocation.line) both set `\(entry.key)`: keep only one"))
                dropped.append(i)
                continue
            }
            if let itemTable = table.itemTables[out[i].key], case .list(let items, let location) = out[i].value {
                var normalizedItems: [Node] = []
                normalizedItems.reserveCapacity(items.count)
                for item in items {
                    guard case .map(let m, let l) = item else {
                        normalizedItems.append(item)
                        continue
                    }
                    var inner = NormalizedMapping(mapping: Mapping(), unknownKeys: [], errors: [])
                    m.normalize(into: &inner, table: itemTable, parent: out[i].key)
                    result.unknownKeys += inner.unknownKeys
                    result.errors += inner.errors
                    normalizedItems.append(.map(inner.mapping, l))
                }
                out[i].value = .list(normalizedItems, location)
            }
        }
        for i in dropped.reversed() { out.remove(at: i) }
        result.mapping = Mapping(out)
    }
}

/// The known spelling nearest to `key` (edit distance at most 2, and at most half the key's
/// length so that short keys, above all two- and three-character Chinese ones, do not match
/// everything; case is ignored), preferring canonical keys on a tie.
func suggestion(for key: String, in table: KeyTable) -> String? {
    let target = Array(key.lowercased().unicodeScalars)
    var best: (String, Int)?
    for candidate in table.keys + table.aliases.keys.sorted() {
        let d = editDistance(target, Array(candidate.lowercased().unicodeScalars), limit: 2)
        guard d <= min(2, target.count / 2) else { continue }
        if best == nil || d < (best?.1 ?? .max) { best = (candidate, d) }
    }
    return best?.0
}

