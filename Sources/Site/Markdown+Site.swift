import FrontMatter
import Markdown

extension SiteConfig {
    /// How the site's Markdown files are rendered; `firstLine` is the line the body starts on.
    func markdownOptions(firstLine: Int) -> MarkdownOptions {
        MarkdownOptions(unsafe: unsafeHTML, firstLine: firstLine, embeds: embeds,
                        footnoteBackLabel: strings.last { $0.0 == "footnote_back" }?.1 ?? "返回正文")
    }
}

extension Fields {
    /// What the Markdown renderer left out of the page (raw HTML the sanitizer removed, Hugo
    /// shortcodes), as warnings where it was written.
    mutating func warnings(_ notices: [Diagnostic]) {
        for notice in notices {
            warning(notice.message, at: SourceLocation(line: notice.line, column: notice.column))
        }
    }
}

/// The summary of a body without one in its front matter: the text before `<!--more-->` when the
/// body has the mark (whole, as Hugo takes it), else the first `limit` characters or so.
func summary(of md: RenderedMarkdown, limit: Int = 120) -> String {
    guard let cut = md.summaryCut else { return summarize(utf8: md.plainTextUTF8, limit: limit) }
    let before = Array(md.plainTextUTF8.prefix(cut))
    return summarize(utf8: before, limit: max(before.count, 1))
}

/// The `embeds:` host names of site.yml: a list of host names (a full address is cut to its host,
/// with a warning).
func embedHosts(_ node: Node?, _ f: inout Fields) -> [String] {
    guard let node else { return [] }
    if case .map = node {
        f.error("`embeds` must be a list of host names, found a map: expected `embeds: [player.example.cn]`", at: node.location)
        return []
    }
    var hosts: [String] = []
    let items: [Node] = if case .list(let items, _) = node { items } else { [node] }
    for item in items {
        guard let text = f.string(item, key: "embeds") else { continue }
        var host = Substring(trimmingBlanks(text))
        if let scheme = host.range(of: "://") { host = host[scheme.upperBound...] }
        if let end = host.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { host = host[..<end] }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == ":" || $0 == "@" }) else {
            f.error("`embeds` lists host names like `player.example.cn`, found `\(text)`", at: item.location)
            continue
        }
        if host != Substring(text) || host.lowercased() != host {
            f.warning("`embeds` lists host names: using `\(host.lowercased())` of `\(text)`", at: item.location)
        }
        hosts.append(host.lowercased())
    }
    return hosts
}
