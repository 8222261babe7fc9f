import Foundation

extension StandardFilters {
    /// String filters.
    static let string: [String: FilterFunction] = [:]
}
