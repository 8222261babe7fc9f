import CCmark
#if canImport(Glibc)
import Glibc  // strlen
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TreeWalk {
    /// For a link the autolink extension made of a bare URL, ends it before the first non-ASCII
    /// character, and returns its text (to find it in the source by); nil for a written link.
    ///
    /// The extension takes everything up to a blank as the address, so in Chinese text, which puts
    /// no space after a URL, `见 https://a.cn/x。下一句` would link the rest of the sentence.
    /// Addresses in Chinese text are ASCII (or percent-encoded), so the link ends where that ends.
    mutating func trimExtensionAutolink(_ node: OpaquePointer) -> [UInt8]? {
        guard let child = cmark_node_first_child(node), cmark_node_next(child) == nil,
              cmark_node_get_type(child) == CMARK_NODE_TEXT, let text = literalBytes(child),
              let rawURL = cmark_node_get_url(node)
        else { return nil }
        // Most links are written `[text](url)` with text unlike the address: tell them apart
        // before making strings.
        let urlLength = strlen(rawURL)
        guard urlLength == text.count || urlLength == text.count + 7 else { return nil }
        let url = String(cString: rawURL)
        let literal = String(decoding: text, as: UTF8.self)
        let prefix: String
        if url == literal { prefix = "" } else if url == "http://" + literal { prefix = "http://" } else if url == "mailto:" + literal { prefix = "mailto:" } else { return nil }
        // A written `<https://…>` spans its text plus the two angle brackets on one line.
        let line = cmark_node_get_start_line(node)
        if line > 0, line == cmark_node_get_end_line(node),
           Int(cmark_node_get_end_column(node) - cmark_node_get_start_column(node)) + 1 == text.count + 2 {
            return nil
        }
        guard let cut = text.firstIndex(where: { $0 >= 0x80 }) else { return Array(text) }
        var end = cut
        while end > 0, [0x2E, 0x2C, 0x3A, 0x3B, 0x21, 0x3F, 0x2A, 0x5F, 0x7E, 0x27, 0x22].contains(text[end - 1]) { end -= 1 }
        guard end > 0, let rest = cmark_node_new(CMARK_NODE_TEXT) else { return Array(text) }
        let kept = Array(text[..<end])
        let restText = String(decoding: text[end...], as: UTF8.self)
        let keptText = String(decoding: kept, as: UTF8.self)
        guard setString(rest, restText, cmark_node_set_literal), cmark_node_insert_after(node, rest) != 0 else {
            cmark_node_free(rest)
            return Array(text)
        }
        _ = setString(child, keptText, cmark_node_set_literal)
        _ = setString(node, prefix + keptText, cmark_node_set_url)
        return kept
    }
}

extension TreeWalk {
    /// Puts a table in a `<div class="table-scroll" tabindex="0">`, the box the theme scrolls sideways
    /// on a narrow screen; a scrolling box must take the keyboard's focus to be scrolled without a
    /// mouse. The table keeps its children, so the iterator walks on into it.
    func wrapTable(_ node: OpaquePointer) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        guard setString(block, "<div class=\"table-scroll\" tabindex=\"0\">", cmark_node_set_on_enter),
              setString(block, "</div>", cmark_node_set_on_exit),
              cmark_node_insert_before(node, block) != 0
        else {
            cmark_node_free(block)
            return
        }
        cmark_node_unlink(node)
        if cmark_node_append_child(block, node) == 0 {
            // Cannot happen (a custom block holds any block); put the table back rather than lose it.
            _ = cmark_node_insert_after(block, node)
            cmark_node_unlink(block)
            cmark_node_free(block)
        }
    }
}
