import ArgumentParser
import Foundation
import Site

/// `unionsite import FILE…`: pasted texts and saved pages made articles of the site.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make articles of pasted texts and saved pages (UTF-8, GB18030 or Big5): fields found, page furniture removed and listed.",
        discussion: "FILE may be `-` (standard input) or a folder (its .txt, .md and .html files). Nothing is overwritten; an article the site has (same title and day) is skipped."
    )

    @Argument(help: "The files to import: a file, `-` for standard input, or a folder.")
    var files: [String]

    @Flag(help: "Print the Markdown and the report; write nothing.")
    var dryRun = false

    @OptionGroup var site: NewOptions

    func run() throws {
        var inputs: [(name: String, data: Data?)] = []
        for file in files {
            if file == "-" {
                inputs.append(("-", FileHandle.standardInput.readDataToEndOfFile()))
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
                inputs.append((file, nil))
                continue
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: file)) ?? []
                for name in names.sorted() where [".txt", ".md", ".html", ".htm"].contains(where: { name.lowercased().hasSuffix($0) }) {
                    let path = (file as NSString).appendingPathComponent(name)
                    inputs.append((path, FileManager.default.contents(atPath: path)))
                }
            } else {
                inputs.append((file, FileManager.default.contents(atPath: file)))
            }
        }
        // The site's settings and articles, read once for the whole batch.
        let destination = try refusing { () throws(SiteStarter.Refusal) in try ArticleImport.Destination(site.root) }
        var failed = 0
        for (name, data) in inputs {
            guard let data else {
                printError("error: \(name): no such file, or it cannot be read: expected a text file, `-` or a folder")
                failed += 1
                continue
            }
            do {
                let outcome = try ArticleImport.run(data, name: name, into: destination, dryRun: dryRun)
                if let existing = outcome.duplicateOf {
                    print("\(name): skipped: the site has this article already (\(existing))")
                    continue
                }
                print(outcome.written.map { "\($0) ← \(name)" } ?? "\(name) (dry run: nothing written)")
                for line in outcome.report { print("  " + line) }
                if dryRun { print(outcome.markdown) }
            } catch {
                printError("error: \(error.description)")
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
