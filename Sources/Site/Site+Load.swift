import Foundation
import FrontMatter
import Markdown

/// Stage 1 of the build: read site.yml and every file under content/.
extension SiteBuilder {
    /// Everything read from the sources, before assembly.
    struct Sources {
        var config = SiteConfig()
        var articles: [Article] = []
        var pages: [StandalonePage] = []
        var honorees: [Honoree] = []
        /// The `_index.md` files of news/ folders, to describe columns (`describeColumns`).
        var columnIndexes: [ColumnIndex] = []
        var assets: [ContentAsset] = []
        var diagnostics: [Diagnostic] = []
        /// Where in `diagnostics` those of the news and page files begin (in path order from there).
        var fileDiagnosticsStart = 0
        /// What content/ holds, for the next load to start from (`KnownChanges`).
        var scan = ContentScan(markdown: [], assets: [], diagnostics: [])
        /// How the articles were read, to read a changed one the same way (`patched`).
        var reading: ArticleReading?
    }

    /// What reading an article needs besides its text: the site's settings and the honorees'
    /// names to link, and the cache context those make (a cached article is only reused while it
    /// is the same).
    struct ArticleReading: Sendable {
        var config: SiteConfig
        var basePath: String
        var matcher: MentionMatcher
        var urls: [String]
        var context: Int
        /// Makes each article's slug from its title as it is read (`Article.slugBase`).
        var slugger: Slugger
    }

    /// Reads one article, `<contentPath>/<relative>`, through the cache.
    func loadArticle(_ relative: String, in contentPath: String, cache: SourceCache?, reading r: ArticleReading,
                     trusted: Bool = false) -> (LoadedFile, [Diagnostic]) {
        load(relative, in: contentPath, cache: cache, context: r.context, trusted: trusted) { text, file in
            let linker = r.matcher.isEmpty ? nil : HonoreeLinker(matcher: r.matcher, urls: r.urls)
            var (a, d) = readArticle(text: text, file: file, config: r.config, basePath: r.basePath, linker: linker)
            if a?.explicitSlug == nil, let source = a?.slugSource { a?.slugBase = r.slugger.slug(source) }
            return (a.map(LoadedFile.article) ?? .none, d)
        }
    }

    /// Reads site.yml (defaults when it is missing) and script-overrides.yml, with the
    /// fingerprint of their bytes.
    func loadConfig() -> (SiteConfig, [Diagnostic], Fingerprint) {
        var (config, diagnostics, fingerprint) = loadSiteYML()
        let overridesPath = root.appendingPathComponent(SiteConfig.overridesFile).path
        if let data = FileManager.default.contents(atPath: overridesPath) {
            fingerprint.add(bytes: data)
            switch decodeText(data, file: SiteConfig.overridesFile) {
            case .success(let (text, warnings)):
                let (overrides, mirror, found) = SiteConfig.loadOverrides(text: text, file: SiteConfig.overridesFile)
                diagnostics += warnings + found
                if !overrides.isEmpty { config.simplifier = ScriptConverter(.t2s, overrides: overrides) }
                config.traditionalOverrides = mirror
            case .failure(let d):
                diagnostics.append(d)
            }
        }
        return (config, diagnostics, fingerprint)
    }

    private func loadSiteYML() -> (SiteConfig, [Diagnostic], Fingerprint) {
        let url = root.appendingPathComponent("site.yml")
        var fingerprint = Fingerprint()
        guard let data = FileManager.default.contents(atPath: url.path) else { return (SiteConfig(), [], fingerprint) }
        fingerprint.add(bytes: data)
        switch decodeText(data, file: "site.yml") {
        case .success(let (text, warnings)):
            let (config, diagnostics) = SiteConfig.load(text: text, file: "site.yml")
            return (config, warnings + diagnostics, fingerprint)
        case .failure(let d):
            return (SiteConfig(), [d], fingerprint)
        }
    }

    /// What is under content/: Markdown files, everything else as assets, each sorted by path.
    struct ContentScan: Sendable {
        var markdown: [String]
        var assets: [ContentAsset]
        var diagnostics: [Diagnostic]
    }

    /// Which files changed since the last load, as a file watcher saw them: the others are taken
    /// from the last scan and the cache without being listed or looked at again.
    struct KnownChanges: Sendable {
        /// The last load's list of content/.
        var scan: ContentScan
        /// Paths relative to content/ that changed (files or folders, there or gone).
        var changed: Set<String>
    }

    /// Lists content/: Markdown files by section, everything else as assets.
    func scanContent() -> ContentScan {
        let contentRoot = root.appendingPathComponent("content")
        var markdown: [String] = []
        var assets: [ContentAsset] = []
        var diagnostics: [Diagnostic] = []
        let rootPath = contentRoot.resolvingSymlinksInPath().path
        for entry in listFiles(contentRoot.path) {
            let relative = entry.relative
            if entry.isSymlink {
                // A link may point anywhere; only links to files inside content/ are followed.
                let target = URL(fileURLWithPath: contentRoot.path + "/" + relative).resolvingSymlinksInPath().path
                guard target == rootPath || target.hasPrefix(rootPath + "/") else {
                    diagnostics.append(Diagnostic(file: "content/\(relative)",
                        message: "symbolic link points outside the site (\(target)): copy the file into content/ instead"))
                    continue
                }
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: target, isDirectory: &isDir), isDir.boolValue {
                    diagnostics.append(Diagnostic(.warning, file: "content/\(relative)", message: "symbolic link to a folder is skipped: move the folder here instead"))
                    continue
                }
            }
            if isMarkdownName(relative) {
                markdown.append(relative)
            } else {
                assets.append(ContentAsset(path: relative, source: URL(fileURLWithPath: contentRoot.path + "/" + relative)))
            }
        }
        markdown.sort()
        assets.sort { $0.path < $1.path }
        return ContentScan(markdown: markdown, assets: assets, diagnostics: diagnostics)
    }

    /// The last scan with the changed paths listed again; nil when a change needs a whole scan
    /// (a symbolic link, or a scan that had something to say).
    func rescan(_ known: KnownChanges) -> ContentScan? {
        guard known.scan.diagnostics.isEmpty else { return nil }
        var scan = known.scan
        let contentPath = rootPath + "/content"
        for path in known.changed {
            let folder = path + "/"
            scan.markdown.removeAll { $0 == path || $0.hasPrefix(folder) }
            scan.assets.removeAll { $0.path == path || $0.path.hasPrefix(folder) }
            var st = stat()
            guard lstat(contentPath + "/" + path, &st) == 0 else { continue }
            let listed: [(relative: String, isSymlink: Bool)]
            switch st.st_mode & S_IFMT {
            case S_IFDIR: listed = listFiles(contentPath + "/" + path).map { (path + "/" + $0.relative, $0.isSymlink) }
            case S_IFREG: listed = isListed(path) ? [(path, false)] : []
            default: return nil
            }
            for entry in listed {
                if entry.isSymlink { return nil }
                if isMarkdownName(entry.relative) {
                    scan.markdown.insert(entry.relative, at: firstIndex(in: scan.markdown) { $0 >= entry.relative })
                } else {
                    let asset = ContentAsset(path: entry.relative, source: URL(fileURLWithPath: contentPath + "/" + entry.relative))
                    scan.assets.insert(asset, at: firstIndex(in: scan.assets) { $0.path >= entry.relative })
                }
            }
        }
        // A file reported twice (a folder and a file in it) is listed once.
        scan.markdown = scan.markdown.enumerated().filter { $0.offset == 0 || scan.markdown[$0.offset - 1] != $0.element }.map(\.element)
        scan.assets = scan.assets.enumerated().filter { $0.offset == 0 || scan.assets[$0.offset - 1].path != $0.element.path }.map(\.element)
        return scan
    }

    /// Whether `listFiles` lists a file of this name: not hidden, not an editor's backup.
    private func isListed(_ path: String) -> Bool {
        path.split(separator: "/").allSatisfy { part in !part.hasPrefix(".") && !part.hasSuffix("~") && !part.hasPrefix("#") }
    }

    /// Reads and parses every Markdown file, on all cores. With a cache, files that did not
    /// change since the last build are not read again.
    /// `slugger`: the one the build keeps, which remembers the names it has made slugs of.
    func loadSources(cache: SourceCache? = nil, known: KnownChanges? = nil, slugger: Slugger? = nil) -> Sources {
        var sources = Sources()
        let (loadedConfig, configDiagnostics, configFingerprint) = loadConfig()
        var settings = loadedConfig
        settings.sourceFingerprint = Int(truncatingIfNeeded: configFingerprint.value)
        let config = settings
        sources.config = config
        sources.diagnostics += configDiagnostics
        let scan = known.flatMap(rescan) ?? scanContent()
        sources.scan = scan
        // With the changes known, a file not among them is taken from the cache as it is.
        let changedFolders = known?.changed.map { $0 + "/" } ?? []
        let unchanged: @Sendable (String) -> Bool = { [changed = known?.changed] relative in
            guard let changed else { return false }
            return !changed.contains(relative) && !changedFolders.contains { relative.hasPrefix($0) }
        }
        let contentPath = rootPath + "/content"
        // Once here: the property parses baseURL on every access.
        let basePath = config.basePath
        sources.assets = scan.assets
        sources.diagnostics += scan.diagnostics

        // Hugo's `_index.md` is never an article, a page or a profile (`readIndexFile`).
        var indexFiles: [String] = [], honoreeFiles: [String] = [], otherFiles: [String] = []
        for relative in scan.markdown {
            if Self.isIndexFile(relative) { indexFiles.append(relative) }
            else if relative.hasPrefix("honorees/") { honoreeFiles.append(relative) }
            else { otherFiles.append(relative) }
        }
        let context = Int(truncatingIfNeeded: configFingerprint.value)
        for relative in indexFiles {
            let (loaded, d) = load(relative, in: contentPath, cache: cache, context: context, trusted: unchanged(relative)) { text, file in
                readIndexFile(relative, text: text, file: file, config: config, basePath: basePath)
            }
            sources.diagnostics += d
            if case .columnIndex(let index) = loaded { sources.columnIndexes.append(index) }
        }
        // Honorees first: articles link the names they mention to the honorees' profiles.
        for (loaded, d) in concurrentMap(honoreeFiles, { relative in
            load(relative, in: contentPath, cache: cache, context: context, trusted: unchanged(relative)) { text, file in
                let (h, d) = readHonoree(text: text, file: file, config: config, basePath: basePath)
                return (h.map(LoadedFile.honoree) ?? .none, d)
            }
        }) {
            sources.diagnostics += d
            if case .honoree(let h) = loaded { sources.honorees.append(h) }
        }
        let honoreeSlugger = slugger.flatMap { $0.style == config.slugStyle ? $0 : nil } ?? Slugger(style: config.slugStyle)
        sources.diagnostics += assignHonoreeSlugs(&sources.honorees, slugger: honoreeSlugger)
        var names: [(String, Int)] = []
        var linkTable = configFingerprint
        for (i, h) in sources.honorees.enumerated() {
            names.append((h.name, i))
            linkTable.add(h.name)
            linkTable.add(h.slug)
            for a in h.aka { names.append((a, i)); linkTable.add(a) }
            linkTable.add("\u{1}")
        }
        let linkKey = Int(truncatingIfNeeded: linkTable.value)
        let matcher = cache?.matcher(for: linkKey) { MentionMatcher(names: names) } ?? MentionMatcher(names: names)
        let reading = ArticleReading(config: config, basePath: basePath, matcher: matcher,
                                     urls: sources.honorees.map { basePath + "honorees/\($0.slug)/" },
                                     context: linkKey, slugger: honoreeSlugger)

        sources.reading = reading
        let results = concurrentMap(otherFiles) { relative in
            loadOther(relative, in: contentPath, cache: cache, reading: reading, context: context, trusted: unchanged(relative))
        }
        cache?.keep(only: scan.markdown)
        sources.fileDiagnosticsStart = sources.diagnostics.count
        for (loaded, d) in results {
            sources.diagnostics += d
            switch loaded {
            case .article(let a): sources.articles.append(a)
            case .page(let p): sources.pages.append(p)
            case .honoree, .columnIndex, .none: break
            }
        }
        return sources
    }

    /// An article or standalone page (or a warning for Markdown elsewhere), through the cache.
    private func loadOther(_ relative: String, in contentPath: String, cache: SourceCache?, reading: ArticleReading, context: Int,
                           trusted: Bool) -> (LoadedFile, [Diagnostic]) {
        let config = reading.config, basePath = reading.basePath
        // Not `split(separator:)`: that makes an array of Substrings for every file.
        let section = relative.firstIndex(of: "/").map { String(relative[..<$0]) } ?? relative
        switch section {
        case "news":
            return loadArticle(relative, in: contentPath, cache: cache, reading: reading, trusted: trusted)
        case "pages":
            return load(relative, in: contentPath, cache: cache, context: context, trusted: trusted) { text, file in
                let (p, d) = readPage(text: text, file: file, config: config, basePath: basePath)
                return (p.map(LoadedFile.page) ?? .none, d)
            }
        default:
            if !relative.contains("/") {
                // A page at content/ top level is a standalone page too (Hugo does the same).
                return load(relative, in: contentPath, cache: cache, context: context, trusted: trusted) { text, file in
                    let (p, d) = readPage(text: text, file: file, config: config, basePath: basePath)
                    return (p.map(LoadedFile.page) ?? .none, d)
                }
            }
            return (.none, [Diagnostic(.warning, file: "content/\(relative)",
                message: "Markdown outside news/, pages/ and honorees/ is not built: move it into one of them")])
        }
    }

    /// The last load's sources with the changed files read again, when the changes are articles,
    /// standalone pages or other files under content/ and site.yml is as it was: reading the rest
    /// from the cache would give them as they are. Nil when the whole load must run.
    func patched(_ last: consuming Sources, known: KnownChanges, cache: SourceCache) -> Sources? {
        guard let reading = last.reading else { return nil }
        // A folder, there or gone, that holds Markdown in `scan`: it may hold any of what follows.
        func isMarkdownFolder(_ path: String, in scan: ContentScan) -> Bool {
            !isMarkdownName(path) && scan.markdown.contains { $0.hasPrefix(path + "/") }
        }
        for path in known.changed {
            // Honorees change how every article is read; an `_index.md` describes a column.
            if path.hasPrefix("honorees/") || path == "honorees" || Self.isIndexFile(path) { return nil }
            if isMarkdownFolder(path, in: known.scan) { return nil }
        }
        let (_, _, configFingerprint) = loadConfig()
        guard Int(truncatingIfNeeded: configFingerprint.value) == last.config.sourceFingerprint,
              let scan = rescan(known), !known.changed.contains(where: { isMarkdownFolder($0, in: scan) }) else { return nil }
        var sources = consume last
        sources.scan = scan
        sources.assets = scan.assets
        let contentPath = rootPath + "/content"
        let context = sources.config.sourceFingerprint
        for relative in known.changed.sorted() where isMarkdownName(relative) {
            let file = "content/" + relative
            // Both lists are in file order: the file's old entry is where it would be inserted.
            // (`removeAll(where:)` would copy every article to hand it to the test.)
            let oldArticle = firstIndex(in: sources.articles) { $0.file >= file }
            if oldArticle < sources.articles.count, sources.articles[oldArticle].file == file { sources.articles.remove(at: oldArticle) }
            let oldPage = firstIndex(in: sources.pages) { $0.file >= file }
            if oldPage < sources.pages.count, sources.pages[oldPage].file == file { sources.pages.remove(at: oldPage) }
            var diagnostics: [Diagnostic] = []
            if scan.markdown.contains(relative) {
                let (loaded, d) = loadOther(relative, in: contentPath, cache: cache, reading: reading, context: context, trusted: false)
                diagnostics = d
                switch loaded {
                case .article(let a): sources.articles.insert(a, at: firstIndex(in: sources.articles) { $0.file >= file })
                case .page(let p): sources.pages.insert(p, at: firstIndex(in: sources.pages) { $0.file >= file })
                case .honoree, .columnIndex, .none: break
                }
            }
            // Each file's diagnostics are together, in the order of the files.
            let start = min(sources.fileDiagnosticsStart, sources.diagnostics.count)
            var rest = Array(sources.diagnostics[start...])
            rest.removeAll { $0.file == file }
            let at = rest.firstIndex { $0.file > file } ?? rest.count
            rest.insert(contentsOf: diagnostics, at: at)
            sources.diagnostics = Array(sources.diagnostics[..<start]) + rest
        }
        cache.keep(only: scan.markdown)
        return sources
    }

    /// One file through the cache: the cached result when the file and `context` are unchanged,
    /// else `parse` on its text (with the text's fingerprint recorded in the result).
    /// `contentPath`: the content/ folder's path, which `relative` is appended to (building each
    /// file's path with `URL.appendingPathComponent` parses and copies the whole path each time).
    /// `trusted`: the file is known not to have changed since the cache saw it (`KnownChanges`).
    private func load(_ relative: String, in contentPath: String, cache: SourceCache?, context: Int, trusted: Bool = false,
                      _ parse: (String, String) -> (LoadedFile, [Diagnostic])) -> (LoadedFile, [Diagnostic]) {
        if trusted, let cache, let hit = cache.lookup(relative, context: context) { return hit }
        let path = contentPath + "/" + relative
        let stamp = cache == nil ? nil : SourceCache.stamp(path)
        if let cache, let stamp, let hit = cache.lookup(relative, stamp: stamp, context: context) { return hit }
        var (loaded, diagnostics, fingerprint) = readFile("content/" + relative, path: path) { text, file -> (LoadedFile?, [Diagnostic]) in
            let (l, d) = parse(text, file)
            return (l, d)
        }
        do {
            switch loaded {
            case .article(var a)?: a.sourceHash = fingerprint; loaded = .article(a)
            case .page(var p)?: p.sourceHash = fingerprint; loaded = .page(p)
            case .honoree(var h)?: h.sourceHash = fingerprint; loaded = .honoree(h)
            case .columnIndex(var c)?: c.sourceHash = fingerprint; loaded = .columnIndex(c)
            default: break
            }
        }
        let result = (loaded ?? .none, diagnostics)
        if let cache, let stamp { cache.store(relative, stamp: stamp, context: context, result.0, result.1) }
        return result
    }
}

extension SiteBuilder {
    /// Reads `file` (its path under the site root; at `path`) as text and hands it to `parse`;
    /// unreadable or non-UTF-8 files become a diagnostic instead.
    func readFile<T>(_ file: String, path: String, _ parse: (String, String) -> (T?, [Diagnostic])) -> (T?, [Diagnostic], fingerprint: Int) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Diagnostic(file: file, message: "cannot read the file")], 0)
        }
        var f = Fingerprint()
        f.add(bytes: data)
        let fingerprint = Int(truncatingIfNeeded: f.value)
        switch decodeText(data, file: file) {
        case .success(let (text, warnings)):
            let (value, d) = parse(text, file)
            return (value, warnings + d, fingerprint)
        case .failure(let d):
            return (nil, [d], fingerprint)
        }
    }
}

/// The first index of a sorted array whose element is at or past a point (`atOrPast` false
/// before it, true from it on): a binary search.
func firstIndex<T>(in sorted: [T], where atOrPast: (T) -> Bool) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if atOrPast(sorted[mid]) { hi = mid } else { lo = mid + 1 }
    }
    return lo
}

/// Whether a file name ends in `.md` or `.markdown`, in any case. On the bytes: splitting
/// every path into Characters and lowercasing it is grapheme work on every file, serially.
/// A name with anything but ASCII near its end still goes the Character way, which has rules
/// of its own there (a Kelvin sign lowercases to `k`; some marks join the `.` before them).
func isMarkdownName(_ path: String) -> Bool {
    if path.utf8.suffix(13).contains(where: { $0 >= 0x80 }) {
        let lower = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
    }
    func endsWith(_ suffix: StaticString) -> Bool {
        let utf8 = path.utf8
        guard utf8.count >= suffix.utf8CodeUnitCount else { return false }
        return suffix.withUTF8Buffer { s in
            zip(utf8.suffix(s.count), s).allSatisfy { a, b in (a >= 0x41 && a <= 0x5A ? a | 0x20 : a) == b }
        }
    }
    return endsWith(".md") || endsWith(".markdown")
}

/// Every file under `folder` (recursively, symbolic links not followed), by path relative to it,
/// skipping hidden files and folders (`.git`, `.DS_Store`) and editor backups (`a.md~`, `#a.md#`).
/// Plain readdir: FileManager's enumerator makes URLs and attribute dictionaries for every file,
/// and was a large share of a small site's build.
func listFiles(_ folder: String) -> [(relative: String, isSymlink: Bool)] {
    var out: [(String, Bool)] = []
    var stack: [String] = [""]
    while let sub = stack.popLast() {
        guard let dir = opendir(sub.isEmpty ? folder : folder + "/" + sub) else { continue }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") { continue }
            let relative = sub.isEmpty ? name : sub + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var st = stat()
                if lstat(folder + "/" + relative, &st) == 0 {
                    type = (st.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (st.st_mode & S_IFMT) == S_IFLNK ? Int32(DT_LNK) : Int32(DT_REG)
                }
            }
            switch type {
            case Int32(DT_DIR): stack.append(relative)
            case Int32(DT_LNK): out.append((relative, true))
            default: out.append((relative, false))
            }
        }
    }
    return out
}

/// `a` and `b` at the same time, on two cores when there are two.
func concurrently<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    // Each is written once, by one thread, and read after both threads are done.
    nonisolated(unsafe) var first: A?, second: B?
    DispatchQueue.concurrentPerform(iterations: 2) { k in
        if k == 0 { first = a() } else { second = b() }
    }
    guard let first, let second else { preconditionFailure("concurrentPerform runs every iteration") }
    return (first, second)
}

/// Work started on a thread of its own, beside what the caller goes on to do, and waited for
/// with `value`. (Not `concurrently`: work inside it that is spread over the cores with
/// `concurrentMap` runs on one core, as GCD runs an apply nested in another.)
final class Background<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the thread, read after `done` is signalled.
    private var result: T?

    init(_ body: @escaping @Sendable () -> T) {
        let thread = Thread { [self] in
            result = body()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// What the work made, once it is done.
    var value: T {
        done.wait()
        done.signal()
        guard let result else { preconditionFailure("the thread sets the result before it signals") }
        return result
    }
}

/// `transform` over `items` on all cores, results in input order.
///
/// Each result is moved into its place in the new array. (An earlier version kept them in a
/// buffer of optionals that it freed without deinitializing: every result leaked, and with the
/// page jobs the site values they capture, so `serve` grew on every rebuild.)
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let chunks = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4)
    return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
        // Every index is written exactly once, by one thread.
        nonisolated(unsafe) let out = buffer
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var i = chunk
            while i < items.count {
                (out.baseAddress! + i).initialize(to: transform(items[i]))
                i += chunks
            }
        }
        initialized = items.count
    }
}
