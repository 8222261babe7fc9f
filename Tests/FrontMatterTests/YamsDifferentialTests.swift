import Foundation
import Testing
import Yams
@testable import FrontMatter

// The front matter parser against a real YAML parser, on documents in the subset both read:
// ASCII colons, no full-width separators, no Chinese-only features. Values are compared as
// text (Yams' `compose` gives each scalar's text untyped, like our parser), in file order, with
// the location of every key and value; `Yams.load`'s typing (int, bool, timestamp, null) is then
// checked against our typed accessors.

let sharedSubset: [String] = [
    "title: 太仓市总工会\n",
    "title: plain text with spaces\ndate: 2023-09-01\nyear: 2019\ndraft: false\n",
    "source: 工人日报:北京\ntime: 14:07\nurl: http://example.com/a?b=c#frag\n",
    "title: 会议 # a comment\nnote: 第#1号\n",
    "title: 'It''s single'\nother: \"double \\\"quoted\\\" \\\\ \\n \\t \\u4E2D\"\n",
    "title: \"a # b: c\"\nempty: \"\"\nsq: ''\n",
    "tags: [劳模, 工匠, \"c, d\", 'e']\n",
    "tags: []\nmap: {}\n",
    "tags: [a, b,]\n",
    "tags: [a,\n  b,\n  c]\nnext: 1\n",
    "x: [[a, b], {k: v}, \"q\"]\n",
    "honor: {title: 全国五一劳动奖章, year: 2019, level: national}\n",
    "tags:\n  - 劳模\n  - 工匠\n",
    "tags:\n- 劳模\n- 工匠\ntitle: x\n",
    "tags:\n    - four\n    - spaces\n",
    """
    name: 汪龙林
    kind: person
    honors:
      - title: 江阴工匠
        year: 2019
        level: county
      - title: 县五一劳动奖章
        level: county
    tags: [技能人才, 農民工]

    """,
    "honors:\n- title: a\n  year: 2019\n- title: b\n",
    "honors:\n  - {title: X, year: 2019}\n  - {title: Y}\n",
    "x:\n  - a: 1\n    b:\n      - c\n      - d\n    e: 2\n",
    "x:\n  -\n    a: 1\n    b: 2\n",
    "x:\n  - - a\n    - b\n  - c\n",
    "cover:\ntitle: x\n",
    "a: ~\nb: null\nc: NULL\nd: \"null\"\ne: nullable\n",
    "x:\n  -\n  - a\n",
    "# leading comment\n\ntitle: x\n  # indented comment\n\n# another\ndate: y\n",
    "summary: |\n  line one\n  line two\n\n  line four\ntitle: x\n",
    "summary: |-\n  a\n  b\n\n",
    "summary: |+\n  a\n\n\nx: 1\n",
    "summary: >\n  folded\n  text\n\n  next\n",
    "s: >\n  a\n    more\n  c\n",
    "s: >-\n  a\n  b\n",
    "s: |\n  # not a comment\n  text: not a key\n",
    "s: |2\n    a\n  b\n",
    "summary: first line\n  second line\n\n  after blank\ntitle: x\n",
    "summary:\n  on the next line\ntitle: x\n",
    "meta:\n  a: 1\n  b:\n    c: 2\nd: 3\n",
    "\"quoted key\": v\n'single key': w\n",
    "  title: x\n  date: y\n",
    "title:\tx\n",
    "n: -5\nf: 1.5\nz: 0\nbig: 12345678901\n",
    "b1: true\nb2: False\nb3: yes\nb4: NO\n",
    "d1: 2023-09-01\nd2: 2001-12-14t21:59:43.10-05:00\nd3: 2001-12-14 21:59:43.10 -5\nd4: 2023-09-01T14:07:00Z\n",
    "d5: 2023-09-01 14:07\nd6: 2023/9/1\n",
    "title: 专访:劳模张三\nlist: [工人日报:北京, http://x.y/z]\n",
    "title: x\r\ntags:\r\n  - a\r\n  - b\r\n",
    "a: 'multi '' quotes '' here'\nb: \"\\x41\\u00e9\\U0001F600\"\n",
    "tags: [a, b] # trailing comment\nmap: {a: 1} # another\n",
    "deep:\n  a:\n    b:\n      c: [1, 2]\n",
    // Line breaks between ASCII words: between two Chinese characters we join with nothing, as YAML does not.
    "title: \"第一行 one\n  two 第二行  \n\n  第四行\"\nnext: x\n",
    "title: 'single\n  over lines'\n",
    "s: \"joined\\\n  here, kept \\t \n  end\"\n",
    "tags: &t [甲, 乙]\nkeywords: *t\n",
    "base: &b\n  a: 1\ncopy: *b\nlist: [*b, x]\n",
    "b5: on\nb6: OFF\nb7: Yes\n",
]

/// Yams' node without locations, null resolved the way YAML's core schema does.
private func yamsPlain(_ node: Yams::Node) -> P {
    switch node {
    case .scalar(let s):
        return node.null != nil ? .null : .s(s.string)
    case .mapping(let mapping):
        return .m(mapping.map { P.Pair(key: $0.key.scalar?.string ?? "<complex key>", value: yamsPlain($0.value)) })
    case .sequence(let seq):
        return .l(seq.map(yamsPlain))
    case .alias:
        return .s("<alias>")
    }
}

/// Every scalar's text and start, keys and values, in document order.
private func yamsScalarMarks(_ node: Yams::Node, into out: inout [String]) {
    switch node {
    case .scalar(let s):
        if node.null == nil, let mark = s.mark { out.append("\(s.string)@\(mark.line):\(mark.column)") }
    case .mapping(let mapping):
        for (k, v) in mapping {
            yamsScalarMarks(k, into: &out)
            yamsScalarMarks(v, into: &out)
        }
    case .sequence(let seq):
        for item in seq { yamsScalarMarks(item, into: &out) }
    case .alias:
        break
    }
}

private func ourScalarMarks(_ node: FrontMatter::Node, into out: inout [String]) {
    switch node {
    case .scalar(let s): out.append("\(s.text)@\(s.location.line):\(s.location.column)")
    case .map(let mapping, _):
        for e in mapping.entries {
            out.append("\(e.key)@\(e.keyLocation.line):\(e.keyLocation.column)")
            ourScalarMarks(e.value, into: &out)
        }
    case .list(let items, _):
        for item in items { ourScalarMarks(item, into: &out) }
    case .null:
        break
    }
}

@Test(arguments: sharedSubset)
func agreesWithYams(_ yaml: String) throws {
    let ours = parseBlock(yaml, firstLine: 1)
    #expect(ours.errors.map(E.init) == [])
    let theirs = try #require(try Yams.compose(yaml: yaml))
    #expect(ours.mapping.plain == yamsPlain(theirs))

    var ourMarks: [String] = []
    ourScalarMarks(.map(ours.mapping, SourceLocation(line: 1, column: 1)), into: &ourMarks)
    var yamsMarks: [String] = []
    yamsScalarMarks(theirs, into: &yamsMarks)
    #expect(ourMarks == yamsMarks)

    let loaded = try Yams.load(yaml: yaml)
    try checkTyping(FrontMatter::Node.map(ours.mapping, SourceLocation(line: 1, column: 1)), loaded, path: "")
}

@Test func sharedSubsetIsLargeEnough() {
    #expect(sharedSubset.count >= 40)
}

/// Where Yams types a value, our accessor for that type must agree.
private func checkTyping(_ node: FrontMatter::Node, _ any: Any?, path: String) throws {
    switch (node, any) {
    case (.map(let mapping, _), let dict as [AnyHashable: Any]):
        #expect(mapping.count == dict.count, "\(path)")
        for e in mapping.entries { try checkTyping(e.value, dict[AnyHashable(e.key)], path: path + "." + e.key) }
    case (.list(let items, _), let array as [Any]):
        #expect(items.count == array.count, "\(path)")
        for (n, pair) in zip(items, array).enumerated() { try checkTyping(pair.0, pair.1, path: path + "[\(n)]") }
    case (.null, let value):
        #expect(value == nil || value is NSNull, "\(path)")
    case (.scalar(let s), let text as String):
        #expect(s.text == text, "\(path)")
    case (.scalar(let s), let int as Int):
        // Yams also reads 0x1F, 1_000 and 14:07 (base 60) as ints; we read decimal only.
        if s.text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) {
            #expect(try node.int(for: path) == int, "\(path)")
        }
    case (.scalar(let s), let bool as Bool):
        if ["true", "false", "yes", "no", "on", "off"].contains(s.text.lowercased()) {
            #expect(try node.bool(for: path) == bool, "\(path)")
        }
    case (.scalar, let date as Date):
        let utc = TimeZone(secondsFromGMT: 0) ?? .gmt
        let ours = try node.date(for: path, timeZone: utc)
        #expect(abs(ours.timeIntervalSince(date)) < 0.001, "\(path)")
    case (.scalar, is Double):
        break
    default:
        Issue.record("shape differs at \(path): \(node) vs \(String(describing: any))")
    }
}

// MARK: - Documents written the way gen_corpus.py writes them

/// gen_corpus.py's `yscalar`: plain where that is safe, else double-quoted with `\\` and `\"`.
func yscalar(_ s: String) -> String {
    let badStart = Set("-?:,[]{}#&*!|>'\"%@`~= ")
    let lower = s.lowercased()
    let looksTyped = !s.isEmpty && s.allSatisfy { "-+0123456789.:TZtz ".contains($0) }
        || ["true", "false", "yes", "no", "on", "off", "null", "~"].contains(lower)
    let need = s.isEmpty || badStart.contains(s.first ?? " ") || s.last == " " || s.contains(": ")
        || s.contains(" #") || s.hasSuffix(":") || s.contains("\t") || s.contains("\n") || looksTyped
    guard need else { return s }
    return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// gen_corpus.py's `yflow`.
func yflow(_ items: [String]) -> String {
    "[" + items.map { s in
        s.contains(where: { ",[]{}".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : yscalar(s)
    }.joined(separator: ", ") + "]"
}

/// Values of the kinds the corpus holds, and the characters that force quoting.
let trickyValues: [String] = [
    "太仓市：工会送清凉 防暑保安康", "泰兴市：喜迎十九大:“改革創新無止境”", "专访: 劳模张三", "会议 #1", "第#1号",
    "- 开头", "-5", "?问", ":冒号", ",逗号", "[方括号]", "{花括号}", "#井号", "&锚", "*星", "!叹", "|竖", ">大于",
    "'单引'", "\"双引\"", "%百分", "@艾特", "`反引`", "~", "=等", " 前空格", "尾空格 ", "结尾冒号:", "制表\t符",
    "2019", "1.5", "14:07", "2023-09-01", "2023-09-01 14:07", "true", "False", "yes", "NO", "on", "off", "null",
    "Null", "", "反斜杠\\路径", "引号\"中间\"", "中国梦·劳动美", "“理响工会”直播间", "a: b: c",
    "http://example.com/a?b=c#d", "5%", "工人日报:北京", "江阴工匠", "全国五一劳动奖章", "C:\\path", "x # y", "T",
    "+8", ".5", "0x1F", "1_000", "赣州市：堅持“分門別類、行業引領”,實現基層工會成員應入盡入", "It's",
]

@Test(arguments: trickyValues)
func generatedScalarsRoundTrip(_ value: String) throws {
    let yaml = "title: \(yscalar(value))\n"
    let ours = parseBlock(yaml)
    #expect(ours.errors.map(E.init) == [])
    #expect(ours.mapping["title"]?.scalar?.text == value)
    let theirs = try #require(try Yams.compose(yaml: yaml))
    #expect(theirs.mapping?["title"]?.scalar?.string == value)
}

@Test func generatedFlowListsRoundTrip() throws {
    // Flow items are never escaped for backslashes by the generator: leave those out.
    let items = trickyValues.filter { !$0.contains("\\") }
    for start in stride(from: 0, to: items.count, by: 5) {
        let chunk = Array(items[start..<min(start + 5, items.count)])
        let yaml = "tags: \(yflow(chunk))\n"
        let ours = parseBlock(yaml)
        #expect(ours.errors.map(E.init) == [], "\(yaml)")
        #expect(try ours.mapping["tags"]?.strings(for: "tags") == chunk, "\(yaml)")
        let theirs = try #require(try Yams.compose(yaml: yaml))
        #expect(theirs.mapping?["tags"]?.sequence?.map { $0.scalar?.string ?? "<not text>" } == chunk, "\(yaml)")
    }
}
