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
    /// of its file when the file is already right. The text's UTF-8 is written or compared in
    /// place: a copy of each page into an array is made only for a page still to be written.
    func take(_ path: String, _ text: String) throws(OutputWriter.WriteError) -> (pending: [UInt8]?, stamp: SourceCache.Stamp?) {
        var text = text
        let taken = text.withUTF8 { utf8 -> Result<(pending: [UInt8]?, stamp: SourceCache.Stamp?), OutputWriter.WriteError> in
            switch self {
            case .keep:
                return .success((Array(utf8), nil))
            case .stage(let writer):
                return Result { () throws(OutputWriter.WriteError) in (nil, try writer.writeStaged(path, UnsafeRawBufferPointer(utf8))) }
            case .compare(let writer):
                if let stamp = writer.stampIfMatching(path, UnsafeRawBufferPointer(utf8)) { return .success((nil, stamp)) }
                return .success((Array(utf8), nil))
            }
        }
        return try taken.get()
    }
}
