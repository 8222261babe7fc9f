/// HTML that is already safe (rendered Markdown, a page inside its layout), held as its UTF-8
/// bytes: `{{ }}` copies them into the page as they are.
///
/// Pages are built as bytes, and a `String` made from bytes has its UTF-8 validated, which cost
/// as much as the rest of printing the page: once for each article's Markdown from libcmark and
/// once for each page handed to its layout as `content`. A template that does more than print
/// it (a filter, a comparison) gets it as `.safe` text, made on each such use: templates rarely
/// do, and a string cached here would be written from several rendering threads.
public final class SafeHTML: Drop {
    /// The bytes, valid UTF-8: an array handed in, or a page rendered for its layout.
    private let array: [UInt8]
    private let page: PageBytes?

    /// `utf8` must be valid UTF-8 (it is printed without checking).
    public init(utf8: [UInt8]) {
        array = utf8
        page = nil
    }

    init(page: PageBytes) {
        array = []
        self.page = page
    }

    /// The bytes, lent to `body`.
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let page { return body(page.buffer) }
        return array.withUnsafeBufferPointer(body)
    }

    /// The HTML as a string.
    public var string: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }

    public func materialize() -> Value { .safe(string) }

    /// Liquid strings have one property, `size` (in characters).
    public func value(forKey key: String) -> Value? {
        key == "size" ? .int(string.count) : nil
    }
}

extension Value {
    /// Safe HTML held as bytes (see `SafeHTML`).
    public static func safe(utf8: [UInt8]) -> Value { .drop(SafeHTML(utf8: utf8)) }

    /// `.safe` text for safe HTML held as bytes, the value itself otherwise: for the places that
    /// look at strings directly rather than through `resolved`.
    var unwrappingSafeHTML: Value {
        if case .drop(let d as SafeHTML) = self { return d.materialize() }
        return self
    }
}
