import Foundation

extension StandardFilters {
    /// Misc filters: `default`, `json` (alias `jsonify`), `url_encode`, `url_decode`,
    /// `base64_encode`, `base64_decode` and their URL-safe variants.
    static let misc: [String: FilterFunction] = [
        // `default: value = "", allow_false: false`: nil, false and empty strings, arrays and
        // objects are replaced; with allow_false only nil and empties are.
        "default": { input, call throws(FilterError) in
            try call.expect(0, 1, filter: "default")
            let fallback = call[0] ?? ""
            if call.keyword("allow_false")?.isTruthy == true, case .bool(false) = input { return input }
            return input.isEmptyForDefault ? fallback : input
        },
        "json": json,
        "jsonify": json,
        // Ruby's CGI.escape: everything but `a-zA-Z0-9_.-~` is %XX-encoded, spaces become `+`.
        "url_encode": { input, call throws(FilterError) in
            try call.expect(0, filter: "url_encode")
            if input.isNil { return .nil }
            return .string(URLText.encode(input.text))
        },
        // Ruby's CGI.unescape: `+` is a space, %XX a byte; the bytes must be UTF-8.
        "url_decode": { input, call throws(FilterError) in
            try call.expect(0, filter: "url_decode")
            if input.isNil { return .nil }
            guard let s = URLText.decode(input.text) else {
                throw FilterError("invalid byte sequence in UTF-8")
            }
            return .string(s)
        },
        "base64_encode": base64Encode("base64_encode", urlSafe: false),
        "base64_url_safe_encode": base64Encode("base64_url_safe_encode", urlSafe: true),
        "base64_decode": base64Decode("base64_decode", urlSafe: false),
        "base64_url_safe_decode": base64Decode("base64_url_safe_decode", urlSafe: true),
    ]

    /// JSON text of the value, keys in order, safe to print inside `<script>` (`<`, `>`, `&`,
    /// U+2028 and U+2029 are `\u` escapes), so it is returned as safe text.
    private static let json: FilterFunction = { input, call throws(FilterError) in
        try call.expect(0, filter: "json")
        return .safe(input.jsonText())
    }

    private static func base64Encode(_ name: String, urlSafe: Bool) -> FilterFunction {
        { input, call throws(FilterError) in
            try call.expect(0, filter: name)
            let encoded = Data(input.text.utf8).base64EncodedString()
            guard urlSafe else { return .string(encoded) }
            return .string(String(encoded.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }))
        }
    }

    /// Ruby's `strict_decode64` (and `urlsafe_decode64`, which also accepts missing padding).
    private static func base64Decode(_ name: String, urlSafe: Bool) -> FilterFunction {
        { input, call throws(FilterError) in
            try call.expect(0, filter: name)
            var text = input.text
            if urlSafe {
                if text.contains("+") || text.contains("/") { text = "!" }  // not in the URL-safe alphabet
                text = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
                if !text.hasSuffix("="), text.utf8.count % 4 != 0 {
                    text += String(repeating: "=", count: 4 - text.utf8.count % 4)
                }
            }
            guard text.utf8.count % 4 == 0, let data = Data(base64Encoded: text) else {
                throw FilterError("the input is not valid base64")
            }
            return .string(String(decoding: data, as: UTF8.self))
        }
    }
}

/// URL form encoding as Ruby's CGI does it.
enum URLText {
    static func encode(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "-"), UInt8(ascii: "~"):
                out.append(b)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Nil when the decoded bytes are not UTF-8.
    static func decode(_ s: String) -> String? {
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            case 0x61...0x66: return b - 0x61 + 10
            default: return nil
            }
        }
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let h = hexValue(u[i + 1]), let l = hexValue(u[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i] == UInt8(ascii: "+") ? UInt8(ascii: " ") : u[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
