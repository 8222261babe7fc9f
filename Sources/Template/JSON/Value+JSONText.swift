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
        case .string(let s), .safe(let s): appendJSON(string: s, to: &out, forScript: forScript)
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
                appendJSON(string: k, to: &out, forScript: forScript)
                out.append(UInt8(ascii: ":"))
                writeJSON(o[k] ?? .nil, into: &out, forScript: forScript)
            }
            out.append(UInt8(ascii: "}"))
        case .range, .drop: writeJSON(value.resolved, into: &out, forScript: forScript)
        }
    }

    /// `s` as a JSON string, quoted, escaped as `jsonText` escapes it, appended to `out`.
    /// Runs of bytes that need no escape are copied whole.
    public static func appendJSON(string s: String, to out: inout [UInt8], forScript: Bool = true) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var copied = 0, i = 0
            while i < bytes.count {
                let b = bytes[i]
                var width = 1
                let escape: [UInt8]
                switch b {
                case UInt8(ascii: "\""): escape = Array("\\\"".utf8)
                case UInt8(ascii: "\\"): escape = Array("\\\\".utf8)
                case 0x0A: escape = Array("\\n".utf8)
                case 0x0D: escape = Array("\\r".utf8)
                case 0x09: escape = Array("\\t".utf8)
                case 0x08: escape = Array("\\b".utf8)
                case 0x0C: escape = Array("\\f".utf8)
                case 0 ..< 0x20: escape = unicodeEscape(UInt32(b))
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    guard forScript else {
                        i += 1
                        continue
                    }
                    escape = unicodeEscape(UInt32(b))
                // U+2028 and U+2029 (E2 80 A8/A9) end a line in older JavaScript.
                case 0xE2 where forScript && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    width = 3
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied ..< i]))
                out.append(contentsOf: escape)
                i += width
                copied = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ v: UInt32) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        return Array("\\u".utf8) + stride(from: 12, through: 0, by: -4).map { hex[Int((v >> UInt32($0)) & 15)] }
    }
}
