import ArgumentParser
import Foundation
import Site

/// The options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], help: "The site's folder (with site.yml, content/, templates/).")
    var source: String = "."

    @Flag(help: "Also include articles marked `draft: true`.")
    var drafts = false

    @Flag(help: "Also include articles dated later than now (定时发布), marked as scheduled (serve always does).")
    var future = false

    /// The site folder as an absolute URL.
    var root: URL { URL(fileURLWithPath: source).standardizedFileURL }

    /// Stops with a word of what to do (exit 1) when the folder is no site at all, rather than
    /// list the templates and files a site would need.
    func requireSite() throws {
        try refusing { () throws(SiteStarter.Refusal) in if let refusal = SiteStarter.notASite(root) { throw refusal } }
    }
}

/// What `body` returns; when it refuses (the editors' commands: nothing written), the reason
/// printed as an error and exit 1.
func refusing<T>(_ body: () throws(SiteStarter.Refusal) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError("error: \(error.description)")
        throw ExitCode(1)
    }
}
