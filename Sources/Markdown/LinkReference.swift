import CCmark
#if canImport(Glibc)
import Glibc  // memchr
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A link or image destination as written in the source, with where it was written, for checks such
/// as "this internal link points nowhere".
public struct LinkReference: Sendable, Hashable {
    /// The destination (`href` or `src`) with escapes and entities decoded, reference links resolved;
    /// reported even when safe mode leaves it out of the HTML (`javascript:` …).
    public var destination: String
    /// 1-based line of the link's first character (`[`, `!` or `<`), counted from `MarkdownOptions.firstLine`.
    public var line: Int
    /// 1-based column of that character, in characters (grapheme clusters), as editors count.
    public var column: Int
    /// For an image: whether it has a description (`![车间一角](photo.jpg)`, not `![](photo.jpg)`).
    public var hasAlt = true

    /// Creates a reference.
    public init(destination: String, line: Int, column: Int) {
        self.destination = destination
        self.line = line
        self.column = column
    }
}

/// A link or image as libcmark reports it, before its position is turned into characters.
struct SourceReference {
    var destination: String
    var isImage: Bool
    /// libcmark's 1-based line and 1-based byte column.
    var line: Int
    var byteColumn: Int
    /// Where the opening `[`, `<` or `![` is by the position of the first text inside, when that text is
    /// on the same line: libcmark gets an autolink's own column wrong on a paragraph's later lines
    /// (`a\nb <https://x>` says 2:5 + the first line's length), but not its text's.
    var columnFromText: Int?
    /// For a bare URL the autolink extension linked (which it gives no position): its text, looked
    /// for in the source after the reference before it.
    var searchText: [UInt8]?
    /// For an image: whether its brackets hold a description.
    var hasAlt = true

    init(_ node: OpaquePointer) {
        destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        hasAlt = !isImage || cmark_node_first_child(node) != nil
        line = Int(cmark_node_get_start_line(node))
        byteColumn = Int(cmark_node_get_start_column(node))
        if let text = cmark_node_first_child(node), cmark_node_get_type(text) == CMARK_NODE_TEXT,
           Int(cmark_node_get_start_line(text)) == line {
            columnFromText = Int(cmark_node_get_start_column(text)) - (isImage ? 2 : 1)
        }
    }
}

/// The source bytes, to turn libcmark's byte columns into character columns.
struct SourceText {
    let bytes: UnsafeBufferPointer<UInt8>
    let firstLine: Int
    /// Byte offsets where lines start, found as far as the links asked so far need: links come in
    /// document order, so the source is scanned at most once, and not past the last link.
    private var lineStarts: [Int]
    private var scanned: Int
    /// Whether the source has a `\r` at all; if not, lines are found with `memchr`.
    private let hasCarriageReturn: Bool
    /// libcmark-gfm skips a leading byte order mark but counts its three bytes in the column of
    /// every line, not only the first.
    private let bomShift: Int
    /// Where the last reference or finding was, for those located by searching on from it.
    private var lastLocated = 0

    init(bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) {
        self.bytes = bytes
        self.firstLine = firstLine
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        bomShift = hasBOM ? 3 : 0
        lineStarts = [bomShift]
        scanned = lineStarts[0]
        hasCarriageReturn = bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false
    }

    /// The reference's location in characters, with libcmark's column corrected where it is off.
    mutating func reference(for source: SourceReference) -> LinkReference {
        if let text = source.searchText {
            let (line, column) = locate(line: 0, byteColumn: 0, needle: text)
            var r = LinkReference(destination: source.destination, line: line, column: column)
            r.hasAlt = source.hasAlt
            return r
        }
        let (lineIndex, line) = lineRange(source.line - 1)
        let reported = min(line.lowerBound + max(source.byteColumn - bomShift - 1, 0), line.upperBound)
        var offset = reported
        for candidate in [source.columnFromText.map { line.lowerBound + $0 - bomShift - 1 }, reported] {
            if let candidate, let found = opener(from: candidate, in: line, isImage: source.isImage) {
                offset = found
                break
            }
        }
        let column = characterCount(UnsafeBufferPointer(rebasing: bytes[line.lowerBound..<offset]), countingWhitespace: true) + 1
        lastLocated = offset + 1
        var r = LinkReference(destination: source.destination, line: firstLine + lineIndex, column: column)
        r.hasAlt = source.hasAlt
        return r
    }

    /// The line and character column of the first `needle` at or after libcmark-gfm's position
    /// (`line` 0: after the last thing located), or of that position when there is none.
    mutating func locate(line: Int, byteColumn: Int, needle: [UInt8]) -> (line: Int, column: Int) {
        var from = lastLocated
        if line > 0 {
            let (_, range) = lineRange(line - 1)
            from = min(range.lowerBound + max(byteColumn - bomShift - 1, 0), range.upperBound)
        }
        var at = min(from, bytes.count)
        if !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count,
           let found = (from...(bytes.count - needle.count)).first(where: { start in
               bytes[start] == needle[0] && bytes[start..<start + needle.count].elementsEqual(needle)
           }) {
            at = found
        }
        lastLocated = at + max(needle.count, 1)
        while lineStarts.last.map({ $0 <= at }) ?? false, scanned < bytes.count { scanLine() }
        let index = (lineStarts.lastIndex { $0 <= at }) ?? 0
        let column = characterCount(UnsafeBufferPointer(rebasing: bytes[lineStarts[index]..<at]), countingWhitespace: true) + 1
        return (firstLine + index, column)
    }

    /// The 0-based index and byte range (line break included) of line `index`, or of the last line.
    private mutating func lineRange(_ index: Int) -> (Int, Range<Int>) {
        let index = max(index, 0)
        while lineStarts.count <= index + 1, scanned < bytes.count { scanLine() }
        let found = min(index, lineStarts.count - 1)
        let end = found + 1 < lineStarts.count ? lineStarts[found + 1] : bytes.count
        return (found, lineStarts[found]..<end)
    }

    /// Finds the next line start as libcmark counts lines: after `\n`, `\r\n` or a lone `\r`.
    private mutating func scanLine() {
        guard let base = bytes.baseAddress else { scanned = bytes.count; return }
        if !hasCarriageReturn {
            if let found = memchr(base + scanned, 0x0A, bytes.count - scanned) {
                scanned = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                lineStarts.append(scanned)
            } else {
                scanned = bytes.count
            }
            return
        }
        while scanned < bytes.count {
            let byte = bytes[scanned]
            scanned += 1
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, scanned < bytes.count, bytes[scanned] == 0x0A { scanned += 1 }
                lineStarts.append(scanned)
                return
            }
        }
    }

    /// The offset of the link's or image's first character, at `offset` or shortly after it.
    ///
    /// libcmark-gfm leaves out the spaces and tabs it strips from the start of a paragraph's
    /// continuation lines (`foo\n   [bar](x)` says column 1, not 4). The error is at most the line's
    /// leading blanks, so look that far ahead for the character a link or image starts with.
    private func opener(from offset: Int, in line: Range<Int>, isImage: Bool) -> Int? {
        guard line.contains(offset) else { return nil }
        var leadingBlanks = 0
        var index = line.lowerBound
        while index < line.upperBound, [0x20, 0x09, 0x3E].contains(bytes[index]) {  // space, tab, `>`
            if bytes[index] != 0x3E { leadingBlanks += 1 }
            index += 1
        }
        let last = min(offset + leadingBlanks, line.upperBound - 1)
        return (offset...last).first { startsReference(bytes[$0], isImage: isImage) }
    }
}

/// Whether a byte can be the first of a link (`[`, or `<` for `<https://…>`) or an image (`!`).
private func startsReference(_ byte: UInt8, isImage: Bool) -> Bool {
    isImage ? byte == 0x21 : byte == 0x5B || byte == 0x3C
}
