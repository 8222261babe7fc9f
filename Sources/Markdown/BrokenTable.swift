import CCmark

/// A line of a paragraph that is a table's delimiter row (`| --- | :-: |`) means the editor wrote
/// a table that GFM does not read as one: the header row right above it must be one line with as
/// many cells. The table then shows as text with its `|`s, which an editor should hear about.
extension TreeWalk {
    /// Notes a text node of a paragraph that is a whole delimiter row.
    mutating func noteBrokenTable(_ node: OpaquePointer, text: UnsafeBufferPointer<UInt8>) {
        guard let cells = delimiterRowCells(text), let parent = cmark_node_parent(node),
              cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH else { return }
        notices.append(PendingNotice(
            line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node)),
            needle: [text[text.firstIndex { $0 != 0x20 } ?? 0]],
            message: "this table is shown as text: a table needs its header row right above this `---` row, "
                + "on one line with \(cells) cells (`| a | b |`); a cell cannot hold a line break (write `<br>`)"))
    }
}

/// The number of cells of a GFM delimiter row (`| --- | :---: |`, `--- | ---`), or nil when the
/// line is not one. A row needs a `|` unless it has one cell with its pipes: a lone `---` is a
/// thematic break or a heading's underline, never a table.
func delimiterRowCells(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = line.startIndex, end = line.endIndex
    while i < end, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
    while end > i, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
    guard i < end, line[i] == 0x7C || line[i] == 0x3A || line[i] == 0x2D else { return nil }
    var cells = 0, pipes = 0
    var dashes = 0, inCell = false
    while i < end {
        switch line[i] {
        case 0x7C:
            if inCell { guard dashes > 0 else { return nil }; cells += 1 }
            pipes += 1
            inCell = false
            dashes = 0
        case 0x2D:
            inCell = true
            dashes += 1
        case 0x3A:
            inCell = true
        case 0x20, 0x09:
            break
        default:
            return nil
        }
        i += 1
    }
    if inCell { guard dashes > 0 else { return nil }; cells += 1 }
    return pipes > 0 && cells > 0 ? cells : nil
}
