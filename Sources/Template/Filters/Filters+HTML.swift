import Foundation

extension StandardFilters {
    /// HTML filters.
    static let html: [String: FilterFunction] = [:]
}
