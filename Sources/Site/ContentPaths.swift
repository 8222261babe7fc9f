/// Paths inside a site: where a content file's folder is, and how relative addresses resolve.

/// The folder of a content file relative to content/ (`content/news/2023/a.md` → `news/2023`;
/// `""` for a file at the top of content/).
func contentFolder(of file: String) -> String {
    // Paths as the site makes them are cut at their last `/` on the bytes: splitting into
    // Character substrings breaks every path into graphemes, for every article.
    if let last = simpleLastSlash(file) {
        let folder = file.utf8[..<last]
        if folder.elementsEqual("content".utf8) { return "" }
        if folder.starts(with: "content/".utf8) { return String(Substring(folder.dropFirst(8))) }
        return String(Substring(folder))
    }
    var folder = file.split(separator: "/").dropLast()
    if folder.first == "content" { folder = folder.dropFirst() }
    return folder.joined(separator: "/")
}

/// The index of the last `/` of a path whose slashes split it as `split(separator: "/")` does
/// and leave no empty segment: every `/` stands between two ASCII or Han scalars (so it is a
/// character of its own, neither joined to the one before nor extended by the one after), not
/// first, not last, and not next to another. Nil for other paths, and for none.
private func simpleLastSlash(_ path: String) -> String.Index? {
    func plain(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        return (value < 0x80 && value != 0x2F) || (0x3400...0x9FFF).contains(value)
    }
    let scalars = path.unicodeScalars
    var last: String.Index?
    var previous: Unicode.Scalar?
    var afterSlash = false
    var index = scalars.startIndex
    while index < scalars.endIndex {
        let scalar = scalars[index]
        if afterSlash && !plain(scalar) { return nil }
        afterSlash = scalar == "/"
        if afterSlash {
            guard plain(previous) else { return nil }
            last = index
        }
        previous = scalar
        index = scalars.index(after: index)
    }
    return afterSlash ? nil : last
}

/// Path segments with empty and `.` ones dropped and each `..` removing the one before (never
/// climbing above the start), joined by `/`.
func resolvedSegments(_ segments: some Sequence<Substring>) -> String {
    var stack: [Substring] = []
    for p in segments {
        switch p {
        case "", ".": continue
        case "..": if !stack.isEmpty { stack.removeLast() }
        default: stack.append(p)
        }
    }
    return stack.joined(separator: "/")
}
