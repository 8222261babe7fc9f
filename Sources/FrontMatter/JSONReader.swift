/// JSON front matter (Hugo's `{ … }` at the top of a file) into located `Node`s: strings,
/// numbers and booleans become scalars (numbers as written), `null` null, arrays lists, objects
/// maps. Reading stops at the first error. (Foundation's JSONSerialization gives no locations,
/// and the template engine's JSON reader is on the other side of the module graph.)
struct JSONReader {
    var c: ByteCursor
    /// How many `[` and `{` are open: bounded, so that a mangled file cannot exhaust the stack.
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, base: Substring, firstLine: Int) {
        c = ByteCursor(bytes: bytes, base: base, firstLine: firstLine)
    }

    /// Reads the object the block holds; the mapping holds what was read before an error.
    mutating func read() -> (Mapping, FrontMatterError?) {
        var partial = Mapping()
        do throws(FrontMatterError) {
            skip()
            guard c.peek == .lbrace else {
                throw FrontMatterError(at: c.here, "expected `{` to start the front matter object, found \(c.found(at: c.p))")
            }
            let node = try object(partial: &partial)
            skip()
            if !c.atEnd {
                throw FrontMatterError(at: c.here, "unexpected \(c.found(at: c.p)) after the front matter object: expected nothing after its `}`")
            }
            return (node.mapping ?? Mapping(), nil)
        } catch {
            return (partial, error)
        }
    }

    /// Skips spaces, tabs and line breaks.
    mutating func skip() {
        while !c.atEnd {
            if c.peek.isSpaceOrTab {
                c.p += 1
            } else if !c.skipNewline() {
                return
            }
        }
    }

    /// `{"key": value, …}`; `partial` collects the entries read so far (for the top level).
    mutating func object(partial: inout Mapping) throws(FrontMatterError) -> Node {
        let open = c.here
        c.p += 1
        skip()
        if c.peek == .rbrace {
            c.p += 1
            return .map(Mapping(), open)
        }
        while true {
            skip()
            let keyAt = c.here
            guard c.peek == .dquote else {
                throw FrontMatterError(at: keyAt, c.atEnd
                    ? "`{` is never closed: expected `}` to end the object"
                    : "expected a key in double quotes, found \(c.found(at: c.p))")
            }
            let key = try string().text
            skip()
            guard c.peek == .colon else {
                throw FrontMatterError(at: c.here, "expected `:` after key \"\(key)\", found \(c.found(at: c.p))")
            }
            c.p += 1
            skip()
            let v = try value(for: key)
            if let earlier = partial.entry(key) {
                throw FrontMatterError(at: keyAt,
                    "duplicate key \"\(key)\": it is already set on line \(earlier.keyLocation.line); each key may appear only once")
            }
            partial.entries.append(Mapping.Entry(key: key, keyLocation: keyAt, value: v))
            skip()
            if c.peek == .rbrace {
                c.p += 1
                return .map(partial, open)
            }
            guard c.peek == .comma else {
                throw FrontMatterError(at: c.here, c.atEnd
                    ? "`{` is never closed: expected `}` to end the object"
                    : "expected `,` or `}` after the value of \"\(key)\", found \(c.found(at: c.p))")
            }
            c.p += 1
            skip()
            if c.peek == .rbrace {
                throw FrontMatterError(at: c.here, "unexpected `}` after `,`: JSON allows no comma after the last value")
            }
        }
    }

    mutating func value(for key: String) throws(FrontMatterError) -> Node {
        let at = c.here
        if c.peek == .lbrace || c.peek == .lbracket {
            depth += 1
            if depth > maxNesting { throw nestingError(at) }
        }
        switch c.peek {
        case .dquote:
            return .scalar(try string())
        case .lbrace:
            defer { depth -= 1 }
            var inner = Mapping()
            return try object(partial: &inner)
        case .lbracket:
            defer { depth -= 1 }
            c.p += 1
            var items: [Node] = []
            skip()
            if c.peek == .rbracket {
                c.p += 1
                return .list(items, at)
            }
            while true {
                skip()
                items.append(try value(for: key))
                skip()
                if c.peek == .rbracket {
                    c.p += 1
                    return .list(items, at)
                }
                guard c.peek == .comma else {
                    throw FrontMatterError(at: c.atEnd ? at : c.here, c.atEnd
                        ? "`[` is never closed: expected `]` to end the list"
                        : "expected `,` or `]` after an item of the list, found \(c.found(at: c.p))")
                }
                c.p += 1
                skip()
                if c.peek == .rbracket {
                    throw FrontMatterError(at: c.here, "unexpected `]` after `,`: JSON allows no comma after the last item")
                }
            }
        default:
            let q = c.p
            while !c.atEnd, isWordByte(c.peek) { c.p += 1 }
            let word = c.text(q, c.p)
            if word == "true" || word == "false" { return .scalar(Scalar(word, location: at)) }
            if word == "null" { return .null(at) }
            if isNumber(Array(word.utf8)) { return .scalar(Scalar(word, location: at)) }
            throw FrontMatterError(at: at,
                "\(c.found(at: q)) is not a JSON value for \"\(key)\": expected text in double quotes, a number, true, false, null, `[` or `{`")
        }
    }

    func isWordByte(_ x: UInt8) -> Bool {
        switch x {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, .plus, .dash, 0x2E: return true
        default: return false
        }
    }

    /// JSON's number grammar: `-`, digits without a leading zero, fraction, exponent.
    func isNumber(_ w: [UInt8]) -> Bool {
        var k = 0
        func digits() -> Int {
            let s = k
            while k < w.count, w[k] >= 0x30, w[k] <= 0x39 { k += 1 }
            return k - s
        }
        if k < w.count, w[k] == .dash { k += 1 }
        let first = k
        let n = digits()
        guard n > 0, !(n > 1 && w[first] == 0x30) else { return false }
        if k < w.count, w[k] == 0x2E {
            k += 1
            guard digits() > 0 else { return false }
        }
        if k < w.count, w[k] == 0x65 || w[k] == 0x45 {
            k += 1
            if k < w.count, w[k] == .plus || w[k] == .dash { k += 1 }
            guard digits() > 0 else { return false }
        }
        return k == w.count
    }

    /// A `"…"` string with JSON's escapes (surrogate pairs joined).
    mutating func string() throws(FrontMatterError) -> Scalar {
        let at = c.here
        c.p += 1
        let start = c.p
        var out: [UInt8] = []
        var plainRun = true
        while true {
            let x = c.peek
            if c.atEnd || x == .lf || x == .cr {
                throw FrontMatterError(at: at, "missing closing `\"`: a JSON string ends on its own line (write `\\n` for a line break)")
            }
            if x == .dquote {
                let text = plainRun ? c.text(start, c.p) : String(decoding: out, as: UTF8.self)
                c.p += 1
                return Scalar(text, style: .doubleQuoted, location: at)
            }
            if x == .backslash {
                if plainRun {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: c.b[start..<c.p]))
                    plainRun = false
                }
                try escape(into: &out)
                continue
            }
            let run = c.stringRun(from: c.p + 1, quote: .dquote, escapes: true)
            if !plainRun { out.append(contentsOf: UnsafeBufferPointer(rebasing: c.b[c.p..<run])) }
            c.p = run
        }
    }

    mutating func escape(into out: inout [UInt8]) throws(FrontMatterError) {
        let at = c.here
        let e = c.byte(c.p + 1)
        switch e {
        case .dquote, .backslash, 0x2F: out.append(e)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x75:
            guard var v = hex4(c.p + 2) else {
                throw FrontMatterError(at: at, "expected 4 hex digits after `\\u` in a string")
            }
            c.p += 6
            if (0xD800...0xDBFF).contains(v), c.peek == .backslash, c.byte(c.p + 1) == 0x75, let low = hex4(c.p + 2),
               (0xDC00...0xDFFF).contains(low) {
                v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                c.p += 6
            }
            guard let scalar = Unicode.Scalar(v) else {
                throw FrontMatterError(at: at, "`\\u` escape of half a surrogate pair: expected a `\\uD…\\uD…` pair or a code point outside U+D800–U+DFFF")
            }
            appendUTF8(scalar, to: &out)
            return
        default:
            throw FrontMatterError(at: at,
                "unknown escape `\\\(c.atEnd ? "" : c.word(at: c.p + 1).prefix(1))` in a string: expected one of \\n \\t \\\" \\\\ \\/ \\uXXXX (write `\\\\` for a backslash)")
        }
        c.p += 2
    }

    func hex4(_ q: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let d = hexDigit(c.byte(q + k)) else { return nil }
            v = v << 4 | d
        }
        return v
    }
}
