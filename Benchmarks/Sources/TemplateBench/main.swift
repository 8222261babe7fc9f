// TemplateBench: renders the same article page with unionsite's template engine, Stencil and
// swift-mustache, checks that the three pages say the same thing, then times rendering alone.
//
//   swift run -c release --package-path Benchmarks TemplateBench [--iterations N] [--warmup N]
//       [--engine unionsite|stencil|mustache ...] [--dump DIR]

import Foundation

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct Options {
    var iterations = 20_000
    var warmup: Int?
    var engines: Set<String> = []
    var dump: String?

    static func parse(_ args: [String]) throws -> Options {
        var o = Options()
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw BenchError("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--iterations", "-n":
                guard let n = Int(try value()), n > 0 else { throw BenchError("--iterations needs a positive number") }
                o.iterations = n
            case "--warmup":
                guard let n = Int(try value()), n >= 0 else { throw BenchError("--warmup needs a number") }
                o.warmup = n
            case "--engine":
                o.engines.insert(try value().lowercased())
            case "--dump":
                o.dump = try value()
            case "--help", "-h":
                print("""
                    usage: TemplateBench [--iterations N] [--warmup N] [--engine NAME]... [--dump DIR]
                      --iterations N  timed renders per engine (default 20000)
                      --warmup N      untimed renders first (default iterations/20, at least 50)
                      --engine NAME   unionsite, stencil or mustache; repeat for several (default all)
                      --dump DIR      write each engine's page to DIR/NAME.html
                    """)
                exit(0)
            default:
                throw BenchError("unknown argument '\(args[i])' (try --help)")
            }
            i += 1
        }
        return o
    }
}

/// Whitespace runs become one space, and spaces next to a tag go: the engines differ only in
/// the blank lines their tags leave behind.
func normalized(_ html: String) -> String {
    var out = ""
    var pendingSpace = false
    for c in html {
        if c.isWhitespace { pendingSpace = true; continue }
        if pendingSpace, let last = out.last, last != ">", c != "<" { out.append(" ") }
        pendingSpace = false
        out.append(c)
    }
    return out
}

/// What every engine's page must contain, so nobody benchmarks an empty or broken page.
func expectedFragments(_ site: Site, _ a: Article) -> [String] {
    var f = [
        "<!DOCTYPE html>",
        "<title>\(a.title) - \(Fixture.escaped(site.name))</title>",
        "<meta name=\"keywords\" content=\"\(a.tags.joined(separator: ","))\">",
        "<meta property=\"og:url\" content=\"\(site.url)\(a.url)\">",
        "<li class=\"active\"><a href=\"/news/union/\">中國工會新聞</a></li>",
        "<li><a href=\"/video/\">視頻</a></li>",
        "<h1>\(a.title)</h1>",
        "<time>\(Fixture.displayDate(a.date))</time>",
        "編輯:\(a.editors.joined(separator: "、"))",
        "<p class=\"summary\">\(Fixture.truncated(a.summary))</p>",
        a.bodyHTML,
        "<p>\(Fixture.escaped(site.name)) 版權所有</p>",
    ]
    f += a.tags.map { "<li><a href=\"/tags/\($0)/\">\($0)</a></li>" }
    f += a.related.map { "<li><a href=\"\($0.url)\">\($0.title)</a> <time>\(Fixture.shortDate($0.date))</time></li>" }
    return f
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let n = s.count
    guard n < width else { return s }
    let fill = String(repeating: " ", count: width - n)
    return left ? s + fill : fill + s
}

func run() throws {
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    #if DEBUG
    print("warning: debug build; measure with `swift run -c release --package-path Benchmarks TemplateBench`\n")
    #endif

    var benches = [try UnionsiteBench.make(), try StencilBench.make(), try MustacheBench.make()]
    if !options.engines.isEmpty {
        let known = ["unionsite": "unionsite", "stencil": "Stencil", "mustache": "swift-mustache", "swift-mustache": "swift-mustache"]
        let unknown = options.engines.filter { known[$0] == nil }
        guard unknown.isEmpty else { throw BenchError("unknown engine(s) \(unknown.sorted()): use unionsite, stencil or mustache") }
        let wanted = Set(options.engines.compactMap { known[$0] })
        benches = benches.filter { wanted.contains($0.name) }
    }

    // 1. Check: every page has the fragments, and all pages are the same text but for whitespace.
    let fragments = expectedFragments(Fixture.site, Fixture.article)
    var outputs: [(name: String, html: String)] = []
    for bench in benches {
        let html = try bench.render().string
        if let dir = options.dump {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try html.write(toFile: "\(dir)/\(bench.name).html", atomically: true, encoding: .utf8)
        }
        let missing = fragments.filter { !html.contains($0) }
        guard missing.isEmpty else {
            throw BenchError("\(bench.name)'s page lacks \(missing.count) expected fragment(s), first: \(missing[0].prefix(120))")
        }
        outputs.append((bench.name, html))
    }
    if let first = outputs.first {
        let reference = normalized(first.html)
        for other in outputs.dropFirst() where normalized(other.html) != reference {
            throw BenchError("\(other.name)'s page differs from \(first.name)'s beyond whitespace (use --dump DIR to compare)")
        }
    }

    // 2. Time: warm up, then N renders back to back on this thread.
    let warmup = options.warmup ?? max(50, options.iterations / 20)
    let clock = ContinuousClock()
    print("rendering \(options.iterations) times per engine after \(warmup) warm-up renders; single thread; "
          + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
    print("checked: \(fragments.count) fragments in every page; pages equal after whitespace normalisation\n")
    print("\(pad("engine", 16, left: true))\(pad("renders/s", 11))\(pad("µs/render", 12))\(pad("output bytes", 15))")
    var sink = 0
    for (bench, output) in zip(benches, outputs) {
        for _ in 0..<warmup { sink &+= try bench.render().byteCount }
        let start = clock.now
        for _ in 0..<options.iterations { sink &+= try bench.render().byteCount }
        let elapsed = seconds(start.duration(to: clock.now))
        let perSecond = Double(options.iterations) / elapsed
        let micros = elapsed / Double(options.iterations) * 1e6
        print("\(pad(bench.name, 16, left: true))\(pad(String(Int(perSecond.rounded())), 11))"
              + "\(pad(String(format: "%.1f", micros), 12))\(pad(String(output.html.utf8.count), 15))")
    }
    print("")
    for bench in benches { for note in bench.notes { print("note: \(note)") } }
    if sink == 42 { print("") }  // keeps the renders' results alive
}

do {
    try run()
} catch {
    FileHandle.standardError.write("TemplateBench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
