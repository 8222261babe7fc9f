#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One physical line of a front matter block, as byte offsets into the block's UTF-8.
struct Line {
    /// Offset of the line's first byte.
    var start: Int
    /// Offset just past the line's last content byte (its line break is not included).
    var end: Int
    /// Leading spaces and tabs, in bytes.
    var indent: Int
    /// Offset of the first byte that is not a space or tab (`end` for a whitespace-only line).
    var content: Int
    /// The first content byte is `#`.
    var isComment: Bool
    /// Whitespace only or a comment: skipped wherever structure is read.
    var isBlank: Bool { content == end || isComment }
    /// A tab occurs in the leading whitespace of a line that has content.
    var tabInIndent: Bool
}

/// The block-structure parser: mappings, lists and their indentation, over the bytes of one
/// front matter block. Scalars are in `Parser+Scalars.swift`, flow collections in
/// `Parser+Flow.swift`.
///
/// Every method that reads a value leaves `i` at the first line it did not consume. Errors are
/// appended to `errors`; after one, the parser skips the bad line (and the lines indented under
/// it) and goes on, so that one file reports every bad line at once.
struct Parser {
    let b: UnsafeBufferPointer<UInt8>
    /// The block the bytes are of: strings are copied from it, which skips re-validating UTF-8.
    let base: Substring
    let firstLine: Int
    var lines: [Line] = []
    /// Index of the next line to read.
    var i = 0
    var errors: [FrontMatterError] = []
    /// How many maps and lists, block or flow, are open (bounded by `maxNesting`). One counter:
    /// each stored property makes the parser larger, and copying it costs on every line.
    var depth = 0
    /// Values marked `&name`, for `*name` below them; made at the first `&name` (most front matters
    /// have none, and need not allocate it).
    var anchors: Anchors?
    /// The last line of the last plain scalar read, for the hint in `badIndentation`.
    var lastPlainLine = -1
    /// The last column computed: locations on one line are asked for left to right.
    var columnCache = (line: -1, offset: 0, column: 1)

    init(bytes: UnsafeBufferPointer<UInt8>, base: Substring, firstLine: Int) {
        self.b = bytes
        self.base = base
        self.firstLine = firstLine
        scanLines()
    }

    private mutating func scanLines() {
        let n = b.count
        guard let base = b.baseAddress else { return }
        lines.reserveCapacity(16)
        var p = 0
        while p < n {
            let start = p
            var q = p
            var sawTab = false
            while q < n, b[q] == .space || b[q] == .tab {
                if b[q] == .tab { sawTab = true }
                q += 1
            }
            let content = q
            let (end, next) = lineEnd(base, from: q, count: n)
            let isComment = content < end && b[content] == .hash
            lines.append(Line(start: start, end: end, indent: content - start, content: content,
                              isComment: isComment, tabInIndent: sawTab && content < end && !isComment))
            p = next
        }
    }

    // MARK: - Document

    /// Parses the whole block as the top-level mapping.
    mutating func parseDocument() -> Mapping {
        guard let first = nextContent() else { return Mapping() }
        i = first
        let top = lines[first].tabInIndent ? 0 : lines[first].indent
        // parent -1: nothing ends the top level; lines indented differently are reported.
        return parseMapping(indent: top, parent: -1, first: nil).mapping ?? Mapping()
    }

    // MARK: - Mappings

    /// Parses `key: value` lines at indentation `m`, stopping at the first line indented `parent`
    /// or less. `first` is a key that starts mid-line, after `- `.
    mutating func parseMapping(indent m: Int, parent: Int, first: (line: Int, offset: Int)?) -> Node {
        if let tooDeep = enterBlock(parent: parent, first: first) { return tooDeep }
        defer { depth -= 1 }
        var entries: [Mapping.Entry] = []
        entries.reserveCapacity(parent < 0 ? 12 : 4)
        var anchor: (key: String, line: Int)?
        let startLine = first?.line ?? nextContent() ?? 0
        let startOffset = first?.offset ?? (startLine < lines.count ? lines[startLine].content : 0)
        if let first {
            parseEntry(first.line, first.offset, indent: m, into: &entries, anchor: &anchor)
        }
        while let k = nextContent() {
            let l = lines[k]
            if l.indent <= parent { break }
            if l.tabInIndent {
                tabError(k)
                i = k + 1
                continue
            }
            if l.indent != m {
                badIndentation(k, expected: m, alignedWith: anchor)
                i = k + 1
                skipDeeper(than: l.indent)
                continue
            }
            if isListItem(l.content, l.end) {
                errors.append(FrontMatterError(at: loc(k, l.content),
                    "unexpected list item: expected `key: value` at column \(m + 1); a list goes on the lines below a `key:` line"))
                i = k + 1
                skipDeeper(than: m)
                continue
            }
            parseEntry(k, l.content, indent: m, into: &entries, anchor: &anchor)
        }
        let location = entries.first?.keyLocation ?? loc(startLine, startOffset)
        return .map(Mapping(entries), location)
    }

    /// Parses one `key: value` starting at byte `p` of line `li` into `entries`.
    private mutating func parseEntry(_ li: Int, _ p: Int, indent m: Int,
                                     into entries: inout [Mapping.Entry],
                                     anchor: inout (key: String, line: Int)?) {
        let scan = scanKey(li, p)
        guard case .key(let keyStart, let valueStart, _, _) = scan, let name = keyName(scan) else {
            errors.append(missingColon(li, p))
            i = li + 1
            skipDeeper(than: m)
            return
        }
        if name.isEmpty {
            errors.append(FrontMatterError(at: loc(li, p), "missing key before `:`: expected `key: value`"))
            i = li + 1
            skipDeeper(than: m)
            return
        }
        let keyLocation = location(li, keyStart)
        if anchor == nil { anchor = (name, keyLocation.line) }
        if b[keyStart] == UInt8(ascii: "<"), name == "<<" {
            errors.append(FrontMatterError(at: keyLocation,
                "merge keys `<<` are not supported: write the keys out in this map (an alias `*name` may stand for a whole value)"))
            i = li + 1
            skipDeeper(than: m)
            return
        }
        let value = parseValue(li, from: valueStart, parent: m, key: name, allowCompactList: true)
        if let earlier = entries.firstIndex(where: { sameUTF8($0.key, name) }) {
            errors.append(FrontMatterError(at: keyLocation,
                "duplicate key `\(name)`: it is already set on line \(entries[earlier].keyLocation.line); each key may appear only once"))
            return
        }
        entries.append(Mapping.Entry(key: name, keyLocation: keyLocation, value: value))
    }

    /// The error for a line at a key's place that has no key separator.
    private func missingColon(_ li: Int, _ p: Int) -> FrontMatterError {
        let l = lines[li]
        var q = p
        while q < l.end, !b[q].isSpaceOrTab, b[q] != .colon { q += 1 }
        if q < l.end, b[q] == .colon, q > p {
            return FrontMatterError(at: loc(li, q),
                "missing space after `:` in `\(snippet(p, plainEnd(p, l.end)))`: expected `key: value`, with a space after `:`")
        }
        if q == p {
            return FrontMatterError(at: loc(li, p),
                "expected `key: value`, found `\(snippet(p, plainEnd(p, l.end)))`")
        }
        return FrontMatterError(at: loc(li, q),
            "missing `:` after key `\(snippet(p, q))`: expected `key: value`")
    }

    // MARK: - Values

    /// Parses the value that follows a key's separator (or a list item's `- `) at byte `v` of
    /// line `li`: inline, or on the lines below indented more than `parent`.
    mutating func parseValue(_ li: Int, from v: Int, parent: Int, key: String?,
                             allowCompactList: Bool) -> Node {
        let l = lines[li]
        let q = skipSpaces(v, l.end)
        if q == l.end || isComment(q, l.start) {
            i = li + 1
            if let k = nextContent() {
                let next = lines[k]
                if next.indent > parent {
                    i = k
                    return parseNested(k, parent: parent, key: key)
                }
                // YAML lets a list sit at its key's own indentation.
                if allowCompactList, next.indent == parent, !next.tabInIndent,
                   isListItem(next.content, next.end) {
                    i = k
                    return parseList(indent: parent, parent: parent, first: nil)
                }
            }
            return .null(location(li, q))
        }
        return parseInline(li, q, parent: parent, key: key)
    }

    /// Parses a value that starts on its own line `k`, indented under its key.
    mutating func parseNested(_ k: Int, parent: Int, key: String?) -> Node {
        let l = lines[k]
        if l.tabInIndent {
            tabError(k)
            i = k + 1
            skipDeeper(than: parent)
            return .null(loc(k, l.content))
        }
        if isListItem(l.content, l.end) {
            return parseList(indent: l.indent, parent: parent, first: nil)
        }
        if case .key = scanKey(k, l.content) {
            return parseMapping(indent: l.indent, parent: parent, first: nil)
        }
        return parseInline(k, l.content, parent: parent, key: key)
    }

    /// Parses a value starting at byte `q` (not blank) of line `li`.
    mutating func parseInline(_ li: Int, _ q: Int, parent: Int, key: String?) -> Node {
        let l = lines[li]
        let c = b[q]
        switch c {
        case .lbracket, .lbrace:
            return parseFlow(li, q, parent: parent)
        case .dquote, .squote:
            return parseQuotedValue(li, q, parent: parent)
        case .pipe, .gt:
            return parseBlockScalar(li, q, parent: parent)
        case .dash where isListItem(q, l.end):
            let name = key.map { "`\($0):`" } ?? "its key"
            return fail(li, q, parent: parent,
                "a list cannot start on the same line as \(name): put each `- item` on its own line below, indented, or write `[a, b]`")
        case .amp:
            return parseAnchored(li, q, parent: parent, key: key)
        case .star:
            return parseAlias(li, q, parent: parent)
        case .bang:
            return fail(li, q, parent: parent, unsupportedIndicator(c))
        default:
            return parsePlain(li, q, parent: parent)
        }
    }

    /// The end of an anchor or alias name starting at `p`: YAML ends it at a space, a tab or a
    /// flow indicator.
    func anchorNameEnd(_ p: Int, _ end: Int) -> Int {
        var e = p
        while e < end, !b[e].isSpaceOrTab, b[e] != .comma, b[e] != .lbracket, b[e] != .rbracket,
              b[e] != .lbrace, b[e] != .rbrace { e += 1 }
        return e
    }

    /// `&name value`: the value (inline, or on the lines below), remembered for `*name`.
    mutating func parseAnchored(_ li: Int, _ q: Int, parent: Int, key: String?) -> Node {
        let l = lines[li]
        let e = anchorNameEnd(q + 1, l.end)
        guard e > q + 1 else {
            return fail(li, q, parent: parent, "missing anchor name after `&`: expected `&name` then the value")
        }
        let name = text(q + 1, e)
        let value = parseValue(li, from: e, parent: parent, key: key, allowCompactList: true)
        if anchors == nil { anchors = Anchors() }
        anchors?.mark(name, value)
        return value
    }

    /// `*name`: the value set with `&name` above, with the locations where it was written.
    mutating func parseAlias(_ li: Int, _ q: Int, parent: Int) -> Node {
        let l = lines[li]
        let e = anchorNameEnd(q + 1, l.end)
        let name = text(q + 1, e)
        guard e > q + 1 else {
            return fail(li, q, parent: parent, "missing alias name after `*`: expected `*name` for a value set above with `&name`")
        }
        let r = skipSpaces(e, l.end)
        if r < l.end, !isComment(r, l.start) {
            return fail(li, r, parent: parent, "unexpected text after the alias `*\(name)`: expected the end of the line")
        }
        let value: Node
        switch anchors?.use(name, atDepth: depth) ?? .failure(.unknown) {
        case .success(let v): value = v
        case .failure(let problem): return fail(li, q, parent: parent, aliasMessage(problem, name))
        }
        i = li + 1
        // YAML allows nothing under an alias: lines indented below it would be lost.
        if let next = nextContent(), lines[next].indent > parent {
            return fail(next, lines[next].content, parent: parent,
                "nothing may be indented under the alias `*\(name)`: it stands for the whole value; write the value out, or put these lines under another key")
        }
        skipDeeper(than: parent)
        return value
    }

    /// Counts one more open block map or list; past `maxNesting` records the error, skips what
    /// is under it and returns the null that stands for it (the caller then returns at once).
    mutating func enterBlock(parent: Int, first: (line: Int, offset: Int)?) -> Node? {
        guard depth >= maxNesting else {
            depth += 1
            return nil
        }
        let at = first ?? nextContent().map { ($0, lines[$0].content) } ?? (min(i, lines.count - 1), 0)
        guard at.0 >= 0, at.0 < lines.count else { return .null(SourceLocation(line: firstLine, column: 1)) }
        let q = at.1 < lines[at.0].start ? lines[at.0].content : at.1
        return fail(at.0, q, parent: parent, nestingError(loc(at.0, q)).message)
    }

    /// Records an error at byte `q` of line `li`, skips the line and what is indented under it.
    mutating func fail(_ li: Int, _ q: Int, parent: Int, _ message: String) -> Node {
        errors.append(FrontMatterError(at: loc(li, q), message))
        i = li + 1
        skipDeeper(than: parent)
        return .null(loc(li, q))
    }

    func unsupportedIndicator(_ c: UInt8) -> String {
        let ch = String(UnicodeScalar(c))
        return "a value cannot start with `\(ch)`: YAML reads it as a tag, which front matter does not support; put the value in quotes"
    }

    // MARK: - Lists

    /// Parses `- item` lines at indentation `n`, stopping at a line indented `parent` or less
    /// (or, for a list at its key's own indentation, at the first line that is not an item).
    /// `first` is the offset of a `-` that starts mid-line (`- - a`).
    mutating func parseList(indent n: Int, parent: Int, first: Int?) -> Node {
        if let tooDeep = enterBlock(parent: parent, first: first.map { (i, $0) }) { return tooDeep }
        defer { depth -= 1 }
        var items: [Node] = []
        var location: SourceLocation?
        // The last item's block map, for "in line with" in indentation errors.
        var itemMap: (indent: Int, key: String, line: Int)?
        var pending = first
        while true {
            let li: Int
            let dash: Int
            if let f = pending {
                li = i
                dash = f
                pending = nil
            } else {
                guard let k = nextContent() else { break }
                let l = lines[k]
                if l.indent < n {
                    if l.indent <= parent { break }
                    badIndentation(k, expected: n, alignedWith: nil)
                    i = k + 1
                    skipDeeper(than: l.indent)
                    continue
                }
                if l.tabInIndent {
                    tabError(k)
                    i = k + 1
                    continue
                }
                if l.indent > n {
                    badIndentation(k, expected: itemMap?.indent ?? n,
                                   alignedWith: itemMap.map { ($0.key, $0.line) })
                    i = k + 1
                    skipDeeper(than: l.indent)
                    continue
                }
                if !isListItem(l.content, l.end) {
                    if n == parent { break }
                    errors.append(FrontMatterError(at: loc(k, l.content),
                        "expected a list item `- …` at column \(n + 1), found `\(snippet(l.content, plainEnd(l.content, l.end)))`"))
                    i = k + 1
                    skipDeeper(than: n)
                    continue
                }
                li = k
                dash = l.content
            }
            if location == nil { location = self.location(li, dash) }
            itemMap = nil
            let l = lines[li]
            let q = skipSpaces(dash + 1, l.end)
            let itemIndent = q - l.start
            if q == l.end || isComment(q, l.start) {
                i = li + 1
                if let k = nextContent(), lines[k].indent > n {
                    i = k
                    let next = lines[k]
                    let isMap = !next.tabInIndent && !isListItem(next.content, next.end)
                        && scanKey(k, next.content).isKey
                    let node = parseNested(k, parent: n, key: nil)
                    if isMap, let firstKey = node.mapping?.entries.first {
                        itemMap = (next.indent, firstKey.key, firstKey.keyLocation.line)
                    }
                    items.append(node)
                } else {
                    items.append(.null(loc(li, q)))
                }
            } else if isListItem(q, l.end) {
                i = li
                items.append(parseList(indent: itemIndent, parent: n, first: q))
            } else if let name = keyName(scanKey(li, q)) {
                i = li
                items.append(parseMapping(indent: itemIndent, parent: n, first: (li, q)))
                itemMap = (itemIndent, name, firstLine + li)
            } else {
                items.append(parseInline(li, q, parent: n, key: nil))
            }
        }
        return .list(items, location ?? SourceLocation(line: firstLine + i, column: n + 1))
    }

    // MARK: - Keys

    /// A key found on a line; its text is only built when asked for (`keyName`), since lines
    /// are often scanned just to learn whether they hold a key.
    enum KeyScan {
        case key(keyStart: Int, valueStart: Int, nameEnd: Int, quotedName: String?)
        case notKey

        var isKey: Bool {
            if case .key = self { return true }
            return false
        }
    }

    /// Reads `key:` / `key：` at byte `p` of line `li`. The separator is the first `:` followed by
    /// a space, a tab or the end of the line, or the first `：`, whichever comes first.
    func scanKey(_ li: Int, _ p: Int) -> KeyScan {
        let end = lines[li].end
        guard p < end else { return .notKey }
        let c = b[p]
        if c == .dquote || c == .squote {
            guard let (text, after) = try? scanQuoted(li, p) else { return .notKey }
            let q = skipSpaces(after, end)
            if q < end, b[q] == .colon { return .key(keyStart: p, valueStart: q + 1, nameEnd: after, quotedName: text) }
            if isFullWidthColon(q, end) { return .key(keyStart: p, valueStart: q + 3, nameEnd: after, quotedName: text) }
            return .notKey
        }
        if c == .lbracket || c == .lbrace || c == .pipe || c == .gt || c == .hash { return .notKey }
        var q = p
        while q < end {
            let c = b[q]
            if c == .colon, q + 1 == end || b[q + 1].isSpaceOrTab {
                return .key(keyStart: p, valueStart: q + 1, nameEnd: trimEnd(p, q), quotedName: nil)
            }
            if c == 0xEF, isFullWidthColon(q, end) {
                return .key(keyStart: p, valueStart: q + 3, nameEnd: trimEnd(p, q), quotedName: nil)
            }
            if c == .hash, q > p, b[q - 1].isSpaceOrTab { return .notKey }
            q += 1
        }
        return .notKey
    }

    /// The text of a scanned key; nil when the scan found none.
    func keyName(_ scan: KeyScan) -> String? {
        guard case .key(let start, _, let end, let quoted) = scan else { return nil }
        return quoted ?? text(start, end)
    }

    // MARK: - Errors shared by the structure readers

    mutating func tabError(_ k: Int) {
        let l = lines[k]
        var q = l.start
        while q < l.content, b[q] != .tab { q += 1 }
        errors.append(FrontMatterError(at: loc(k, q),
            "tab used for indentation: YAML does not allow tabs here, use spaces"))
    }

    mutating func badIndentation(_ k: Int, expected: Int, alignedWith anchor: (key: String, line: Int)?) {
        let l = lines[k]
        var what = "bad indentation"
        if let name = keyName(scanKey(k, l.content)) { what += " of `\(name)`" }
        var message = "\(what): found column \(l.indent + 1), expected column \(expected + 1)"
        if let anchor {
            message += ", in line with `\(anchor.key)` on line \(anchor.line)"
        }
        var previous = k - 1
        while previous >= 0, lines[previous].isBlank { previous -= 1 }
        if l.indent >= expected + 2, previous >= 0, previous == lastPlainLine {
            message += " (a line that continues the text above may not look like `key: value`: for long text use `|` or `>`)"
        }
        errors.append(FrontMatterError(at: loc(k, l.content), message))
    }
}

// MARK: - Byte helpers

extension UInt8 {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let bang: UInt8 = 0x21
    static let dquote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let amp: UInt8 = 0x26
    static let squote: UInt8 = 0x27
    static let star: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let dash: UInt8 = 0x2D
    static let colon: UInt8 = 0x3A
    static let gt: UInt8 = 0x3E
    static let lbracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rbracket: UInt8 = 0x5D
    static let lbrace: UInt8 = 0x7B
    static let pipe: UInt8 = 0x7C
    static let rbrace: UInt8 = 0x7D

    var isSpaceOrTab: Bool { self == .space || self == .tab }
}

extension Parser {
    /// `loc`, continuing from the last column computed when it is on the same line and not
    /// further right: flow items and values are located left to right.
    mutating func location(_ li: Int, _ offset: Int) -> SourceLocation {
        guard li < lines.count else { return SourceLocation(line: firstLine + li, column: 1) }
        let lineStart = lines[li].start
        var from = lineStart
        var fromColumn = 1
        if columnCache.line == li, columnCache.offset <= offset {
            from = columnCache.offset
            fromColumn = columnCache.column
        }
        let column = fromColumn - 1 + characterColumn(b, from: from, to: offset, lineStart: lineStart)
        columnCache = (li, offset, column)
        return SourceLocation(line: firstLine + li, column: column)
    }

    /// The location of byte `offset` of line `li`, in file lines and Character columns.
    func loc(_ li: Int, _ offset: Int) -> SourceLocation {
        let start = li < lines.count ? lines[li].start : offset
        return SourceLocation(line: firstLine + li, column: characterColumn(b, from: start, to: offset, lineStart: start))
    }

    /// The text of bytes `from..<to` (always whole characters' bytes).
    func text(_ from: Int, _ to: Int) -> String { sliceText(b, of: base, from, to) }

    /// The text of bytes `from..<to`, cut to 30 characters for a message.
    func snippet(_ from: Int, _ to: Int) -> String {
        let s = text(from, to)
        return s.count > 30 ? String(s.prefix(30)) + "…" : s
    }

    /// The first line index at or after `i` that is not blank or a comment.
    func nextContent() -> Int? {
        var k = i
        while k < lines.count, lines[k].isBlank { k += 1 }
        return k < lines.count ? k : nil
    }

    /// Moves `i` past blank lines and lines indented more than `indent`.
    mutating func skipDeeper(than indent: Int) {
        while let k = nextContent(), lines[k].indent > indent { i = k + 1 }
    }

    /// The end of the line whose content starts at or before `q`, and the start of the next one.
    /// `\n`, `\r\n` and a lone `\r` end lines.
    func lineEnd(_ base: UnsafePointer<UInt8>, from q: Int, count n: Int) -> (end: Int, next: Int) {
        return scanLineEnd(base, from: q, count: n)
    }

    func skipSpaces(_ p: Int, _ end: Int) -> Int {
        var q = p
        while q < end, b[q].isSpaceOrTab { q += 1 }
        return q
    }

    /// Backs `q` up over spaces and tabs, not before `p`.
    func trimEnd(_ p: Int, _ q: Int) -> Int {
        var e = q
        while e > p, b[e - 1].isSpaceOrTab { e -= 1 }
        return e
    }

    /// A `#` at `q` starts a comment when it opens the line or follows a space or tab.
    func isComment(_ q: Int, _ lineStart: Int) -> Bool {
        b[q] == .hash && (q == lineStart || b[q - 1].isSpaceOrTab)
    }

    /// `-` followed by a space, a tab or the end of the line.
    func isListItem(_ q: Int, _ end: Int) -> Bool {
        q < end && b[q] == .dash && (q + 1 == end || b[q + 1].isSpaceOrTab)
    }

    /// `：` (U+FF1A) at `q`.
    func isFullWidthColon(_ q: Int, _ end: Int) -> Bool {
        q + 2 < end && b[q] == 0xEF && b[q + 1] == 0xBC && b[q + 2] == 0x9A
    }

    /// `，` (U+FF0C) at `q`.
    func isFullWidthComma(_ q: Int, _ end: Int) -> Bool {
        q + 2 < end && b[q] == 0xEF && b[q + 1] == 0xBC && b[q + 2] == 0x8C
    }

    /// `、` (U+3001) at `q`.
    func isIdeographicComma(_ q: Int, _ end: Int) -> Bool {
        q + 2 < end && b[q] == 0xE3 && b[q + 1] == 0x80 && b[q + 2] == 0x81
    }
}

/// Finds the end of a line with `memchr`: the first `\n`, unless a lone `\r` comes before it.
/// Returns the offset of the line break (or `n`) and of the next line's start.
func scanLineEnd(_ base: UnsafePointer<UInt8>, from q: Int, count n: Int) -> (end: Int, next: Int) {
    guard q < n else { return (n, n) }
    let nl = memchr(base + q, 0x0A, n - q).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
    if let cr = memchr(base + q, 0x0D, nl - q).map({ UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }) {
        return (cr, cr + 1 < n && base[cr + 1] == 0x0A ? cr + 2 : cr + 1)
    }
    return (nl, nl < n ? nl + 1 : n)
}

/// 1-based Character column of byte `offset`, counting from byte `start` of a line that starts at
/// `lineStart`. Counts ASCII bytes, CJK ideographs and `：` / `，` directly; falls back to
/// grapheme counting for anything that might combine.
func characterColumn(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to offset: Int, lineStart: Int) -> Int {
    var n = 0
    var p = start
    while p < offset {
        let c = b[p]
        if c < 0x80 {
            p += 1
        } else if c >= 0xE4 && c <= 0xE9 {
            p += 3
        } else if c == 0xEF, p + 2 < offset, b[p + 1] == 0xBC, b[p + 2] == 0x9A || b[p + 2] == 0x8C {
            p += 3
        } else {
            // Count from the line start: a mark may combine with the character before `start`.
            let whole = String(decoding: UnsafeBufferPointer(rebasing: b[lineStart..<offset]), as: UTF8.self).count + 1
            guard lineStart < start else { return whole }
            return whole - String(decoding: UnsafeBufferPointer(rebasing: b[lineStart..<start]), as: UTF8.self).count
        }
        n += 1
    }
    return n + 1
}
