import ArgumentParser

/// The `unionsite` command: a thin layer over the Site and Template libraries.
@main
struct Unionsite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionsite",
        abstract: "Builds the static site of a trade union from Markdown.",
        subcommands: [LiquidCommand.self]
    )
}
