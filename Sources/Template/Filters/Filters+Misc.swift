import Foundation

extension StandardFilters {
    /// Misc filters.
    static let misc: [String: FilterFunction] = [:]
}
