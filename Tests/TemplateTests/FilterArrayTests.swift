import Foundation
import Testing
@testable import Template

let arrayCases: [FilterCase] = [
    FilterCase("size", "劳模风采", is: .exactly(4)),
    FilterCase("size", "👍🏽", is: .exactly(1)),
    FilterCase("size", [1, 2, 3], is: .exactly(3)),
    FilterCase("size", ["a": 1, "b": 2], is: .exactly(2)),
    FilterCase("size", .range(1, 5), is: .exactly(5)),
    FilterCase("size", .nil, is: .exactly(0)),
    FilterCase("join", ["a", "b", 1], ["#"], is: .exactly("a#b#1")),
    FilterCase("join", ["a", "b"], is: "a b"),
    FilterCase("join", ["a", "b"], [.nil], is: "ab"),
    FilterCase("join", [["a", ["b"]], "c"], [","], is: "a,b,c"),
    FilterCase("join", .range(1, 3), ["#"], is: "1#2#3"),
    FilterCase("join", "a,b", ["#"], is: "a,b"),
    FilterCase("join", [.safe("<b>"), "<i>"], [" & "], is: .exactly(.safe("<b> &amp; &lt;i&gt;"))),
    FilterCase("first", ["a", "b"], is: .exactly("a")),
    FilterCase("first", [], is: .exactly(.nil)),
    FilterCase("first", ["b": 1, "c": 2], is: .exactly(["b", 1])),
    FilterCase("first", .range(4, 6), is: .exactly(4)),
    FilterCase("first", "hello", is: .exactly(.nil)),
    FilterCase("last", ["a", "b"], is: .exactly("b")),
    FilterCase("last", ["b": 1], is: .exactly(.nil)),
    FilterCase("last", .range(4, 6), is: .exactly(6)),
    FilterCase("reverse", ["a", "b", [1, 2]], is: .exactly([2, 1, "b", "a"])),
    FilterCase("reverse", 123, is: .exactly([123])),
    FilterCase("sort", [1, 1000, 3, 30], is: .exactly([1, 3, 30, 1000])),
    FilterCase("sort", [2.5, 1, 2], is: .exactly([1, 2, 2.5])),
    FilterCase("sort", ["b", "a", "C", "B", "A", "劳"], is: .exactly(["A", "B", "C", "a", "b", "劳"])),
    FilterCase("sort", ["b", .nil, "a"], is: .exactly(["a", "b", .nil])),
    FilterCase("sort", [1, "4"], is: .failsWith("cannot sort values of incompatible types (a string and an integer)")),
    FilterCase("sort", Fixtures.people, ["name"], is: .exactly([Fixtures.people.items[2], Fixtures.people.items[0], Fixtures.people.items[1]])),
    FilterCase("sort", Fixtures.people, ["age"], is: .exactly([Fixtures.people.items[1], Fixtures.people.items[0], Fixtures.people.items[2]])),
    FilterCase("sort", [["t": "b"], ["x": 1], ["t": "a"]], ["t"], is: .exactly([["t": "a"], ["t": "b"], ["x": 1]])),
    FilterCase("sort", [1, 2], ["t"], is: .fails),
    FilterCase("sort", [["t": 1], .nil], ["t"], is: .exactly(.nil)),
    FilterCase("sort_natural", ["b", "a", "C", "B", "A"], is: .exactly(["a", "A", "b", "B", "C"])),
    FilterCase("sort_natural", [.nil, "b", "a"], is: .exactly(["a", "b", .nil])),
    FilterCase("sort_natural", Fixtures.people, ["name"], is: .exactly([Fixtures.people.items[1], Fixtures.people.items[2], Fixtures.people.items[0]])),
    FilterCase("sort_natural", [["t": 9], ["t": 1111], ["t": 87]], ["t"], is: .exactly([["t": 1111], ["t": 87], ["t": 9]])),
    FilterCase("uniq", ["a", "b", "b", "a", 1, 1.0, 1], is: .exactly(["a", "b", 1, 1.0])),
    FilterCase("uniq", [["a": 1], ["a": 1], [1, 1]], is: .exactly([["a": 1], 1])),
    FilterCase("uniq", Fixtures.people, ["award"], is: .exactly(Fixtures.people)),
    FilterCase("uniq", [["k": 1, "n": "x"], ["k": 1, "n": "y"]], ["k"], is: .exactly([["k": 1, "n": "x"]])),
    FilterCase("compact", ["a", .nil, "b", .nil], is: .exactly(["a", "b"])),
    FilterCase("compact", Fixtures.people, ["award"], is: .exactly([Fixtures.people.items[0], Fixtures.people.items[1]])),
    FilterCase("map", Fixtures.people, ["name"], is: .exactly(["Zhang", "chen", "Li"])),
    FilterCase("map", Fixtures.people, ["award"], is: .exactly([true, false, .nil])),
    FilterCase("map", ["title": "foo"], ["title"], is: .exactly(["foo"])),
    FilterCase("map", [["t": 1], [["t": 2]]], ["t"], is: .exactly([1, 2])),
    FilterCase("map", [["t": 1], 5], ["t"], is: .failsWith("cannot select the property 't' of an integer")),
    FilterCase("map", [["t": 1], .nil, true], ["t"], is: .exactly([1, .nil, .nil])),
    FilterCase("map", Fixtures.people, is: .fails),
    FilterCase("where", Fixtures.people, ["award"], is: .exactly([Fixtures.people.items[0]])),
    FilterCase("where", Fixtures.people, ["award", false], is: .exactly([Fixtures.people.items[1]])),
    FilterCase("where", Fixtures.people, ["age", 51], is: .exactly([Fixtures.people.items[2]])),
    FilterCase("where", Fixtures.people, ["age", 51.0], is: .exactly([Fixtures.people.items[2]])),
    FilterCase("where", Fixtures.people, ["age", "51"], is: .exactly([])),
    FilterCase("where", Fixtures.people, ["name", .nil], is: .exactly(Fixtures.people)),
    FilterCase("where", [["t": 1], .nil], ["t"], is: .exactly(.nil)),
    FilterCase("where", 123, ["t"], is: .fails),
    FilterCase("where", .nil, ["t"], is: .exactly([])),
    FilterCase("reject", Fixtures.people, ["award"], is: .exactly([Fixtures.people.items[1], Fixtures.people.items[2]])),
    FilterCase("reject", ["x", "cat", "y"], ["c"], is: .exactly(["x", "y"])),
    FilterCase("concat", ["a", "b"], [["c", "d"]], is: .exactly(["a", "b", "c", "d"])),
    FilterCase("concat", .range(1, 2), [[3]], is: .exactly([1, 2, 3])),
    FilterCase("concat", .nil, [[1]], is: .exactly([1])),
    FilterCase("concat", ["a"], [5], is: .failsWith("the argument must be an array, not an integer")),
    FilterCase("concat", ["a"], [.nil], is: .fails),
    FilterCase("sum", [1, 2, 3], is: .exactly(6)),
    FilterCase("sum", [1, [2, [3]], "4", "0.5"], is: .exactly(10.5)),
    FilterCase("sum", [0.1, 0.2], is: .exactly(0.3)),
    FilterCase("sum", [["k": 1], ["k": "2"], ["x": 3]], ["k"], is: .exactly(3)),
    FilterCase("sum", [1, 2], ["k"], is: .fails),
    FilterCase("sum", [], is: .exactly(0)),
    FilterCase("find", Fixtures.people, ["age", 35], is: .exactly(Fixtures.people.items[1])),
    FilterCase("find", Fixtures.people, ["age", 99], is: .exactly(.nil)),
    FilterCase("find_index", Fixtures.people, ["name", "Li"], is: .exactly(2)),
    FilterCase("find_index", ["x", "zoo"], ["oo"], is: .exactly(1)),
    FilterCase("has", Fixtures.people, ["award"], is: .exactly(true)),
    FilterCase("has", Fixtures.people, ["age", 7], is: .exactly(false)),
    FilterCase("has", ["x", .nil], ["z"], is: .exactly(.nil)),
]

@Test(arguments: arrayCases) func arrayFilters(_ c: FilterCase) throws { try c.check() }

/// A drop with a computed property, to check that property filters ask the drop.
final class AwardDrop: Drop {
    let year: Int
    init(year: Int) { self.year = year }
    func value(forKey key: String) -> Value? { key == "year" ? .int(year) : nil }
    func materialize() -> Value { ["year": .int(year)] }
}

@Test func propertyFiltersReadDrops() throws {
    let drops: Value = [.drop(AwardDrop(year: 2020)), .drop(AwardDrop(year: 2016))]
    let map = try #require(FilterSet.standard.table["map"])
    #expect(identical(try map(drops, FilterCall(arguments: ["year"])), [2020, 2016]))
    let sort = try #require(FilterSet.standard.table["sort"])
    let sorted = try sort(drops, FilterCall(arguments: ["year"]))
    #expect(identical(try map(sorted, FilterCall(arguments: ["year"])), [2016, 2020]))
    let size = try #require(FilterSet.standard.table["size"])
    #expect(identical(try size(.drop(AwardDrop(year: 1)), FilterCall()), 1))
}

/// A list made item by item, counting the items made.
private final class CountingList: ListDrop, @unchecked Sendable {
    let count: Int
    var made: [Int] = []
    init(_ count: Int) { self.count = count }
    func item(at index: Int) -> Value {
        made.append(index)
        return .object(["n": .int(index), "even": .bool(index % 2 == 0), "group": .object(["name": .string(index < 3 ? "a" : "b")])])
    }
}

@Test func aLazyListMakesOnlyTheItemsAPageShows() throws {
    let engine = Engine(source: DictionarySource(["t": "{% for x in list offset: 2 limit: 3 %}{{ x.n }}{% endfor %}|{{ list.size }}|{{ list.first.n }}|{{ list.last.n }}|{{ list[4].n }}|{{ list[-2].n }}|{{ list | first | map: 'n' }}|{{ list | size }}"]))
    let list = CountingList(1000)
    #expect(try engine.render(named: "t", ["list": .drop(list)]) == "234|1000|0|999|4|998|0|1000")
    #expect(list.made.sorted() == [0, 0, 2, 3, 4, 4, 998, 999])
}

@Test func groupByAndDottedPropertiesWorkAsJekyllsDo() throws {
    let engine = Engine(source: DictionarySource(["t": "{% assign g = list | group_by: 'group.name' %}{% for x in g %}{{ x.name }}:{{ x.size }}:{{ x.items | map: 'n' | join: ',' }};{% endfor %}|{{ list | where: 'group.name', 'b' | map: 'n' | join: ',' }}|{{ list | where: 'even' | size }}"]))
    #expect(try engine.render(named: "t", ["list": .drop(CountingList(5))]) == "a:3:0,1,2;b:2:3,4;|3,4|3")
}
