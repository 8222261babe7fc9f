/// One piece of a template's source: literal text, a `{{ }}` output or a `{% %}` tag.
/// Positions are UTF-8 byte offsets into the source; line and column are worked out
/// only when an error needs them.
struct Token {
    enum Kind {
        case text
        case output
        case tag(name: String)
    }
    var kind: Kind
    /// The text (for `.text`) or the markup inside the delimiters, without the tag name.
    var range: Range<Int>
    /// Where the token starts (the `{` of a delimiter).
    var offset: Int
    /// Where the markup starts, for errors inside an expression.
    var markupOffset: Int
    var trimLeft = false
    var trimRight = false
}

/// Splits a template into tokens and applies whitespace control (`{%-`, `-%}`, `{{-`, `-}}`).
struct Lexer {
    let bytes: [UInt8]
    let name: String
    let source: String

    init(source: String, name: String) {
        self.source = source
        self.name = name
        self.bytes = Array(source.utf8)
    }

    func error(_ message: String, at offset: Int) -> TemplateError {
        let (line, column, text) = locate(offset: offset, in: source)
        return TemplateError(template: name, line: line, column: column, message: message, sourceLine: text)
    }

    func tokenize() throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var textStart = 0
        let n = bytes.count
        while i < n - 1 {
            guard bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{") || bytes[i + 1] == UInt8(ascii: "%") else {
                i += 1
                continue
            }
            if textStart < i { tokens.append(Token(kind: .text, range: textStart..<i, offset: textStart, markupOffset: textStart)) }
            let isTag = bytes[i + 1] == UInt8(ascii: "%")
            let start = i
            var j = i + 2
            let trimLeft = j < n && bytes[j] == UInt8(ascii: "-")
            if trimLeft { j += 1 }
            let closer: UInt8 = isTag ? UInt8(ascii: "%") : UInt8(ascii: "}")
            // Find the closing delimiter.
            var k = j
            var end = -1
            while k < n - 1 {
                if bytes[k] == closer, bytes[k + 1] == UInt8(ascii: "}") { end = k; break }
                k += 1
            }
            guard end >= 0 else {
                throw error(
                    isTag ? "tag '{%' is never closed: expected '%}'" : "output '{{' is never closed: expected '}}'",
                    at: start)
            }
            var markupEnd = end
            let trimRight = markupEnd > j && bytes[markupEnd - 1] == UInt8(ascii: "-")
            if trimRight { markupEnd -= 1 }
            i = end + 2
            textStart = i
            if isTag {
                var a = j
                while a < markupEnd, isSpace(bytes[a]) { a += 1 }
                let nameStart = a
                if a < markupEnd, bytes[a] == UInt8(ascii: "#") {
                    a += 1
                } else {
                    while a < markupEnd, isWordByte(bytes[a]) { a += 1 }
                }
                let tagName = String(decoding: bytes[nameStart..<a], as: UTF8.self)
                while a < markupEnd, isSpace(bytes[a]) { a += 1 }
                var b = markupEnd
                while b > a, isSpace(bytes[b - 1]) { b -= 1 }
                tokens.append(Token(kind: .tag(name: tagName), range: a..<b, offset: start, markupOffset: nameStart,
                                    trimLeft: trimLeft, trimRight: trimRight))
                if tagName == "raw" {
                    // The body of raw is text up to `{% endraw %}`, whatever it contains.
                    guard let (bodyEnd, endTag) = findEndRaw(from: i) else {
                        throw error("'raw' is never closed: expected '{% endraw %}'", at: start)
                    }
                    tokens.append(Token(kind: .text, range: i..<bodyEnd, offset: i, markupOffset: i))
                    tokens.append(endTag)
                    i = endTag.range.upperBound
                    textStart = i
                }
            } else {
                var a = j
                while a < markupEnd, isSpace(bytes[a]) { a += 1 }
                var b = markupEnd
                while b > a, isSpace(bytes[b - 1]) { b -= 1 }
                tokens.append(Token(kind: .output, range: a..<b, offset: start, markupOffset: a,
                                    trimLeft: trimLeft, trimRight: trimRight))
            }
        }
        if textStart < n { tokens.append(Token(kind: .text, range: textStart..<n, offset: textStart, markupOffset: textStart)) }
        return applyWhitespaceControl(tokens)
    }

    /// Finds `{%-? endraw -?%}` from `start`; returns where the body ends and the end tag
    /// (its `range.upperBound` set to just past the tag).
    private func findEndRaw(from start: Int) -> (Int, Token)? {
        var i = start
        let n = bytes.count
        while i < n - 1 {
            if bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "%") {
                var j = i + 2
                let trimLeft = j < n && bytes[j] == UInt8(ascii: "-")
                if trimLeft { j += 1 }
                while j < n, isSpace(bytes[j]) { j += 1 }
                let word = Array("endraw".utf8)
                if j + word.count <= n, Array(bytes[j..<(j + word.count)]) == word {
                    var k = j + word.count
                    while k < n, isSpace(bytes[k]) { k += 1 }
                    var trimRight = false
                    if k < n, bytes[k] == UInt8(ascii: "-") { trimRight = true; k += 1 }
                    if k + 1 < n, bytes[k] == UInt8(ascii: "%"), bytes[k + 1] == UInt8(ascii: "}") {
                        let tag = Token(kind: .tag(name: "endraw"), range: (k + 2)..<(k + 2), offset: i, markupOffset: j,
                                        trimLeft: trimLeft, trimRight: trimRight)
                        return (i, tag)
                    }
                }
            }
            i += 1
        }
        return nil
    }

    /// `-` inside a delimiter strips all whitespace on that side up to the next non-space.
    private func applyWhitespaceControl(_ tokens: [Token]) -> [Token] {
        var tokens = tokens
        for idx in tokens.indices {
            guard case .text = tokens[idx].kind else { continue }
            var r = tokens[idx].range
            if idx > 0, tokens[idx - 1].trimRight {
                var a = r.lowerBound
                while a < r.upperBound, isSpace(bytes[a]) { a += 1 }
                r = a..<r.upperBound
            }
            if idx + 1 < tokens.count, tokens[idx + 1].trimLeft {
                var b = r.upperBound
                while b > r.lowerBound, isSpace(bytes[b - 1]) { b -= 1 }
                r = r.lowerBound..<b
            }
            tokens[idx].range = r
        }
        return tokens
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

@inline(__always) func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
}

/// Bytes allowed in identifiers: ASCII letters, digits, `_`, `-`, and any non-ASCII byte
/// (so data keys in Chinese work as variable names).
@inline(__always) func isWordByte(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D || b >= 0x80
}
