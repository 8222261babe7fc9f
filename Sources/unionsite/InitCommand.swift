import ArgumentParser
import Foundation
import Site

/// `unionsite init DIR`: a new site, ready to build and to edit.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a new site into a new or empty folder: site.yml with every setting explained, a sample article, honoree and 关于我们 page. The site renders with the theme built into unionsite."
    )

    @Argument(help: "The folder to write the site into (made when missing).")
    var folder: String

    @Flag(help: "Write into a folder that is not empty, beside what is there (no file is overwritten).")
    var force = false

    func run() throws {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        let outcome = try refusing { () throws(SiteStarter.Refusal) in try SiteStarter.write(into: root, force: force) }
        print("wrote \(outcome.written.count) files into \(folder): site.yml (every setting, explained), content/ (an article, an honoree, the 关于我们 page), templates/README.md (how to change the built-in theme), .gitignore")
        if !outcome.kept.isEmpty {
            print("kept \(outcome.kept.count) files already there, as they were: \(outcome.kept.prefix(5).joined(separator: ", "))\(outcome.kept.count > 5 ? " …" : "")")
        }
        print("next: cd \(folder) && unionsite serve   (then open http://127.0.0.1:8080/)")
    }
}
