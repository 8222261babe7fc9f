import Foundation
import FrontMatter

/// The main site in standard Simplified characters: a source written in Traditional ones (as
/// other sites' 繁體 pages hand them over) is converted with OpenCC's `t2s` when read, unless
/// site.yml says `script: as-written`.
extension ScriptConverter {
    /// OpenCC's Traditional to Simplified, for the process (its dictionaries load once); nil
    /// when OpenCC's data is missing.
    static let simplified = ScriptConverter(.t2s)

    /// Where the runs a site's builds converted are kept, in its `.unionsite-cache/`.
    static func runsFile(root: URL, _ conversion: OpenCC.Conversion) -> String {
        root.appendingPathComponent(".unionsite-cache").path + "/opencc-\(conversion.rawValue).runs"
    }

    /// Adds the runs earlier builds of the site at `root` converted, each way (once per process).
    static func loadRuns(root: URL) {
        for (conversion, cache) in RunCache.shared { cache.load(runsFile(root: root, conversion), conversion: conversion) }
    }

    /// Keeps the runs converted so far for the next build, each way there are new ones.
    static func saveRuns(root: URL) {
        for (conversion, cache) in RunCache.shared { cache.save(runsFile(root: root, conversion), conversion: conversion) }
    }

    /// The converter for a source file of this text: `simplified` when the file is converted
    /// (`script:` in its front matter, else site.yml's) and the text has a character that is
    /// not standard Simplified, else nil (the file is as written).
    static func simplifying(_ text: String, _ m: Mapping, fields f: inout Fields, config: SiteConfig) -> ScriptConverter? {
        var converts = config.convertsTraditional
        if let node = m["script"], let s = f.string(node, key: "script") {
            switch s {
            case "standard": converts = true
            case "as-written": converts = false
            default: f.error("`script` must be `standard` (shown in Simplified characters) or `as-written`, found `\(s)`", at: node.location)
            }
        }
        guard converts, hasTraditional(text) else { return nil }
        guard let simplifier = config.simplifier else {
            // Not silently as written: the editor expects Simplified.
            f.warning("shown as written, in Traditional characters: OpenCC could not be opened (\(OpenCC.lastError)); install libopencc-dev with its dictionaries, or set `script: as-written`",
                      at: SourceLocation(line: 1, column: 1))
            return nil
        }
        return simplifier
    }

    /// Whether `text` has a Han character that `HanFolding` folds to another: a Traditional or
    /// variant form. Asked of every source file, on its UTF-8, with a bit per character of the
    /// main Han block: most text has none, and is read once at a few bytes per cycle.
    static func hasTraditional(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            traditionalBits.withUnsafeBufferPointer { bits in
                var i = 0
                let n = bytes.count
                while i < n {
                    let lead = bytes[i]
                    if lead < 0xE3 { i &+= 1; continue }
                    if lead < 0xF0, i &+ 2 < n {
                        let v = (Int(lead) & 0x0F) &<< 12 | (Int(bytes[i &+ 1]) & 0x3F) &<< 6 | Int(bytes[i &+ 2]) & 0x3F
                        if v >= Int(HanFolding.base), v <= Int(HanFolding.end) {
                            let k = v &- Int(HanFolding.base)
                            if bits[k >> 6] & (1 << UInt64(k & 63)) != 0 { return true }
                        }
                        i &+= 3
                    } else {
                        i &+= 1
                    }
                }
                return false
            }
        }
    }

    /// Whether a Han character is one `HanFolding` folds to another.
    @inline(__always) static func isTraditional(_ v: UInt32) -> Bool {
        guard v >= HanFolding.base, v <= HanFolding.end else { return false }
        let k = Int(v - HanFolding.base)
        return traditionalBits[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// A bit per character of `HanFolding`'s range: set where it folds to another.
    private static let traditionalBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: (HanFolding.table.count + 63) / 64)
        for (k, folded) in HanFolding.table.enumerated() where folded != HanFolding.base + UInt32(k) {
            bits[k >> 6] |= 1 << UInt64(k & 63)
        }
        return bits
    }()
}
