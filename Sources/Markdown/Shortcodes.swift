import CCmark
#if canImport(Glibc)
import Glibc  // strstr
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Hugo shortcodes (`{{< name … >}}`, `{{% name … %}}`) have no meaning here: their tags are left
/// out of the page with a notice, and the text between a pair is kept. In code spans and code
/// blocks they are documentation, and stay.
extension TreeWalk {
    /// Whether a text node's literal holds `{{`, the cheap test before looking closer.
    func hasShortcodeOpener(_ node: OpaquePointer) -> Bool {
        guard let literal = cmark_node_get_literal(node) else { return false }
        return strstr(literal, "{{") != nil
    }

    /// Takes the shortcode tags out of a text node (and a `{{<figure …>}}` whose tag libcmark-gfm read
    /// as inline HTML), noting each one.
    mutating func removeShortcodes(_ node: OpaquePointer, iterator: OpaquePointer) {
        // libcmark-gfm splits text where a `<` failed to start inline HTML.
        mergeFollowingText(node, iterator: iterator)
        guard let literal = literalBytes(node) else { return }
        let text = Array(literal)
        var kept: [UInt8] = []
        kept.reserveCapacity(text.count)
        var located = false
        var index = 0
        while index < text.count {
            if index + 2 < text.count, text[index] == 0x7B, text[index + 1] == 0x7B,
               text[index + 2] == 0x3C || text[index + 2] == 0x25 {
                let delimiter = text[index + 2]
                if let close = firstIndex(of: [delimiter == 0x3C ? 0x3E : 0x25, 0x7D, 0x7D], in: text, from: index + 3) {
                    note(shortcodeName(text[(index + 3)..<close]), delimiter: delimiter, node: node, located: &located)
                    index = close + 3
                    continue
                }
            }
            kept.append(text[index])
            index += 1
        }
        // `{{<figure src="a.jpg">}}`: text `{{`, inline HTML, text `}}…`.
        if kept.count >= 2, kept[kept.count - 2] == 0x7B, kept[kept.count - 1] == 0x7B,
           let html = cmark_node_next(node), cmark_node_get_type(html) == CMARK_NODE_HTML_INLINE,
           let after = cmark_node_next(html), cmark_node_get_type(after) == CMARK_NODE_TEXT,
           let tag = literalBytes(html), let rest = literalBytes(after), rest.starts(with: [0x7D, 0x7D]) {
            note(shortcodeName(tag.dropFirst()), delimiter: 0x3C, node: node, located: &located)
            kept.removeLast(2)
            _ = setString(after, String(decoding: rest.dropFirst(2), as: UTF8.self), cmark_node_set_literal)
            cmark_node_unlink(html)
            cmark_node_free(html)
            // The iterator's next step was the freed tag.
            cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
        }
        guard kept.count != text.count else { return }
        _ = setString(node, String(decoding: kept, as: UTF8.self), cmark_node_set_literal)
        // A paragraph's texts come one after another, so a paragraph is listed once.
        if kept.isEmpty, let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH,
           emptied.last != parent {
            emptied.append(parent)
        }
    }

    private mutating func note(_ name: String, delimiter: UInt8, node: OpaquePointer, located: inout Bool) {
        let open = delimiter == 0x25 ? "{{%" : "{{<"
        let close = delimiter == 0x25 ? "%}}" : ">}}"
        let line = located ? 0 : Int(cmark_node_get_start_line(node))
        notices.append(PendingNotice(
            line: line, byteColumn: Int(cmark_node_get_start_column(node)), needle: Array("{{".utf8),
            message: "left out the Hugo shortcode `\(open) \(name) \(close)`: shortcodes are not supported, write its content in Markdown or HTML"))
        located = true
    }

    /// Removes the paragraphs that held nothing but shortcodes; called once the walk is over.
    mutating func removeEmptiedParagraphs() {
        for paragraph in emptied where isBlank(paragraph) {
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        }
        emptied = []
    }

    private func isBlank(_ paragraph: OpaquePointer) -> Bool {
        var child = cmark_node_first_child(paragraph)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: break
            case CMARK_NODE_TEXT: if let text = literalBytes(current), text.contains(where: { $0 > 0x20 }) { return false }
            default: return false
            }
            child = cmark_node_next(current)
        }
        return true
    }
}

/// The name a shortcode's inside starts with (`/name` for a closing tag).
private func shortcodeName<C: Collection>(_ inside: C) -> String where C.Element == UInt8 {
    var bytes = inside.drop { $0 == 0x20 || $0 == 0x09 }
    var name: [UInt8] = []
    if bytes.first == 0x2F { name.append(0x2F); bytes = bytes.dropFirst().drop { $0 == 0x20 } }
    for byte in bytes {
        if byte == 0x20 || byte == 0x09 || byte == 0x3E || byte == 0x25 || byte == 0x0A || (byte == 0x2F && name.count > 1) { break }
        name.append(byte)
    }
    return String(decoding: name, as: UTF8.self)
}
