import CGumbo
import Foundation

/// A saved web page as lines of text for `unionsite import`, read by gumbo as a browser reads
/// it: a line for each paragraph, heading, list item and table; inside them Markdown for what
/// text alone would lose (bold, italics, links, images), and for the blocks that are Markdown
/// already (lists, tables, headings below the first) a leading `markdownMark`, so the importer
/// keeps them as they are. Scripts, styles, forms and the like give nothing.
public enum PageText {
    /// Starts a line that is Markdown as it is (not text to escape).
    public static let markdownMark: Character = "\u{E000}"
    /// Stands for a line break inside one such block (a table's rows).
    public static let lineMark: Character = "\u{E001}"

    /// The page's lines, its `<title>` first when it has one and no `<h1>`.
    public static func lines(utf8: UnsafeBufferPointer<UInt8>) -> [String] {
        var walker = Walker()
        utf8.withMemoryRebound(to: CChar.self) { chars in
            guard let base = chars.baseAddress, !chars.isEmpty,
                  let output = gumbo_parse_with_options(&kGumboDefaultOptions_mutable, base, chars.count) else { return }
            defer { gumbo_destroy_output(&kGumboDefaultOptions_mutable, output) }
            walker.visit(output.pointee.root)
        }
        walker.flush()
        if !walker.sawH1, let title = walker.title { walker.lines.insert(title, at: 0) }
        return walker.lines
    }

    struct Walker {
        var lines: [String] = []
        var current = ""
        var title: String?
        var sawH1 = false
        var listDepth = 0
        /// Elements whose content is no part of the article.
        static let skipped: Set<String> = ["script", "style", "noscript", "template", "head", "form", "button", "select",
                                           "textarea", "iframe", "svg", "canvas", "nav", "object", "embed", "input"]
        static let blocks: Set<String> = ["p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
                                          "center", "dd", "dt", "dl", "figure", "figcaption", "address", "pre", "body", "html"]

        mutating func flush() {
            let line = current.trimmingCharacters(in: .whitespaces)
            if !line.isEmpty { lines.append(line) }
            current = ""
        }

        mutating func visit(_ node: UnsafeMutablePointer<GumboNode>) {
            switch node.pointee.type {
            case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA:
                if let text = node.pointee.v.text.text {
                    // Runs of blanks and line breaks in the source are one space, as a browser shows them.
                    var t = String(cString: text).replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
                    while t.contains("  ") { t = t.replacingOccurrences(of: "  ", with: " ") }
                    current += t
                }
            case GUMBO_NODE_ELEMENT, GUMBO_NODE_DOCUMENT:
                element(node)
            default:
                break
            }
        }

        mutating func children(_ node: UnsafeMutablePointer<GumboNode>) {
            let vector = node.pointee.type == GUMBO_NODE_DOCUMENT ? node.pointee.v.document.children : node.pointee.v.element.children
            for index in 0 ..< Int(vector.length) {
                guard let child = vector.data[index]?.assumingMemoryBound(to: GumboNode.self) else { continue }
                visit(child)
            }
        }

        /// The text of a node's subtree, as one line.
        func text(_ node: UnsafeMutablePointer<GumboNode>) -> String {
            var inner = Walker()
            inner.children(node)
            inner.flush()
            return inner.lines.joined(separator: " ")
        }

        func attribute(_ element: GumboElement, _ name: String) -> String? {
            var e = element
            return withUnsafeMutablePointer(to: &e.attributes) { attributes in
                gumbo_get_attribute(attributes, name).flatMap { $0.pointee.value.map { String(cString: $0) } }
            }
        }

        mutating func element(_ node: UnsafeMutablePointer<GumboNode>) {
            if node.pointee.type == GUMBO_NODE_DOCUMENT { children(node); return }
            let element = node.pointee.v.element
            let name = tagName(element)
            if name == "title", title == nil { title = text(node).trimmingCharacters(in: .whitespaces); return }
            if Self.skipped.contains(name) { return }
            switch name {
            case "br":
                flush()
            case "h1", "h2", "h3", "h4", "h5", "h6":
                flush()
                let words = text(node).trimmingCharacters(in: .whitespaces)
                guard !words.isEmpty else { return }
                if name == "h1", !sawH1 {
                    sawH1 = true
                    lines.append(words)
                } else {
                    let level = max(2, Int(String(name.dropFirst())) ?? 2)
                    lines.append(String(PageText.markdownMark) + String(repeating: "#", count: level) + " " + words)
                }
            case "strong", "b":
                let words = text(node).trimmingCharacters(in: .whitespaces)
                if !words.isEmpty { current += "**\(words)**" }
            case "em", "i":
                let words = text(node).trimmingCharacters(in: .whitespaces)
                if !words.isEmpty { current += "*\(words)*" }
            case "a":
                let words = text(node).trimmingCharacters(in: .whitespaces)
                if let href = attribute(element, "href"), !href.isEmpty, !href.hasPrefix("javascript:"), !href.hasPrefix("#"), !words.isEmpty {
                    current += "[\(words)](\(href))"
                } else {
                    children(node)
                }
            case "img":
                if let src = attribute(element, "src"), !src.isEmpty, !src.hasPrefix("data:") {
                    let alt = attribute(element, "alt") ?? ""
                    flush()
                    lines.append(String(PageText.markdownMark) + "![\(alt)](\(src))")
                }
            case "ul", "ol":
                flush()
                listDepth += 1
                var n = 0
                var items: [String] = []
                let vector = element.children
                for index in 0 ..< Int(vector.length) {
                    guard let child = vector.data[index]?.assumingMemoryBound(to: GumboNode.self),
                          child.pointee.type == GUMBO_NODE_ELEMENT, tagName(child.pointee.v.element) == "li" else { continue }
                    n += 1
                    let words = text(child).trimmingCharacters(in: .whitespaces)
                    guard !words.isEmpty else { continue }
                    let indent = String(repeating: "  ", count: listDepth - 1)
                    items.append(indent + (name == "ol" ? "\(n). " : "- ") + words)
                }
                listDepth -= 1
                // One block: a list's items one under the other, not paragraphs apart.
                if !items.isEmpty { lines.append(String(PageText.markdownMark) + items.joined(separator: String(PageText.lineMark))) }
            case "table":
                flush()
                table(node)
            default:
                let block = Self.blocks.contains(name) || name == "li" || name == "tr"
                if block { flush() }
                children(node)
                if block { flush() }
            }
        }

        /// A table as GitHub's Markdown writes one: its first row the header.
        mutating func table(_ node: UnsafeMutablePointer<GumboNode>) {
            var rows: [[String]] = []
            func collect(_ n: UnsafeMutablePointer<GumboNode>) {
                guard n.pointee.type == GUMBO_NODE_ELEMENT else { return }
                let name = tagName(n.pointee.v.element)
                if name == "tr" {
                    var cells: [String] = []
                    let vector = n.pointee.v.element.children
                    for index in 0 ..< Int(vector.length) {
                        guard let c = vector.data[index]?.assumingMemoryBound(to: GumboNode.self), c.pointee.type == GUMBO_NODE_ELEMENT,
                              ["td", "th"].contains(tagName(c.pointee.v.element)) else { continue }
                        cells.append(text(c).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "|", with: "\\|"))
                    }
                    if !cells.isEmpty { rows.append(cells) }
                    return
                }
                if name == "table", n != node { return }  // a table inside a cell stays out
                let vector = n.pointee.v.element.children
                for index in 0 ..< Int(vector.length) {
                    if let c = vector.data[index]?.assumingMemoryBound(to: GumboNode.self) { collect(c) }
                }
            }
            collect(node)
            guard let header = rows.first else { return }
            let width = rows.map(\.count).max() ?? header.count
            func row(_ cells: [String]) -> String { "| " + (cells + Array(repeating: "", count: width - cells.count)).joined(separator: " | ") + " |" }
            let body = [row(header), "|" + Array(repeating: " --- |", count: width).joined()] + rows.dropFirst().map(row)
            lines.append(String(PageText.markdownMark) + body.joined(separator: String(PageText.lineMark)))
        }
    }
}

/// Gumbo's default options, as a variable its functions take a pointer to.
nonisolated(unsafe) private var kGumboDefaultOptions_mutable = kGumboDefaultOptions
