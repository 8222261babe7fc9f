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

    @Flag(name: [.customShort("v"), .long], help: "Print every warning in full (not one summary per kind), and what was written.")
    var verbose = false

    func run() throws {
        try site.requireSite()
        let root = site.root
        var options = SiteBuilder.Options(drafts: site.drafts)
        options.future = site.future
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
            let shown = DiagnosticReport(report.warnings)
            for line in shown.lines(verbose: verbose, quiet: quiet) { printError(line) }
            if verbose {
                print("\(formatCount(report.rendered)) pages rendered, \(formatCount(report.written)) files written, \(formatCount(report.bytes)) bytes of pages rendered")
            }
            if !quiet {
                print(shown.builtLine(pages: report.pages, seconds: report.seconds, output: builder.outputFolder.path))
                if let next = report.scheduled.first {
                    // 定时发布: said, so that an article left out is never a surprise.
                    let more = report.scheduled.count > 1 ? " and \(report.scheduled.count - 1) more" : ""
                    print("scheduled: \(next.file) at \(next.local)\(more) left out until then; a build at or after that time publishes it (docs/PUBLISHING.md: from cron or a systemd timer)")
                }
            }
        case .failure(let failure):
            let shown = DiagnosticReport(failure.diagnostics)
            for line in shown.lines(verbose: verbose, quiet: quiet) { printError(line) }
            printError(shown.failedLine(output: builder.outputFolder.lastPathComponent))
            throw ExitCode(1)
        }
    }
}
