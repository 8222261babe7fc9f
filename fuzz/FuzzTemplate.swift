// libFuzzer entry point: the template engine's parser and renderer on arbitrary templates.
import Foundation
import Template

private let engine = Engine(source: DictionarySource(["p": "{{ x }}{% include 'p' %}", "base": "<{{ content }}>"]))
private let data: Object = ["x": "<b>", "n": 3, "list": [1, 2, "三"], "o": ["a": ["b": "c"]]]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: size), as: UTF8.self)
    do {
        let t = try engine.parse(text, name: "fuzz.html")
        _ = try? engine.render(t, data)
    } catch {
        _ = error.description
    }
    return 0
}
