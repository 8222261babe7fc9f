import Foundation

/// A filter: takes the piped-in value and the call's arguments, returns the new value.
public typealias FilterFunction = @Sendable (Value, FilterCall) throws(FilterError) -> Value

/// The arguments of one filter call as written in the template: `x | f: a, b, key: c`.
public struct FilterCall: Sendable {
    /// Positional arguments, evaluated, in order.
    public var arguments: [Value]
    /// Keyword arguments (`allow_false: true`), evaluated, in order.
    public var keywords: [(String, Value)]
    /// The time zone `date` renders in.
    public var timeZone: TimeZone

    public init(arguments: [Value] = [], keywords: [(String, Value)] = [], timeZone: TimeZone = .current) {
        self.arguments = arguments
        self.keywords = keywords
        self.timeZone = timeZone
    }

    /// Positional argument `i`, or nil when absent.
    public subscript(i: Int) -> Value? {
        // Not `cond ? arguments[i] : nil`: Value is ExpressibleByNilLiteral, so that `nil`
        // would be `Value.nil`, and a missing argument would look like an undefined one.
        guard i < arguments.count else { return Optional<Value>.none }
        return arguments[i]
    }

    /// The keyword argument `name`, or nil when absent.
    public func keyword(_ name: String) -> Value? { keywords.first { $0.0 == name }?.1 }

    /// Fails unless the call has between `min` and `max` positional arguments.
    public func expect(_ min: Int, _ max: Int? = nil, filter: String) throws(FilterError) {
        let max = max ?? min
        guard arguments.count >= min, arguments.count <= max else {
            let want = min == max ? "\(min)" : "\(min) to \(max)"
            throw FilterError("expects \(want) argument\(max == 1 ? "" : "s"), got \(arguments.count)")
        }
    }
}

/// Why a filter could not run; the renderer adds the template location.
public struct FilterError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The filters a template may use, by name.
public struct FilterSet: Sendable {
    public var table: [String: FilterFunction]

    public init(_ table: [String: FilterFunction] = [:]) { self.table = table }

    /// Adds or replaces one filter.
    public mutating func register(_ name: String, _ function: @escaping FilterFunction) {
        table[name] = function
    }

    /// Every filter of the engine: Liquid's standard set plus `safe`, `json` and `slugify`-free
    /// site-neutral extras. Sites add their own with `register`.
    public static let standard: FilterSet = {
        var set = FilterSet()
        for family in [StandardFilters.string, StandardFilters.html, StandardFilters.array,
                       StandardFilters.math, StandardFilters.date, StandardFilters.misc] {
            set.table.merge(family) { _, new in new }
        }
        return set
    }()
}

/// Namespace for the built-in filter families (one file each).
public enum StandardFilters {}
