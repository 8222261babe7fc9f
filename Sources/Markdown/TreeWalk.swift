import CCmark
#if canImport(Glibc)
import Glibc  // strlen
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The single pass over a parsed document: collects plain text, headings, links and images, and edits
/// the tree on the way (heading ids, East Asian soft breaks, autolinks) before it is rendered.
///
/// Edits only ever touch the node being visited, nodes after it that are then stepped over, or nodes
/// already passed; after each edit the iterator is reset to a node still in the tree, so it never
/// holds a freed pointer.
struct TreeWalk {
    let options: MarkdownOptions
    let linker: (any AutoLinker)?
    /// Whether there is a linker: asked at every text node, and testing or binding the optional
    /// existential copies it each time.
    let hasLinker: Bool
    /// Rewrites link and image destinations (nil: keep as written).
    let rewriteURL: ((String) -> String?)?

    var plainText: PlainText
    var headings: [Heading] = []
    var links: [SourceReference] = []
    var images: [SourceReference] = []

    /// Raw HTML pieces in document order, for the sanitizer's reports (empty in unsafe mode).
    var rawFragments: [RawFragment] = []
    /// Shortcodes and other findings, located once the walk is done.
    var notices: [PendingNotice] = []
    /// Where `<!--more-->` cut the plain text (a byte offset), if it did.
    var summaryCut: Int?
    /// Headings taken out of the tree (`finishHeading`), freed only after rendering: libcmark-gfm's
    /// text nodes may point into their block's own buffer instead of holding a copy (alt text the
    /// walk never reads, raw HTML in unsafe mode), and the moved inlines would then read freed memory.
    var replaced: [OpaquePointer] = []
    /// Whether the document defines a footnote (its back-links are relabelled after rendering).
    var hasFootnotes = false
    /// Paragraphs that held only shortcodes, removed after the walk so none renders empty.
    var emptied: [OpaquePointer] = []
    /// The table extension's node types (globals of libcmark-gfm-extensions, read once).
    let table = ccmark_table_type()
    let tableRow = ccmark_table_row_type()
    let tableCell = ccmark_table_cell_type()

    var headingIDs = HeadingIDs()
    /// Where the current heading's text starts in `plainText`; nil outside headings.
    private var headingStart: Int?
    /// Links and images being inside: their text is not autolinked, and an image's text is alt text.
    private var linkDepth = 0
    private var imageDepth = 0
    /// The soft break seen last, until the text after it decides whether it is dropped.
    private var pendingSoftBreak: OpaquePointer?

    init(options: MarkdownOptions, linker: (any AutoLinker)?, rewriteURL: ((String) -> String?)? = nil, sourceSize: Int) {
        self.options = options
        self.linker = linker
        hasLinker = linker != nil
        self.rewriteURL = rewriteURL
        plainText = PlainText(capacity: sourceSize)
    }

    /// Walks the tree under `root`; false only if libcmark could not allocate an iterator.
    mutating func run(_ root: OpaquePointer) -> Bool {
        guard let iterator = cmark_iter_new(root) else { return false }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, entering: event == CMARK_EVENT_ENTER, iterator: iterator)
        }
        return true
    }

    private mutating func visit(_ node: OpaquePointer, entering: Bool, iterator: OpaquePointer) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_TEXT:
            guard imageDepth == 0 else { return }  // alt text is not visible text
            if hasShortcodeOpener(node) { removeShortcodes(node, iterator: iterator) }
            let autolinks = hasLinker && linkDepth == 0 && headingStart == nil
            if autolinks { mergeFollowingText(node, iterator: iterator) }
            guard let text = literalBytes(node) else { return }
            if let first = text.first, first == 0x7C || first == 0x2D || first == 0x3A || first == 0x20 {
                noteBrokenTable(node, text: text)
            }
            appendText(text)
            if autolinks { autolink(node, text: text, iterator: iterator) }
        case CMARK_NODE_CODE:
            guard imageDepth == 0, let text = literalBytes(node) else { return }
            appendText(text)
        case CMARK_NODE_SOFTBREAK:
            plainText.softBreak()
            pendingSoftBreak = node
        case CMARK_NODE_LINEBREAK:
            plainText.hardBreak()
            pendingSoftBreak = nil
        case CMARK_NODE_HTML_INLINE:
            plainText.opaqueInline()
            pendingSoftBreak = nil
            rawHTML(node, inline: true, iterator: iterator)
        case CMARK_NODE_HTML_BLOCK:
            rawHTML(node, inline: false, iterator: iterator)
        case CMARK_NODE_LINK:
            if entering {
                linkDepth += 1
                let bareURL = trimExtensionAutolink(node)
                var reference = SourceReference(node)
                reference.searchText = bareURL
                links.append(reference)
                rewrite(node, reference.destination)
            } else {
                linkDepth -= 1
            }
        case CMARK_NODE_IMAGE:
            if entering {
                plainText.opaqueInline()
                pendingSoftBreak = nil
                imageDepth += 1
                linkDepth += 1
                let reference = SourceReference(node)
                images.append(reference)
                rewrite(node, reference.destination)
            } else {
                imageDepth -= 1
                linkDepth -= 1
            }
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            hasFootnotes = true
        case CMARK_NODE_PARAGRAPH:
            if entering { startBlock() }
        case CMARK_NODE_HEADING:
            if entering {
                startBlock()
                headingStart = plainText.count
            } else if let start = headingStart {
                headingStart = nil
                pendingSoftBreak = nil
                finishHeading(node, text: plainText.text(from: start), iterator: iterator)
            }
        case CMARK_NODE_CODE_BLOCK:
            startBlock()
            guard var text = literalBytes(node) else { return }
            // The literal ends with the fence's line break; the block's end is a newline already.
            while let last = text.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
                text = UnsafeBufferPointer(rebasing: text.dropLast())
            }
            plainText.append(text)
        default:
            if entering, type == table {
                wrapTable(node)
            } else if entering, type == tableRow {
                startBlock()
            } else if entering, type == tableCell, cmark_node_previous(node) != nil {
                plainText.separateCells()
                pendingSoftBreak = nil
            }
        }
    }

    private mutating func startBlock() {
        plainText.startBlock()
        pendingSoftBreak = nil
    }

    /// Appends text to the plain text, and drops the soft break before it from the tree when the plain
    /// text joined the two lines.
    private mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        let joined = plainText.append(text)
        if joined, let softBreak = pendingSoftBreak, options.eastAsianLineBreaks, !options.hardBreaks {
            // Already passed by the iterator, so it can go.
            cmark_node_unlink(softBreak)
            cmark_node_free(softBreak)
        }
        if !text.isEmpty { pendingSoftBreak = nil }
    }

    /// Merges the text nodes that follow `node` into it, so the linker sees a name whole.
    ///
    /// libcmark-gfm merges most adjacent text while parsing, but not where a `<` failed to start
    /// inline HTML (`{{< x >}}` is two text nodes).
    func mergeFollowingText(_ node: OpaquePointer, iterator: OpaquePointer) {
        guard let next = cmark_node_next(node), cmark_node_get_type(next) == CMARK_NODE_TEXT,
              let first = literalBytes(node)
        else { return }
        var merged = Array(first)
        var sibling: OpaquePointer? = next
        while let current = sibling, cmark_node_get_type(current) == CMARK_NODE_TEXT {
            if let more = literalBytes(current) { merged.append(contentsOf: more) }
            sibling = cmark_node_next(current)
            cmark_node_unlink(current)
            cmark_node_free(current)
        }
        setLiteral(node, bytes: merged)
        // The iterator's next step was the first freed sibling: point it past `node` again.
        cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
    }
}

/// Sets a node's literal to UTF-8 `bytes` (libcmark copies them).
func setLiteral(_ node: OpaquePointer, bytes: consuming [UInt8]) {
    var terminated = bytes
    terminated.append(0)
    terminated.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_literal(node, $0.baseAddress) }
    }
}

/// The literal of a text, code or code block node, without copying it.
func literalBytes(_ node: OpaquePointer) -> UnsafeBufferPointer<UInt8>? {
    guard let literal = cmark_node_get_literal(node) else { return nil }
    return UnsafeBufferPointer(
        start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
}

extension TreeWalk {
    /// Sets a link or image node's destination to what `rewriteURL` makes of it.
    func rewrite(_ node: OpaquePointer, _ destination: String) {
        guard let rewriteURL, let new = rewriteURL(destination), new != destination else { return }
        _ = setString(node, new, cmark_node_set_url)
    }
}

/// Sets a node's literal (or URL, title, …) from a Swift string through `setter`.
@discardableResult
func setString(_ node: OpaquePointer, _ value: String,
               _ setter: (OpaquePointer, UnsafePointer<CChar>?) -> Int32) -> Bool {
    value.withCString { setter(node, $0) } != 0
}
