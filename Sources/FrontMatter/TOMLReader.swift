/// The TOML that front matter uses (Hugo's `+++` blocks), read into the same located `Node`s as
/// YAML: strings, numbers, booleans and dates become scalars (numbers in decimal, dates as
/// written, for the typed reads to take), arrays lists, tables and inline tables maps, arrays of
/// tables lists of maps. Reading stops at the first error, as TOML's own parsers do.
///
/// Beyond TOML 1.0, keys may be bare Chinese (`标题 = "…"`), and inline tables may run over lines.
struct TOMLReader {
    var c: ByteCursor
    let root: TOMLTable
    /// The table `key = value` lines go into: the root, or the last `[table]` / `[[table]]`.
    var current: TOMLTable
    /// How many `[` and `{` are open: bounded, so that a mangled file cannot exhaust the stack.
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, base: Substring, firstLine: Int) {
        c = ByteCursor(bytes: bytes, base: base, firstLine: firstLine)
        root = TOMLTable(location: SourceLocation(line: firstLine, column: 1), kind: .header)
        current = root
    }

    /// Reads the whole block; the mapping holds what was read before an error.
    mutating func read() -> (Mapping, FrontMatterError?) {
        do throws(FrontMatterError) {
            while !c.atEnd {
                try statement()
            }
            return (root.mapping, nil)
        } catch {
            return (root.mapping, error)
        }
    }

    // MARK: - Lines

    /// One line: blank, a comment, a `[table]` / `[[table]]` header or `key = value`.
    mutating func statement() throws(FrontMatterError) {
        c.skipSpaces()
        if c.atEnd { return }
        if c.peek == .hash || c.peek == .lf || c.peek == .cr {
            try endOfLine(after: nil)
            return
        }
        if c.peek == .lbracket {
            try header()
            try endOfLine(after: "the table name")
        } else {
            try keyValue(into: current)
            try endOfLine(after: nil)
        }
    }

    /// Skips spaces and a comment, then expects a line break or the end of the block.
    mutating func endOfLine(after what: String?) throws(FrontMatterError) {
        c.skipSpaces()
        if c.peek == .hash {
            while !c.atEnd, c.peek != .lf, c.peek != .cr { c.p += 1 }
        }
        if c.atEnd || c.skipNewline() { return }
        throw FrontMatterError(at: c.here,
            "unexpected \(c.found(at: c.p)) after \(what ?? "the value"): expected the end of the line (a comment starts with `#`)")
    }

    /// `[a.b]` or `[[a.b]]`.
    mutating func header() throws(FrontMatterError) {
        let open = c.here
        c.p += 1
        let isArray = c.peek == .lbracket
        if isArray { c.p += 1 }
        c.skipSpaces()
        let path = try keyPath(ending: "the table name")
        c.skipSpaces()
        let closer = isArray ? "]]" : "]"
        guard c.peek == .rbracket, !isArray || c.byte(c.p + 1) == .rbracket else {
            throw FrontMatterError(at: c.here, "expected `\(closer)` to end the table name, found \(c.found(at: c.p))")
        }
        c.p += isArray ? 2 : 1
        let name = path.map(\.name).joined(separator: ".")
        var table = root
        for part in path.dropLast() {
            table = try table.child(part, creating: .implicit, for: name)
        }
        guard let last = path.last else { return }
        let shown = isArray ? "[[\(name)]]" : "[\(name)]"
        if isArray {
            let fresh = TOMLTable(location: last.location, kind: .header)
            if let k = table.index(of: last.name) {
                guard case .tables(var list, let l) = table.entries[k].value else {
                    throw FrontMatterError(at: open,
                        "`\(shown)` names `\(last.name)`, which is already set on line \(table.entries[k].keyLocation.line) to something that is not a list of tables: use another name")
                }
                list.append(fresh)
                table.entries[k].value = .tables(list, l)
            } else {
                table.entries.append(TOMLTable.Entry(key: last.name, keyLocation: last.location,
                                                     value: .tables([fresh], last.location)))
            }
            current = fresh
        } else {
            if let k = table.index(of: last.name) {
                guard case .table(let existing) = table.entries[k].value, existing.kind == .implicit else {
                    throw FrontMatterError(at: open,
                        "`\(shown)` is defined twice: `\(last.name)` is already set on line \(table.entries[k].keyLocation.line); each table may appear only once")
                }
                existing.kind = .header
                current = existing
            } else {
                let fresh = TOMLTable(location: last.location, kind: .header)
                table.entries.append(TOMLTable.Entry(key: last.name, keyLocation: last.location, value: .table(fresh)))
                current = fresh
            }
        }
    }

    // MARK: - Keys

    struct KeyPart {
        var name: String
        var location: SourceLocation
    }

    /// A dotted key: bare (`a-b_1`, or Chinese) or quoted parts, spaces allowed around the dots.
    /// Each part is a table nested in the one before: past `maxNesting` parts it is the nesting error
    /// (the tables' walks recurse, and 10,000 parts overflowed the stack).
    mutating func keyPath(ending what: String) throws(FrontMatterError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            if parts.count == maxNesting, let first = parts.first { throw nestingError(first.location) }
            parts.append(try keyPart(before: what))
            c.skipSpaces()
            guard c.peek == 0x2E else { return parts }  // .
            c.p += 1
            c.skipSpaces()
        }
    }

    mutating func keyPart(before what: String) throws(FrontMatterError) -> KeyPart {
        let at = c.here
        let q = c.p
        if c.peek == .dquote || c.peek == .squote {
            if c.byte(q + 1) == c.peek, c.byte(q + 2) == c.peek {
                throw FrontMatterError(at: at, "a key cannot be a multi-line string: expected a key on one line")
            }
            let s = try string()
            return KeyPart(name: s.text, location: at)
        }
        while !c.atEnd, isBareKeyByte(c.peek) { c.p += 1 }
        guard c.p > q else {
            if c.atEnd || c.peek == .lf || c.peek == .cr || c.peek == 0x3D {
                throw FrontMatterError(at: at, "missing key before \(what): expected a key such as `title` or `\"标题\"`")
            }
            throw FrontMatterError(at: at,
                "expected a key (letters, digits, `_`, `-`, or text in quotes), found \(c.found(at: q))")
        }
        return KeyPart(name: c.text(q, c.p), location: at)
    }

    /// ASCII letters, digits, `_`, `-` (TOML's bare keys), and any non-ASCII character.
    func isBareKeyByte(_ x: UInt8) -> Bool {
        switch x {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, .dash: return true
        default: return x >= 0x80 && !isFullWidthEquals(c.p) && !isFullWidthSpace(c.p)
        }
    }

    func isFullWidthEquals(_ q: Int) -> Bool {
        c.byte(q) == 0xEF && c.byte(q + 1) == 0xBC && c.byte(q + 2) == 0x9D
    }

    func isFullWidthSpace(_ q: Int) -> Bool {
        c.byte(q) == 0xE3 && c.byte(q + 1) == 0x80 && c.byte(q + 2) == 0x80
    }

    /// `key = value` into `table` (the current table, or an inline table being read).
    mutating func keyValue(into table: TOMLTable) throws(FrontMatterError) {
        let path = try keyPath(ending: "`=`")
        // Joined only for a dotted key: most keys are one part, and this runs for every key.
        let name = path.count == 1 ? path[0].name : path.map(\.name).joined(separator: ".")
        c.skipSpaces()
        guard c.peek == 0x3D else {  // =
            let colon = c.peek == .colon || (c.byte(c.p) == 0xEF && c.byte(c.p + 1) == 0xBC && c.byte(c.p + 2) == 0x9A)
            throw FrontMatterError(at: c.here, colon
                ? "expected `=` after key `\(name)`, found \(c.found(at: c.p)): TOML front matter (between `+++` lines) writes `key = value`"
                : "missing `=` after key `\(name)`: expected `key = value`")
        }
        c.p += 1
        c.skipSpaces()
        let value = try self.value(for: name)
        var target = table
        for part in path.dropLast() {
            target = try target.child(part, creating: .dotted, for: name)
        }
        guard let last = path.last else { return }
        if let k = target.index(of: last.name) {
            throw FrontMatterError(at: last.location,
                "duplicate key `\(name)`: it is already set on line \(target.entries[k].keyLocation.line); each key may appear only once")
        }
        target.entries.append(TOMLTable.Entry(key: last.name, keyLocation: last.location, value: .node(value)))
    }

    // MARK: - Values

    /// A value after `key =` (or an array item): located at its first character.
    mutating func value(for key: String) throws(FrontMatterError) -> Node {
        let at = c.here
        switch c.peek {
        case .dquote, .squote:
            return .scalar(try string())
        case .lbracket:
            return try array(for: key)
        case .lbrace:
            return try inlineTable(for: key)
        case .lf, .cr, .hash, 0:
            throw FrontMatterError(at: at,
                "missing value after `\(key) =`: expected text in quotes, a number, true or false, a date, `[` or `{`")
        default:
            return .scalar(try bareValue(for: key))
        }
    }

    /// `[a, b]`, over lines if need be, with comments and a trailing comma.
    mutating func array(for key: String) throws(FrontMatterError) -> Node {
        let open = c.here
        try enter(open)
        defer { depth -= 1 }
        c.p += 1
        var items: [Node] = []
        while true {
            try skipInside(open: open, closer: "]", what: "list")
            if c.peek == .rbracket {
                c.p += 1
                return .list(items, open)
            }
            items.append(try value(for: key))
            try skipInside(open: open, closer: "]", what: "list")
            if c.peek == .comma {
                c.p += 1
            } else if c.peek != .rbracket {
                throw FrontMatterError(at: c.here, "expected `,` or `]` after an item of the list, found \(c.found(at: c.p))")
            }
        }
    }

    /// `{k = v, …}`.
    mutating func inlineTable(for key: String) throws(FrontMatterError) -> Node {
        let open = c.here
        try enter(open)
        defer { depth -= 1 }
        c.p += 1
        let table = TOMLTable(location: open, kind: .inline)
        try skipInside(open: open, closer: "}", what: "table")
        if c.peek == .rbrace {
            c.p += 1
            return .map(table.mapping, open)
        }
        while true {
            try skipInside(open: open, closer: "}", what: "table")
            try keyValue(into: table)
            try skipInside(open: open, closer: "}", what: "table")
            if c.peek == .rbrace {
                c.p += 1
                return .map(table.mapping, open)
            }
            guard c.peek == .comma else {
                throw FrontMatterError(at: c.here, "expected `,` or `}` after a value of the table, found \(c.found(at: c.p))")
            }
            c.p += 1
        }
    }

    mutating func enter(_ open: SourceLocation) throws(FrontMatterError) {
        depth += 1
        if depth > maxNesting { throw nestingError(open) }
    }

    /// Skips spaces, comments and line breaks inside `[…]` or `{…}`.
    mutating func skipInside(open: SourceLocation, closer: String, what: String) throws(FrontMatterError) {
        while true {
            c.skipSpaces()
            if c.peek == .hash {
                while !c.atEnd, c.peek != .lf, c.peek != .cr { c.p += 1 }
            }
            if c.atEnd {
                let opener = closer == "]" ? "[" : "{"
                throw FrontMatterError(at: open, "`\(opener)` is never closed: expected `\(closer)` to end the \(what)")
            }
            if !c.skipNewline() { return }
        }
    }

    /// A basic (`"…"`, `"""…"""`) or literal (`'…'`, `'''…'''`) string.
    mutating func string() throws(FrontMatterError) -> Scalar {
        let at = c.here
        let quote = c.peek
        let style: Scalar.Style = quote == .dquote ? .doubleQuoted : .singleQuoted
        let mark = quote == .dquote ? "\"" : "'"
        let multi = c.byte(c.p + 1) == quote && c.byte(c.p + 2) == quote
        var out: [UInt8] = []
        if multi {
            c.p += 3
            _ = c.skipNewline()  // a line break right after the opening quotes is not part of it
            while true {
                if c.atEnd {
                    throw FrontMatterError(at: at, "missing closing `\(mark)\(mark)\(mark)`: expected it to end the text that starts here")
                }
                let x = c.peek
                if x == quote, c.byte(c.p + 1) == quote, c.byte(c.p + 2) == quote {
                    // Up to two more quotes just before the closing three belong to the text.
                    var extra = 0
                    while extra < 2, c.byte(c.p + 3 + extra) == quote { extra += 1 }
                    out.append(contentsOf: repeatElement(quote, count: extra))
                    c.p += 3 + extra
                    return Scalar(String(decoding: out, as: UTF8.self), style: style, location: at)
                }
                if x == .lf || x == .cr {
                    _ = c.skipNewline()
                    out.append(.lf)
                    continue
                }
                if x == .backslash, quote == .dquote {
                    // A backslash ending a line joins it to the next, dropping the whitespace between.
                    var q = c.p + 1
                    while c.byte(q).isSpaceOrTab { q += 1 }
                    if c.byte(q) == .lf || c.byte(q) == .cr {
                        c.p = q
                        while c.skipNewline() || c.peek.isSpaceOrTab { if c.peek.isSpaceOrTab { c.p += 1 } }
                        continue
                    }
                    try escape(into: &out)
                    continue
                }
                out.append(x)
                c.p += 1
            }
        }
        c.p += 1
        let start = c.p
        var plainRun = true
        while true {
            let x = c.peek
            if c.atEnd || x == .lf || x == .cr {
                throw FrontMatterError(at: at,
                    "missing closing `\(mark)`: a TOML string ends on its own line (for text over several lines use `\(mark)\(mark)\(mark)`)")
            }
            if x == quote {
                let text = plainRun ? c.text(start, c.p) : String(decoding: out, as: UTF8.self)
                c.p += 1
                return Scalar(text, style: style, location: at)
            }
            if x == .backslash, quote == .dquote {
                if plainRun {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: c.b[start..<c.p]))
                    plainRun = false
                }
                try escape(into: &out)
                continue
            }
            let run = c.stringRun(from: c.p + 1, quote: quote, escapes: quote == .dquote)
            if !plainRun { out.append(contentsOf: UnsafeBufferPointer(rebasing: c.b[c.p..<run])) }
            c.p = run
        }
    }

    /// Decodes the escape at `p` (a backslash) in a basic string.
    mutating func escape(into out: inout [UInt8]) throws(FrontMatterError) {
        let at = c.here
        let e = c.byte(c.p + 1)
        switch e {
        case 0x62: out.append(0x08)
        case 0x74: out.append(0x09)
        case 0x6E: out.append(0x0A)
        case 0x66: out.append(0x0C)
        case 0x72: out.append(0x0D)
        case 0x65: out.append(0x1B)
        case .dquote, .backslash: out.append(e)
        case 0x75, 0x55:
            let digits = e == 0x75 ? 4 : 8
            var v: UInt32 = 0
            for k in 0..<digits {
                guard let d = hexDigit(c.byte(c.p + 2 + k)) else {
                    throw FrontMatterError(at: at, "expected \(digits) hex digits after `\\\(String(UnicodeScalar(e)))` in a string")
                }
                v = v << 4 | d
            }
            guard let scalar = Unicode.Scalar(v) else {
                throw FrontMatterError(at: at,
                    "`\(c.text(c.p, c.p + 2 + digits))` is not a Unicode character: expected a code point outside U+D800–U+DFFF and at most U+10FFFF")
            }
            appendUTF8(scalar, to: &out)
            c.p += 2 + digits
            return
        default:
            throw FrontMatterError(at: at,
                "unknown escape `\\\(c.atEnd ? "" : c.word(at: c.p + 1).prefix(1))` in a string: expected one of \\n \\t \\\" \\\\ \\uXXXX (write `\\\\` for a backslash, or use '…' for text with backslashes)")
        }
        c.p += 2
    }

    /// `true`, `false`, a number or a date, as a plain scalar: decimal digits for integers
    /// (underscores dropped, `0x`/`0o`/`0b` converted), floats and dates as written.
    mutating func bareValue(for key: String) throws(FrontMatterError) -> Scalar {
        let at = c.here
        let q = c.p
        while !c.atEnd, isValueByte(c.peek) { c.p += 1 }
        // `1979-05-27 07:32:00`: a space may separate a date from its time.
        if c.p - q == 10, c.peek == .space, isDigit(c.byte(c.p + 1)), isDigit(c.byte(c.p + 2)), c.byte(c.p + 3) == .colon {
            c.p += 1
            while !c.atEnd, isValueByte(c.peek) { c.p += 1 }
        }
        let word = c.text(q, c.p)
        var notValue: FrontMatterError {
            FrontMatterError(at: at,
                "`\(c.word(at: q))` is not a TOML value for `\(key)`: expected text in quotes (`\"…\"`), a number, true or false, a date, `[` or `{`")
        }
        guard c.p > q else { throw notValue }
        // A value that goes on with other characters (`全国 劳模`, `是`) is text without quotes.
        if !c.atEnd, !(c.peek.isSpaceOrTab || c.peek == .lf || c.peek == .cr || c.peek == .hash
                       || c.peek == .comma || c.peek == .rbracket || c.peek == .rbrace) {
            throw notValue
        }
        if word == "true" || word == "false" { return Scalar(word, location: at) }
        // TOML's infinities and NaN, written as YAML writes them: the scalars stay untyped, and it is
        // YAML's spelling that a site's typed reads (`page.params`) know as floats.
        if word == "inf" || word == "+inf" { return Scalar(".inf", location: at) }
        if word == "-inf" { return Scalar("-.inf", location: at) }
        if word == "nan" || word == "+nan" || word == "-nan" { return Scalar(".nan", location: at) }
        let bytes = Array(word.utf8)
        if bytes.count >= 8, isDigit(bytes[0]), isDigit(bytes[1]), isDigit(bytes[2]), isDigit(bytes[3]), bytes[4] == .dash {
            if case .failure(let e) = DateParser.parse(word) {
                var where_ = at
                where_.column += e.offset
                throw FrontMatterError(at: e.reason == nil ? at : where_, e.reason.map {
                    "`\(word)` is not a valid date for `\(key)`: \($0)"
                } ?? "`\(word)` is not a TOML date for `\(key)`: expected a date such as `2023-09-01`, `2023-09-01T14:07:00+08:00` or `2023-09-01 14:07:00`")
            }
            return Scalar(word, location: at)
        }
        if bytes.count >= 5, isDigit(bytes[0]), isDigit(bytes[1]), bytes[2] == .colon {
            return Scalar(word, location: at)  // a local time: TOML's, kept as written
        }
        if let n = integer(bytes) { return Scalar(n, location: at) }
        if isFloat(bytes) { return Scalar(String(decoding: bytes.filter { $0 != 0x5F }, as: UTF8.self), location: at) }
        throw notValue
    }

    func isDigit(_ x: UInt8) -> Bool { x >= 0x30 && x <= 0x39 }

    /// Bytes a bare value is made of: letters, digits and `+-._:`.
    func isValueByte(_ x: UInt8) -> Bool {
        switch x {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, .plus, .dash, 0x2E, 0x5F, .colon: return true
        default: return x >= 0x80
        }
    }

    /// A TOML integer in decimal text, or nil.
    func integer(_ w: [UInt8]) -> String? {
        guard !w.isEmpty else { return nil }
        if w.count > 2, w[0] == 0x30, w[1] == 0x78 || w[1] == 0x6F || w[1] == 0x62 {
            let radix: Int = w[1] == 0x78 ? 16 : w[1] == 0x6F ? 8 : 2
            let digits = String(decoding: w[2...].filter { $0 != 0x5F }, as: UTF8.self)
            // TOML puts no sign or `_` right after the prefix (`0x-5`, `0o_7`); Int(radix:) would take a sign.
            guard w[2] != .plus, w[2] != .dash, w[2] != 0x5F, w.last != 0x5F, let v = Int(digits, radix: radix) else { return nil }
            return String(v)
        }
        var k = 0
        if w[0] == .plus || w[0] == .dash { k = 1 }
        guard k < w.count, isDigit(w[k]) else { return nil }
        if w[k] == 0x30, w.count > k + 1 { return nil }  // no leading zeros
        var previousDigit = false
        var out: [UInt8] = w[0] == .dash ? [.dash] : []
        for x in w[k...] {
            if isDigit(x) {
                out.append(x)
                previousDigit = true
            } else if x == 0x5F, previousDigit {
                previousDigit = false
            } else {
                return nil
            }
        }
        guard previousDigit else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// A TOML float: sign, digits, then a fraction and/or an exponent.
    func isFloat(_ w: [UInt8]) -> Bool {
        let s = String(decoding: w.filter { $0 != 0x5F }, as: UTF8.self)
        guard s.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), !s.hasSuffix("."), !s.hasPrefix("."),
              Double(s) != nil else { return false }
        return !w.contains { $0 >= 0x41 && $0 <= 0x5A && $0 != 0x45 || $0 >= 0x61 && $0 <= 0x7A && $0 != 0x65 }
    }
}

/// A table being built: `[table]`s and dotted keys add to tables read earlier, so they are
/// shared references until the reader turns them into a `Mapping`.
final class TOMLTable {
    /// How a table came to be, which decides what may add to it later.
    enum Kind {
        /// `[name]`, `[[name]]` or the root.
        case header
        /// A parent named on the way to a header (`a` in `[a.b]`): a later `[a]` may still define it.
        case implicit
        /// Made by a dotted key (`a.b = 1`).
        case dotted
        /// `{…}`: closed once read.
        case inline
    }

    enum Value {
        case node(Node)
        case table(TOMLTable)
        case tables([TOMLTable], SourceLocation)
    }

    struct Entry {
        var key: String
        var keyLocation: SourceLocation
        var value: Value
    }

    var entries: [Entry] = []
    let location: SourceLocation
    var kind: Kind

    init(location: SourceLocation, kind: Kind) {
        self.location = location
        self.kind = kind
    }

    func index(of key: String) -> Int? {
        entries.firstIndex { sameUTF8($0.key, key) }
    }

    /// The table under `part` (the last table of a `[[list]]`), made when absent.
    func child(_ part: TOMLReader.KeyPart, creating kind: Kind, for name: String) throws(FrontMatterError) -> TOMLTable {
        if let k = index(of: part.name) {
            switch entries[k].value {
            case .table(let t) where t.kind != .inline && !(kind == .dotted && t.kind == .header):
                return t
            case .tables(let list, _) where kind == .implicit:
                if let last = list.last { return last }
            default:
                break
            }
            throw FrontMatterError(at: part.location,
                "`\(name)` cannot add to `\(part.name)`: it is already set on line \(entries[k].keyLocation.line); each key may appear only once")
        }
        let t = TOMLTable(location: part.location, kind: kind)
        entries.append(Entry(key: part.name, keyLocation: part.location, value: .table(t)))
        return t
    }

    /// The finished mapping.
    var mapping: Mapping {
        Mapping(entries.map { e in
            let node: Node
            switch e.value {
            case .node(let n): node = n
            case .table(let t): node = .map(t.mapping, t.location)
            case .tables(let list, let l): node = .list(list.map { .map($0.mapping, $0.location) }, l)
            }
            return Mapping.Entry(key: e.key, keyLocation: e.keyLocation, value: node)
        })
    }
}
