import ArgumentParser
import Foundation
import Site
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
        var options = Engine.Options(autoescape: !noEscape)
        if let timeZone {
            guard let tz = parseOffset(timeZone) else {
                printError("--time-zone: expected an offset like +08:00 or a zone name like UTC, found `\(timeZone)`")
                throw ExitCode(2)
            }
            options.timeZone = tz
        }
        do throws(Diagnostic) {
            let text = try Self.readText(template).get()
            var variables = Object()
            if let data { variables = try Self.variables(json: Self.readText(data).get(), file: data).get() }
            let folder = partials ?? URL(fileURLWithPath: template).deletingLastPathComponent().path
            let engine = Engine(source: DirectorySource(root: URL(fileURLWithPath: folder)), options: options)
            let output = try Self.render(engine, text, name: template, variables).get()
            FileHandle.standardOutput.write(Data(output.utf8))
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
    }

    /// The template rendered, or its error as the located problem every command prints.
    static func render(_ engine: Engine, _ text: String, name: String, _ variables: Object) -> Result<String, Diagnostic> {
        Result { () throws(TemplateError) -> String in
            try engine.render(engine.parse(text, name: name), variables)
        }.mapError(\.diagnostic)
    }

    /// The variables of `--data`'s JSON text, which must be an object; `file` names it in errors.
    static func variables(json: String, file: String) -> Result<Object, Diagnostic> {
        switch Result(catching: { () throws(JSONError) -> Value in try Value.parseJSON(json) }) {
        case .success(.object(let o)):
            return .success(o)
        case .success:
            return .failure(Diagnostic(file: file, line: 1, column: 1,
                                       message: "the data must be a JSON object ({ \"name\": value, … })").quoting(json))
        case .failure(let e):
            return .failure(e.diagnostic(file: file, source: json))
        }
    }

    /// A file's text, or why it cannot be read.
    static func readText(_ path: String) -> Result<String, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(file: path, message: "cannot read the file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Diagnostic(file: path, message: "the file is not valid UTF-8: save it as UTF-8"))
        }
        return .success(text)
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
