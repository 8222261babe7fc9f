/// Flow collections: `[a, b]` and `{key: value}`, possibly over several lines (each continuation
/// line indented more than the key). Items are separated by `,` or the full-width `，`; an
/// unquoted `、` is an error, because it is as likely part of a name as a separator.
extension Parser {
    /// Where a flow reader stands: a line index and a byte offset in it.
    struct FlowCursor {
        var line: Int
        var pos: Int
    }

    /// What a plain scalar inside a flow collection is: it decides where the scalar ends.
    enum FlowRole {
        case item, key, value
    }

    /// Parses the flow collection opening at byte `q` of line `li`. On an error the whole
    /// collection becomes null and the lines it spans are skipped.
    mutating func parseFlow(_ li: Int, _ q: Int, parent: Int) -> Node {
        var cursor = FlowCursor(line: li, pos: q)
        do throws(FrontMatterError) {
            let node = try flowCollection(&cursor, parent: parent)
            let l = lines[cursor.line]
            let r = skipSpaces(cursor.pos, l.end)
            if r < l.end, !isComment(r, l.start) {
                let closer = b[q] == .lbracket ? "]" : "}"
                throw FrontMatterError(at: loc(cursor.line, r),
                    "unexpected text after `\(closer)`: expected the end of the line")
            }
            i = cursor.line + 1
            return node
        } catch {
            errors.append(error)
            i = cursor.line + 1
            skipDeeper(than: parent)
            return .null(loc(li, q))
        }
    }

    private mutating func flowCollection(_ cur: inout FlowCursor, parent: Int) throws(FrontMatterError) -> Node {
        depth += 1
        defer { depth -= 1 }
        if depth > maxNesting { throw nestingError(location(cur.line, cur.pos)) }
        return b[cur.pos] == .lbracket ? try flowSequence(&cur, parent: parent) : try flowMapping(&cur, parent: parent)
    }

    /// Skips spaces, comments and line breaks inside a collection opened at `opener`.
    private mutating func flowSkip(_ cur: inout FlowCursor, parent: Int, opener: SourceLocation, closer: UInt8) throws(FrontMatterError) {
        while true {
            let l = lines[cur.line]
            cur.pos = skipSpaces(cur.pos, l.end)
            if cur.pos < l.end, !isComment(cur.pos, l.start) { return }
            var k = cur.line + 1
            while k < lines.count, lines[k].isBlank { k += 1 }
            guard k < lines.count, lines[k].indent > parent else {
                let (open, close, what) = closer == .rbracket ? ("[", "]", "list") : ("{", "}", "map")
                throw FrontMatterError(at: opener,
                    "`\(open)` is never closed: expected `\(close)` to end the \(what), on this line or on lines indented under it")
            }
            cur = FlowCursor(line: k, pos: lines[k].content)
        }
    }

    private mutating func flowSequence(_ cur: inout FlowCursor, parent: Int) throws(FrontMatterError) -> Node {
        let opener = location(cur.line, cur.pos)
        cur.pos += 1
        var items: [Node] = []
        while true {
            try flowSkip(&cur, parent: parent, opener: opener, closer: .rbracket)
            if b[cur.pos] == .rbracket {
                cur.pos += 1
                return .list(items, opener)
            }
            items.append(try flowItem(&cur, parent: parent, role: .item, opener: opener, closer: .rbracket))
            try flowSkip(&cur, parent: parent, opener: opener, closer: .rbracket)
            if try flowSeparator(&cur, closer: .rbracket, what: "an item of the list") {
                return .list(items, opener)
            }
        }
    }

    private mutating func flowMapping(_ cur: inout FlowCursor, parent: Int) throws(FrontMatterError) -> Node {
        let opener = location(cur.line, cur.pos)
        cur.pos += 1
        var entries: [Mapping.Entry] = []
        while true {
            try flowSkip(&cur, parent: parent, opener: opener, closer: .rbrace)
            if b[cur.pos] == .rbrace {
                cur.pos += 1
                return .map(Mapping(entries), opener)
            }
            let keyLocation = location(cur.line, cur.pos)
            let key: String
            let c = b[cur.pos]
            if c == .dquote || c == .squote {
                let (text, after) = try scanQuoted(cur.line, cur.pos)
                key = text
                cur.pos = after
            } else {
                let (start, end) = try flowPlainRange(&cur, role: .key)
                key = text(start, end)
            }
            try flowSkip(&cur, parent: parent, opener: opener, closer: .rbrace)
            let end = lines[cur.line].end
            if b[cur.pos] == .colon {
                cur.pos += 1
            } else if isFullWidthColon(cur.pos, end) {
                cur.pos += 3
            } else {
                throw FrontMatterError(at: location(cur.line, cur.pos),
                    "missing `:` after key `\(key)` in `{…}`: expected `{key: value, …}`")
            }
            try flowSkip(&cur, parent: parent, opener: opener, closer: .rbrace)
            let d = b[cur.pos]
            let value: Node
            if d == .comma || d == .rbrace || isFullWidthComma(cur.pos, lines[cur.line].end) {
                value = .null(location(cur.line, cur.pos))
            } else {
                value = try flowItem(&cur, parent: parent, role: .value, opener: opener, closer: .rbrace)
            }
            if let earlier = entries.firstIndex(where: { sameUTF8($0.key, key) }) {
                throw FrontMatterError(at: keyLocation,
                    "duplicate key `\(key)`: it is already set at \(entries[earlier].keyLocation); each key may appear only once")
            }
            entries.append(Mapping.Entry(key: key, keyLocation: keyLocation, value: value))
            try flowSkip(&cur, parent: parent, opener: opener, closer: .rbrace)
            if try flowSeparator(&cur, closer: .rbrace, what: "a value of the map") {
                return .map(Mapping(entries), opener)
            }
        }
    }

    /// After an item: consumes `,` / `，` (returns false) or the closer (returns true).
    private mutating func flowSeparator(_ cur: inout FlowCursor, closer: UInt8, what: String) throws(FrontMatterError) -> Bool {
        let end = lines[cur.line].end
        let c = b[cur.pos]
        if c == .comma {
            cur.pos += 1
            return false
        }
        if isFullWidthComma(cur.pos, end) {
            cur.pos += 3
            return false
        }
        if c == closer {
            cur.pos += 1
            return true
        }
        if isIdeographicComma(cur.pos, end) {
            throw FrontMatterError(at: location(cur.line, cur.pos),
                "`、` does not separate items: write `,` (or `，`) between items, or put the item in quotes if `、` is part of it")
        }
        let close = closer == .rbracket ? "]" : "}"
        throw FrontMatterError(at: location(cur.line, cur.pos),
            "expected `,` or `\(close)` after \(what), found `\(snippet(cur.pos, plainEnd(cur.pos, end)))`")
    }

    /// One item of a list or value of a map.
    private mutating func flowItem(_ cur: inout FlowCursor, parent: Int, role: FlowRole,
                          opener: SourceLocation, closer: UInt8) throws(FrontMatterError) -> Node {
        let p = cur.pos
        let c = b[p]
        let end = lines[cur.line].end
        switch c {
        case .lbracket, .lbrace:
            return try flowCollection(&cur, parent: parent)
        case .dquote, .squote:
            let (value, after) = try scanQuoted(cur.line, p)
            cur.pos = after
            return .scalar(Scalar(value, style: c == .dquote ? .doubleQuoted : .singleQuoted, location: location(cur.line, p)))
        case .comma:
            throw FrontMatterError(at: location(cur.line, p), "empty item before `,`: expected a value")
        case .rbracket, .rbrace:
            let close = closer == .rbracket ? "]" : "}"
            throw FrontMatterError(at: location(cur.line, p),
                "unexpected `\(String(UnicodeScalar(c)))`: expected `\(close)` to close the collection opened at \(opener)")
        case .star:
            let e = anchorNameEnd(p + 1, end)
            let name = text(p + 1, e)
            guard e > p + 1 else {
                throw FrontMatterError(at: location(cur.line, p), "missing alias name after `*`: expected `*name` for a value set above with `&name`")
            }
            let value: Node
            switch anchors?.use(name, atDepth: depth) ?? .failure(.unknown) {
            case .success(let v): value = v
            case .failure(let problem): throw FrontMatterError(at: location(cur.line, p), aliasMessage(problem, name))
            }
            cur.pos = e
            return value
        case .amp:
            throw FrontMatterError(at: location(cur.line, p),
                "an item inside `[…]` or `{…}` cannot start with `&`: an anchor marks a whole value (`key: &name …`); put the item in quotes")
        case .bang:
            throw FrontMatterError(at: location(cur.line, p), unsupportedIndicator(c))
        default:
            if isFullWidthComma(p, end) {
                throw FrontMatterError(at: location(cur.line, p), "empty item before `，`: expected a value")
            }
            let (start, stop) = try flowPlainRange(&cur, role: role)
            if isNullWord(start, stop) { return .null(location(cur.line, start)) }
            return .scalar(Scalar(text(start, stop), style: .plain, location: location(cur.line, start)))
        }
    }

    /// A plain scalar inside a flow collection; ends at `,` `，` `[` `]` `{` `}` `、`, ` #`, the
    /// end of the line, or (for a key) `: ` / `：`.
    private mutating func flowPlainRange(_ cur: inout FlowCursor, role: FlowRole) throws(FrontMatterError) -> (Int, Int) {
        let l = lines[cur.line]
        let p = cur.pos
        var q = p
        scan: while q < l.end {
            let c = b[q]
            switch c {
            case .comma, .lbracket, .rbracket, .lbrace, .rbrace:
                break scan
            case .colon:
                let next: UInt8 = q + 1 < l.end ? b[q + 1] : .space
                if next.isSpaceOrTab || next == .comma || next == .rbracket || next == .rbrace {
                    switch role {
                    case .key: break scan
                    case .item:
                        throw FrontMatterError(at: location(cur.line, q),
                            "a `key: value` pair inside `[…]` is not supported: write `{key: value}`, or put the item in quotes")
                    case .value:
                        throw FrontMatterError(at: location(cur.line, q),
                            "unexpected `: ` in a value inside `{…}`: put the value in quotes")
                    }
                }
            case .hash:
                if q > p, b[q - 1].isSpaceOrTab { break scan }
            case 0xEF:
                if isFullWidthComma(q, l.end) || (role == .key && isFullWidthColon(q, l.end)) { break scan }
            case 0xE3:
                if isIdeographicComma(q, l.end) { break scan }
            default:
                break
            }
            q += 1
        }
        let stop = trimEnd(p, q)
        if stop == p {
            throw FrontMatterError(at: location(cur.line, p),
                role == .key ? "expected a key in `{…}`" : "expected a value")
        }
        cur.pos = q
        return (p, stop)
    }
}
