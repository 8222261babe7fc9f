/// One engine, ready to render the article page: templates parsed, data built.
struct EngineBench {
    /// As the table prints it.
    var name: String
    /// Where this engine was helped (values computed in Swift instead of in the template) or
    /// differs in what one render does; printed under the table.
    var notes: [String]
    /// Renders the page once. Only this is timed.
    var render: () throws -> Page
}

/// A rendered page in the form the engine makes it: the bytes a site generator writes to a file.
/// unionsite renders into UTF-8 bytes; Stencil and Mustache into a String, whose UTF-8 view is
/// those bytes at no cost. Making a String of unionsite's bytes would check their UTF-8 again,
/// work no site build does, so it is done only for the content check, outside the timing.
enum Page {
    case text(String)
    case utf8([UInt8])

    var string: String {
        switch self {
        case .text(let s): return s
        case .utf8(let b): return String(decoding: b, as: UTF8.self)
        }
    }

    var byteCount: Int {
        switch self {
        case .text(let s): return s.utf8.count
        case .utf8(let b): return b.count
        }
    }
}
