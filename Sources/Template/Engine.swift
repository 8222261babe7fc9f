import Foundation
import Synchronization

/// A parsed template: parse once, render many times, from any thread.
public struct Template: Sendable {
    /// The name errors are reported under.
    public let name: String
    let source: String
    let nodes: [Node]
    let layout: (name: Expr, offset: Int)?
}

/// Where `include`, `render` and `layout` find templates by name.
public protocol TemplateSource: Sendable {
    /// The text of the template `name`, or nil when there is none. Throws for a template that
    /// exists but cannot be read (e.g. not UTF-8).
    func load(_ name: String) throws(TemplateError) -> String?
}

/// Templates held in memory, by exact name.
public struct DictionarySource: TemplateSource {
    public var templates: [String: String]
    public init(_ templates: [String: String] = [:]) { self.templates = templates }
    public func load(_ name: String) throws(TemplateError) -> String? { templates[name] }
}

/// Templates in a folder. Names are relative paths; names that climb out of the folder
/// (`..`, absolute paths) are not found.
public struct DirectorySource: TemplateSource {
    public let root: URL
    public init(root: URL) { self.root = root }

    public func load(_ name: String) throws(TemplateError) -> String? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }),
              !name.contains("\\"), !name.contains("\0")
        else { return nil }
        let url = root.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        guard let text = String(validatingUTF8: data) else {
            throw TemplateError(template: name, line: 1, column: 1,
                                message: "the file is not valid UTF-8: save it as UTF-8")
        }
        return text
    }
}

extension String {
    init?(validatingUTF8 data: Data) {
        guard let s = String(data: data, encoding: .utf8) else { return nil }
        self = s
    }
}

/// Parses and renders templates with one set of filters, options and partials.
///
/// Templates loaded by name (pages, layouts, includes) are parsed once and cached; the
/// engine is safe to use from several threads at once.
public final class Engine: Sendable {
    /// Rendering options.
    public struct Options: Sendable {
        /// HTML-escape `{{ }}` output unless the value is safe (on by default).
        public var autoescape = true
        /// The time zone the `date` filter renders in.
        public var timeZone: TimeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .current
        public init(autoescape: Bool = true, timeZone: TimeZone? = nil) {
            self.autoescape = autoescape
            if let timeZone { self.timeZone = timeZone }
        }
    }

    public let source: any TemplateSource
    public let filters: FilterSet
    public let options: Options
    private let cache = Mutex<[String: Result<Template, TemplateError>]>([:])

    public init(source: any TemplateSource = DictionarySource(), filters: FilterSet = .standard, options: Options = .init()) {
        self.source = source
        self.filters = filters
        self.options = options
    }

    /// Parses template text. `name` is what errors will call it.
    public func parse(_ text: String, name: String) throws(TemplateError) -> Template {
        var parser = try Parser(lexer: Lexer(source: text, name: name), filters: filters)
        let nodes = try parser.parseDocument()
        return Template(name: name, source: text, nodes: nodes, layout: parser.layout)
    }

    /// The template `name` from the source (tried as given, then with `.html`), parsed once.
    public func template(named name: String) throws(TemplateError) -> Template {
        if let cached = cache.withLock({ $0[name] }) { return try cached.get() }
        let result: Result<Template, TemplateError>
        do {
            result = .success(try load(name))
        } catch {
            result = .failure(error)
        }
        cache.withLock { $0[name] = result }
        return try result.get()
    }

    private func load(_ name: String) throws(TemplateError) -> Template {
        for candidate in name.hasSuffix(".html") ? [name] : [name, name + ".html"] {
            if let text = try source.load(candidate) { return try parse(text, name: candidate) }
        }
        let candidates = name.hasSuffix(".html") ? "'\(name)'" : "'\(name)' or '\(name).html'"
        throw TemplateError(template: name, line: 0, column: 0,
                            message: "template '\(name)' not found: expected a file \(candidates) among the templates")
    }

    /// An included or rendered partial.
    func partial(named name: String) throws(TemplateError) -> Template {
        try template(named: name)
    }

    /// Renders a template with `data` as its variables, then the layouts it names, each
    /// getting the previous output as `{{ content }}` (marked safe).
    public func render(_ template: Template, _ data: Object) throws(TemplateError) -> String {
        String(decoding: try renderUTF8(template, data), as: UTF8.self)
    }

    /// `render(_:_:)`'s page as UTF-8 bytes, without making a String of it (which would check
    /// every byte again).
    public func renderUTF8(_ template: Template, _ data: Object) throws(TemplateError) -> [UInt8] {
        try render(template, data) { Array($0) }
    }

    /// Renders the page and lends its UTF-8 bytes to `body` (which may write them to a file
    /// without their ever being copied into an array).
    public func render<R>(_ template: Template, _ data: Object, _ body: (UnsafeBufferPointer<UInt8>) -> R) throws(TemplateError) -> R {
        let renderer = Renderer(engine: self, template: template, context: RenderContext(environment: data))
        try renderer.render(template.nodes)
        var current = template
        var layouts = 0
        while let (nameExpr, offset) = current.layout {
            renderer.template = current
            let nameValue = try renderer.evaluate(nameExpr)
            guard let layoutName = nameValue.stringValue, !layoutName.isEmpty, layoutName != "none" else { break }
            layouts += 1
            guard layouts <= 16 else { throw renderer.error("layouts nested more than 16 deep: does '\(layoutName)' name itself?", at: offset) }
            let layout: Template
            do {
                layout = try self.template(named: layoutName)
            } catch let e where e.template == layoutName && e.line == 0 {
                let candidates = layoutName.hasSuffix(".html") ? "'\(layoutName)'" : "'\(layoutName)' or '\(layoutName).html'"
                throw renderer.error("layout '\(layoutName)' not found: expected a file \(candidates) among the templates", at: offset)
            }
            // The page so far becomes `content`, moved rather than copied.
            renderer.context.assign(ObjectKey.content, .drop(SafeHTML(page: renderer.output.takeBytes())))
            renderer.interrupt = nil
            renderer.template = layout
            try renderer.render(layout.nodes)
            current = layout
        }
        return renderer.output.withBytes(body)
    }

    /// Renders the template `name` (see `template(named:)`).
    public func render(named name: String, _ data: Object) throws(TemplateError) -> String {
        try render(template(named: name), data)
    }

    /// Renders the template `name` into UTF-8 bytes (see `renderUTF8(_:_:)`).
    public func renderUTF8(named name: String, _ data: Object) throws(TemplateError) -> [UInt8] {
        try renderUTF8(template(named: name), data)
    }

    /// Renders the template `name` and lends its bytes to `body` (see `render(_:_:_:)`).
    public func render<R>(named name: String, _ data: Object, _ body: (UnsafeBufferPointer<UInt8>) -> R) throws(TemplateError) -> R {
        try render(template(named: name), data, body)
    }
}
