#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Template

/// What a page's rendering read of the site that its fingerprint leaves out: the number of
/// articles in each column. Every page has `site.columns`, but most show only their names and
/// URLs (the navigation); the home page's aside (on the 404 page too) and the list of tags show
/// the counts. So a page that did not read a count keeps its output when an article moves to
/// another column, and only those that did are rendered again (`PageJob.countedFingerprint`):
/// at 10,000 articles and the default theme, ~1,300 pages (every page of the home list has the
/// aside) rather than all 16,000.
///
/// Recorded per thread, since each page renders on one thread from start to end: the column
/// values are built once and shared by every page, and they note a read in the reads of
/// whichever page is rendering on the thread that asks.
final class PageReads {
    var columnCounts = false

    /// Runs `body` (one page's rendering) with its reads recorded in a new `PageReads`.
    static func recording<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> (R, PageReads) {
        let reads = PageReads()
        let outer = pthread_getspecific(pageReadsKey)
        pthread_setspecific(pageReadsKey, Unmanaged.passUnretained(reads).toOpaque())
        defer { pthread_setspecific(pageReadsKey, outer) }
        let result = try body()
        return (result, reads)
    }

    /// Notes that the page rendering on this thread read a column's count.
    static func noteColumnCount() {
        guard let p = pthread_getspecific(pageReadsKey) else { return }
        Unmanaged<PageReads>.fromOpaque(p).takeUnretainedValue().columnCounts = true
    }
}

private let pageReadsKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()

/// A column as `site.columns` lists it: `name`, `slug`, `url`, `count`, like the object it
/// stands for, but reading `count` (or the whole column, as a filter, `{{ c }}` or `==` does)
/// is noted in the rendering page's `PageReads`.
final class ColumnValue: Drop {
    let name: Value
    let slug: Value
    let url: Value
    let count: Int

    init(name: String, slug: String, url: String, count: Int) {
        self.name = .string(name)
        self.slug = .string(slug)
        self.url = .string(url)
        self.count = count
    }

    func value(forKey key: String) -> Value? {
        switch key {
        case "name": return name
        case "url": return url
        case "slug": return slug
        case "count":
            PageReads.noteColumnCount()
            return .int(count)
        // As an object answers them: its number of keys, its first [key, value] pair.
        case "size": return .int(4)
        case "first": return .array([.string("name"), name])
        default: return nil
        }
    }

    func materialize() -> Value {
        PageReads.noteColumnCount()
        return .object(["name": name, "slug": slug, "url": url, "count": .int(count)])
    }
}
