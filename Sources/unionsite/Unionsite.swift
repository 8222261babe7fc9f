import ArgumentParser

@main
struct Unionsite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionsite",
        abstract: "Builds the static site of a trade union from Markdown."
    )
}
