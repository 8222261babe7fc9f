import Foundation

/// Room for `capacity` values in memory mapped for it alone, with huge pages advised where the
/// system has them. The index holds every occurrence of every term, twice, a few hundred
/// megabytes at ten thousand articles: faulting that in 4 KB pages took the kernel about as
/// long as the index took to fill them. Pages are touched only as they are written.
final class LargeBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let capacity: Int
    private let mapping: UnsafeMutableRawPointer?
    private let size: Int

    init(capacity: Int) {
        let huge = 2 << 20
        self.capacity = max(1, capacity)
        // A huge page more than needed, for the start to fall on one.
        size = (self.capacity * MemoryLayout<Element>.stride + 2 * huge - 1) / huge * huge
        let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        if let mapped, mapped != MAP_FAILED {
            mapping = mapped
            let start = (Int(bitPattern: mapped) + huge - 1) & ~(huge - 1)
            #if os(Linux)
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), size - (start - Int(bitPattern: mapped)), MADV_HUGEPAGE)
            #endif
            base = UnsafeMutableRawPointer(bitPattern: start)!.bindMemory(to: Element.self, capacity: self.capacity)
        } else {
            // No mapping: ordinary memory does as well, only slower.
            mapping = nil
            base = .allocate(capacity: self.capacity)
        }
    }

    deinit {
        if let mapping { munmap(mapping, size) } else { base.deallocate() }
    }
}
