/// The chart of honors per year and level on /honors/: inline SVG, no JavaScript.
///
/// Each year is a stacked bar, one segment per level. Levels are told apart by pattern as
/// well as colour (solid, hatched, dotted, open), every bar carries its total, and the SVG has
/// a title and description, so the chart reads without colour and with a screen reader.
enum HonorChart {
    static let fills: [HonorLevel: String] = [
        .national: "#b3001b", .provincial: "url(#hatch)", .municipal: "url(#dots)", .county: "#ffffff",
    ]

    static func svg(roll: HonorRoll, yearURL: (Int) -> String) -> String {
        let years = roll.years.map(\.year).sorted()
        guard !years.isEmpty else { return "" }
        var counts: [Int: [HonorLevel: Int]] = [:]
        for y in roll.years {
            for r in y.records { counts[y.year, default: [:]][roll.honors[r.honor].level, default: 0] += 1 }
        }
        let maxTotal = max(1, counts.values.map { $0.values.reduce(0, +) }.max() ?? 1)
        let barWidth = 28, gap = 12, left = 36, top = 24, plotHeight = 160
        let width = max(left + years.count * (barWidth + gap) + 8, left + HonorLevel.allCases.count * 64 + 8)
        let height = top + plotHeight + 64
        // A group, not an img: each year's bars are a link, and an img's children are presentational.
        var s = "<svg class=\"honor-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"group\" aria-labelledby=\"chart-title chart-desc\">"
        s += "<title id=\"chart-title\">各年度荣誉数量（按级别）</title>"
        let desc = years.map { y in
            let c = counts[y] ?? [:]
            return "\(y)年 \(c.values.reduce(0, +)) 项（" + HonorLevel.allCases.compactMap { l in c[l].map { "\(l.label)\($0)" } }.joined(separator: "、") + "）"
        }.joined(separator: "；")
        s += "<desc id=\"chart-desc\">\(escape(desc))</desc>"
        s += "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f4c7cc\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b3001b\" stroke-width=\"2.5\"/></pattern>"
        s += "<pattern id=\"dots\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><circle cx=\"3\" cy=\"3\" r=\"1.4\" fill=\"#5a5a5a\"/></pattern></defs>"
        s += "<line x1=\"\(left - 4)\" y1=\"\(top + plotHeight)\" x2=\"\(width - 4)\" y2=\"\(top + plotHeight)\" stroke=\"#333\"/>"
        for (i, y) in years.enumerated() {
            let x = left + i * (barWidth + gap)
            let c = counts[y] ?? [:]
            let total = c.values.reduce(0, +)
            var yTop = top + plotHeight
            s += "<a href=\"\(escape(yearURL(y)))\">"
            for level in HonorLevel.allCases {
                guard let n = c[level], n > 0 else { continue }
                let h = max(2, n * plotHeight / maxTotal)
                yTop -= h
                s += "<rect x=\"\(x)\" y=\"\(yTop)\" width=\"\(barWidth)\" height=\"\(h)\" fill=\"\(fills[level] ?? "#fff")\" stroke=\"#333\" stroke-width=\"1\"><title>\(y)年 \(level.label) \(n) 项</title></rect>"
            }
            s += "<text x=\"\(x + barWidth / 2)\" y=\"\(yTop - 5)\" text-anchor=\"middle\" font-size=\"12\">\(total)</text>"
            s += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\" font-size=\"11\">\(y)</text></a>"
        }
        // Legend.
        var lx = left
        let ly = top + plotHeight + 34
        for level in HonorLevel.allCases {
            s += "<rect x=\"\(lx)\" y=\"\(ly)\" width=\"14\" height=\"14\" fill=\"\(fills[level] ?? "#fff")\" stroke=\"#333\"/>"
            s += "<text x=\"\(lx + 18)\" y=\"\(ly + 12)\" font-size=\"12\">\(level.label)</text>"
            lx += 64
        }
        s += "</svg>"
        return s
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
