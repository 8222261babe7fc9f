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
    /// of its file when the file is already right. The bytes are copied only to be kept.
    func take(_ path: String, _ page: UnsafeBufferPointer<UInt8>) throws(OutputWriter.WriteError) -> (pending: [UInt8]?, stamp: SourceCache.Stamp?) {
        switch self {
        case .keep:
            return (Array(page), nil)
        case .stage(let writer):
            return (nil, try writer.writeStaged(path, UnsafeRawBufferPointer(page)))
        case .compare(let writer):
            if let stamp = writer.stampIfMatching(path, UnsafeRawBufferPointer(page)) { return (nil, stamp) }
            return (Array(page), nil)
        }
    }
}
