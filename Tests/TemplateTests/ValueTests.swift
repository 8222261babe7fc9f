import Testing
@testable import Template

@Test func truthinessFollowsLiquid() {
    #expect(Value.string("").isTruthy)
    #expect(Value.int(0).isTruthy)
    #expect(!Value.nil.isTruthy)
    #expect(!Value.bool(false).isTruthy)
}

@Test func objectsKeepKeyOrder() {
    let o = Object([("b", 1), ("a", 2), ("c", 3)])
    #expect(o.keys == ["b", "a", "c"])
}
