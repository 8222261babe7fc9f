/// Paths inside a site: where a content file's folder is, and how relative addresses resolve.

/// The folder of a content file relative to content/ (`content/news/2023/a.md` → `news/2023`;
/// `""` for a file at the top of content/).
func contentFolder(of file: String) -> String {
    var folder = file.split(separator: "/").dropLast()
    if folder.first == "content" { folder = folder.dropFirst() }
    return folder.joined(separator: "/")
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
