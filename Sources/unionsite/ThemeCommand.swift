import ArgumentParser
import Foundation
import Site

/// `unionsite theme list|eject`: the built-in theme's files, and copies of them to edit.
struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "The default theme built into unionsite: list its files, or copy them into templates/ to edit.",
        subcommands: [ThemeList.self, ThemeEject.self]
    )
}

struct ThemeList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Every file of the built-in theme, and whether the site's templates/ has its own."
    )

    @OptionGroup var site: NewOptions

    func run() throws {
        let (entries, builtInUsed) = ThemeFiles.list(in: site.root)
        if !builtInUsed {
            print("site.yml says `theme: none`: templates/ is the whole theme, and the built-in files are not used")
        }
        for entry in entries {
            print((entry.overridden ? "templates/  " : builtInUsed ? "(built-in)  " : "(unused)    ") + entry.path)
        }
        for path in ThemeFiles.extras(in: site.root) {
            print("templates/  \(path)   (the site's own: the built-in theme has no such file)")
        }
    }
}

struct ThemeEject: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eject",
        abstract: "Copy the built-in theme, or the named files, into templates/ to edit them. Never overwrites."
    )

    @Argument(help: "Files of the theme (as `unionsite theme list` shows them); all when none is named.")
    var files: [String] = []

    @OptionGroup var site: NewOptions

    func run() throws {
        let (copied, kept) = try refusing { () throws(SiteStarter.Refusal) in
            if let refusal = SiteStarter.notASite(site.root) { throw refusal }
            return try ThemeFiles.eject(files, into: site.root)
        }
        for path in copied { print("templates/\(path)") }
        for path in kept { printError("kept templates/\(path): the site has its own already (nothing overwritten)") }
    }
}
