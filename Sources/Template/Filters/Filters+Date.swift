import Foundation

extension StandardFilters {
    /// Date filters.
    static let date: [String: FilterFunction] = [:]
}
