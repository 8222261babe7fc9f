/// One engine, ready to render the article page: templates parsed, data built.
struct EngineBench {
    /// As the table prints it.
    var name: String
    /// Where this engine was helped (values computed in Swift instead of in the template) or
    /// differs in what one render does; printed under the table.
    var notes: [String]
    /// Renders the page once. Only this is timed.
    var render: () throws -> String
}
