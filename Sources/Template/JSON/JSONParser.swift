import Diagnostics

/// Why JSON text could not be parsed, and where (1-based; the column counts characters).
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong and what was expected.
    public var message: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int

    /// An error at `line:column`.
    public init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// This error in `file`, whose whole text is `source`, as the one located problem type.
    public func diagnostic(file: String, source: String) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, message: message).quoting(source)
    }

    /// `line:column: message`.
    public var description: String { Diagnostic(file: "", line: line, column: column, message: message).description }
}

extension Value {
    /// Parses JSON text: objects keep their key order, integers that fit are `.int`, other
    /// numbers `.double`, `true`/`false` are `.bool`.
    public static func parseJSON(_ text: String) throws(JSONError) -> Value {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(JSONError) in
                var parser = JSONParser(bytes)
                return try parser.parseDocument()
            }
        }
        return try result.get()
    }

    /// Parses JSON from UTF-8 bytes (a leading byte order mark is skipped).
    public static func parseJSON<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(JSONError) -> Value {
        let parse = { (buffer: UnsafeBufferPointer<UInt8>) in
            Result { () throws(JSONError) in
                var parser = JSONParser(buffer)
                return try parser.parseDocument()
            }
        }
        if let result = bytes.withContiguousStorageIfAvailable(parse) { return try result.get() }
        return try Array(bytes).withUnsafeBufferPointer(parse).get()
    }
}

/// A recursive-descent parser over UTF-8 bytes; lives only inside `parseJSON`.
struct JSONParser {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private static let maxDepth = 512

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    mutating func parseDocument() throws(JSONError) -> Value {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        let value = try parseValue()
        skipWhitespace()
        if i < b.count { throw error("unexpected \(describe(at: i)) after the JSON value") }
        return value
    }

    private mutating func parseValue() throws(JSONError) -> Value {
        skipWhitespace()
        guard i < b.count else { throw error("unexpected end of input, expected a value") }
        switch b[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected \(describe(at: i)), expected a value")
        }
    }

    private mutating func parseObject() throws(JSONError) -> Value {
        let open = i
        try enter()
        i += 1
        var pairs: [(String, Value)] = []
        skipWhitespace()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(Object())
        }
        while true {
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of input in the object that starts at \(position(open))") }
            guard b[i] == UInt8(ascii: "\"") else { throw error("unexpected \(describe(at: i)), expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else {
                throw error("unexpected \(describe(at: i)), expected ':' after the key \"\(key)\"")
            }
            i += 1
            pairs.append((key, try parseValue()))
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of input in the object that starts at \(position(open))") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; break }
            throw error("unexpected \(describe(at: i)), expected ',' or '}'")
        }
        depth -= 1
        return .object(Object(pairs))
    }

    private mutating func parseArray() throws(JSONError) -> Value {
        let open = i
        try enter()
        i += 1
        var items: [Value] = []
        skipWhitespace()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(items)
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of input in the array that starts at \(position(open))") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; break }
            throw error("unexpected \(describe(at: i)), expected ',' or ']'")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func enter() throws(JSONError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
    }

    private mutating func literal(_ word: StaticString) throws(JSONError) {
        let n = word.utf8CodeUnitCount
        let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
        guard i + n <= b.count, b[i..<(i + n)].elementsEqual(w) else {
            throw error("unexpected \(describe(at: i)), expected a value")
        }
        i += n
    }

    private mutating func parseNumber() throws(JSONError) -> Value {
        let start = i
        func isDigit(_ k: Int) -> Bool { k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { throw error("invalid number: expected a digit", at: i) }
        if b[i] == UInt8(ascii: "0") { i += 1 } else { while isDigit(i) { i += 1 } }
        var integral = true
        if i < b.count, b[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard isDigit(i) else { throw error("invalid number: expected a digit after '.'", at: i) }
            while isDigit(i) { i += 1 }
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            integral = false
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { throw error("invalid number: expected a digit in the exponent", at: i) }
            while isDigit(i) { i += 1 }
        }
        if integral, i - start <= 18 {
            var v = 0
            let negative = b[start] == UInt8(ascii: "-")
            for k in (negative ? start + 1 : start)..<i { v = v * 10 + Int(b[k] - 0x30) }
            return .int(negative ? -v : v)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        if integral, let v = Int(text) { return .int(v) }
        guard let d = Double(text), d.isFinite else { throw error("number out of range: \(text)", at: start) }
        return .double(d)
    }

    /// A string, from its opening quote; `i` ends after the closing one.
    private mutating func parseString() throws(JSONError) -> String {
        let open = i
        i += 1
        let start = i
        var ascii = true
        // Fast path: no escapes, the bytes are the string.
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let s = try makeString(UnsafeBufferPointer(rebasing: b[start..<i]), ascii: ascii, open: open)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character \(describe(at: i)) in a string; escape it") }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        var buffer = Array(b[start..<i])
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return try buffer.withUnsafeBufferPointer { p throws(JSONError) in try makeString(p, ascii: false, open: open) }
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case 0..<0x20:
                throw error("control character \(describe(at: i)) in a string; escape it")
            default:
                buffer.append(c)
                i += 1
            }
        }
        throw error("unterminated string", at: open)
    }

    private func makeString(_ p: UnsafeBufferPointer<UInt8>, ascii: Bool, open: Int) throws(JSONError) -> String {
        if ascii { return String(decoding: p, as: UTF8.self) }
        guard let s = String(validating: p, as: UTF8.self) else { throw error("invalid UTF-8 in a string", at: open) }
        return s
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONError) {
        let at = i
        i += 1
        guard i < b.count else { throw error("unterminated string", at: at) }
        let c = b[i]
        i += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(c)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4(escapeAt: at)
            if (0xD800...0xDBFF).contains(code) {
                guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                    throw error("lone surrogate \\u\(String(code, radix: 16, uppercase: true)) needs a low surrogate after it", at: at)
                }
                let lowAt = i
                i += 2
                let low = try hex4(escapeAt: lowAt)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("expected a low surrogate after \\u\(String(code, radix: 16, uppercase: true))", at: lowAt)
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw error("lone low surrogate \\u\(String(code, radix: 16, uppercase: true))", at: at)
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape", at: at) }
            buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(c)))'", at: at)
        }
    }

    private mutating func hex4(escapeAt at: Int) throws(JSONError) -> UInt32 {
        guard i + 4 <= b.count else { throw error("\\u needs four hex digits", at: at) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw error("\\u needs four hex digits", at: at)
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private mutating func skipWhitespace() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    // MARK: Errors

    private func describe(at k: Int) -> String {
        guard k < b.count else { return "end of input" }
        let c = b[k]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        if c == 0x20 { return "space" }
        return "byte 0x\(String(c, radix: 16, uppercase: true))"
    }

    /// `line:column` of a byte offset; columns count characters, not bytes.
    private func lineColumn(_ offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for k in 0..<min(offset, b.count) {
            if b[k] == 0x0A {
                line += 1
                column = 1
            } else if b[k] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private func position(_ offset: Int) -> String {
        let (l, c) = lineColumn(offset)
        return "\(l):\(c)"
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONError {
        let (l, c) = lineColumn(offset ?? i)
        return JSONError(message, line: l, column: c)
    }
}
