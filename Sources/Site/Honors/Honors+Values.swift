import Foundation
import Template

/// What the honor-roll templates see (docs/TEMPLATES.md, "Honor roll").
extension ValueBuilder {
    func honoreePath(_ h: Honoree) -> String { "honorees/\(h.slug)/" }
    func honorPath(_ g: HonorGroup) -> String { "honors/\(g.slug)/" }
    func yearPath(_ y: Int) -> String { "honors/years/\(y)/" }

    /// An honoree as lists show them: name, url, kind, unit, region, position, photo.
    func honoreeSummary(_ i: Int) -> Value {
        honoreeSummaries.value(i) { buildHonoreeSummary(i) }
    }

    private func buildHonoreeSummary(_ i: Int) -> Value {
        let h = site.honorees[i]
        return .object(Object(Self.honoreeSummaryLayout, [
            .string(h.name), .string(h.name), .string(url(honoreePath(h))),
            .string(h.kind.rawValue), .string(text(h.kind.label)),
            .string(h.unit), .string(h.position), .string(h.region),
            h.photo.map { .string(photoURL($0, from: h.file)) } ?? .nil,
            image(h.photo, from: h.file, crop: SitePhotos.Crop.portrait.name, alt: h.name),
            images(h.photo, from: h.file, alt: h.name),
            .string(h.summary), params(h.params),
            // Newest first, from the honoree's own file only (no honor page URLs, which depend on
            // the whole roll), so a list's honoree stays one fact of that file.
            .array(h.honors.sorted { ($0.year ?? 0) > ($1.year ?? 0) }.map { honor in
                .object(Object(Self.honorLayout, [
                    .string(honor.title), honor.year.map(Value.int) ?? .nil, .string(honor.year.map(String.init) ?? text("年份不详")),
                    .string(honor.level.rawValue), .string(text(honor.level.label)),
                ]))
            }),
            h.honors.compactMap(\.year).max().map(Value.int) ?? .nil,
        ]))
    }

    // The keys of the honoree values, made once: building them by name hashed every key of
    // every honoree and honor again.
    private static let honoreeSummaryKeys = ["name", "title", "url", "type", "type_label", "unit", "position", "region",
                                             "photo", "photo_image", "images", "summary", "params", "honors", "latest_year"]
    private static let honoreeSummaryLayout = ObjectLayout(honoreeSummaryKeys)
    private static let honorsPosition = honoreeSummaryKeys.firstIndex(of: "honors") ?? 0
    /// A profile: the summary's keys (its `honors` with their pages' URLs), then the profile's own.
    private static let honoreeLayout = ObjectLayout(honoreeSummaryKeys + ["kind", "permalink", "slug", "aka", "tags", "content", "articles"])
    private static let honorLayout = ObjectLayout(["title", "year", "year_label", "level", "level_label"])
    private static let profileHonorLayout = ObjectLayout(["title", "url", "year", "year_label", "year_url", "level", "level_label"])

    func honorSummary(_ g: Int) -> Value {
        let group = site.roll.honors[g]
        return .object([
            "name": .string(group.title), "slug": .string(group.slug), "url": .string(url(honorPath(group))),
            "count": .int(group.recipients.count), "level": .string(group.level.rawValue), "level_label": .string(text(group.level.label)),
        ])
    }

    /// The group index of an honor title (folded as the roll folds them).
    private func groupIndex(of title: String) -> Int? {
        site.roll.honorOfKey[ScriptFolder().key(title)]
    }

    /// The honoree's own page value; `articles`: the list of the articles that mention them.
    func honoree(_ i: Int, articles: Value) -> Value {
        guard case .object(let summary) = honoreeSummary(i), summary.count == Self.honoreeSummaryKeys.count else { return .nil }
        let h = site.honorees[i]
        var fields = (0..<summary.count).map(summary.value(at:))
        fields[Self.honorsPosition] = .array(h.honors.sorted { ($0.year ?? 0) > ($1.year ?? 0) }.map { honor in
            let g = groupIndex(of: honor.title)
            return .object(Object(Self.profileHonorLayout, [
                .string(honor.title),
                g.map { .string(url(honorPath(site.roll.honors[$0]))) } ?? .nil,
                honor.year.map(Value.int) ?? .nil,
                .string(honor.year.map(String.init) ?? text("年份不详")),
                honor.year.map { .string(url(yearPath($0))) } ?? .nil,
                .string(honor.level.rawValue), .string(text(honor.level.label)),
            ]))
        })
        fields += [
            "honoree", .string(permalink(honoreePath(h))), .string(h.slug), .array(h.aka.map(Value.string)),
            .array(site.tagsOfHonoree[i].map { taxonomy(site.tags[$0], path: tagPath(site.tags[$0])) }),
            .safe(utf8: h.htmlUTF8), articles,
        ]
        return .object(Object(Self.honoreeLayout, fields))
    }

    /// `honor` of honor.html.
    func honorGroup(_ g: Int) -> Value {
        guard case .object(var o) = honorSummary(g) else { return .nil }
        o["recipients"] = .array(site.roll.honors[g].recipients.map { r in
            .object(["honoree": honoreeSummary(r.honoree), "year": r.year.map(Value.int) ?? .nil,
                     "year_label": .string(r.year.map(String.init) ?? text("年份不详")),
                     "year_url": r.year.map { .string(url(yearPath($0))) } ?? .nil])
        })
        return .object(o)
    }

    private func record(_ r: (honoree: Int, honor: Int)) -> Value {
        .object(["honoree": honoreeSummary(r.honoree), "honor": honorSummary(r.honor)])
    }

    /// `year` of honor_year.html.
    func year(_ index: Int) -> Value {
        let y = site.roll.years[index]
        return .object(["year": .int(y.year), "url": .string(url(yearPath(y.year))), "count": .int(y.records.count),
                        "records": .array(y.records.map(record))])
    }

    /// Every honor as honors.html's `honors` lists them (`site.honors`).
    func honors() -> [Value] { site.roll.honors.indices.map(honorSummary) }

    /// `honors`, `years`, `undated`, `levels` and `chart` of honors.html.
    func honorRoll() -> [(String, Value)] {
        let roll = site.roll
        let honors = Value.array(roll.honors.indices.map(honorSummary))
        let years = Value.array(roll.years.map { y in
            .object(["year": .int(y.year), "url": .string(url(yearPath(y.year))), "count": .int(y.records.count)])
        })
        let levels = Value.array(HonorLevel.allCases.compactMap { level in
            let groups = roll.honors.indices.filter { roll.honors[$0].level == level }
            guard !groups.isEmpty else { return nil }
            let count = groups.reduce(0) { $0 + roll.honors[$1].recipients.count }
            return .object(["level": .string(level.rawValue), "label": .string(text(level.label)), "count": .int(count),
                            "honors": .array(groups.map(honorSummary))])
        })
        let people = site.honorees.filter { $0.kind == .person }.count
        return [
            ("honors", honors), ("years", years), ("levels", levels),
            ("undated", .array(roll.undated.map(record))),
            ("totals", .object(["honorees": .int(site.honorees.count), "people": .int(people),
                                "collectives": .int(site.honorees.count - people),
                                "records": .int(roll.honors.reduce(0) { $0 + $1.recipients.count })])),
            ("honorees", .array(site.honorees.indices.sorted { site.honorees[$0].name < site.honorees[$1].name }.map(honoreeSummary))),
            ("chart", .safe(chart(HonorChart.svg(roll: roll, yearURL: { url(yearPath($0)) })))),
        ]
    }

    /// The chart of the honor roll, converted in the mirror.
    private func chart(_ svg: String) -> String {
        guard let mirror else { return svg }
        return String(decoding: mirror.html(Array(svg.utf8)), as: UTF8.self)
    }
}
