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

    /// Takes the shortcode tags out of a text node, noting each one. A shortcode may go on past
    /// the node: libcmark-gfm makes a link of a URL inside it (`{{< video src="https://…" >}}`) and
    /// reads `{{<figure src="a.jpg">}}`'s `<figure …>` as inline HTML; its nodes up to the closing
    /// `>}}` go with it.
    mutating func removeShortcodes(_ node: OpaquePointer, iterator: OpaquePointer) {
        // libcmark-gfm splits text where a `<` failed to start inline HTML.
        mergeFollowingText(node, iterator: iterator)
        guard let literal = literalBytes(node) else { return }
        let text = Array(literal)
        var kept: [UInt8] = []
        kept.reserveCapacity(text.count)
        var located = false
        // Delimiters with no closing after the search point in this text, and none in the nodes after
        // it: a later opener need not search again (a text of many openers stays linear).
        var unclosed: Set<UInt8> = []
        var index = 0
        while index < text.count {
            if text[index] == 0x7B, index + 1 < text.count, text[index + 1] == 0x7B {
                if index + 2 < text.count, text[index + 2] == 0x3C || text[index + 2] == 0x25, !unclosed.contains(text[index + 2]) {
                    let delimiter = text[index + 2]
                    if let close = firstIndex(of: closer(delimiter), in: text, from: index + 3) {
                        note(shortcodeName(text[(index + 3)..<close]), delimiter: delimiter, node: node, located: &located)
                        index = close + 3
                        continue
                    }
                    unclosed.insert(delimiter)
                    if let name = removeSiblings(after: node, inside: Array(text[(index + 3)...]), delimiter: delimiter) {
                        note(name, delimiter: delimiter, node: node, located: &located)
                        index = text.count
                        break
                    }
                } else if index + 2 == text.count, let next = cmark_node_next(node),
                          cmark_node_get_type(next) == CMARK_NODE_HTML_INLINE,
                          let name = removeSiblings(after: node, inside: [], delimiter: 0x3C, droppingFirstByte: true) {
                    // `{{` ending the text, `<figure …>` read as inline HTML after it.
                    note(name, delimiter: 0x3C, node: node, located: &located)
                    index = text.count
                    break
                }
            }
            kept.append(text[index])
            index += 1
        }
        guard kept.count != text.count else { return }
        _ = setString(node, String(decoding: kept, as: UTF8.self), cmark_node_set_literal)
        // The iterator's next step may have been a node taken out with a shortcode.
        cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
        // A paragraph's texts come one after another, so a paragraph is listed once.
        if kept.isEmpty, let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH,
           emptied.last != parent {
            emptied.append(parent)
        }
    }

    /// The rest of a shortcode that starts in a text node (`inside`: what follows its `{{<`) and
    /// ends in a node after it: reads the following inline nodes until the closing `>}}` or `%}}`,
    /// takes them out (a text node that holds more than the shortcode's end keeps the rest), and
    /// gives the shortcode's name. Nil, with nothing changed, when no closing comes before the
    /// paragraph ends or a node that is not plain inline text (emphasis, an image) stands in the way.
    private mutating func removeSiblings(after node: OpaquePointer, inside start: [UInt8], delimiter: UInt8,
                                         droppingFirstByte: Bool = false) -> String? {
        let end = closer(delimiter)
        var inside = start
        var taken: [OpaquePointer] = []
        var next = cmark_node_next(node)
        while let sibling = next, taken.count < 64 {
            let content: [UInt8]
            switch cmark_node_get_type(sibling) {
            case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE:
                content = literalBytes(sibling).map(Array.init) ?? []
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                content = [0x20]
            case CMARK_NODE_LINK:
                // An autolinked URL: its text is the URL as written.
                guard let child = cmark_node_first_child(sibling), cmark_node_next(child) == nil,
                      cmark_node_get_type(child) == CMARK_NODE_TEXT else { return nil }
                content = literalBytes(child).map(Array.init) ?? []
            default:
                return nil
            }
            let before = inside.count
            inside += (taken.isEmpty && droppingFirstByte) ? Array(content.dropFirst()) : content
            taken.append(sibling)
            if let close = firstIndex(of: end, in: inside, from: max(0, before - 2)) {
                let rest = inside[(close + 3)...]
                let name = shortcodeName(inside[..<close])
                let last = taken.removeLast()
                if rest.isEmpty {
                    taken.append(last)
                } else {
                    // What follows the shortcode in the node where it ends.
                    guard cmark_node_get_type(last) == CMARK_NODE_TEXT else { return nil }
                    _ = setString(last, String(decoding: rest, as: UTF8.self), cmark_node_set_literal)
                }
                for n in taken {
                    cmark_node_unlink(n)
                    cmark_node_free(n)
                }
                return name
            }
            next = cmark_node_next(sibling)
        }
        return nil
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

/// The bytes that close a shortcode opened with `{{<` (`>}}`) or `{{%` (`%}}`).
private func closer(_ delimiter: UInt8) -> [UInt8] {
    [delimiter == 0x3C ? 0x3E : 0x25, 0x7D, 0x7D]
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
