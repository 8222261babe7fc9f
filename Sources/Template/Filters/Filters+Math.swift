import Foundation

extension StandardFilters {
    /// Math filters: `plus`, `minus`, `times`, `divided_by`, `modulo`, `round`, `ceil`,
    /// `floor`, `abs`, `at_least`, `at_most`.
    ///
    /// Operands go through `Utils.to_number` (numeric strings parse, anything else is 0) and
    /// keep Ruby's int/float distinction: int with int is an int, anything with a float is a float.
    static let math: [String: FilterFunction] = [
        "plus": binary("plus") { a, b in a + b },
        "minus": binary("minus") { a, b in a - b },
        "times": binary("times") { a, b in a * b },
        "divided_by": binary("divided_by") { a, b throws(FilterError) in try a.divided(by: b) },
        "modulo": binary("modulo") { a, b throws(FilterError) in try a.modulo(b) },
        "round": { input, call throws(FilterError) in
            try call.expect(0, 1, filter: "round")
            // Ruby's NUM2INT truncates a float argument: `round: 1.2` rounds to 1 digit.
            let digits = call[0].map { $0.toNumber.toInteger(.towardZero) } ?? .int(0)
            guard case .int(let n) = digits else { return input.toNumber.rounded(0).value }
            return input.toNumber.rounded(n).value
        },
        "ceil": unary("ceil") { $0.toInteger(.up) },
        "floor": unary("floor") { $0.toInteger(.down) },
        "abs": unary("abs") { $0.magnitude },
        "at_least": binary("at_least") { a, b in a < b ? b : a },
        "at_most": binary("at_most") { a, b in b < a ? b : a },
    ]

    private static func unary(_ name: String, _ op: @escaping @Sendable (LiquidNumber) -> LiquidNumber) -> FilterFunction {
        { input, call throws(FilterError) in
            try call.expect(0, filter: name)
            return op(input.toNumber).value
        }
    }

    private static func binary(
        _ name: String,
        _ op: @escaping @Sendable (LiquidNumber, LiquidNumber) throws(FilterError) -> LiquidNumber
    ) -> FilterFunction {
        { input, call throws(FilterError) in
            try call.expect(1, filter: name)
            return try op(input.toNumber, call.arguments[0].toNumber).value
        }
    }
}
