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

    func run() throws {
        let builder = SiteBuilder(root: site.root, options: .init(drafts: site.drafts))
        let diagnostics = builder.check()
        for d in diagnostics { printError(d.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        print("checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}
