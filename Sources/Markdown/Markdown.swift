import CCmark
import HTML
import Diagnostics
import Synchronization
#if canImport(Glibc)
import Glibc  // strlen
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The version of libcmark-gfm linked in.
public var cmarkVersion: String { String(cString: cmark_version_string()) }

/// How one Markdown document is turned into HTML.
public struct MarkdownOptions: Sendable, Equatable {
    /// Pass raw HTML and `javascript:`/`vbscript:`/`file:`/`data:` links through as written.
    /// Off by default: raw HTML goes through the allowlist sanitizer (what it removes is reported in
    /// `notices`) and such links get an empty `href`.
    public var unsafe = false
    /// Render every soft line break as `<br />`.
    public var hardBreaks = false
    /// Drop a soft line break that sits between two East Asian wide characters (汉字, kana, full-width
    /// punctuation), as CSS Text 3 asks browsers to; Chrome does not, and shows a stray space there.
    /// Ignored when `hardBreaks` is on.
    public var eastAsianLineBreaks = true
    /// The line of its file on which the source starts (the line after the front matter), so link and
    /// image locations point into the file.
    public var firstLine = 1
    /// Host names raw HTML may embed an `<iframe>` from (`embeds:` in site.yml).
    public var embeds: [String] = []
    /// What a screen reader says for a footnote's back-link (↩): libcmark-gfm writes English.
    public var footnoteBackLabel = "返回正文"

    /// Creates options; the defaults are safe HTML with East Asian line breaks joined.
    public init(unsafe: Bool = false, hardBreaks: Bool = false, eastAsianLineBreaks: Bool = true, firstLine: Int = 1,
                embeds: [String] = [], footnoteBackLabel: String = "返回正文") {
        self.unsafe = unsafe
        self.hardBreaks = hardBreaks
        self.eastAsianLineBreaks = eastAsianLineBreaks
        self.firstLine = firstLine
        self.embeds = embeds
        self.footnoteBackLabel = footnoteBackLabel
    }

    /// The libcmark option bits. `CMARK_OPT_SMART` is never set: it turns both quotes of “引号” into right quotes.
    var cmarkOptions: Int32 {
        // Strikethrough only between `~~`: Chinese text writes ranges with one `~` (4月~5月,
        // 500元~1000元), which libcmark-gfm would otherwise strike out from one to the next.
        var bits = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        if unsafe { bits |= CMARK_OPT_UNSAFE }
        if hardBreaks { bits |= CMARK_OPT_HARDBREAKS }
        return bits
    }
}

/// A rendered document: its HTML and what the site needs to know about it.
public struct RenderedMarkdown: Sendable, Equatable {
    /// The body HTML, headings carrying `id` attributes. Decoded from `htmlUTF8` on each access.
    public var html: String {
        get { String(decoding: htmlUTF8, as: UTF8.self) }
        set { htmlUTF8 = Array(newValue.utf8) }
    }
    /// `html` as the UTF-8 bytes libcmark wrote: a site prints them into pages as they are, and
    /// making a String of them would validate every byte of every page again.
    public var htmlUTF8: [UInt8]
    /// The visible text, for summaries: paragraphs, headings, list items, quotes, code, table cells
    /// (a space apart), footnotes and the text of raw HTML blocks that the sanitizer keeps, one block
    /// after another separated by a newline, without Markdown syntax, link URLs, image alt text or
    /// tags; see `renderMarkdown` for line breaks inside a block. Decoded from `plainTextUTF8`
    /// on each access.
    public var plainText: String {
        get { String(decoding: plainTextUTF8, as: UTF8.self) }
        set { plainTextUTF8 = Array(newValue.utf8) }
    }
    /// `plainText` as the UTF-8 bytes the walk builds it in. A site counts and cuts the text but
    /// seldom needs it whole, and turning every document's bytes into a String (which validates
    /// them) was a visible part of reading the site.
    public var plainTextUTF8: [UInt8]
    /// Every heading in document order.
    public var headings: [Heading]
    /// Every link written in the source, in document order: Markdown links, bare URLs, and the `href`
    /// of raw HTML's `<a>` (links the `AutoLinker` adds are not listed).
    public var links: [LinkReference]
    /// Every image in document order, raw HTML's `<img src>` included.
    public var images: [LinkReference]
    /// What was left out of the page (raw HTML the sanitizer removed, Hugo shortcodes), in source
    /// order: warnings without a file, their lines counted from `MarkdownOptions.firstLine`.
    public var notices: [Diagnostic] = []
    /// The length in bytes of the start of `plainTextUTF8` that comes before a `<!--more-->` mark,
    /// the article's summary by Hugo's convention; nil without the mark.
    public var summaryCut: Int?

    /// Creates a rendered document from its parts, the plain text as UTF-8.
    init(htmlUTF8: [UInt8], plainTextUTF8: [UInt8], headings: [Heading], links: [LinkReference], images: [LinkReference]) {
        self.htmlUTF8 = htmlUTF8
        self.plainTextUTF8 = plainTextUTF8
        self.headings = headings
        self.links = links
        self.images = images
    }

    /// Creates a rendered document from its parts.
    public init(html: String = "", plainText: String = "", headings: [Heading] = [],
                links: [LinkReference] = [], images: [LinkReference] = []) {
        self.htmlUTF8 = Array(html.utf8)
        self.plainTextUTF8 = Array(plainText.utf8)
        self.headings = headings
        self.links = links
        self.images = images
    }

    /// The source of the first image with one, for a cover or a feed thumbnail.
    public var firstImage: String? { images.first { !$0.destination.isEmpty }?.destination }

    /// The number of characters (grapheme clusters) of `plainText` that are not whitespace, for
    /// reading-time estimates: Chinese text has no words to count.
    public var characterCount: Int {
        plainTextUTF8.withUnsafeBufferPointer { Markdown.characterCount($0, countingWhitespace: false) }
    }

    /// Equal when the parts are, the plain text compared as strings (by canonical equivalence).
    public static func == (a: RenderedMarkdown, b: RenderedMarkdown) -> Bool {
        a.htmlUTF8 == b.htmlUTF8 && a.plainText == b.plainText && a.headings == b.headings && a.links == b.links
            && a.images == b.images && a.notices == b.notices && a.summaryCut == b.summaryCut
    }
}

/// Renders a CommonMark document to HTML and extracts its headings, plain text, links and images.
///
/// The tree libcmark parses is walked once, in document order; during that walk headings get their
/// ids, soft breaks between East Asian characters are dropped, and `linker` (if any) is asked about
/// every run of text outside links, images, headings and code — in document order, so a linker that
/// remembers what it has linked can link only the first mention.
///
/// In `plainText` a soft line break becomes nothing between two East Asian wide characters and a
/// space elsewhere; a hard line break and the end of a block become a newline.
///
/// libcmark only fails on allocation failure; the result is then empty rather than a crash.
///
/// `rewriteURL` may change link and image destinations (the site resolves relative ones against
/// the Markdown file's folder); `links` and `images` keep them as written.
///
/// `convertText` converts the document's text (Traditional Chinese to Simplified): it is given
/// the UTF-8 of every run of text, image descriptions included, in document order, and returns
/// each converted (nil: as it is), before anything else reads them. Code, raw HTML and addresses
/// are not text.
public func renderMarkdown(
    _ source: String, options: MarkdownOptions = .init(), linker: (any AutoLinker)? = nil,
    rewriteURL: ((String) -> String?)? = nil, convertText: (([UnsafeBufferPointer<UInt8>]) -> [[UInt8]?])? = nil
) -> RenderedMarkdown {
    var source = source
    // `withUTF8` hands libcmark the string's own bytes; it copies only a bridged, non-UTF-8 string.
    return source.withUTF8 { bytes in
        renderMarkdown(bytes: bytes, options: options, linker: linker, rewriteURL: rewriteURL, convertText: convertText)
    }
}

/// Replaces the literal of every text node under `root` by what `convert` makes of them all.
private func convertTextNodes(under root: OpaquePointer, with convert: ([UnsafeBufferPointer<UInt8>]) -> [[UInt8]?]) {
    guard let iterator = cmark_iter_new(root) else { return }
    defer { cmark_iter_free(iterator) }
    var nodes: [OpaquePointer] = []
    var texts: [UnsafeBufferPointer<UInt8>] = []
    while true {
        let event = cmark_iter_next(iterator)
        if event == CMARK_EVENT_DONE { break }
        guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_TEXT,
              let text = literalBytes(node)
        else { continue }
        nodes.append(node)
        texts.append(text)
    }
    // The literals are read before any is replaced: setting one frees the old.
    let converted = convert(texts)
    guard converted.count == texts.count else { return }
    for (k, node) in nodes.enumerated() {
        if let bytes = converted[k] { setLiteral(node, bytes: bytes) }
    }
}

/// The GitHub extensions every document is parsed with, registered and looked up once.
/// `nonisolated(unsafe)`: libcmark-gfm's extension objects are never changed after registration.
nonisolated(unsafe) private let gfmExtensions: [OpaquePointer] = {
    cmark_gfm_core_extensions_ensure_registered()
    let names: [String] = ["table", "strikethrough", "autolink", "tasklist"]
    return names.compactMap { name in name.withCString { cmark_find_syntax_extension($0) } }
}()

/// Held while a document is finished (`renderMarkdown(bytes:…)`).
private let finishing = Mutex(())

private func renderMarkdown(
    bytes: UnsafeBufferPointer<UInt8>, options: MarkdownOptions, linker: (any AutoLinker)?,
    rewriteURL: ((String) -> String?)?, convertText: (([UnsafeBufferPointer<UInt8>]) -> [[UInt8]?])?
) -> RenderedMarkdown {
    guard let parser = cmark_parser_new(options.cmarkOptions) else { return RenderedMarkdown() }
    defer { cmark_parser_free(parser) }
    for fileExtension in gfmExtensions { cmark_parser_attach_syntax_extension(parser, fileExtension) }
    bytes.withMemoryRebound(to: CChar.self) { chars in
        if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
    }
    // One document finished at a time: `cmark_parser_finish` puts the extensions' special
    // characters (`~` for strikethrough, `:` and `w` for bare links) in a table every parser
    // shares, and takes them out when done, so two at once take them out from under each other
    // and a strikethrough or a bare link is read as text. Feeding (the block structure) stays
    // parallel.
    nonisolated(unsafe) var finished: OpaquePointer?
    finishing.withLock { _ in finished = cmark_parser_finish(parser) }
    guard let document = finished else { return RenderedMarkdown() }
    defer { cmark_node_free(document) }
    if let convertText { convertTextNodes(under: document, with: convertText) }

    var walk = TreeWalk(options: options, linker: linker, rewriteURL: rewriteURL, sourceSize: bytes.count)
    // Replaced headings are freed once the HTML is written: see `TreeWalk.replaced`.
    defer { for node in walk.replaced { cmark_node_free(node) } }
    guard walk.run(document) else { return RenderedMarkdown() }

    walk.removeEmptiedParagraphs()

    // Raw HTML is written as it is, then the whole document's HTML is sanitized: an element opened in
    // one HTML block and closed in a later one (`<details>` around Markdown) keeps its structure.
    let hasRawHTML = !walk.rawFragments.isEmpty
    let renderExtensions = cmark_parser_get_syntax_extensions(parser)
    // Table cells aligned with `style="text-align: …"`: HTML5 has no `align` attribute. A render
    // option only: given to the parser, libcmark-gfm 0.29's autolink extension stops linking
    // bare URLs.
    let renderOptions = options.cmarkOptions | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | (hasRawHTML ? CMARK_OPT_UNSAFE : 0)
    guard let rendered = cmark_render_html(document, renderOptions, renderExtensions) else { return RenderedMarkdown() }
    // The buffer comes from the document's allocator, libcmark's default one.
    defer { cmark_get_default_mem_allocator().pointee.free(rendered) }
    let renderedBytes = UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered))

    var source = SourceText(bytes: bytes, firstLine: options.firstLine)
    var result = RenderedMarkdown(
        htmlUTF8: Array(renderedBytes),
        plainTextUTF8: walk.plainText.utf8,
        headings: walk.headings,
        links: walk.links.map { source.reference(for: $0) },
        images: walk.images.map { source.reference(for: $0) }
    )
    result.summaryCut = walk.summaryCut.map { min($0, result.plainTextUTF8.count) }
    if hasRawHTML || !walk.notices.isEmpty {
        addFindings(of: walk, to: &result, bytes: bytes, options: options)
    }
    if hasRawHTML {
        let sanitized = sanitizeHTML(utf8: renderedBytes, policy: HTMLPolicy(embedHosts: options.embeds), serialize: true,
                                     rewriteURL: rewriteURL)
        result.htmlUTF8 = sanitized.html
        if sanitized.tooDeep, let first = walk.rawFragments.first {
            // Too deep to check: the page is written without its raw HTML, as libcmark-gfm's safe mode writes it.
            let safe = cmark_render_html(document, renderOptions & ~CMARK_OPT_UNSAFE, renderExtensions)
            result.htmlUTF8 = safe.map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
            if let safe { cmark_get_default_mem_allocator().pointee.free(safe) }
            let (line, column) = source.locate(line: first.line, byteColumn: first.byteColumn, needle: [0x3C])
            result.notices.append(Diagnostic(.warning, file: "", line: line, column: column,
                message: "left out this page's raw HTML: with its Markdown the page nests more than \(maximumHTMLDepth) elements deep, too deep to check; simplify it"))
        }
    }
    if walk.hasFootnotes { relabelFootnoteBackLinks(&result.htmlUTF8, label: options.footnoteBackLabel) }
    return result
}

/// Adds the walk's findings, and the sanitizer's reports on each raw HTML piece and the links and
/// images it kept, located in the file.
private func addFindings(of walk: TreeWalk, to result: inout RenderedMarkdown, bytes: UnsafeBufferPointer<UInt8>,
                         options: MarkdownOptions) {
    var source = SourceText(bytes: bytes, firstLine: options.firstLine)
    var notices: [Diagnostic] = walk.notices.map { pending in
        let (line, column) = source.locate(line: pending.line, byteColumn: pending.byteColumn, needle: pending.needle)
        return Diagnostic(.warning, file: "", line: line, column: column, message: pending.message)
    }
    if !walk.rawFragments.isEmpty {
        // Markdown's own links and images go through the sanitizer too on such a page: say what it takes.
        for (reference, isLink) in result.links.map({ ($0, true) }) + result.images.map({ ($0, false) }) {
            guard let scheme = refusedScheme(of: reference.destination, isLink: isLink) else { continue }
            let what = isLink ? "link" : "image"
            let allowed = isLink ? "http:, https:, mailto:, tel: or relative" : "http:, https: or relative"
            notices.append(Diagnostic(.warning, file: "", line: reference.line, column: reference.column,
                message: "removed the \(what)'s `\(scheme):` address: on a page with raw HTML, Markdown's links and images are checked as HTML's are, and only \(allowed) ones are allowed"))
        }
    }
    let policy = HTMLPolicy(embedHosts: options.embeds)
    var links = result.links
    var images = result.images
    for fragment in walk.rawFragments {
        let found = fragment.literal.withUnsafeBufferPointer { sanitizeHTML(utf8: $0, policy: policy, serialize: false) }
        guard !found.removals.isEmpty || !found.references.isEmpty else { continue }
        let (line, column) = source.locate(line: fragment.line, byteColumn: fragment.byteColumn, needle: [0x3C])
        func place(_ innerLine: Int, _ innerColumn: Int) -> (line: Int, column: Int) {
            (line + innerLine - 1, innerLine == 1 ? column + innerColumn - 1 : innerColumn)
        }
        for removal in found.removals {
            let at = place(removal.line, removal.column)
            notices.append(Diagnostic(.warning, file: "", line: at.line, column: at.column, message: removal.message))
        }
        for reference in found.references {
            let at = place(reference.line, reference.column)
            let located = LinkReference(destination: reference.destination, line: at.line, column: at.column)
            if reference.isImage { images.append(located) } else { links.append(located) }
        }
    }
    let inSourceOrder: (LinkReference, LinkReference) -> Bool = { ($0.line, $0.column) < ($1.line, $1.column) }
    if links.count != result.links.count { result.links = links.sorted(by: inSourceOrder) }
    if images.count != result.images.count { result.images = images.sorted(by: inSourceOrder) }
    result.notices = notices.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
}

/// Puts `label` (attribute-escaped) in place of the English `aria-label` libcmark-gfm gives every
/// footnote's back-link.
private func relabelFootnoteBackLinks(_ html: inout [UInt8], label: String) {
    // As libcmark-gfm writes it, and as the sanitizer writes it again in a document with raw HTML.
    let written = Array(#" aria-label="Back to content">↩</a>"#.utf8)
    let wanted = Array(#" aria-label=""#.utf8) + Array(escapeAttribute(label).utf8) + Array(#"">↩</a>"#.utf8)
    guard written != wanted else { return }
    var out: [UInt8] = []
    out.reserveCapacity(html.count + 64)
    var from = 0
    while let at = firstIndex(of: written, in: html, from: from) {
        out += html[from..<at]
        out += wanted
        from = at + written.count
    }
    guard from > 0 else { return }
    out += html[from...]
    html = out
}
