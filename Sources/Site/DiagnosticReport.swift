import Foundation

/// How the problems of a build or check are shown on a terminal: a site with one unknown key in
/// every article must not bury its one error under thousands of lines.
///
/// Warnings come first, one summary per kind (`Diagnostic.Kind`, or the message itself for a
/// warning made without one) in the order the build met them; a kind seen once is shown in full.
/// Errors follow, every one in full, so they are the last thing above the closing line.
public struct DiagnosticReport: Sendable {
    public let errors: [Diagnostic]
    public let warnings: [Diagnostic]
    /// The warnings grouped by kind, in order of first appearance.
    public let groups: [[Diagnostic]]

    /// How many locations a summary names.
    public static let examples = 3

    public init(_ diagnostics: [Diagnostic]) {
        var errors: [Diagnostic] = [], warnings: [Diagnostic] = []
        var groups: [[Diagnostic]] = []
        var index: [String: Int] = [:]
        for d in diagnostics {
            guard d.severity == .warning else { errors.append(d); continue }
            warnings.append(d)
            if let i = index[d.groupKey] {
                groups[i].append(d)
            } else {
                index[d.groupKey] = groups.count
                groups.append([d])
            }
        }
        self.errors = errors
        self.warnings = warnings
        self.groups = groups
    }

    /// What to print, one entry per problem or summary (an entry may span lines: the caret).
    /// `verbose`: every warning in full, in the order found. `quiet`: errors only.
    public func lines(verbose: Bool = false, quiet: Bool = false) -> [String] {
        var out: [String] = []
        if !quiet {
            if verbose {
                out = warnings.map(\.description)
            } else {
                out = groups.map { $0.count == 1 ? $0[0].description : Self.summary(of: $0) }
            }
        }
        return out + errors.map(\.description)
    }

    /// "warning: unknown key `weight` in 300 files, e.g. a.md:4:1, b.md:4:1, c.md:5:1 (--verbose lists every one)".
    static func summary(of group: [Diagnostic]) -> String {
        guard let first = group.first else { return "" }
        var files = Set<String>()
        for d in group { files.insert(d.file) }
        // A message made without a kind is its own headline; it may hold a `:`, so a comma parts it from the count.
        var s = "warning: " + first.groupKey + (first.kind == nil ? "," : "")
        let inFiles = "in \(formatCount(files.count)) file\(files.count == 1 ? "" : "s")"
        s += files.count == group.count ? " \(inFiles)" : " \(formatCount(group.count)) times \(inFiles)"
        let places = group.prefix(examples).map(\.place).joined(separator: ", ")
        s += group.count > examples ? ", e.g. \(places)" : ": \(places)"
        return s + " (--verbose lists every one)"
    }

    /// "2 errors, 5 warnings (2 kinds)".
    public var counts: String {
        var s = "\(plural(errors.count, "error")), \(plural(warnings.count, "warning"))"
        if !warnings.isEmpty { s += " (\(plural(groups.count, "kind")))" }
        return s
    }

    /// `build`'s last line: "built 1,234 pages in 0.52 s: 0 errors, 312 warnings (3 kinds) → /site/public".
    public func builtLine(pages: Int, seconds: Double, output: String) -> String {
        "built \(formatCount(pages)) pages in \(String(format: "%.2f", seconds)) s: \(counts) → \(output)"
    }

    /// A failed `build`'s last line: "build failed: 2 errors, 5 warnings (2 kinds); public/ was not changed".
    public func failedLine(output: String) -> String {
        "build failed: \(counts); \(output)/ was not changed"
    }

    /// `check`'s last line: "check: 2 errors, 5 warnings (2 kinds)".
    public var checkLine: String { "check: \(counts)" }

    private func plural(_ n: Int, _ word: String) -> String {
        "\(formatCount(n)) \(word)\(n == 1 ? "" : "s")"
    }
}

/// `12345` → `12,345`.
public func formatCount(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, ch) in s.enumerated() {
        if i > 0, (s.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return out
}
