import CCmark

/// A heading of a rendered document, for a table of contents or a link to its section.
public struct Heading: Sendable, Hashable {
    /// 1 for `#`, up to 6.
    public var level: Int
    /// The heading's visible text, without Markdown syntax.
    public var text: String
    /// The `id` attribute of the heading in the HTML, unique within the document.
    public var id: String

    /// Creates a heading.
    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

extension TreeWalk {
    /// Records a heading and replaces its node so the HTML carries its id.
    ///
    /// libcmark's renderer writes `<h2>` with no way to add attributes, and post-processing the HTML
    /// is unsafe once raw HTML (which may hold its own `<h2>`) is allowed. So the heading becomes a
    /// custom block holding a custom inline whose enter and exit texts are `<h2 id="…">` and `</h2>`,
    /// with the heading's inlines moved under it. libcmark writes those texts verbatim (in safe mode
    /// too), and a custom inline, unlike a custom block, adds no line breaks inside the element, so the
    /// output is byte for byte what libcmark writes for a heading, plus the id.
    mutating func finishHeading(_ node: OpaquePointer, text: String, iterator: OpaquePointer) {
        let level = Int(cmark_node_get_heading_level(node))
        let id = headingIDs.id(for: text)
        headings.append(Heading(level: level, text: text, id: id))

        guard (1...6).contains(level),
              let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK),
              let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
        else { return }  // only on allocation failure: the heading stays, without an id
        guard setString(inline, "<h\(level) id=\"\(escapeAttribute(id))\">", cmark_node_set_on_enter),
              setString(inline, "</h\(level)>", cmark_node_set_on_exit),
              cmark_node_append_child(block, inline) != 0
        else {
            cmark_node_free(inline)
            cmark_node_free(block)
            return
        }
        guard cmark_node_replace(node, block) != 0 else {
            cmark_node_free(block)
            return
        }
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            // Cannot fail (a custom inline holds any inline); if it did, the child must not leak.
            if cmark_node_append_child(inline, child) == 0 { cmark_node_free(child) }
        }
        // Step on from the new block. The old heading, out of the tree and childless, is freed after
        // rendering: its moved inlines may still point into its buffer.
        cmark_iter_reset(iterator, block, CMARK_EVENT_EXIT)
        replaced.append(node)
    }
}

/// Escapes text for a double-quoted HTML attribute.
func escapeAttribute(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x22 || $0 == 0x27 || $0 == 0x3C || $0 == 0x3E })
    else { return text }
    var escaped = ""
    for character in text {
        switch character {
        case "&": escaped += "&amp;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&#39;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        default: escaped.append(character)
        }
    }
    return escaped
}
