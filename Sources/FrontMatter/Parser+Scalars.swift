#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scalars: plain (possibly over several lines), quoted, and `|` / `>` block scalars.
extension Parser {
    // MARK: - Plain

    /// Where a plain scalar ends on a line: before ` #comment`, without trailing whitespace.
    func plainEnd(_ p: Int, _ end: Int) -> Int {
        guard let base = b.baseAddress else { return p }
        var q = p + 1
        while q < end, let hit = memchr(base + q, Int32(UInt8.hash), end - q) {
            let h = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if b[h - 1].isSpaceOrTab { return trimEnd(p, h) }
            q = h + 1
        }
        return trimEnd(p, max(p, end))
    }

    /// A plain scalar from byte `q` of line `li`, continued on following lines indented more than
    /// `parent` that are not `key: value` or `- item` lines (YAML folds them in with a space; a
    /// blank line between becomes a line break).
    mutating func parsePlain(_ li: Int, _ q: Int, parent: Int) -> Node {
        let l = lines[li]
        let end = plainEnd(q, l.end)
        let location = self.location(li, q)
        i = li + 1
        var folded: String?
        var blanks = 0
        var k = i
        while k < lines.count {
            let next = lines[k]
            if next.content == next.end {
                blanks += 1
                k += 1
                continue
            }
            if next.isComment || next.indent <= parent || next.tabInIndent
                || isListItem(next.content, next.end) || scanKey(k, next.content).isKey {
                break
            }
            var s = folded ?? text(q, end)
            let lineEnd = plainEnd(next.content, next.end)
            let line = text(next.content, lineEnd)
            if blanks > 0 {
                s += String(repeating: "\n", count: blanks)
            } else if !joinsWithoutSpace(s.utf8, line.utf8) {
                s += " "
            }
            s += line
            folded = s
            blanks = 0
            k += 1
            i = k
            if lineEnd < next.end, b[skipSpaces(lineEnd, next.end)] == .hash { break }
        }
        lastPlainLine = i - 1
        if let folded { return .scalar(Scalar(folded, style: .plain, location: location)) }
        if isNullWord(q, end) { return .null(location) }
        return .scalar(Scalar(text(q, end), style: .plain, location: location))
    }

    /// `~`, `null`, `Null` or `NULL`.
    func isNullWord(_ p: Int, _ end: Int) -> Bool {
        switch end - p {
        case 1: return b[p] == 0x7E
        case 4:
            let w = (b[p], b[p + 1], b[p + 2], b[p + 3])
            return w == (0x6E, 0x75, 0x6C, 0x6C) || w == (0x4E, 0x75, 0x6C, 0x6C) || w == (0x4E, 0x55, 0x4C, 0x4C)
        default: return false
        }
    }

    // MARK: - Quoted

    /// A quoted scalar in block context: after the closing quote only a comment may follow. It
    /// may go on over the following lines, folded as YAML folds them.
    mutating func parseQuotedValue(_ li: Int, _ q: Int, parent: Int) -> Node {
        do throws(FrontMatterError) {
            let (value, endLine, after) = try scanQuotedValue(li, q)
            let l = lines[endLine]
            let r = skipSpaces(after, l.end)
            if r < l.end, !isComment(r, l.start) {
                return fail(endLine, r, parent: parent,
                    "unexpected text after the closing quote: expected the end of the line (put all of the value inside the quotes)")
            }
            i = endLine + 1
            let style: Scalar.Style = b[q] == .dquote ? .doubleQuoted : .singleQuoted
            return .scalar(Scalar(value, style: style, location: loc(li, q)))
        } catch {
            errors.append(error)
            i = li + 1
            skipDeeper(than: parent)
            return .null(loc(li, q))
        }
    }

    /// Reads a quoted scalar opening at byte `q` of line `li` that may go on over the following
    /// lines; returns its text, the line it closes on and the offset after the closing quote.
    ///
    /// YAML's folding: a line break (with the whitespace around it) becomes a space, each blank
    /// line a line break, and in double quotes a `\` ending a line joins it to the next.
    /// The following lines continue the text up to the closing quote, except a line that looks
    /// like `key: value` at or left of its key's column: the quote was left open then.
    func scanQuotedValue(_ li: Int, _ q: Int) throws(FrontMatterError) -> (String, Int, Int) {
        if let (text, after) = try scanQuotedOnLine(li, q) { return (text, li, after) }
        let quote = b[q]
        var buffer: [UInt8] = []
        var line = li
        var k = q + 1
        let keyIndent = li < lines.count ? lines[li].indent : 0
        while true {
            let end = lines[line].end
            var segment = k
            var kept = buffer.count  // bytes from escapes are never trimmed
            var joined = false
            while k < end {
                let c = b[k]
                if c == quote {
                    if quote == .squote, k + 1 < end, b[k + 1] == .squote {
                        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<(k + 1)]))
                        k += 2
                        segment = k
                        continue
                    }
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<k]))
                    return (String(decoding: buffer, as: UTF8.self), line, k + 1)
                }
                if c == .backslash, quote == .dquote {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<k]))
                    if k + 1 == end {
                        joined = true
                        k = end
                        segment = end
                        break
                    }
                    k = try decodeEscape(line, k, end, into: &buffer)
                    kept = buffer.count
                    segment = k
                    continue
                }
                k += 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<end]))
            if !joined {
                while buffer.count > kept, let last = buffer.last, last.isSpaceOrTab { buffer.removeLast() }
            }
            var next = line + 1
            var blanks = 0
            while next < lines.count, lines[next].content == lines[next].end {
                blanks += 1
                next += 1
            }
            guard next < lines.count,
                  !(lines[next].indent <= keyIndent && !lines[next].tabInIndent && scanKey(next, lines[next].content).isKey)
            else {
                let mark = quote == .dquote ? "\"" : "'"
                throw FrontMatterError(at: loc(li, q),
                    "missing closing `\(mark)`: expected a `\(mark)` to end the value, on this line or on the lines that continue it before the next `key:`")
            }
            if blanks > 0 {
                buffer.append(contentsOf: repeatElement(UInt8.lf, count: blanks))
            } else if !joined, !joinsWithoutSpace(buffer, UnsafeBufferPointer(rebasing: b[lines[next].content..<lines[next].end])) {
                buffer.append(.space)
            }
            line = next
            k = lines[next].content
        }
    }

    /// Reads a `'single'` or `"double"` quoted scalar opening at byte `q` of line `li`; returns
    /// its text and the offset after the closing quote. Keys and flow items end on their line.
    func scanQuoted(_ li: Int, _ q: Int) throws(FrontMatterError) -> (String, Int) {
        if let found = try scanQuotedOnLine(li, q) { return found }
        let mark = b[q] == .dquote ? "\"" : "'"
        throw FrontMatterError(at: loc(li, q),
            "missing closing `\(mark)`: a quoted value must end on the same line (for long text use `|` or `>`)")
    }

    /// A quoted scalar that closes on line `li`, or nil when the line ends first.
    func scanQuotedOnLine(_ li: Int, _ q: Int) throws(FrontMatterError) -> (String, Int)? {
        let end = lines[li].end
        let quote = b[q]
        var k = q + 1
        var segment = k
        var buffer: [UInt8] = []
        var escaped = false
        func flush(_ upTo: Int) {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<upTo]))
        }
        while k < end {
            let c = b[k]
            if c == quote {
                if quote == .squote, k + 1 < end, b[k + 1] == .squote {
                    escaped = true
                    flush(k + 1)
                    k += 2
                    segment = k
                    continue
                }
                if !escaped { return (text(q + 1, k), k + 1) }
                flush(k)
                return (String(decoding: buffer, as: UTF8.self), k + 1)
            }
            if c == .backslash, quote == .dquote {
                if k + 1 == end { return nil }  // an escaped line break: the text goes on
                escaped = true
                flush(k)
                k = try decodeEscape(li, k, end, into: &buffer)
                segment = k
                continue
            }
            k += 1
        }
        return nil
    }

    /// Decodes the escape at `k` (a backslash) into `out`; returns the offset after it.
    private func decodeEscape(_ li: Int, _ k: Int, _ end: Int, into out: inout [UInt8]) throws(FrontMatterError) -> Int {
        guard k + 1 < end else {
            throw FrontMatterError(at: loc(li, k),
                "a backslash at the end of the line: expected an escape such as `\\n`, or `\\\\` for a backslash")
        }
        let e = b[k + 1]
        func put(_ scalar: UInt32) { out.append(contentsOf: Array(String(Character(UnicodeScalar(scalar) ?? " ")).utf8)) }
        switch e {
        case 0x30: out.append(0)
        case 0x61: out.append(0x07)
        case 0x62: out.append(0x08)
        case 0x74, .tab: out.append(0x09)
        case 0x6E: out.append(0x0A)
        case 0x76: out.append(0x0B)
        case 0x66: out.append(0x0C)
        case 0x72: out.append(0x0D)
        case 0x65: out.append(0x1B)
        case .space, .dquote, 0x2F, .backslash: out.append(e)
        case 0x4E: put(0x85)
        case 0x5F: put(0xA0)
        case 0x4C: put(0x2028)
        case 0x50: put(0x2029)
        case 0x78, 0x75, 0x55:
            let digits = e == 0x78 ? 2 : e == 0x75 ? 4 : 8
            var value: UInt32 = 0
            var p = k + 2
            while p < k + 2 + digits {
                guard p < end, let d = hexValue(b[p]) else {
                    throw FrontMatterError(at: loc(li, k),
                        "expected \(digits) hex digits after `\\\(String(UnicodeScalar(e)))` in a double-quoted value")
                }
                value = value << 4 | d
                p += 1
            }
            guard let scalar = UnicodeScalar(value) else {
                throw FrontMatterError(at: loc(li, k),
                    "`\(text(k, p))` is not a Unicode character: expected a code point outside U+D800–U+DFFF and at most U+10FFFF")
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            return p
        default:
            let end2 = k + 1 + utf8Length(e)
            throw FrontMatterError(at: loc(li, k),
                "unknown escape `\(text(k, min(end2, end)))` in a double-quoted value: expected one of \\n \\t \\\" \\\\ \\uXXXX (write `\\\\` for a backslash)")
        }
        return k + 2
    }

    private func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }

    private func utf8Length(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    // MARK: - Block scalars

    /// A `|` (literal) or `>` (folded) block scalar whose header is at byte `q` of line `li`:
    /// optional indentation digit and chomping `-`/`+`, then its lines indented under the key.
    mutating func parseBlockScalar(_ li: Int, _ q: Int, parent: Int) -> Node {
        let l = lines[li]
        let folded = b[q] == .gt
        let location = loc(li, q)
        var chomp = 0  // -1 strip, 0 clip, +1 keep
        var explicit: Int?
        var k = q + 1
        while k < l.end, k < q + 3 {
            let c = b[k]
            if c == .dash, chomp == 0 { chomp = -1 } else if c == .plus, chomp == 0 { chomp = 1 } else if c >= 0x31, c <= 0x39, explicit == nil { explicit = Int(c - 0x30) } else { break }
            k += 1
        }
        let r = skipSpaces(k, l.end)
        if r < l.end, !(b[r] == .hash && r > k) {
            let mark = folded ? ">" : "|"
            return fail(li, r, parent: parent,
                "unexpected text after `\(mark)`: the text of a block scalar starts on the next line, indented")
        }
        // Collect content lines: nil for an empty line, else the offset where its text starts.
        var blockIndent = explicit.map { max(parent, 0) + $0 }
        var contents: [(start: Int, end: Int)?] = []
        var last = li
        var k2 = li + 1
        while k2 < lines.count {
            let line = lines[k2]
            var spaces = 0
            while line.start + spaces < line.end, b[line.start + spaces] == .space { spaces += 1 }
            if line.content == line.end {
                contents.append(nil)
                k2 += 1
                continue
            }
            if blockIndent == nil {
                guard spaces > parent else { break }
                blockIndent = spaces
            }
            guard let indent = blockIndent, spaces >= indent else { break }
            contents.append((line.start + indent, line.end))
            last = k2
            k2 += 1
        }
        // Trailing empty lines belong to the scalar (they matter for `+`); the next line is read
        // by the structure parser either way.
        let trailing = contents.count - (contents.lastIndex(where: { $0 != nil }).map { $0 + 1 } ?? 0)
        i = last + 1
        let body = contents.prefix(contents.count - trailing)
        var out = ""
        if folded {
            var previousMoreIndented: Bool?
            var empties = 0
            for line in body {
                guard let line else { empties += 1; continue }
                let more = line.start < line.end && b[line.start].isSpaceOrTab
                if let prev = previousMoreIndented {
                    if empties == 0 {
                        if prev || more {
                            out += "\n"
                        } else if !joinsWithoutSpace(out.utf8, UnsafeBufferPointer(rebasing: b[line.start..<line.end])) {
                            out += " "
                        }
                    } else {
                        out += String(repeating: "\n", count: (prev || more) ? empties + 1 : empties)
                    }
                } else {
                    out += String(repeating: "\n", count: empties)
                }
                out += text(line.start, line.end)
                previousMoreIndented = more
                empties = 0
            }
        } else {
            var firstLine = true
            for line in body {
                if !firstLine { out += "\n" }
                firstLine = false
                if let line { out += text(line.start, line.end) }
            }
        }
        let hasContent = body.contains { $0 != nil }
        switch chomp {
        case 1: out += String(repeating: "\n", count: (hasContent ? 1 : 0) + trailing)
        case 0: if hasContent { out += "\n" }
        default: break
        }
        return .scalar(Scalar(out, style: folded ? .folded : .literal, location: location))
    }
}
