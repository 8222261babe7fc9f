import CCmark
import HTML

/// A raw HTML node as written, kept for the sanitizer's reports.
struct RawFragment {
    var literal: [UInt8]
    /// libcmark-gfm's 1-based line and byte column of the node.
    var line: Int
    var byteColumn: Int
}

/// A finding of the walk, located in the source once the walk is done.
struct PendingNotice {
    /// libcmark-gfm's 1-based line and byte column to search from; line 0: from the last finding on.
    var line: Int
    var byteColumn: Int
    /// The bytes the finding starts with, looked for from that position.
    var needle: [UInt8]
    var message: String
}

extension TreeWalk {
    /// Notes a raw HTML node for the sanitizer, drops comments (and the `<!--more-->` mark, noting
    /// where it cut the text), and keeps an inline tag whose content the parser would read as text
    /// (`<script>`, `<svg>`, `<iframe>` …) from swallowing the rest of the page.
    mutating func rawHTML(_ node: OpaquePointer, inline: Bool, iterator: OpaquePointer) {
        guard !options.unsafe, let literal = literalBytes(node), !literal.isEmpty else { return }
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        if isComment(literal) {
            if summaryCut == nil, isMoreMark(literal) { summaryCut = plainText.count }
            // A leaf: the iterator has already stepped past it, so it can go.
            cmark_node_unlink(node)
            cmark_node_free(node)
            return
        }
        rawFragments.append(RawFragment(literal: Array(literal), line: line, byteColumn: byteColumn))
        if !inline {
            // The block's words are page text too (a figure's caption, a table cell).
            let words = visibleText(utf8: literal)
            if words.contains(where: { $0 > 0x20 }) {
                plainText.startBlock()
                words.withUnsafeBufferPointer { plainText.append(UnsafeBufferPointer(rebasing: trimmedASCII($0))) }
                plainText.startBlock()
            }
            let text = String(decoding: literal, as: UTF8.self)
            if swallowsFollowingHTML(text) {
                // Sanitized on its own (balanced, closed) rather than left to take in the page after it.
                _ = setString(node, sanitizeHTML(text, policy: HTMLPolicy(embedHosts: options.embeds)).html + "\n", cmark_node_set_literal)
            }
            return
        }
        guard let name = rawTextElement(openedBy: String(decoding: literal, as: UTF8.self)) else { return }
        let closing = closingSibling(of: node, name: name)
        if name == "iframe" {
            // Kept or refused by the sanitizer; closed here so it holds nothing of the page.
            if closing == nil { _ = setString(node, String(decoding: literal, as: UTF8.self) + "</iframe>", cmark_node_set_literal) }
            return
        }
        // Removed with everything up to its end tag in the same paragraph (reported by the sanitizer).
        if let closing {
            while let next = cmark_node_next(node), next != closing {
                cmark_node_unlink(next)
                cmark_node_free(next)
            }
            cmark_node_unlink(closing)
            cmark_node_free(closing)
        }
        cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// The inline HTML sibling after `node` that closes element `name`.
    private func closingSibling(of node: OpaquePointer, name: String) -> OpaquePointer? {
        let end = Array("</\(name)".utf8)
        var sibling = cmark_node_next(node)
        while let current = sibling {
            if cmark_node_get_type(current) == CMARK_NODE_HTML_INLINE, let literal = literalBytes(current),
               literal.count >= end.count,
               zip(literal.prefix(end.count), end).allSatisfy({ lowercasedASCII($0) == $1 }) {
                return current
            }
            sibling = cmark_node_next(current)
        }
        return nil
    }
}

/// Whether a raw HTML node is one comment and nothing else (blanks around it aside).
private func isComment(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
    let text = trimmedASCII(literal)
    guard text.count >= 7, text.starts(with: "<!--".utf8), text.reversed().starts(with: ">--".utf8) else { return false }
    // One comment: its first `-->` is its end.
    let inner = Array(text.dropFirst(4))
    guard let end = firstIndex(of: Array("-->".utf8), in: inner) else { return false }
    return end + 3 == inner.count
}

/// Whether the comment is Hugo's summary divider, `<!--more-->` (blanks inside allowed).
private func isMoreMark(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
    let inner = trimmedASCII(literal).dropFirst(4).dropLast(3)
    return Array(trimmedASCII(inner)) == Array("more".utf8)
}

private func trimmedASCII<C: BidirectionalCollection>(_ bytes: C) -> C.SubSequence where C.Element == UInt8 {
    let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
    else { return bytes[bytes.startIndex..<bytes.startIndex] }
    return bytes[first...last]
}

func lowercasedASCII(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
}

/// The offset of the first occurrence of `needle` in `haystack`.
func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
    for index in start...(haystack.count - needle.count) where haystack[index] == needle[0] {
        if haystack[index..<index + needle.count].elementsEqual(needle) { return index }
    }
    return nil
}
