import ArgumentParser
import Foundation
import Site

/// `unionsite new article|honoree|page`: a new content file, its front matter filled in.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a new article, honoree or page, its front matter filled in, and print its path.",
        subcommands: [NewArticle.self, NewHonoree.self, NewPage.self]
    )

    /// Writes the file and prints its path; a refusal is an error (exit 1), nothing written.
    static func write(_ kind: NewContent.Kind, _ title: String, site: NewOptions) throws {
        let path = try refusing { () throws(SiteStarter.Refusal) in try NewContent.write(kind, title: title, in: site.root) }
        print(site.source == "." ? path : (site.source as NSString).appendingPathComponent(path))
    }
}

/// The site folder of the `new` commands (they read no drafts, so not `SiteOptions`).
struct NewOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], help: "The site's folder (with site.yml and content/).")
    var source: String = "."

    var root: URL { URL(fileURLWithPath: source).standardizedFileURL }
}

struct NewArticle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article",
        abstract: "content/news/<year>/<slug>.md, dated now in the site's time zone."
    )

    @Argument(help: "The article's title.")
    var title: String

    @Option(help: "Its column (栏目).")
    var column: String?

    @Option(help: "Its tags, separated by commas: --tags 劳模,职工之家")
    var tags: String?

    @OptionGroup var site: NewOptions

    func run() throws {
        let list = (tags ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try NewCommand.write(.article(column: column, tags: list), title, site: site)
    }
}

struct NewHonoree: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "honoree",
        abstract: "content/honorees/<slug>.md: a model worker, craftsman or (with --collective) an honored collective."
    )

    @Argument(help: "The person's or the collective's name.")
    var name: String

    @Flag(help: "An honored collective (集体), not a person.")
    var collective = false

    @Option(help: "The honor's title (称号), e.g. --honor 全国五一劳动奖章; else a placeholder to replace.")
    var honor: String?

    @OptionGroup var site: NewOptions

    func run() throws {
        try NewCommand.write(.honoree(collective: collective, honor: honor), name, site: site)
    }
}

struct NewPage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "content/pages/<slug>.md: a standalone page (办事指南, 联系我们 …)."
    )

    @Argument(help: "The page's title.")
    var title: String

    @OptionGroup var site: NewOptions

    func run() throws {
        try NewCommand.write(.page, title, site: site)
    }
}
