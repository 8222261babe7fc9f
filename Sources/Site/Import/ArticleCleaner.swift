import Foundation
import HTML

/// A pasted or saved news page made an article: its fields found where news sites print them
/// (原标题, the date and 来源 line, 作者, 责编, the breadcrumb's column, 【摘要】), and the page's
/// furniture removed: widgets, breadcrumbs, footers and disclaimers, recommendation blocks,
/// SEO spam, a second article after the first, and pinyin a broken converter glued on. Every
/// line removed is listed with its number and why, so an editor can check.
struct ArticleCleaner {
    /// What was found in the text.
    struct Article {
        var title = ""
        var originalTitle = ""
        var date: String?
        var source = ""
        var authors: [String] = []
        var editors: [String] = []
        var column = ""
        var summary = ""
        /// Paragraphs and headings, as Markdown blocks.
        var blocks: [String] = []
        /// Lines removed, by their number in the text, with why.
        var removed: [(line: Int, text: String, why: String)] = []
        /// Pinyin glosses taken out of words (`產(chǎn)` → `產`).
        var pinyin: [String] = []
        /// Lines of the text whose words look damaged (`獎?wù)潞`: a `?` inside Chinese, a gloss
        /// broken with its character), kept as they are for the editor to mend.
        var damaged: [Int] = []

    }

    // MARK: What furniture looks like

    /// Lines that are a widget's label, whole.
    static let widgets: Set<String> = [
        "close", "arrow", "分享到", "分享", "字体", "字體", "打印", "关闭", "關閉", "我要反馈", "我要反饋", "版权反馈",
        "版權反饋", "链接已复制", "鏈接已復制", "鏈接已複製", "返回顶部", "返回頂部", "收藏", "点赞", "點讚", "END", "end", "?", "？",
        "扫一扫", "掃一掃", "点击蓝字关注", "點擊藍字關注", "点击上方蓝字关注我们", "阅读原文", "閱讀原文", "长按识别二维码",
        "長按識別二維碼", "在看", "分享到：", "分享到:", "【打印】", "【关闭】", "【關閉】", "正文", "大", "中", "小",
    ]
    /// Short lines that start as a widget's prompt does (WeChat's 点击蓝字关注我们 and the like).
    static let widgetStarts = ["点击蓝字", "點擊藍字", "点击上方", "點擊上方", "长按识别", "長按識別", "长按二维码", "長按二維碼",
                               "扫描二维码", "掃描二維碼", "扫码关注", "掃碼關注", "分享到", "字号", "字號"]
    /// Lines that start a block that runs to the end of the page: recommendations, comments.
    static let tailStarts = ["推荐阅读", "推薦閱讀", "相关阅读", "相關閱讀", "相关新闻", "相關新聞", "往期推荐", "往期推薦",
                             "热门推荐", "熱門推薦", "精彩推荐", "精彩推薦", "网友评论", "網友評論", "猜你喜欢", "猜你喜歡"]
    /// Lines that are a page's footer or legal text, from their first words.
    static let footerStarts = ["免责声明", "免責聲明", "版权所有", "版權所有", "版权声明", "版權聲明", "Copyright", "copyright", "©",
                               "声明：", "聲明：", "本网站", "本網站", "如有侵权", "如有侵權"]
    /// Words of the spam that link farms inject (pornography, gambling), never in union news.
    static let spamWords = ["无码", "無碼", "午夜", "av电影", "аv", "丝袜", "絲襪", "成人影", "色α", "国产二区", "國產二區", "一区二区",
                            "一區二區", "博彩", "六合彩", "娱乐城", "娛樂城", "百家乐", "百家樂", "老虎机", "老虎機"]

    // MARK: Cleaning

    /// `text`: the page's text, as pasted or saved.
    static func clean(_ text: String) -> Article {
        var a = Article()
        let (unglossed, glosses) = removingPinyin(text)
        a.pinyin = glosses
        let lines = unglossed.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        // `markdown`: written as it is (a byline in italics), not escaped as text.
        var paragraphs: [(line: Int, text: String, markdown: Bool)] = []
        var previous = ""
        var bodyStarted = false
        var k = 0
        func remove(_ n: Int, _ why: String) { a.removed.append((n + 1, lines[n], why)) }
        /// Removes every line from `n` to the end: the first says `first`, the others `rest`.
        func removeRest(from n: Int, _ first: String, _ rest: String) {
            for m in n ..< lines.count where !trimmed(lines[m]).isEmpty { remove(m, m == n ? first : rest) }
        }
        while k < lines.count {
            defer { k += 1 }
            var line = trimmed(lines[k])
            if line.isEmpty { continue }
            // A block a saved page gave as Markdown (`PageText`): a list, a table, an image, a heading.
            if line.first == PageText.markdownMark {
                line.removeFirst()
                if a.title.isEmpty {
                    remove(k, "before the title: the page's menus and pictures")
                } else {
                    bodyStarted = true
                    paragraphs.append((k + 1, line.replacingOccurrences(of: String(PageText.lineMark), with: "\n"), true))
                }
                continue
            }
            defer { previous = line }
            if line == previous { remove(k, "the line before, again"); continue }
            if widgets.contains(line) || (line.count <= 20 && widgetStarts.contains(where: { line.hasPrefix($0) })) {
                remove(k, "a page widget"); continue
            }
            if tailStarts.contains(where: { line.hasPrefix($0) }) {
                removeRest(from: k, "a block of other pages' links, to the end", "after 「\(line)」")
                break
            }
            if footerStarts.contains(where: { line.hasPrefix($0) }) || line.contains("ICP备") || line.contains("ICP證") || line.contains("ICP证") {
                remove(k, "the page's footer or legal notice"); continue
            }
            if !bodyStarted, line.count <= 120, let date = dateIn(line), isDateLine(line) {
                if a.date == nil { a.date = date }
                if a.source.isEmpty, let s = sourceIn(line) { a.source = s }
                // Words beside the date that are no label and no widget: the column (时间:… 理论教育 版权反馈).
                if a.column.isEmpty {
                    let rest = line.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "｜" }).map(String.init)
                        .filter { !$0.contains(where: \.isNumber) && !widgets.contains($0) && !$0.contains("来源") && !$0.contains("來源")
                            && !$0.contains("分享") && !$0.contains("字体") && !$0.contains("字體") && !$0.contains("反馈") && !$0.contains("反饋") }
                    if rest.count == 1 { a.column = rest[0] }
                }
                remove(k, "the date and source line: taken"); continue
            }
            if let names = editorNames(line) {
                let people = names.filter { !$0.allSatisfy { $0.isASCII } }
                a.editors += people.filter { !a.editors.contains($0) }
                remove(k, people.isEmpty ? "an editor's code, not a name" : "editor: taken"); continue
            }
            if isSpam(line) { remove(k, "spam (links and words of other sites)"); continue }
            if line.contains("發表在") && line.contains("留言(") || line.hasPrefix("留言(") { remove(k, "a blog's footer"); continue }
            // A second article on the same page: its column mark after the body has started.
            if bodyStarted, let mark = bracketed(line), line == "【\(mark)】" {
                removeRest(from: k, "another article follows (【\(mark)】), to the end", "the other article")
                break
            }
            // Fields.
            if let column = breadcrumbColumn(line, title: a.title) {
                if a.column.isEmpty { a.column = column }
                remove(k, "the breadcrumb (column: \(column))"); continue
            }
            if let v = value(of: line, after: ["原标题", "原標題"]) {
                a.originalTitle = v
                if a.column.isEmpty, let mark = bracketed(v), v.hasPrefix("【") { a.column = mark }
                remove(k, "original title: taken"); continue
            }
            if let v = value(of: line, after: ["【摘要】", "摘要"]) { a.summary = v; remove(k, "summary: taken"); continue }
            if let v = value(of: line, after: ["来源", "來源"]), !bodyStarted { a.source = unquoted(v); remove(k, "source: taken"); continue }
            if let v = value(of: line, after: ["作者", "记者", "記者", "文/", "文／"]), !bodyStarted, v.count <= 30 {
                a.authors += v.split(whereSeparator: { " 、,，".contains($0) }).map(String.init)
                remove(k, "author: taken"); continue
            }
            if a.title.isEmpty {
                if let mark = bracketed(line), line == "【\(mark)】" {
                    if a.column.isEmpty { a.column = mark }
                    remove(k, "the column's mark: taken"); continue
                }
                if line.hasSuffix("——") || line.hasSuffix("—") {
                    // A kicker (引题) above the title.
                    a.summary = String(line.dropLast(line.hasSuffix("——") ? 2 : 1))
                    remove(k, "the kicker above the title: taken as the summary"); continue
                }
                if isTitle(line) { a.title = line; remove(k, "title: taken"); continue }
            } else if !bodyStarted {
                if line == a.title { remove(k, "the title, again"); continue }
                // `标题_网站名`: the site's name after the title.
                if line.hasPrefix(a.title + "_") || line.hasPrefix(a.title + " - ") || line.hasPrefix(a.title + "-") {
                    if a.source.isEmpty { a.source = String(line.dropFirst(a.title.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: " -_")) }
                    remove(k, "the title with the site's name: source taken"); continue
                }
                // A byline: a short line of a name, or of a position and a name.
                if a.authors.isEmpty, isByline(line) {
                    let words = line.split(separator: " ").map(String.init)
                    a.authors = [words.last ?? line]
                    if words.count > 1 {
                        paragraphs.append((k + 1, "*\(line)*", true))
                        continue
                    }
                    remove(k, "author: taken"); continue
                }
            } else if line == a.title {
                remove(k, "the title, again"); continue
            }
            bodyStarted = true
            paragraphs.append((k + 1, line, false))
            // 小编说 (the editor's word) closes a magazine's piece: what follows is the next one.
            if line.hasPrefix("小编说") || line.hasPrefix("小編說") {
                removeRest(from: k + 1, "another article follows (after 小编说), to the end", "the other article")
                break
            }
        }
        // A lead printed above the article, then again as its first paragraph.
        var kept: [(line: Int, text: String, markdown: Bool)] = []
        for (i, p) in paragraphs.enumerated() {
            let later = paragraphs[(i + 1)...]
            // Cut short (`…`), and after the dateline (`中国网讯 `) in the article.
            let lead = p.text.hasSuffix("…") || p.text.hasSuffix("...") ? String(p.text.prefix { $0 != "…" && $0 != "." }) : p.text
            if lead.count >= 20, later.contains(where: { $0.text.count > lead.count && $0.text.contains(lead) }) {
                a.removed.append((p.line, p.text, "a lead printed again below"))
                continue
            }
            kept.append(p)
        }
        // `(郁超)` at the end: the writer's name, as many sites sign an article.
        if a.authors.isEmpty, let last = kept.last, !last.markdown, let (name, rest) = trailingSignature(last.text) {
            a.authors = [name]
            kept[kept.count - 1].text = rest
        }
        a.damaged = kept.filter { looksDamaged($0.text) }.map(\.line)
        a.blocks = kept.map { $0.markdown ? $0.text : block($0.text) }
        a.removed.sort { $0.line < $1.line }
        return a
    }

    // MARK: Recognizers

    /// `s` without white space (the ideographic space and no-break space among it, as
    /// `trimmingWhitespace` has them) or stray byte-order marks at either end.
    static func trimmed(_ s: String) -> String {
        var t = trimmingWhitespace(s)
        while t.first == "\u{FEFF}" || t.last == "\u{FEFF}" {
            t = trimmingWhitespace(String(t.first == "\u{FEFF}" ? t.dropFirst() : t.dropLast()))
        }
        return t
    }

    /// A character and its gloss, `產(chǎn)`; compiled once, as the lines are many.
    private static let pinyinGloss = try? NSRegularExpression(pattern: "(\\p{Han})\\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\\)")
    /// A date (`2023年09月01日14:07`, `2020-07-24 11:09`), with its time when it has one.
    private static let datePattern = try? NSRegularExpression(pattern: "(\\d{4})\\s*[-年/.]\\s*(\\d{1,2})\\s*[-月/.]\\s*(\\d{1,2})\\s*日?\\s*(\\d{1,2}:\\d{2})?")

    /// `产(chǎn)` → `产`: a gloss has a tone mark, so a real parenthesis (`(chan)`) is kept.
    static func removingPinyin(_ text: String) -> (String, [String]) {
        guard let regex = pinyinGloss else { return (text, []) }
        let range = NSRange(text.startIndex..., in: text)
        let found = regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
        guard !found.isEmpty else { return (text, []) }
        return (regex.stringByReplacingMatches(in: text, range: range, withTemplate: "$1"), found)
    }

    /// What stands between 【 and 】 at the start of `s`.
    static func bracketed(_ s: String) -> String? {
        guard s.hasPrefix("【"), let end = s.firstIndex(of: "】") else { return nil }
        let inner = String(s[s.index(after: s.startIndex) ..< end])
        return inner.isEmpty || inner.count > 12 || inner.contains(where: { $0 == ":" || $0 == "：" }) ? nil : inner
    }

    /// The value after a label (`原标题:`, `来源：`), or nil when the line does not start with one.
    static func value(of line: String, after labels: [String]) -> String? {
        for label in labels where line.hasPrefix(label) {
            var rest = line.dropFirst(label.count)
            if label.hasSuffix("/") || label.hasSuffix("／") || label.hasSuffix("】") {
                rest = rest.drop { $0 == ":" || $0 == "：" || $0 == " " }
            } else {
                guard let first = rest.first, first == ":" || first == "：" else { continue }
                rest = rest.dropFirst()
            }
            let v = trimmed(String(rest))
            return v.isEmpty ? nil : v
        }
        return nil
    }

    /// 责编 and 责任编辑 lines, in any of the brackets news sites print them in.
    static func editorNames(_ line: String) -> [String]? {
        let inner = line.trimmingCharacters(in: CharacterSet(charactersIn: "()（）【】[] "))
        guard inner.count <= 40, let v = value(of: inner, after: ["责任编辑", "責任編輯", "责编", "責編", "编辑", "編輯"]) else { return nil }
        return v.split(whereSeparator: { " 、,，/".contains($0) }).map(String.init).filter { !$0.isEmpty }
    }

    /// A breadcrumb: `首页 > 要闻 > 江苏各地 > 正文`, `新闻网>>工会新闻`, `首页 理论教育 标题`; its column.
    static func breadcrumbColumn(_ line: String, title: String) -> String? {
        guard line.count <= 80 else { return nil }
        let separators = [">>", "＞＞", ">", "＞", "»", "›"]
        for sep in separators where line.contains(sep) {
            let parts = line.components(separatedBy: sep).map(trimmed).filter { !$0.isEmpty && $0 != "正文" && $0 != title }
            guard parts.count >= 2 else { continue }
            return parts.last
        }
        let words = line.split(separator: " ").map(String.init)
        if let first = words.first, first == "首页" || first == "首頁", words.count >= 2, words.count <= 6 {
            let rest = words.dropFirst().filter { $0 != "正文" && $0 != title }
            // The last word is often the article's title itself.
            return rest.count >= 2 ? rest[rest.startIndex] : rest.first
        }
        return nil
    }

    /// The first date in a line (with its time when it has one), as front matter writes it.
    static func dateIn(_ line: String) -> String? {
        guard let regex = datePattern,
              let m = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { return nil }
        func group(_ i: Int) -> String? { Range(m.range(at: i), in: line).map { String(line[$0]) } }
        guard let y = group(1), let mo = group(2).flatMap({ Int($0) }), let d = group(3).flatMap({ Int($0) }),
              (1 ... 12).contains(mo), (1 ... 31).contains(d) else { return nil }
        var s = "\(y)-\(mo < 10 ? "0" : "")\(mo)-\(d < 10 ? "0" : "")\(d)"
        if let t = group(4) { s += " " + (t.count == 4 ? "0" + t : t) }
        return s
    }

    /// A line that is there for its date (`时间:2022-03-24`, `2020-07-24 11:09| 来源:…`), not a
    /// title that holds one (`2023年全市职工技能大赛举行`).
    static func isDateLine(_ line: String) -> Bool {
        let labels = ["来源", "來源", "时间", "時間", "发布", "發布", "日期", "|", "｜"]
        if labels.contains(where: { line.contains($0) }) { return true }
        return !line.contains(where: { ch in ch.unicodeScalars.contains { (0x4E00 ... 0x9FFF).contains($0.value) } && !"年月日".contains(ch) })
    }

    /// The source named in a date line (`来源：《工人日报》`).
    static func sourceIn(_ line: String) -> String? {
        for label in ["来源", "來源"] {
            guard let r = line.range(of: label) else { continue }
            var rest = line[r.upperBound...].drop { $0 == ":" || $0 == "：" || $0 == " " }
            if let end = rest.firstIndex(where: { $0 == "|" || $0 == "｜" || $0 == " " }) { rest = rest[..<end] }
            let s = unquoted(String(rest))
            return s.isEmpty ? nil : s
        }
        return nil
    }

    /// `《工人日报》` → `工人日报`; a `?` a broken page put for `·` between words is mended.
    static func unquoted(_ s: String) -> String {
        var t = trimmed(s)
        if t.hasPrefix("《"), t.hasSuffix("》") { t = String(t.dropFirst().dropLast()) }
        return t.replacingOccurrences(of: "?", with: "·")
    }

    /// Spam: the words of link farms, or a row of short names split by `|`.
    static func isSpam(_ line: String) -> Bool {
        let lower = line.lowercased()
        if spamWords.contains(where: { lower.contains($0) }) { return true }
        let bars = line.filter { $0 == "|" || $0 == "｜" }.count
        if bars >= 3 {
            let parts = line.split(whereSeparator: { $0 == "|" || $0 == "｜" }).map { trimmed(String($0)) }
            if parts.filter({ !$0.isEmpty }).allSatisfy({ $0.count <= 24 }) { return true }
        }
        return false
    }

    /// A name in brackets at a paragraph's end (`…作用。(郁超)`): the name, and the paragraph without it.
    static func trailingSignature(_ text: String) -> (String, String)? {
        guard let last = text.last, last == ")" || last == "）",
              let open = text.lastIndex(where: { $0 == "(" || $0 == "（" }) else { return nil }
        let name = String(text[text.index(after: open) ..< text.index(before: text.endIndex)])
        guard (2 ... 4).contains(name.count), name.unicodeScalars.allSatisfy({ (0x4E00 ... 0x9FFF).contains($0.value) }) else { return nil }
        return (name, trimmed(String(text[..<open])))
    }

    /// A `?` between Chinese characters, or what is left of a pinyin gloss: text a broken
    /// converter damaged.
    static func looksDamaged(_ text: String) -> Bool {
        let chars = Array(text)
        for (i, c) in chars.enumerated() where c == "?" || c == "\u{FFFD}" {
            let before = i > 0 ? chars[i - 1] : " ", after = i + 1 < chars.count ? chars[i + 1] : " "
            if c == "\u{FFFD}" || isHan(before) || isHan(after) { return true }
        }
        return text.range(of: "[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\\)", options: .regularExpression) != nil
    }

    static func isHan(_ c: Character) -> Bool { c.unicodeScalars.contains { (0x4E00 ... 0x9FFF).contains($0.value) } }

    /// A title: one short line, not a sentence.
    static func isTitle(_ line: String) -> Bool {
        line.count <= 64 && !line.hasSuffix("。") && !line.hasSuffix("；") && !line.contains("。")
    }

    /// A byline under the title: a name, or a position and a name (`县总工会主席 陈健`).
    static func isByline(_ line: String) -> Bool {
        line.count <= 40 && !line.contains(where: { "。，,；;：:！!？?“”\"".contains($0) })
            && (line.split(separator: " ").last?.count ?? 0) <= 12
    }

    /// A paragraph as Markdown: a numbered section's heading (`一、…` → `##`, `（一）…` → `###`).
    static func block(_ text: String) -> String {
        let numerals = "一二三四五六七八九十"
        if text.count <= 40, let i = text.firstIndex(of: "、"), text[..<i].allSatisfy({ numerals.contains($0) }), i != text.startIndex {
            return "## " + text
        }
        if text.count <= 40, let first = text.first, first == "(" || first == "（",
           let close = text.firstIndex(where: { $0 == ")" || $0 == "）" }),
           text[text.index(after: text.startIndex) ..< close].allSatisfy({ numerals.contains($0) }), close > text.index(after: text.startIndex) {
            return "### " + text
        }
        // Characters Markdown would read as syntax at a line's start stay text.
        if let first = text.first, "#>-+*=|".contains(first) || (first.isNumber && text.dropFirst().first == ".") { return "\\" + text }
        return text
    }
}
