import ArgumentParser
import Foundation
import Site

/// `unionsite check`: every error and warning of a build, without writing anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every error and warning (broken internal links, missing images, unused files, honorees no article mentions) without building."
    )

    @OptionGroup var site: SiteOptions


    @Flag(help: "Treat warnings as errors (exit 1 when there is any).")
    var strict = false

    @Flag(name: [.customShort("q"), .long], help: "Print only the errors and the closing count.")
    var quiet = false

    @Flag(name: [.customShort("v"), .long], help: "Print every warning in full (not one summary per kind).")
    var verbose = false

    func run() throws {
        try site.requireSite()
        var options = SiteBuilder.Options(drafts: site.drafts)
        options.future = site.future
        let builder = SiteBuilder(root: site.root, options: options)
        let report = DiagnosticReport(builder.check())
        for line in report.lines(verbose: verbose, quiet: quiet) { printError(line) }
        print(report.checkLine)
        if !report.errors.isEmpty || (strict && !report.warnings.isEmpty) { throw ExitCode(1) }
    }
}
