/// Where each page goes the moment it is rendered, on the thread that rendered it, so the
/// bytes of thousands of pages are not all held until the end of the build.
enum PageSink: Sendable {
    /// Kept in memory (nothing is written: `unionsite check`, tests).
    case keep
    /// Written into the staging folder of a new site.
    case stage(OutputWriter)
    /// Compared with the file already in the output folder; kept only when it differs.
    case compare(OutputWriter)

    /// Takes a rendered page; returns its bytes if they must still be written, and the stamp
    /// of its file when the file is already right.
    func take(_ path: String, _ page: [UInt8]) throws(OutputWriter.WriteError) -> (pending: [UInt8]?, stamp: SourceCache.Stamp?) {
        switch self {
        case .keep:
            return (page, nil)
        case .stage(let writer):
            // withUnsafeBytes rethrows untyped errors: the result carries the typed one out.
            let written = page.withUnsafeBytes { bytes in
                Result { () throws(OutputWriter.WriteError) in try writer.writeStaged(path, bytes) }
            }
            return (nil, try written.get())
        case .compare(let writer):
            if let stamp = page.withUnsafeBytes({ writer.stampIfMatching(path, $0) }) { return (nil, stamp) }
            return (page, nil)
        }
    }
}
