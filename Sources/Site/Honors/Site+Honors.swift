import Foundation

/// One honor title and everyone who received it.
public struct HonorGroup: Sendable {
    /// The most used spelling of the title.
    public var title: String
    public var slug: String
    /// The level most of its records give.
    public var level: HonorLevel
    /// Who received it and when: newest year first, records without a year last.
    public var recipients: [(honoree: Int, year: Int?)]
}

/// The honor roll, grouped the ways readers look for it.
public struct HonorRoll: Sendable {
    public var honors: [HonorGroup] = []
    /// Year → (honoree, index of the honor group), newest year first.
    public var years: [(year: Int, records: [(honoree: Int, honor: Int)])] = []
    /// Records with no year (年份不详).
    public var undated: [(honoree: Int, honor: Int)] = []
    /// Honoree index → the articles (indices) that mention them, newest first.
    public var mentionedIn: [[Int]] = []
    /// Folded honor title (`ScriptFolder.key`) → index into `honors`.
    public var honorOfKey: [String: Int] = [:]
}

extension SiteBuilder {
    /// Gives every honoree a slug: an explicit `slug:` (two equal ones are an error), else the
    /// pinyin of the name, with -2, -3 … for namesakes in file order.
    func assignHonoreeSlugs(_ honorees: inout [Honoree], slugger: Slugger) -> [Diagnostic] {
        honorees.sort { $0.file < $1.file }
        var table = SlugTable()
        var diagnostics: [Diagnostic] = []
        for i in honorees.indices {
            guard let s = honorees[i].explicitSlug else { continue }
            if let other = table.claimExplicit(s, file: Diagnostic.place(honorees[i].file, honorees[i].slugSpot)) {
                diagnostics.append(.slugTaken(s, file: honorees[i].file, at: honorees[i].slugSpot, by: other,
                                              advice: "two honorees cannot share a URL; change one `slug:`"))
            }
            honorees[i].slug = s
        }
        for i in honorees.indices where honorees[i].explicitSlug == nil {
            honorees[i].slug = table.claimDerived(slugger.slug(honorees[i].name))
        }
        return diagnostics
    }

    /// Groups every honor record by title, by year and by level, and lists the articles that
    /// mention each honoree. `memo` (kept by a long-lived build) gives the last grouping again
    /// when the honorees' names and honors and `config`, site.yml's fingerprint, are the same.
    func assembleHonorRoll(honorees: [Honoree], articles: [Article], slugger: Slugger, folder: ScriptFolder,
                           memo: AssemblyMemo? = nil, config: Int = 0) -> HonorRoll {
        let group = { groupHonors(honorees, slugger: slugger, folder: folder) }
        var roll = memo?.roll(.init(honorees, config: config), group) ?? group()
        // Mentions: articles are newest first already.
        roll.mentionedIn = Array(repeating: [], count: honorees.count)
        for (a, article) in articles.enumerated() {
            for h in article.mentions where h < honorees.count { roll.mentionedIn[h].append(a) }
        }
        return roll
    }

    /// The roll without its mentions: the honorees' honors grouped by title, with their years.
    private func groupHonors(_ honorees: [Honoree], slugger: Slugger, folder: ScriptFolder) -> HonorRoll {
        var roll = HonorRoll()
        var groupOfKey: [String: Int] = [:]
        var spellings: [[String: Int]] = []
        var levels: [[HonorLevel: Int]] = []
        var records: [[(Int, Int?)]] = []
        for (h, honoree) in honorees.enumerated() {
            for honor in honoree.honors {
                let key = folder.key(honor.title)
                let g: Int
                if let existing = groupOfKey[key] { g = existing } else {
                    g = spellings.count
                    groupOfKey[key] = g
                    spellings.append([:]); levels.append([:]); records.append([])
                }
                spellings[g][honor.title, default: 0] += 1
                levels[g][honor.level, default: 0] += 1
                records[g].append((h, honor.year))
            }
        }
        func mostUsed<K: Comparable>(_ counts: [K: Int]) -> K? {
            counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
        }
        var groups: [HonorGroup] = []
        for g in spellings.indices {
            let recipients = records[g].sorted { a, b in
                switch (a.1, b.1) {
                case let (x?, y?) where x != y: return x > y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return honorees[a.0].name < honorees[b.0].name
                }
            }.map { (honoree: $0.0, year: $0.1) }
            groups.append(HonorGroup(title: mostUsed(spellings[g]) ?? "", slug: "", level: mostUsed(levels[g]) ?? .county,
                                     recipients: recipients))
        }
        // Highest level first, then most recipients, then title; slugs claimed in that order.
        let order = groups.indices.sorted { a, b in
            let x = groups[a], y = groups[b]
            if x.level != y.level { return x.level < y.level }
            if x.recipients.count != y.recipients.count { return x.recipients.count > y.recipients.count }
            return x.title < y.title
        }
        var slugs = SlugTable()
        _ = slugs.claimExplicit("years", file: "(the honor roll)")
        var finalIndex = Array(repeating: 0, count: groups.count)
        for g in order {
            var group = groups[g]
            group.slug = slugs.claimDerived(slugger.slug(group.title))
            finalIndex[g] = roll.honors.count
            roll.honors.append(group)
        }
        roll.honorOfKey = groupOfKey.mapValues { finalIndex[$0] }
        // By year.
        var byYear: [Int: [(honoree: Int, honor: Int)]] = [:]
        for (g, group) in roll.honors.enumerated() {
            for r in group.recipients {
                if let y = r.year { byYear[y, default: []].append((r.honoree, g)) } else { roll.undated.append((r.honoree, g)) }
            }
        }
        roll.years = byYear.keys.sorted(by: >).map { y in
            (y, (byYear[y] ?? []).sorted { a, b in
                let la = roll.honors[a.honor].level, lb = roll.honors[b.honor].level
                return la != lb ? la < lb : honorees[a.honoree].name < honorees[b.honoree].name
            })
        }
        roll.undated.sort { honorees[$0.honoree].name < honorees[$1.honoree].name }
        return roll
    }
}
