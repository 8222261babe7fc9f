import CGumbo
import Diagnostics
#if canImport(Glibc)
import Glibc  // strlen
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An address an allowed `<a href>` or `<img src>` kept, with where it was written.
public struct HTMLReference: Sendable, Equatable {
    /// The address as written (entities decoded).
    public var destination: String
    /// `img src` rather than `a href`.
    public var isImage: Bool
    /// 1-based line and column (in Unicode scalars) of the attribute's name within the HTML.
    public var line: Int
    public var column: Int

    /// Creates a reference.
    public init(destination: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}

/// The result of sanitizing a piece of HTML.
public struct SanitizedHTML: Sendable {
    /// The allowed HTML, as UTF-8 (empty when not asked for).
    public var html: [UInt8] = []
    /// What was removed and why, in document order: warnings located by line and column (in Unicode
    /// scalars) within the HTML that was sanitized, without a file.
    public var removals: [Diagnostic] = []
    /// The links and images kept, in document order.
    public var references: [HTMLReference] = []
    /// Whether the HTML nests deeper than `maximumHTMLDepth`: then nothing was walked, `html` is
    /// empty and `removals` holds one report saying so.
    public var tooDeep = false
}

/// How deep the sanitizer follows nested elements. Its walks recurse, and a page can be rendered on
/// a thread with a small stack: deeper HTML (a pasted page of 20,000 `<div>`s, or Markdown lists
/// nested thousands deep beside some raw HTML) is refused as a whole rather than crash the build.
public let maximumHTMLDepth = 256

/// What raw HTML may keep besides the fixed allowlist.
public struct HTMLPolicy: Sendable, Equatable {
    /// Host names an `<iframe>` may load from (`embeds:` in site.yml), lowercased.
    public var embedHosts: Set<String>

    /// Creates a policy; hosts are compared without regard to case.
    public init(embedHosts: [String] = []) {
        self.embedHosts = Set(embedHosts.map { $0.lowercased() })
    }
}

/// The HTML of `html` (a fragment, parsed as the content of `<body>` the way browsers parse it)
/// with everything not on the allowlist removed, and a list of what was removed.
///
/// The fragment is parsed by gumbo, an HTML5 parser, so unclosed and misnested tags end up in the
/// tree a browser builds, and the serialised result is balanced. Allowed elements keep their
/// allowed attributes; elements whose content is not page text (`script`, `style`, `svg`, `math`,
/// a refused `iframe` …) go with their content; any other element is unwrapped, its text kept.
/// Comments are dropped without a report: they are not content.
///
/// `rewriteURL` may change the addresses kept (`href`, `src`, `poster`), after they are checked.
public func sanitizeHTML(_ html: String, policy: HTMLPolicy = .init(), rewriteURL: ((String) -> String?)? = nil) -> (html: String, removals: [Diagnostic]) {
    var html = html
    let result = html.withUTF8 { sanitizeHTML(utf8: $0, policy: policy, serialize: true, rewriteURL: rewriteURL) }
    return (String(decoding: result.html, as: UTF8.self), result.removals)
}

/// `sanitizeHTML` on UTF-8 bytes; with `serialize` false only the removals and references are collected.
public func sanitizeHTML(utf8: UnsafeBufferPointer<UInt8>, policy: HTMLPolicy, serialize: Bool,
                         rewriteURL: ((String) -> String?)? = nil) -> SanitizedHTML {
    var walker = SanitizingWalker(policy: policy, serialize: serialize, rewriteURL: rewriteURL)
    withFragment(utf8) { root in
        guard !nestsTooDeep(root) else {
            walker.removals = [Diagnostic(.warning, file: "", line: 1, column: 1,
                message: "left out raw HTML nested more than \(maximumHTMLDepth) elements deep: simplify it")]
            walker.tooDeep = true
            return
        }
        walker.children(of: root)
    }
    return SanitizedHTML(html: walker.out, removals: walker.removals, references: walker.references, tooDeep: walker.tooDeep)
}

/// One pass over gumbo's tree, writing what is allowed and noting what is not.
struct SanitizingWalker {
    let policy: HTMLPolicy
    let serialize: Bool
    var out: [UInt8] = []
    var removals: [Diagnostic] = []
    var references: [HTMLReference] = []
    var tooDeep = false
    let rewriteURL: ((String) -> String?)?

    init(policy: HTMLPolicy, serialize: Bool, rewriteURL: ((String) -> String?)?) {
        self.policy = policy
        self.serialize = serialize
        self.rewriteURL = rewriteURL
    }

    mutating func children(of node: UnsafeMutablePointer<GumboNode>) {
        let vector = node.pointee.v.element.children
        for index in 0..<Int(vector.length) {
            guard let child = vector.data[index]?.assumingMemoryBound(to: GumboNode.self) else { continue }
            visit(child)
        }
    }

    private mutating func visit(_ node: UnsafeMutablePointer<GumboNode>) {
        switch node.pointee.type {
        case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA:
            if serialize, let text = node.pointee.v.text.text { writeEscaped(text, attribute: false) }
        case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
            element(node)
        default:
            break  // comments, and the document node that never appears inside a fragment
        }
    }

    private mutating func element(_ node: UnsafeMutablePointer<GumboNode>) {
        let element = node.pointee.v.element
        let name = tagName(element)
        let position = element.start_pos
        let foreign = element.tag_namespace != GUMBO_NAMESPACE_HTML

        if name == "iframe", !foreign, let host = refusedFrame(element) {
            removals.append(host)
            return
        }
        guard !foreign, let allowed = Allowlist.elements[name] else {
            if foreign || Allowlist.droppedWithContent.contains(name) {
                report(position, "removed `<\(name)>` and its content: it is not allowed in Markdown")
            } else {
                report(position, "removed the `<\(name)>` tag, kept its text: it is not allowed in Markdown")
                children(of: node)
            }
            return
        }
        // An image or media source is nothing without its address: one that may not stay takes the
        // element with it (an `<img>` without `src` is not HTML).
        if name == "img" || name == "source" {
            let src = attribute("src", of: element) ?? ""
            if src.isEmpty {
                report(position, "removed `<\(name)>` without a `src`: it shows nothing; give it the file's address")
                return
            }
            if let scheme = Allowlist.allowedScheme(src, mailto: false) {
                report(position, "removed `<\(name)>`: its `src` is a `\(scheme):` address, and only http:, https: or relative ones are allowed in Markdown; save the file beside the article and give its name")
                return
            }
        }
        if name == "input", !isTaskCheckbox(element) {
            report(position, "removed `<input>`: only a task list's checkbox (`- [ ]`) is allowed in Markdown")
            return
        }
        if serialize { out.append(0x3C); out.append(contentsOf: name.utf8) }
        attributes(of: element, name: name, allowed: allowed)
        if Serializer.isVoid(name) {
            if serialize { out.append(contentsOf: " />".utf8) }
            return
        }
        if serialize {
            out.append(0x3E)
            // The parser drops a line break right after <pre>; write it back so none is lost.
            if name == "pre", startsWithNewline(element) { out.append(0x0A) }
        }
        children(of: node)
        if serialize {
            out.append(contentsOf: "</".utf8)
            out.append(contentsOf: name.utf8)
            out.append(0x3E)
        }
    }

    private mutating func attributes(of element: GumboElement, name: String, allowed: Set<String>) {
        let vector = element.attributes
        for index in 0..<Int(vector.length) {
            guard let attribute = vector.data[index]?.assumingMemoryBound(to: GumboAttribute.self).pointee,
                  let rawName = attribute.name
            else { continue }
            let key = String(cString: rawName)
            let value = attribute.value.map { String(cString: $0) } ?? ""
            if key.hasPrefix("on") {
                report(attribute.name_start, "removed the `\(key)` attribute of `<\(name)>`: event handlers (`on…`) are not allowed in Markdown")
                continue
            }
            guard allowed.contains(key) || Allowlist.isGlobal(key) || Allowlist.isCellAlignment(key, value, of: name) else {
                report(attribute.name_start, "removed the `\(key)` attribute of `<\(name)>`: it is not allowed in Markdown")
                continue
            }
            if Allowlist.urlAttributes.contains(key),
               let scheme = Allowlist.allowedScheme(value, mailto: name == "a" && key == "href") {
                let allowed = name == "a" && key == "href" ? "http:, https:, mailto:, tel: or relative" : "http:, https: or relative"
                report(attribute.name_start, "removed the `\(key)` attribute of `<\(name)>`: a `\(scheme):` address is not allowed in Markdown, only \(allowed) ones")
                continue
            }
            if !serialize {
                if (name == "a" && key == "href") || (name == "img" && key == "src") {
                    references.append(HTMLReference(destination: value, isImage: name == "img",
                                                    line: Int(attribute.name_start.line), column: Int(attribute.name_start.column)))
                }
                continue
            }
            out.append(0x20)
            out.append(contentsOf: key.utf8)
            out.append(contentsOf: "=\"".utf8)
            if Allowlist.urlAttributes.contains(key), let rewriteURL, let rewritten = rewriteURL(value) {
                writeEscaped(rewritten, attribute: true)
            } else {
                writeEscaped(value, attribute: true)
            }
            out.append(0x22)
        }
    }

    /// The report for an iframe that may not stay, nil for one from a host in `embeds:`.
    private func refusedFrame(_ element: GumboElement) -> Diagnostic? {
        let position = element.start_pos
        let src = attribute("src", of: element) ?? ""
        guard let host = httpHost(src) else {
            return removal(position, "removed `<iframe>`: only an iframe with an http: or https: `src` from a host in `embeds:` in site.yml is allowed")
        }
        guard !policy.embedHosts.contains(host) else { return nil }
        return removal(position, "removed `<iframe>` from \(host): that host is not in `embeds:` in site.yml; add it (`embeds: [\(host)]`) to allow it")
    }

    private func isTaskCheckbox(_ element: GumboElement) -> Bool {
        attribute("type", of: element)?.lowercased() == "checkbox" && attribute("disabled", of: element) != nil
    }

    private func startsWithNewline(_ element: GumboElement) -> Bool {
        guard element.children.length > 0,
              let first = element.children.data[0]?.assumingMemoryBound(to: GumboNode.self),
              first.pointee.type == GUMBO_NODE_TEXT || first.pointee.type == GUMBO_NODE_WHITESPACE,
              let text = first.pointee.v.text.text
        else { return false }
        return text.pointee == 0x0A
    }

    private mutating func report(_ position: GumboSourcePosition, _ message: String) {
        removals.append(removal(position, message))
    }

    private func removal(_ position: GumboSourcePosition, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: "", line: max(Int(position.line), 1), column: max(Int(position.column), 1), message: message)
    }

    private mutating func writeEscaped(_ text: UnsafePointer<CChar>, attribute: Bool) {
        var pointer = text
        while pointer.pointee != 0 {
            Serializer.appendEscaped(UInt8(bitPattern: pointer.pointee), to: &out)
            pointer += 1
        }
    }

    private mutating func writeEscaped(_ text: String, attribute: Bool) {
        for byte in text.utf8 { Serializer.appendEscaped(byte, to: &out) }
    }
}

/// The lowercased name of an element as written, for elements gumbo does not know too.
func tagName(_ element: GumboElement) -> String {
    if element.tag != GUMBO_TAG_UNKNOWN, let known = gumbo_normalized_tagname(element.tag) {
        return String(cString: known)
    }
    var piece = element.original_tag
    gumbo_tag_from_original_text(&piece)
    guard let data = piece.data, piece.length > 0 else { return "?" }
    let bytes = UnsafeRawBufferPointer(start: data, count: piece.length)
    return String(decoding: bytes, as: UTF8.self).lowercased()
}

/// The value of attribute `name`, if the element has it.
func attribute(_ name: String, of element: GumboElement) -> String? {
    let vector = element.attributes
    for index in 0..<Int(vector.length) {
        guard let attribute = vector.data[index]?.assumingMemoryBound(to: GumboAttribute.self).pointee,
              let key = attribute.name, String(cString: key) == name
        else { continue }
        return attribute.value.map { String(cString: $0) } ?? ""
    }
    return nil
}

/// The lowercased host of an http: or https: address (`//host/…` counts as one), else nil. Only a
/// plain host is given: letters, digits, `.` and `-`, with an optional `:port`. An address whose
/// authority holds anything else (`\`, which browsers read as `/`; `@` with user info; blanks,
/// controls, percent escapes) gives nil, so that no reading of it other than a browser's can let
/// an unlisted host through.
func httpHost(_ url: String) -> String? {
    let trimmed = url.drop { $0.isWhitespace }
    var rest: Substring
    switch Allowlist.scheme(of: String(trimmed)) {
    case "http", "https":
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        rest = trimmed[trimmed.index(after: colon)...]
    case nil:
        rest = trimmed
    default:
        return nil
    }
    guard rest.hasPrefix("//") else { return nil }
    rest = rest.dropFirst(2)
    var host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != "\\" }
    guard host.endIndex == rest.endIndex || rest[host.endIndex] != "\\" else { return nil }
    if let colon = host.lastIndex(of: ":") {
        guard host[host.index(after: colon)...].allSatisfy(\.isASCII) && host[host.index(after: colon)...].allSatisfy(\.isNumber) else { return nil }
        host = host[..<colon]
    }
    guard !host.isEmpty, host.unicodeScalars.allSatisfy({ scalar in
        (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
            || (scalar.value >= 0x30 && scalar.value <= 0x39) || scalar == "." || scalar == "-"
    }) else { return nil }
    return host.lowercased()
}

/// The name of the element a one-tag fragment opens when the parser reads everything after it as
/// its text (`script`, `style`, `iframe`, `textarea` …), else nil. Such a tag written inline in a
/// paragraph would swallow the rest of the page, so the Markdown module closes or removes it there.
public func rawTextElement(openedBy tag: String) -> String? {
    var tag = tag
    return tag.withUTF8 { bytes in
        withFragment(bytes) { root -> String? in
            let element = root.pointee.v.element
            guard element.children.length > 0,
                  let first = element.children.data[0]?.assumingMemoryBound(to: GumboNode.self),
                  first.pointee.type == GUMBO_NODE_ELEMENT
            else { return nil }
            let name = tagName(first.pointee.v.element)
            return Allowlist.rawText.contains(name) || first.pointee.v.element.tag_namespace != GUMBO_NAMESPACE_HTML ? name : nil
        } ?? nil
    }
}

/// Whether a piece of HTML leaves open something that would take in all the HTML after it: an
/// element read as text up to its end tag (`<script>`, `<style>`, `<textarea>`, `<plaintext>` …)
/// or a comment, with no end. The Markdown module then sanitizes that piece on its own, so the
/// rest of the page cannot end up inside it.
public func swallowsFollowingHTML(_ html: String) -> Bool {
    var html = html
    return html.withUTF8 { bytes in
        // Too deep to walk: sanitized on its own, where it is refused whole.
        withFragment(bytes) { root in nestsTooDeep(root) || leavesOpen(root) } ?? false
    }
}

private func leavesOpen(_ node: UnsafeMutablePointer<GumboNode>) -> Bool {
    switch node.pointee.type {
    case GUMBO_NODE_COMMENT:
        let source = node.pointee.v.text.original_text
        guard let data = source.data, source.length >= 3 else { return true }
        let bytes = UnsafeRawBufferPointer(start: data, count: source.length)
        return !bytes.suffix(3).elementsEqual("-->".utf8)
    case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
        let element = node.pointee.v.element
        let name = tagName(element)
        if name == "plaintext" { return true }
        if Allowlist.rawText.contains(name), element.original_end_tag.length == 0 {
            return true
        }
        let children = element.children
        for index in 0..<Int(children.length) {
            if let child = children.data[index]?.assumingMemoryBound(to: GumboNode.self), leavesOpen(child) { return true }
        }
        return false
    default:
        return false
    }
}

/// The text a reader sees in a piece of HTML, as UTF-8: text outside elements the sanitizer drops
/// with their content, a line break after each block (paragraph, list item, row, caption …) and a
/// space after each table cell, for summaries and character counts.
public func visibleText(utf8: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var text: [UInt8] = []
    withFragment(utf8) { root in
        guard !nestsTooDeep(root) else { return }
        appendVisibleText(of: root, to: &text)
    }
    return text
}

private func appendVisibleText(of node: UnsafeMutablePointer<GumboNode>, to text: inout [UInt8]) {
    let element = node.pointee.v.element
    let children = element.children
    for index in 0..<Int(children.length) {
        guard let child = children.data[index]?.assumingMemoryBound(to: GumboNode.self) else { continue }
        switch child.pointee.type {
        case GUMBO_NODE_TEXT, GUMBO_NODE_CDATA:
            if let chars = child.pointee.v.text.text {
                text.append(contentsOf: UnsafeRawBufferPointer(start: chars, count: strlen(chars)))
            }
        case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
            let inner = child.pointee.v.element
            let name = tagName(inner)
            guard inner.tag_namespace == GUMBO_NAMESPACE_HTML, !Allowlist.droppedWithContent.contains(name) else { continue }
            appendVisibleText(of: child, to: &text)
            if Allowlist.endsALine.contains(name) {
                if text.last != 0x0A { text.append(0x0A) }
            } else if name == "td" || name == "th" {
                text.append(0x20)
            }
        default:
            break
        }
    }
}

/// Whether elements nest deeper than `maximumHTMLDepth` under `root`, found without recursion.
func nestsTooDeep(_ root: UnsafeMutablePointer<GumboNode>) -> Bool {
    var stack: [(UnsafeMutablePointer<GumboNode>, Int)] = [(root, 0)]
    while let (node, depth) = stack.popLast() {
        guard node.pointee.type == GUMBO_NODE_ELEMENT || node.pointee.type == GUMBO_NODE_TEMPLATE else { continue }
        if depth > maximumHTMLDepth { return true }
        let children = node.pointee.v.element.children
        for index in 0..<Int(children.length) {
            if let child = children.data[index]?.assumingMemoryBound(to: GumboNode.self) { stack.append((child, depth + 1)) }
        }
    }
    return false
}

/// Parses UTF-8 HTML as the content of `<body>`, as browsers parse a fragment, and hands `body` the
/// root: an `<html>` element holding the fragment's nodes, valid only inside `body`. Nil for empty
/// input, or when gumbo could not allocate. A tab counts as one column (as editors count), and
/// parse errors are not collected: nobody reads them.
@discardableResult
func withFragment<T>(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeMutablePointer<GumboNode>) -> T) -> T? {
    var options = kGumboDefaultOptions
    options.fragment_context = GUMBO_TAG_BODY
    options.fragment_namespace = GUMBO_NAMESPACE_HTML
    options.tab_stop = 1
    options.max_errors = 0
    return utf8.withMemoryRebound(to: CChar.self) { chars -> T? in
        guard let base = chars.baseAddress, !chars.isEmpty,
              let output = gumbo_parse_with_options(&options, base, chars.count)
        else { return nil }
        defer { gumbo_destroy_output(&options, output) }
        return body(output.pointee.root)
    }
}
