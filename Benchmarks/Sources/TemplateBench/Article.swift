// The page every engine renders: one news article in the site layout. The data is defined once
// here, in plain Swift, and each engine's file turns it into the shape that engine reads.

struct Column {
    var name: String
    var url: String
}

struct RelatedArticle {
    var title: String
    var url: String
    /// As front matter gives it: `YYYY-MM-DD HH:MM`, China time.
    var date: String
}

struct Article {
    var title: String
    var url: String
    var date: String
    var author: String
    var editors: [String]
    var source: String
    var column: String
    var tags: [String]
    var summary: String
    var bodyHTML: String
    var related: [RelatedArticle]
}

struct Site {
    var name: String
    var url: String
    var columns: [Column]
}

enum Fixture {
    /// Has an `&`, so every engine's escaping shows in the output.
    static let site = Site(
        name: "中工網 & 工人日報",
        url: "https://www.example.cn",
        columns: [
            Column(name: "首頁", url: "/"),
            Column(name: "中國工會新聞", url: "/news/union/"),
            Column(name: "勞模工匠", url: "/news/models/"),
            Column(name: "職工維權", url: "/news/rights/"),
            Column(name: "產業工人", url: "/news/industry/"),
            Column(name: "工會論壇", url: "/news/forum/"),
            Column(name: "圖片新聞", url: "/photos/"),
            Column(name: "視頻", url: "/video/"),
        ]
    )

    static let article = Article(
        title: "用心用情用力擦亮工會服務品牌",
        url: "/news/2023/jiangxi-union-service-brands/",
        date: "2023-09-01 14:07",
        author: "王曉穎",
        editors: ["劉瓊", "劉婷婷"],
        source: "工人日報",
        column: "中國工會新聞",
        tags: ["江西", "產改", "勞模", "金秋助學", "新就業形態", "職工書屋"],
        summary: "江西工會著力強化思想政治引領,凝聚廣大職工投身高質量發展磅礴力量",
        bodyHTML: articleBodyHTML,
        related: [
            RelatedArticle(title: "盱眙縣總工會六項舉措服務新就業形態勞動者", url: "/news/2023/xuyi-six-measures/", date: "2023-08-30 09:12"),
            RelatedArticle(title: "全國五一勞動獎章獲得者走進校園", url: "/news/2023/may-day-medal-campus/", date: "2023-08-28 16:40"),
            RelatedArticle(title: "金秋助學活動資助困難職工子女", url: "/news/2023/autumn-scholarships/", date: "2023-08-25 10:05"),
            RelatedArticle(title: "產業工人隊伍建設改革再出新招", url: "/news/2023/industrial-workers-reform/", date: "2023-08-21 08:30"),
            RelatedArticle(title: "職工書屋示范點建設全面推進", url: "/news/2023/worker-libraries/", date: "2023-08-17 11:20"),
            RelatedArticle(title: "勞模工匠宣講團走進企業一線", url: "/news/2023/model-workers-tour/", date: "2023-08-14 15:45"),
            RelatedArticle(title: "農民工平安返鄉服務品牌持續擦亮", url: "/news/2023/migrant-workers-home/", date: "2023-08-10 09:00"),
            RelatedArticle(title: "新就業形態勞動者入會集中行動", url: "/news/2023/new-forms-membership/", date: "2023-08-07 13:15"),
            RelatedArticle(title: "送清涼活動覆蓋全省一線職工", url: "/news/2023/summer-cooling/", date: "2023-08-03 17:50"),
            RelatedArticle(title: "工會維權服務站點實現全覆蓋", url: "/news/2023/rights-stations/", date: "2023-07-31 10:30"),
        ]
    )

    // What the filters compute, for the engines that are given these values instead.

    /// `date: '%Y年%-m月%-d日 %H:%M'` of `2023-09-01 14:07`.
    static func displayDate(_ date: String) -> String {
        // `YYYY-MM-DD HH:MM` → `YYYY年M月D日 HH:MM`.
        let p = date.split(whereSeparator: { $0 == "-" || $0 == " " }).map(String.init)
        return "\(p[0])年\(Int(p[1])!)月\(Int(p[2])!)日 \(p[3])"
    }

    /// `date: '%Y-%m-%d'`.
    static func shortDate(_ date: String) -> String { String(date.prefix(10)) }

    /// Liquid's `truncate: 20`: at most 20 characters, the `...` counted in.
    static func truncated(_ s: String, _ length: Int = 20) -> String {
        s.count > length ? String(s.prefix(length - 3)) + "..." : s
    }

    static func escaped(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
