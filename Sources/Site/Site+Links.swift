import Foundation
import FrontMatter

/// Warnings for links and images in Markdown that point inside the site at nothing: an editor
/// who links `/news/old-slug/` after a title change, or an image not copied into content/.
/// Relative addresses resolve against the Markdown file's folder, as they are rendered.
extension SiteBuilder {
    /// What checking one file's links found, and the fingerprint of the file they were in.
    struct ReferenceFindings: Sendable {
        var sourceHash: Int
        var diagnostics: [Diagnostic]
    }

    /// A file whose links and images are checked: an article, a standalone page or an honoree
    /// (its photo), by index.
    enum ReferringFile: Sendable {
        case article(Int), page(Int), honoree(Int)
    }

    /// Every file's links and images that point inside the site at nothing: the articles', then
    /// the standalone pages', then the honorees' photos. `outputs`: every path the build writes
    /// (pages, feeds, copied files), relative to public/. `unsure`: where files that failed to
    /// load would have gone (`check` past errors); links there are not reported.
    ///
    /// `memo`: findings of a check against the same outputs, by file: a file whose fingerprint
    /// is the same has the same findings (most rebuilds read no file again: reading each file
    /// with a finding for its line's text was most of a rebuild's checks). Returns the findings
    /// by file too.
    func checkReferences(_ site: Site, outputs: Set<String>, values: ValueBuilder, unsure: UnsureTargets? = nil,
                         memo: [String: ReferenceFindings]) -> ([Diagnostic], [String: ReferenceFindings]) {
        let files: [ReferringFile] = site.articles.indices.filter { !site.articles[$0].references.isEmpty }.map { .article($0) }
            + site.pages.indices.filter { !site.pages[$0].references.isEmpty }.map { .page($0) }
            + site.honorees.indices.filter { site.honorees[$0].photoReference != nil }.map { .honoree($0) }
        // Fields read in place: a copy of each article (a retain per field) cost more than the checks.
        let keys = files.map { f -> (file: String, hash: Int) in
            switch f {
            case .article(let i): (site.articles[i].file, site.articles[i].sourceHash)
            case .page(let i): (site.pages[i].file, site.pages[i].sourceHash)
            case .honoree(let i): (site.honorees[i].file, site.honorees[i].sourceHash)
            }
        }
        // On all cores (a large site has tens of thousands of links), in order.
        let found = concurrentMap(Array(files.indices)) { k -> [Diagnostic] in
            if let m = memo[keys[k].file], m.sourceHash == keys[k].hash { return m.diagnostics }
            return checkReferences(site, outputs: outputs, values: values, of: files[k], unsure: unsure)
        }
        var findings: [String: ReferenceFindings] = [:]
        findings.reserveCapacity(files.count)
        for (k, key) in keys.enumerated() { findings[key.file] = ReferenceFindings(sourceHash: key.hash, diagnostics: found[k]) }
        return (found.flatMap { $0 }, findings)
    }

    /// The links and images of one file that point inside the site at nothing.
    func checkReferences(_ site: Site, outputs: Set<String>, values: ValueBuilder, of referring: ReferringFile,
                         unsure: UnsureTargets? = nil) -> [Diagnostic] {
        let pattern = site.config.permalinks.article
        let example = pattern.usesMoreThanSlug ? pattern.text : "/" + pattern.path(slug: "slug")
        func check(_ refs: [Reference], file: String) -> [Diagnostic] {
            let pagePath = sourceFolder(file)
            var source: String?
            var diagnostics: [Diagnostic] = []
            for r in refs {
                guard let target = internalTarget(r.destination, pagePath: pagePath, basePath: values.basePath) else { continue }
                let found = outputs.contains(target) || outputs.contains(target + "index.html")
                    || outputs.contains(target + "/index.html") || (target.isEmpty && outputs.contains("index.html"))
                guard !found, r.isImage || unsure?.contains(target) != true else { continue }
                let what = r.isImage ? "image" : "link"
                let expected = r.isImage
                    ? "put the file under content/ (it is copied to the same path) or fix the path"
                    : "check the address; page URLs end in `/` (e.g. \(example))"
                if source == nil { source = readSource(file) }
                diagnostics.append(Diagnostic(.warning, file: file, line: r.line, column: r.column,
                    message: "\(what) to `\(r.destination)` points inside the site at nothing: \(expected)",
                    sourceLine: sourceLine(r.line, in: source ?? ""), kind: r.isImage ? .brokenImage : .brokenLink))
            }
            return diagnostics
        }
        switch referring {
        case .article(let i): return check(site.articles[i].references, file: site.articles[i].file)
        case .page(let i): return check(site.pages[i].references, file: site.pages[i].file)
        // An honoree's photo, as a cover is: a gap on the honor roll and the profile when missing.
        case .honoree(let i): return site.honorees[i].photoReference.map { check([$0], file: site.honorees[i].file) } ?? []
        }
    }

    /// The folder of a content file, relative to content/ (relative addresses resolve against it).
    func sourceFolder(_ file: String) -> String {
        contentFolder(of: file) + "/"
    }

    private func readSource(_ file: String) -> String {
        FileManager.default.contents(atPath: root.appendingPathComponent(file).path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The output path (relative to public/) a destination names, or nil when it is outside the
    /// site (a scheme, `//host`, `mailto:`), only a fragment, or empty.
    func internalTarget(_ destination: String, pagePath: String, basePath: String) -> String? {
        // Most links go to other sites (`https://…`): told by their scheme on bytes, before the
        // Character work below, which would come to the same answer (a `:` before any `#` or `?`).
        if startsWithScheme(destination) { return nil }
        var d = trimmingBlanks(destination)
        if let hash = d.firstIndex(of: "#") { d = String(d[..<hash]) }
        if let query = d.firstIndex(of: "?") { d = String(d[..<query]) }
        guard !d.isEmpty, !d.hasPrefix("//"), !d.contains(":") else { return nil }
        d = d.removingPercentEncoding ?? d
        let parts: [Substring]
        if d.hasPrefix("/") {
            // Root-relative: under the base path, or outside the site.
            guard d.hasPrefix(basePath) || basePath == "/" else { return nil }
            parts = d.dropFirst(basePath.count).split(separator: "/", omittingEmptySubsequences: false)
        } else {
            parts = (pagePath.split(separator: "/") + d.split(separator: "/", omittingEmptySubsequences: false))
        }
        let joined = resolvedSegments(parts)
        return d.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
    }
}

/// Where the pages of Markdown files that failed to load would have been, so that `check`
/// does not call a link to one of them broken. Each failed file's front matter is read as far
/// as it goes: its `slug:`, else the slug its title (an honoree's name) gives, and its file
/// name, make its likely address (`honorees/<slug>/`, `<slug>/` for a page), with any `-2`,
/// `-3` … a clash adds. An article's address depends on the site's pattern (`permalinks:`,
/// which may hold its date and column): any address that ends in one of its slugs is unsure,
/// and so is its `url:`. A file with neither slug nor title makes its whole section unsure:
/// `news/…`, `honorees/…`, or every one-segment address for a page.
struct UnsureTargets: Sendable {
    /// `honorees/wang`, `about`, an article's `url:` (`2019/old`).
    var addresses: Set<String> = []
    /// The slugs of articles, whatever comes before them.
    var articleSlugs: Set<String> = []
    var sections: Set<String> = []
    var topLevel = false

    init(failedFiles diagnostics: [Diagnostic], root: String, slugger: Slugger) {
        for file in Self.failedFiles(diagnostics) {
            let relative = file.dropFirst("content/".count)
            let folder = relative.firstIndex(of: "/").map { String(relative[..<$0]) }
            let section = folder == "news" || folder == "honorees" ? folder : nil
            let isPage = folder == nil || folder == "pages"
            guard section != nil || isPage else { continue }
            let text = FileManager.default.contents(atPath: root + "/" + file).map { String(decoding: $0, as: UTF8.self) } ?? ""
            var found: [String] = []
            if let raw = FrontMatter.parse(text).frontMatter {
                let m = raw.normalized(with: section == "honorees" ? .honoree : .article).mapping
                func text(_ key: String) -> String? {
                    guard case .scalar(let v)? = m[key] else { return nil }
                    let t = trimmingBlanks(v.text)
                    return t.isEmpty ? nil : t
                }
                if let slug = text("slug") { found.append(slug) }
                if section == "news", let url = text("url"), case .success(let path) = SitePath.read(url) {
                    addresses.insert(path.hasSuffix("/") ? String(path.dropLast()) : path)
                }
                if let title = text(section == "honorees" ? "name" : "title") { found.append(slugger.slug(title)) }
            }
            if found.isEmpty {
                if let section { sections.insert(section) } else { topLevel = true }
                continue
            }
            var stem = String(relative.split(separator: "/").last ?? "")
            if stem.hasSuffix(".md") { stem.removeLast(3) }
            found.append(stem)
            // Jekyll's `2023-09-01-title.md`.
            if stem.count > 11, stem.prefix(11).allSatisfy({ $0.isASCII && ($0.isWholeNumber || $0 == "-") }) { found.append(String(stem.dropFirst(11))) }
            for slug in found {
                if section == "news" { articleSlugs.insert(slug) } else { addresses.insert(section.map { "\($0)/\(slug)" } ?? slug) }
            }
        }
    }

    /// The Markdown files under content/ that `diagnostics` has errors for, in order.
    static func failedFiles(_ diagnostics: [Diagnostic]) -> [String] {
        var seen = Set<String>(), files: [String] = []
        for d in diagnostics where d.severity == .error && d.file.hasPrefix("content/") && d.file.hasSuffix(".md") {
            if seen.insert(d.file).inserted { files.append(d.file) }
        }
        return files
    }

    /// Whether `target` (a path under public/) may be the page of a file that failed.
    func contains(_ target: String) -> Bool {
        var segments = target.split(separator: "/")
        if segments.last == "index.html" { segments.removeLast() }
        guard let first = segments.first else { return false }
        if sections.contains(String(first)) || (topLevel && segments.count == 1) { return true }
        let address = segments.joined(separator: "/")
        if addresses.contains(address) { return true }
        if let last = segments.last, Self.matches(String(last), articleSlugs) { return true }
        guard segments.count == (first == "honorees" ? 2 : 1) else { return false }
        return Self.matches(address, addresses)
    }

    /// Whether `name` is one of `names`, or one with the `-2`, `-3` … a clash adds.
    private static func matches(_ name: String, _ names: Set<String>) -> Bool {
        if names.contains(name) { return true }
        guard let dash = name.lastIndex(of: "-") else { return false }
        let number = name.utf8[name.utf8.index(after: dash)...]
        return !number.isEmpty && number.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            && names.contains(String(name[..<dash]))
    }
}

/// Whether `s` starts with a URL scheme and its colon (`https:`, `mailto:`): a letter, then
/// letters, digits, `+`, `-` or `.`.
func startsWithScheme(_ s: String) -> Bool {
    var first = true
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): break
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): if first { return false }
        case UInt8(ascii: ":"): return !first
        default: return false
        }
        first = false
    }
    return false
}
