import ArgumentParser
import Foundation

let commands: [ParsableCommand.Type] = [InitCommand.self, NewCommand.self, ImportCommand.self, ThemeCommand.self, BuildCommand.self, CheckCommand.self, ServeCommand.self, LiquidCommand.self]

/// The `unionsite` command: a thin layer over the Site and Template libraries.
@main
struct Unionsite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionsite",
        abstract: "Builds the static site of a trade union from Markdown.",
        subcommands: commands
    )

    /// Usage errors exit with 2 (content and template errors exit with 1).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
