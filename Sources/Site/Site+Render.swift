import Foundation
import Template

/// One file of the output, by its path under public/.
public struct OutputFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// A page to render: its output path, template, what it is, and its variables (built only
/// when the page is rendered).
struct PageJob: Sendable {
    var path: String
    var template: String
    /// What the page is apart from what it reads (its kind, template, path, the entity it is the
    /// page of, the settings every page shows): with the facts it read, its fingerprint.
    var identity: UInt64
    var variables: @Sendable () -> Object
    /// The templates it is rendered with, when not the build's: the mirror's, for a page of the
    /// Traditional mirror (`MirrorTemplates`).
    var engine: Engine? = nil
}

/// Pages to render before the others, by output path (`news/a/index.html`), and what to do with
/// their bytes once they are all rendered without error, before the others are rendered.
public struct FirstPages: Sendable {
    public var paths: Set<String>
    public var ready: @Sendable ([String: [UInt8]]) -> Void

    public init(paths: Set<String>, ready: @escaping @Sendable ([String: [UInt8]]) -> Void) {
        self.paths = paths
        self.ready = ready
    }
}

/// Stage 3 of the build: every page of every kind (`PageKind.all`) as a job, then the jobs
/// through their templates.
extension SiteBuilder {
    /// What every page shows of the settings: site.yml, the build's year, the data files there are.
    func globalKey(_ site: Site, data: [DataFile]) -> UInt64 {
        var f = Fingerprint()
        f.add(site.config.sourceFingerprint)
        f.add(CivilTime(now, timeZone: site.config.timeZone).year)
        for d in data { f.add(d.name) }
        return f.value
    }

    /// Every page of the site, in the order of `PageKind.all`, and the sitemap's entries.
    /// With a mirror (`Mirror`), every page has `alternates`, labelled with `labels` (the main
    /// site's strings); when `plan.values` are the mirror's, the pages are the mirror's, under
    /// its folder, rendered with `engine` (its templates).
    func plan(_ plan: PagePlan, globalKey: UInt64, mirror: Mirror? = nil, labels: [String: String] = [:],
              engine: Engine? = nil) -> (jobs: [PageJob], sitemap: [(path: String, lastModified: Date?)]) {
        let siteValue = plan.values.siteValue(buildYear: CivilTime(now, timeZone: plan.site.config.timeZone).year, lists: plan.lists)
        let inMirror = plan.values.mirror != nil
        let versions = mirror?.versions(strings: labels)
        var jobs: [PageJob] = []
        var sitemap: [(path: String, lastModified: Date?)] = []
        for kind in PageKind.all {
            guard let template = kind.template, !kind.onlyWithTemplate || theme(plan.site.config).has(template) else { continue }
            for page in kind.pages(plan) {
                var f = Fingerprint()
                f.add(Int(truncatingIfNeeded: globalKey))
                f.add(kind.name)
                f.add(template)
                f.add(page.path)
                f.add(Int(page.entity?.id ?? .max))
                f.add(page.number)
                // A mirror page is made of everything its conversion is made of; a main page
                // only names the mirror's language in its alternates.
                if let mirror { if inMirror { f.add(Int(truncatingIfNeeded: mirror.key)) } else { f.add(mirror.language) } }
                let variables = page.variables
                let path = page.path
                var job = PageJob(path: inMirror ? Mirror.path(path) : path, template: template, identity: f.value) {
                    var o = Object(variables())
                    o["site"] = siteValue
                    o["alternates"] = versions?.alternates(of: path, current: inMirror) ?? Self.noAlternates
                    return o
                }
                job.engine = engine
                jobs.append(job)
                if kind.inSitemap && page.listed {
                    sitemap.append((page.path.hasSuffix("index.html") ? String(page.path.dropLast("index.html".count)) : page.path, page.lastModified))
                }
            }
        }
        return (jobs, sitemap)
    }

    static let noAlternates = Value.array([])

    /// Why a page could not be made.
    enum PageFailure: Error {
        case template(TemplateError)
        case write(OutputWriter.WriteError)
    }

    /// What rendering the jobs gave.
    struct RenderResult {
        /// Every page, in job order.
        var pages: [RenderedPage]
        /// How many were rendered (the others kept last build's output).
        var rendered: Int
        /// Bytes of the pages rendered.
        var bytes: Int
        var diagnostics: [Diagnostic]
        /// The first file that could not be written (into staging, by the sink).
        var writeError: OutputWriter.WriteError?
    }

    /// Renders jobs on all cores, handing each page to `sink` as soon as it is rendered.
    /// A job `previous` finds unchanged is not rendered (its file is already in the output folder).
    /// `changed`: the entities whose facts changed since `previous` was rendered, when known.
    /// `first`: pages to render before the others, and to hand over as soon as they are all
    /// rendered without error (`unionsite serve` shows them while the rest are rendered).
    /// A template's error is located in the file `theme` read it from.
    func render(_ jobs: [PageJob], engine: Engine, theme: SiteTheme, facts: SiteFacts, previous: PreviousPages = .init(), changed: ChangedEntities? = nil,
                sink: PageSink = .keep, first: FirstPages? = nil) -> RenderResult {
        let unchanged = { @Sendable (k: Int) -> RenderedPage? in
            let j = jobs[k]
            guard let old = previous.unchanged(j.path, at: k, identity: j.identity, facts: facts, changed: changed) else { return nil }
            return RenderedPage(path: j.path, fingerprint: old.fingerprint, reads: old.reads, stamp: old.stamp, identity: j.identity, isNew: false)
        }
        // The first pages are told apart from the others before anything else: an editor waits
        // for them, and asking every page whether it changed takes longer than rendering them.
        var isFirst = [Bool](repeating: false, count: first == nil ? 0 : jobs.count)
        var soon: [Int] = [], firstKept: [Int: RenderedPage] = [:]
        if let first {
            for k in jobs.indices where first.paths.contains(jobs[k].path) {
                isFirst[k] = true
                if let page = unchanged(k) { firstKept[k] = page } else { soon.append(k) }
            }
        }
        // The sink writes or compares the page where the renderer made it; a first page's
        // bytes are kept to be handed over as well.
        let one = { @Sendable (k: Int, keep: Bool) -> Result<(RenderedPage, Int, [UInt8]?), PageFailure> in
            let j = jobs[k]
            let taken: Result<(pending: [UInt8]?, stamp: SourceCache.Stamp?, size: Int, bytes: [UInt8]?), OutputWriter.WriteError>
            let reads: PageReads, fingerprint: Int
            do throws(TemplateError) {
                (taken, reads, fingerprint) = try Reads.recording({ () throws(TemplateError) in
                    try (j.engine ?? engine).render(named: j.template, j.variables()) { page in
                        Result { () throws(OutputWriter.WriteError) in
                            let (pending, stamp) = try sink.take(j.path, page)
                            return (pending, stamp, page.count, keep ? pending ?? Array(page) : nil)
                        }
                    }
                }, summary: { facts.fingerprint(identity: j.identity, reads: $0) })
            } catch {
                return .failure(.template(error))
            }
            switch taken {
            case .success(let t):
                return .success((RenderedPage(path: j.path, fingerprint: fingerprint, reads: reads,
                                              pending: t.pending, stamp: t.stamp, identity: j.identity), t.size, t.bytes))
            case .failure(let e):
                return .failure(.write(e))
            }
        }
        var rendered = [Result<(RenderedPage, Int, [UInt8]?), PageFailure>?](repeating: nil, count: jobs.count)
        let soonResults = concurrentMap(soon) { one($0, true) }
        for (k, r) in zip(soon, soonResults) { rendered[k] = r }
        if let first, !soon.isEmpty, soonResults.allSatisfy({ if case .success = $0 { true } else { false } }) {
            var pages: [String: [UInt8]] = [:]
            for case .success(let (page, _, bytes?)) in soonResults { pages[page.path] = bytes }
            first.ready(pages)
        }
        let kept = concurrentMap(Array(jobs.indices)) { [isFirst, firstKept] k in
            isFirst.isEmpty || !isFirst[k] ? unchanged(k) : firstKept[k]
        }
        let later = jobs.indices.filter { kept[$0] == nil && (isFirst.isEmpty || !isFirst[$0]) }
        for (k, r) in zip(later, concurrentMap(later) { one($0, false) }) { rendered[k] = r }
        let results = jobs.indices.map { k -> Result<(RenderedPage, Int), PageFailure> in
            if let page = kept[k] { return .success((page, -1)) }
            switch rendered[k] {
            case .success(let (page, size, _))?: return .success((page, size))
            case .failure(let e)?: return .failure(e)
            case nil: preconditionFailure("every job is kept or rendered")
            }
        }
        var out = RenderResult(pages: [], rendered: 0, bytes: 0, diagnostics: [])
        out.pages.reserveCapacity(jobs.count)
        var seen = Set<String>()
        for r in results {
            switch r {
            case .success(let (page, size)):
                out.pages.append(page)
                if size >= 0 { out.rendered += 1; out.bytes += size }
            case .failure(.write(let e)):
                if out.writeError == nil { out.writeError = e }
            case .failure(.template(let e)):
                var d = Diagnostic(e, folder: theme.folder(of: e.template))
                if e.line == 0, let page = PageKind.templates[e.template] {
                    // The theme lacks one of the templates the site needs.
                    d.message = "the file is missing: the theme needs it to render \(page)"
                }
                if seen.insert(d.summary).inserted { out.diagnostics.append(d) }
            }
        }
        return out
    }

    /// The feed, the sitemap and the pages of the kinds made in code (redirects), made anew each build and written when their bytes changed.
    /// With `mirror` (the mirror's values, of the site converted), its feed, search index and
    /// redirects as well, under its folder; the one sitemap lists both.
    func feeds(_ site: Site, values: ValueBuilder, sitemap: [(path: String, lastModified: Date?)], mirror: ValueBuilder? = nil) -> [OutputFile] {
        var files = [OutputFile(path: "feed.xml", text: atomFeed(site, values: values))]
            + sitemaps(site, values: values, entries: sitemap, mirror: mirror?.mirror)
            + PageKind.all.flatMap { $0.files?(self, site, values) ?? [] }
        if let mirror {
            files.append(OutputFile(path: Mirror.path("feed.xml"), text: atomFeed(mirror.site, values: mirror)))
            for kind in PageKind.all {
                for file in kind.files?(self, mirror.site, mirror) ?? [] { files.append(OutputFile(path: Mirror.path(file.path), bytes: file.bytes)) }
            }
        }
        return files
    }
}

/// `pattern` with each `%d` replaced by `n`, on bytes: Foundation's replacingOccurrences cost
/// 24,000 instructions a call and the standard library's split and join 15,000, once per list page.
func substitutingNumber(_ n: Int, in pattern: String) -> String {
    let bytes = Array(pattern.utf8), digits = Array(String(n).utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + digits.count)
    var i = 0
    while i < bytes.count {
        if bytes[i] == UInt8(ascii: "%"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "d") {
            out += digits
            i += 2
        } else {
            out.append(bytes[i])
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// A page of the site, the facts it read and their fingerprint.
struct RenderedPage: Sendable {
    var path: String
    var fingerprint: Int
    /// What it read of the site (`Reads`).
    var reads: PageReads
    /// Bytes still to be written to the output folder; nil when the file there is already right
    /// (written into staging, equal to what was there, or not rendered because nothing changed).
    var pending: [UInt8]? = nil
    /// The stamp of its file, when known (carried over for a page not rendered again).
    var stamp: SourceCache.Stamp? = nil
    /// What the page is (`PageJob.identity`).
    var identity: UInt64 = 0
    /// Whether it was rendered by this build (false: taken as the last build left it).
    var isNew = true

    /// Its build-state entry once its file is in the output folder at `outputPath`: the stamp
    /// known, or else read from the file.
    func entry(under outputPath: String) -> BuildState.Entry {
        BuildState.Entry(fingerprint: fingerprint, stamp: stamp ?? SourceCache.stamp(outputPath + "/" + path), reads: reads, identity: identity)
    }
}

/// One page of a paginated list: members are indices into the site's articles.
struct PaginatedPage: Sendable {
    var number: Int
    var total: Int
    var totalItems: Int
    var perPage: Int
    var members: [Int]

    /// `base` for page 1, `base` + `page/N/` after.
    func path(base: String) -> String { Self.path(base: base, number) }

    static func path(base: String, _ n: Int) -> String { n == 1 ? base : "\(base)page/\(n)/" }

    /// The file of this page under the output folder.
    func file(base: String) -> String { path(base: base) + "index.html" }

    /// The `paginator` of this page; `items`: the list of what it shows.
    func value(base: String, values: ValueBuilder, items: Value) -> Value {
        let n = number
        // The page-number bar: first, last and two either side of the current page, so a
        // tag with thousands of pages does not carry thousands of links on each.
        let window = Set([1, total] + Array(max(1, n - 2)...min(total, n + 2)))
        let bar: [Value] = window.sorted().map { k in
            .object(Object(Self.linkLayout, [.int(k), .string(values.url(Self.path(base: base, k))), .bool(k == n)]))
        }
        return .object(Object(Self.layout, [
            items,
            .int(n), .int(total), .int(totalItems), .int(perPage),
            n > 1 ? .string(values.url(Self.path(base: base, n - 1))) : .nil,
            n < total ? .string(values.url(Self.path(base: base, n + 1))) : .nil,
            .array(bar),
        ]))
    }

    static let layout = ObjectLayout(["items", "page", "total_pages", "total_items", "per_page", "previous_url", "next_url", "pages"])
    static let linkLayout = ObjectLayout(["number", "url", "current"])
}

/// Splits `members` into pages of `perPage`. An empty list still has one (empty) page, so
/// the home page of a new site exists.
func paginate(_ members: [Int], perPage: Int) -> [PaginatedPage] {
    let per = max(perPage, 1)
    let total = max(1, (members.count + per - 1) / per)
    return (1...total).map { n in
        PaginatedPage(number: n, total: total, totalItems: members.count, perPage: per,
                      members: Array(members.dropFirst((n - 1) * per).prefix(per)))
    }
}
