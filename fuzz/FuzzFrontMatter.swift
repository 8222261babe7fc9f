// libFuzzer entry point: the front matter parser on arbitrary bytes (see fuzz/run.sh).
import Foundation
import FrontMatter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let doc = FrontMatter.parse(text)
    for e in doc.errors { _ = e.description(file: "fuzz.md", source: text) }
    if let m = doc.frontMatter {
        let n = m.normalized(with: .article)
        for entry in n.mapping.entries {
            _ = try? entry.value.string(for: entry.key)
            _ = try? entry.value.date(for: entry.key)
            _ = try? entry.value.int(for: entry.key)
            _ = try? entry.value.strings(for: entry.key)
        }
        _ = m.normalized(with: .honoree)
    }
    return 0
}
