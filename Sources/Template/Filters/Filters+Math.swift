import Foundation

extension StandardFilters {
    /// Math filters.
    static let math: [String: FilterFunction] = [:]
}
