import CCmark

/// Finds the places in a run of text that should link somewhere, such as a model worker's name
/// linking to their profile.
///
/// `renderMarkdown` asks its linker about every run of text outside links, images, headings, code
/// spans, code blocks and raw HTML, one call per run, in document order. A linker may keep state
/// across calls (it is a class, or holds one) — to link only the first mention of a name, say, or to
/// record which profiles an article mentions.
///
/// A run is the text between two pieces of markup, with entities decoded: in `**陈**一文` the runs
/// are `陈` and `一文`, so a name split by emphasis, a soft line break or a link is never found.
public protocol AutoLinker {
    /// The places in `text` to link, as ranges of `text`'s own indices. Ranges that overlap an earlier
    /// one, are empty, or do not fall on Unicode scalar boundaries of `text` are ignored.
    func links(in text: String) -> [AutoLink]
}

/// A stretch of text to turn into a link.
public struct AutoLink: Sendable, Equatable {
    /// The linked text, as indices of the string the linker was given.
    public var range: Range<String.Index>
    /// The link's destination; libcmark escapes it (and in safe mode empties a `javascript:` one).
    public var url: String
    /// The link's `title` attribute, if any.
    public var title: String?

    /// Creates a link for `range` of the text the linker was given.
    public init(range: Range<String.Index>, url: String, title: String? = nil) {
        self.range = range
        self.url = url
        self.title = title
    }
}

extension TreeWalk {
    /// Asks the linker about the text node `node`, whose literal is `text`, and splits the node into
    /// text and link nodes around what it finds.
    func autolink(_ node: OpaquePointer, text: UnsafeBufferPointer<UInt8>, linker: any AutoLinker,
                  iterator: OpaquePointer) {
        let string = String(decoding: text, as: UTF8.self)
        let found = linker.links(in: string)
        guard !found.isEmpty else { return }
        let spans = utf8Spans(of: found, in: string)
        guard !spans.isEmpty else { return }

        // Build every node first, so an allocation failure leaves the text as it was.
        var pieces: [OpaquePointer] = []
        var complete = true
        var cursor = 0
        for span in spans {
            if span.start > cursor {
                guard let piece = makeText(text, cursor..<span.start) else { complete = false; break }
                pieces.append(piece)
            }
            guard let piece = makeLink(text, span.start..<span.end, span.link) else { complete = false; break }
            pieces.append(piece)
            cursor = span.end
        }
        if complete, cursor < text.count {
            if let piece = makeText(text, cursor..<text.count) { pieces.append(piece) } else { complete = false }
        }
        guard complete else {
            pieces.forEach { cmark_node_free($0) }
            return
        }

        var last = node
        for piece in pieces {
            // Cannot fail: the pieces are inlines going where a text node was.
            if cmark_node_insert_after(last, piece) != 0 { last = piece } else { cmark_node_free(piece) }
        }
        // Step over the new nodes (the linker is not asked about its own links' text), then drop the
        // original node, which the iterator no longer points at.
        cmark_iter_reset(iterator, last, CMARK_EVENT_EXIT)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}

/// A validated link as UTF-8 offsets into the text.
struct AutoLinkSpan {
    var start: Int
    var end: Int
    var link: AutoLink
    /// The position in the linker's answer, to break ties between equal starts.
    var order: Int
}

/// The links' ranges as UTF-8 offsets, in order, without empty, overlapping or misaligned ones.
func utf8Spans(of links: [AutoLink], in text: String) -> [AutoLinkSpan] {
    var spans: [AutoLinkSpan] = []
    for (order, link) in links.enumerated() {
        let range = link.range
        guard range.lowerBound >= text.startIndex, range.upperBound <= text.endIndex, !range.isEmpty,
              range.lowerBound.samePosition(in: text.unicodeScalars) != nil,
              range.upperBound.samePosition(in: text.unicodeScalars) != nil
        else { continue }
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let end = start + text.utf8.distance(from: range.lowerBound, to: range.upperBound)
        spans.append(AutoLinkSpan(start: start, end: end, link: link, order: order))
    }
    // Of overlapping links the first wins; of links starting together, the one the linker gave first.
    spans.sort { ($0.start, $0.order) < ($1.start, $1.order) }
    var kept: [AutoLinkSpan] = []
    for span in spans where span.start >= (kept.last?.end ?? 0) {
        kept.append(span)
    }
    return kept
}

private func makeText(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> OpaquePointer? {
    guard let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
    guard setString(node, String(decoding: text[range], as: UTF8.self), cmark_node_set_literal) else {
        cmark_node_free(node)
        return nil
    }
    return node
}

private func makeLink(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ link: AutoLink) -> OpaquePointer? {
    guard let node = cmark_node_new(CMARK_NODE_LINK) else { return nil }
    guard setString(node, link.url, cmark_node_set_url),
          setString(node, link.title ?? "", cmark_node_set_title),
          let label = makeText(text, range)
    else {
        cmark_node_free(node)
        return nil
    }
    guard cmark_node_append_child(node, label) != 0 else {
        cmark_node_free(label)
        cmark_node_free(node)
        return nil
    }
    return node
}
