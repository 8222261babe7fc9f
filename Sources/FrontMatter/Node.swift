#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scalar exactly as written: its text (quotes removed, escapes decoded, block scalars folded),
/// how it was written, and where.
///
/// Scalars are never typed by the parser: `title: 2023` and `year: 2023` both hold the text
/// "2023"; the consumer asks for `.string`, `.int`, `.bool` or `.date` according to its schema
/// (see `Node+Typed.swift`).
public struct Scalar: Equatable, Sendable {
    /// How a scalar was written.
    public enum Style: Equatable, Sendable {
        /// Unquoted text.
        case plain
        /// `'text'`, with `''` for a quote.
        case singleQuoted
        /// `"text"`, with backslash escapes.
        case doubleQuoted
        /// A `|` block scalar: line breaks kept.
        case literal
        /// A `>` block scalar: line breaks folded into spaces.
        case folded
    }

    /// The scalar's text after quotes, escapes and folding are resolved.
    public var text: String
    /// How the scalar was written.
    public var style: Style
    /// Where the scalar starts: its first character, its opening quote, or its `|`/`>`.
    public var location: SourceLocation

    /// Creates a scalar.
    public init(_ text: String, style: Style = .plain, location: SourceLocation) {
        self.text = text
        self.style = style
        self.location = location
    }

    /// True for `'single'` and `"double"` quoted scalars.
    public var isQuoted: Bool { style == .singleQuoted || style == .doubleQuoted }
}

/// A front matter value with its source location.
///
/// `null` is an empty value (`key:` with nothing after it and nothing indented below) or a plain
/// `~` / `null` (any case); a quoted `"null"` is text.
public enum Node: Equatable, Sendable {
    /// Text, untyped.
    case scalar(Scalar)
    /// A block list (`- a`) or flow list (`[a, b]`), located at its first `-` or its `[`.
    case list([Node], SourceLocation)
    /// A block map (`key: value` lines) or flow map (`{a: 1}`), located at its first key or `{`.
    case map(Mapping, SourceLocation)
    /// No value, located where the value would have been.
    case null(SourceLocation)

    /// Where this value starts in the file.
    public var location: SourceLocation {
        switch self {
        case .scalar(let s): return s.location
        case .list(_, let l), .map(_, let l), .null(let l): return l
        }
    }

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// True for null and for a scalar that is empty or only spaces (`date: ""`): a site treats
    /// such a value as not given.
    public var isEmptyValue: Bool {
        switch self {
        case .null: return true
        case .scalar(let s): return s.text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        default: return false
        }
    }

    /// The scalar, if this is one.
    public var scalar: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    /// The items, if this is a list.
    public var items: [Node]? {
        if case .list(let items, _) = self { return items }
        return nil
    }

    /// The mapping, if this is a map.
    public var mapping: Mapping? {
        if case .map(let m, _) = self { return m }
        return nil
    }
}

/// An ordered map of keys to values, each key with its location.
///
/// Keys are unique within one mapping (the parser reports duplicates as errors and keeps the first).
public struct Mapping: Equatable, Sendable, RandomAccessCollection {
    /// One `key: value` pair.
    public struct Entry: Equatable, Sendable {
        /// The key: as written, or its canonical name after `Mapping.normalized(with:)`.
        public var key: String
        /// The key as written in the file (kept by normalisation, for messages).
        public var writtenKey: String
        /// Where the key starts.
        public var keyLocation: SourceLocation
        /// The value.
        public var value: Node

        /// Creates an entry whose written key is its key.
        public init(key: String, keyLocation: SourceLocation, value: Node) {
            self.key = key
            self.writtenKey = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// The entries in file order.
    public var entries: [Entry]

    /// Creates a mapping from entries in file order.
    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    /// The first entry's position (0).
    public var startIndex: Int { entries.startIndex }
    /// One past the last entry's position.
    public var endIndex: Int { entries.endIndex }
    /// The entry at `position`, in file order.
    public subscript(position: Int) -> Entry { entries[position] }

    /// The entry for `key`, if present (linear search: front matter maps are small).
    public func entry(_ key: String) -> Entry? {
        // By index: `for e in entries` copied every entry it looked at.
        for i in entries.indices where sameUTF8(entries[i].key, key) { return entries[i] }
        return nil
    }

    /// The value for `key`, if present.
    public subscript(key: String) -> Node? { entry(key)?.value }

    /// The keys in file order.
    public var keys: [String] { entries.map(\.key) }
}

/// Byte-wise equality. YAML keys are equal when their code points are, and comparing bytes
/// avoids the normalising comparison `==` does for non-ASCII strings that differ.
@inline(__always)
func sameUTF8(_ a: String, _ b: String) -> Bool {
    let n = a.utf8.count
    guard n == b.utf8.count else { return false }
    guard n > 0 else { return true }
    var a = a
    var b = b
    return a.withUTF8 { pa in
        b.withUTF8 { pb in
            guard let x = pa.baseAddress, let y = pb.baseAddress else { return false }
            return memcmp(x, y, n) == 0
        }
    }
}
