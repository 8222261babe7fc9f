/// Renders one template (and the partials and layouts it pulls in) into UTF-8 bytes.
/// A renderer lives for one render call; templates themselves are immutable and shared.
///
/// The mutable state is `@exclusivity(unchecked)`: a renderer is used by one thread and never
/// hands out overlapping `inout` accesses to it, and the runtime's dynamic checks showed in
/// whole builds (every append to `output` and every scope lookup entered and left an access).
final class Renderer {
    static let maxDepth = 64

    enum Interrupt { case `break`, `continue` }

    let engine: Engine
    @exclusivity(unchecked) var context: RenderContext
    /// The page so far, as UTF-8: appending a string's bytes is a copy, where appending it to
    /// a String costs bookkeeping each time, on every piece of every page.
    @exclusivity(unchecked) var output: OutputBuffer
    /// The template whose nodes are being rendered, for error locations.
    @exclusivity(unchecked) var template: Template
    @exclusivity(unchecked) var interrupt: Interrupt?
    @exclusivity(unchecked) var depth = 0
    /// The arguments of the filter being applied (see `evaluate(_: FilteredExpr)`).
    @exclusivity(unchecked) var filterCall: FilterCall

    init(engine: Engine, template: Template, context: RenderContext) {
        self.engine = engine
        self.template = template
        self.context = context
        self.filterCall = FilterCall(timeZone: engine.options.timeZone)
        // Pages are a few kilobytes to a few tens: start with room for most of them rather
        // than regrow from the template's size a few times per page.
        output = OutputBuffer(capacity: max(template.source.utf8.count * 2, 16384))
    }

    func error(_ message: String, at offset: Int) -> TemplateError {
        let (line, column, text) = locate(offset: offset, in: template.source)
        return TemplateError(template: template.name, line: line, column: column, message: message, sourceLine: text)
    }

    func render(_ nodes: [Node]) throws(TemplateError) {
        // Through the buffer: `for node in nodes` copied every node out (a retain and a
        // release each); the array is the caller's and outlives the loop.
        try nodes.withUnsafeBufferPointer { nodes throws(TemplateError) in
            try render(nodes)
        }
    }

    private func render(_ nodes: UnsafeBufferPointer<Node>) throws(TemplateError) {
        for i in nodes.indices {
            switch nodes[i] {
            case .text(let s): output.append(s)
            case .output(let e): write(try evaluate(e))
            case .conditional(let c): try render(c)
            case .caseWhen(let c): try render(c)
            case .forLoop(let f): try render(f)
            case .assign(let a): context.assign(a.name, try evaluate(a.value))
            case .capture(let c): try renderCapture(c.name, c.body)
            case .include(let i): try render(i)
            case .breakLoop: interrupt = .break
            case .continueLoop: interrupt = .continue
            }
            if interrupt != nil { return }
        }
    }

    /// Appends a value's text, HTML-escaped unless auto-escaping is off or the value is safe.
    func write(_ value: Value) {
        switch value {
        case .string(let s):
            if engine.options.autoescape { appendEscapingHTML(s, to: &output) } else { output.append(s) }
        case .safe(let s): output.append(s)
        case .nil: break
        case .drop(let d as SafeHTML): d.withUTF8 { output.append($0) }
        default:
            if engine.options.autoescape && !value.isSafe { appendEscapingHTML(value.text, to: &output) } else { output.append(value.text) }
        }
    }
}
