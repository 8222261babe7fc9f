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

    /// The same places, asked of the run's valid UTF-8 bytes and answered in byte offsets; the same
    /// ranges are ignored. `renderMarkdown` calls this one. The default decodes the bytes and asks
    /// `links(in:)`; a linker that can work on bytes implements it to spare a string per run of text,
    /// since almost every run holds nothing to link.
    func links(inUTF8 text: UnsafeBufferPointer<UInt8>) -> [UTF8AutoLink]
}

extension AutoLinker {
    /// Decodes the bytes and asks `links(in:)`.
    public func links(inUTF8 text: UnsafeBufferPointer<UInt8>) -> [UTF8AutoLink] {
        let string = String(decoding: text, as: UTF8.self)
        return utf8Links(of: links(in: string), in: string)
    }
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
    func autolink(_ node: OpaquePointer, text: UnsafeBufferPointer<UInt8>,
                  iterator: OpaquePointer) {
        // Called through the optional, which (unlike binding it) does not copy the existential.
        guard let found = linker?.links(inUTF8: text), !found.isEmpty else { return }
        let spans = utf8Spans(of: found, in: text)
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

/// A stretch of text to turn into a link, by UTF-8 offsets.
public struct UTF8AutoLink: Sendable, Equatable {
    /// The linked bytes, as offsets into the bytes the linker was given.
    public var range: Range<Int>
    /// The link's destination; libcmark escapes it (and in safe mode empties a `javascript:` one).
    public var url: String
    /// The link's `title` attribute, if any.
    public var title: String?

    /// Creates a link for `range` of the bytes the linker was given.
    public init(range: Range<Int>, url: String, title: String? = nil) {
        self.range = range
        self.url = url
        self.title = title
    }
}

/// A validated link as UTF-8 offsets into the text.
struct AutoLinkSpan {
    var start: Int
    var end: Int
    var link: UTF8AutoLink
    /// The position in the linker's answer, to break ties between equal starts.
    var order: Int
}

/// String-index links as UTF-8 offsets into `text`, in the linker's order, without those that are
/// out of bounds or do not fall on scalar boundaries.
func utf8Links(of links: [AutoLink], in text: String) -> [UTF8AutoLink] {
    var out: [UTF8AutoLink] = []
    for link in links {
        let range = link.range
        guard range.lowerBound >= text.startIndex, range.upperBound <= text.endIndex,
              range.lowerBound.samePosition(in: text.unicodeScalars) != nil,
              range.upperBound.samePosition(in: text.unicodeScalars) != nil
        else { continue }
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let end = start + text.utf8.distance(from: range.lowerBound, to: range.upperBound)
        out.append(UTF8AutoLink(range: start..<end, url: link.url, title: link.title))
    }
    return out
}

/// The links in order, without empty, overlapping, out-of-bounds or misaligned ones (a bound inside
/// a scalar's UTF-8 sequence).
func utf8Spans(of links: [UTF8AutoLink], in text: UnsafeBufferPointer<UInt8>) -> [AutoLinkSpan] {
    func isBoundary(_ offset: Int) -> Bool { offset == text.count || text[offset] & 0xC0 != 0x80 }
    var spans: [AutoLinkSpan] = []
    for (order, link) in links.enumerated() {
        let range = link.range
        guard range.lowerBound >= 0, range.upperBound <= text.count, !range.isEmpty,
              isBoundary(range.lowerBound), isBoundary(range.upperBound)
        else { continue }
        spans.append(AutoLinkSpan(start: range.lowerBound, end: range.upperBound, link: link, order: order))
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

private func makeLink(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ link: UTF8AutoLink) -> OpaquePointer? {
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
