import Foundation

extension StandardFilters {
    /// Array filters.
    static let array: [String: FilterFunction] = [:]
}
