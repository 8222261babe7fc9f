import ArgumentParser
import Foundation
import Site

/// `unionsite build`: content/ + templates/ + site.yml → public/.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into public/ (the old public/ stays until the new site is complete)."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: [.customShort("o"), .long], help: "Where to write the site (default: <source>/public).")
    var output: String?


    @Flag(name: [.customShort("q"), .long], help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: [.customShort("v"), .long], help: "Print what was built, stage by stage.")
    var verbose = false

    func run() throws {
        let root = site.root
        var options = SiteBuilder.Options(drafts: site.drafts)
        // A progress line on a terminal, rewritten in place; nothing when piped or --quiet.
        let progressLine = !quiet && isatty(STDERR_FILENO) == 1
        if progressLine {
            options.progress = { stage in FileHandle.standardError.write(Data("\r\u{1B}[K\(stage)…".utf8)) }
        }
        if let output { options.output = URL(fileURLWithPath: output).standardizedFileURL }
        let builder = SiteBuilder(root: root, options: options)
        let result = Result(catching: { () throws(BuildFailure) -> SiteBuilder.Report in try builder.build() })
        if progressLine { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        switch result {
        case .success(let report):
            for w in report.warnings where !quiet { printError(w.description) }
            if !quiet {
                let seconds = String(format: "%.2f", report.seconds)
                print("built \(formatCount(report.pages)) pages in \(seconds) s → \(builder.outputFolder.path)")
            }
            if verbose {
                print("\(formatCount(report.rendered)) pages rendered, \(formatCount(report.written)) files written, \(formatCount(report.bytes)) bytes of pages rendered")
            }
        case .failure(let failure):
            let errors = failure.diagnostics.filter { $0.severity == .error }
            for d in failure.diagnostics where d.severity == .error || !quiet { printError(d.description) }
            printError("build failed: \(errors.count) error\(errors.count == 1 ? "" : "s"); \(builder.outputFolder.lastPathComponent)/ was not changed")
            throw ExitCode(1)
        }
    }
}

/// `12345` → `12,345`.
func formatCount(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, ch) in s.enumerated() {
        if i > 0, (s.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return out
}
