import ArgumentParser
import Foundation
import Template

/// `unionsite liquid TEMPLATE [--data DATA.json] [--partials DIR] [--no-escape]`: renders one
/// template with JSON data, for theme authors trying templates (and for running the
/// conformance suite from outside the tests).
struct LiquidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liquid",
        abstract: "Render one template with JSON data to standard output."
    )

    @Argument(help: "The template file.")
    var template: String

    @Option(help: "A JSON file whose top-level object gives the template's variables.")
    var data: String?

    @Option(help: "The folder `include`, `render` and `layout` load templates from (default: the template's folder).")
    var partials: String?

    @Flag(name: .customLong("no-escape"), help: "Do not HTML-escape {{ }} output.")
    var noEscape = false

    @Option(name: .customLong("time-zone"), help: "Time zone for the date filter, e.g. +08:00 or UTC (default +08:00).")
    var timeZone: String?

    func run() throws {
        guard let text = readText(template) else { throw ExitCode(1) }
        var variables = Object()
        if let data {
            guard let json = readText(data) else { throw ExitCode(1) }
            switch Result(catching: { () throws(JSONError) -> Value in try Value.parseJSON(json) }) {
            case .success(.object(let o)):
                variables = o
            case .success:
                printError("\(data):1:1: the data must be a JSON object ({ \"name\": value, … })")
                throw ExitCode(1)
            case .failure(let e):
                printError("\(data):\(e.line):\(e.column): \(e.message)")
                throw ExitCode(1)
            }
        }
        let folder = partials ?? URL(fileURLWithPath: template).deletingLastPathComponent().path
        var options = Engine.Options(autoescape: !noEscape)
        if let timeZone {
            guard let tz = parseOffset(timeZone) else {
                printError("--time-zone: expected an offset like +08:00 or a zone name like UTC, found `\(timeZone)`")
                throw ExitCode(2)
            }
            options.timeZone = tz
        }
        let engine = Engine(source: DirectorySource(root: URL(fileURLWithPath: folder)), options: options)
        switch Self.render(engine, text, name: template, variables) {
        case .success(let output):
            FileHandle.standardOutput.write(Data(output.utf8))
        case .failure(let e):
            printError(e.description)
            throw ExitCode(1)
        }
    }

    private static func render(_ engine: Engine, _ text: String, name: String, _ variables: Object) -> Result<String, TemplateError> {
        Result { () throws(TemplateError) -> String in
            try engine.render(engine.parse(text, name: name), variables)
        }
    }

    private func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("\(path): cannot read the file")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            printError("\(path): the file is not valid UTF-8: save it as UTF-8")
            return nil
        }
        return text
    }
}

/// A time zone from `+08:00`, `-0500` or a name like `Asia/Shanghai`.
func parseOffset(_ s: String) -> TimeZone? {
    if let tz = TimeZone(identifier: s) { return tz }
    var t = Substring(s)
    guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
    t = t.dropFirst()
    let parts = t.contains(":") ? t.split(separator: ":").map(String.init) : [String(t.prefix(2)), String(t.dropFirst(2))]
    guard let h = Int(parts[0]), h <= 14 else { return nil }
    let m = parts.count > 1 && !parts[1].isEmpty ? Int(parts[1]) ?? -1 : 0
    guard m >= 0, m < 60 else { return nil }
    return TimeZone(secondsFromGMT: (h * 3600 + m * 60) * (sign == "-" ? -1 : 1))
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
