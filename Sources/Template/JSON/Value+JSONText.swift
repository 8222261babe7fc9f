import Foundation

extension Value {
    /// The value as compact JSON, object keys in order.
    ///
    /// With `forScript` (the default) `<`, `>`, `&`, U+2028 and U+2029 are written as `\u`
    /// escapes, so the text can sit inside `<script>` or HTML without closing the element or
    /// starting an entity, and is still the same JSON.
    public func jsonText(forScript: Bool = true) -> String {
        var out: [UInt8] = []
        Value.writeJSON(self, into: &out, forScript: forScript)
        return String(decoding: out, as: UTF8.self)
    }

    private static func writeJSON(_ value: Value, into out: inout [UInt8], forScript: Bool) {
        switch value {
        case .nil: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        // JSON has no NaN or infinity; null is what JavaScript's JSON.stringify writes.
        // Swift's shortest form is valid JSON and keeps Ruby's look for whole floats: `1.0`.
        case .double(let d): out.append(contentsOf: (d.isFinite ? d.description : "null").utf8)
        case .string(let s), .safe(let s): writeJSONString(s, into: &out, forScript: forScript)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeJSON(v, into: &out, forScript: forScript)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, k) in o.keys.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeJSONString(k, into: &out, forScript: forScript)
                out.append(UInt8(ascii: ":"))
                writeJSON(o[k] ?? .nil, into: &out, forScript: forScript)
            }
            out.append(UInt8(ascii: "}"))
        case .range, .drop: writeJSON(value.resolved, into: &out, forScript: forScript)
        }
    }

    private static func writeJSONString(_ s: String, into out: inout [UInt8], forScript: Bool) {
        let hex = Array("0123456789abcdef".utf8)
        func unicodeEscape(_ v: UInt32) {
            out.append(contentsOf: "\\u".utf8)
            for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((v >> UInt32(shift)) & 15)]) }
        }
        out.append(UInt8(ascii: "\""))
        var bytes = s.utf8.makeIterator()
        while let b = bytes.next() {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20: unicodeEscape(UInt32(b))
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                if forScript { unicodeEscape(UInt32(b)) } else { out.append(b) }
            // U+2028 and U+2029 (E2 80 A8/A9) end a line in older JavaScript.
            case 0xE2 where forScript:
                let b1 = bytes.next(), b2 = bytes.next()
                if b1 == 0x80, let b2, b2 == 0xA8 || b2 == 0xA9 {
                    unicodeEscape(b2 == 0xA8 ? 0x2028 : 0x2029)
                } else {
                    out.append(b)
                    if let b1 { out.append(b1) }
                    if let b2 { out.append(b2) }
                }
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
