import Foundation
@testable import Site
import Testing
import TestSupport

// `unionsite init` and `unionsite new`, run as an editor runs them: through the built binary,
// in a folder of their own.

private func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-editor-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every file under `folder` with its bytes, to show that a refused command touched nothing.
private func snapshot(_ folder: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    for case let path as String in FileManager.default.enumerator(atPath: folder.path)?.allObjects ?? [] {
        var isFolder: ObjCBool = false
        let full = folder.appendingPathComponent(path).path
        if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
            out[path] = FileManager.default.contents(atPath: full)
        }
    }
    return out
}

private func read(_ folder: URL, _ path: String) -> String {
    FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) } ?? ""
}

@Test func initWritesASiteThatBuildsAtOnce() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    let run = try runUnionsite(["init", "工会网站"], in: work)
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("into 工会网站"))
    let site = work.appendingPathComponent("工会网站")
    for path in ["site.yml", "content/news/2025/first-article.md", "content/honorees/zhang-shifan.md", "content/pages/about.md",
                 "templates/README.md", ".gitignore"] {
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), "\(path)")
    }
    // No copy of the theme: the site renders with the built-in one, and templates/ holds only
    // the note on overriding it.
    #expect(Array(snapshot(site.appendingPathComponent("templates")).keys) == ["README.md"])
    #expect(read(site, "templates/README.md").contains("unionsite theme eject"))
    // Every setting is explained, in a file site.yml reads without a warning.
    #expect(read(site, "site.yml").contains("# traditional: s2t"))
    let build = try runUnionsite(["build"], in: site)
    #expect(build.status == 0, "\(build.errors)")
    #expect(build.output.contains("0 errors, 0 warnings"), "\(build.output)")
    #expect(read(site, "public/honorees/zhang-shi-fan/index.html").contains("张示范"))
    #expect(read(site, "public/about/index.html").contains("关于我们"))
}

@Test func initRefusesAFolderThatIsNotEmptyAndTouchesNothing() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    try "title: 我的站\n".write(to: work.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(at: work.appendingPathComponent("content/news"), withIntermediateDirectories: true)
    try "---\ntitle: 旧稿\ndate: 2020-01-01\n---\n正文。\n".write(to: work.appendingPathComponent("content/news/old.md"), atomically: true, encoding: .utf8)
    let before = snapshot(work)
    let run = try runUnionsite(["init", "."], in: work)
    #expect(run.status == 1)
    #expect(run.errors.contains("is not empty (it holds content, site.yml): expected a new or empty folder; choose another, or add --force"), "\(run.errors)")
    #expect(snapshot(work) == before)
    // With --force: the site is written beside, and what was there is kept as it was.
    let forced = try runUnionsite(["init", ".", "--force"], in: work)
    #expect(forced.status == 0, "\(forced.errors)")
    #expect(forced.output.contains("kept 1 files already there, as they were: site.yml"), "\(forced.output)")
    #expect(read(work, "site.yml") == "title: 我的站\n")
    #expect(read(work, "content/news/old.md") == String(decoding: before["content/news/old.md"] ?? Data(), as: UTF8.self))
    #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("templates/README.md").path))
}

@Test func initTakesAFolderWithOnlyARepositoryAndRefusesAFile() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    try FileManager.default.createDirectory(at: work.appendingPathComponent("site/.git"), withIntermediateDirectories: true)
    #expect(try runUnionsite(["init", "site"], in: work).status == 0)
    try "x".write(to: work.appendingPathComponent("a-file"), atomically: true, encoding: .utf8)
    let file = try runUnionsite(["init", "a-file"], in: work)
    #expect(file.status == 1)
    #expect(file.errors.contains("a-file is a file, not a folder: expected a new or empty folder"), "\(file.errors)")
}

@Test func newArticleWritesItsFrontMatterPrintsThePathAndNeverOverwrites() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(try runUnionsite(["init", "."], in: work).status == 0)
    let title = "县总工会召开第十届委员会：部署明年工作"
    let first = try runUnionsite(["new", "article", title, "--column", "工会动态", "--tags", "劳模，职工之家"], in: work)
    #expect(first.status == 0, "\(first.errors)")
    let path = first.output.trimmingCharacters(in: .whitespacesAndNewlines)
    let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 8 * 3600)!, from: Date()).year ?? 0
    #expect(path == "content/news/\(year)/xian-zong-gong-hui-zhao-kai-di-shi-jie-wei-yuan-hui-bu-shu-ming-nian-gong-zuo.md")
    let text = read(work, path)
    #expect(text.hasPrefix("---\ntitle: \(title)\ndate: \(year)-"))
    #expect(text.contains("\ncolumn: 工会动态\ntags: [劳模, 职工之家]\n"))
    try (text + "会议听取了工作报告。\n").write(to: work.appendingPathComponent(path), atomically: true, encoding: .utf8)
    // The same title again: a file of its own, the first untouched.
    let second = try runUnionsite(["new", "article", title], in: work)
    #expect(second.output.trimmingCharacters(in: .whitespacesAndNewlines) == path.replacingOccurrences(of: ".md", with: "-2.md"))
    #expect(read(work, path).hasSuffix("会议听取了工作报告。\n"))
    // A title YAML would read otherwise is quoted.
    let odd = try runUnionsite(["new", "article", "2024"], in: work)
    #expect(read(work, odd.output.trimmingCharacters(in: .whitespacesAndNewlines)).contains("title: \"2024\"\n"))
    let build = try runUnionsite(["build"], in: work)
    #expect(build.status == 0, "\(build.errors)")
    #expect(build.output.contains("0 errors"), "\(build.output)")
    #expect(read(work, "public/news/xian-zong-gong-hui-zhao-kai-di-shi-jie-wei-yuan-hui-bu-shu-ming-nian-gong-zuo/index.html").contains("会议听取了工作报告。"))
    #expect(read(work, "public/news/2024/index.html").contains("<h1"))
}

@Test func newHonoreeAndNewPageBuildRightAfter() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(try runUnionsite(["init", "."], in: work).status == 0)
    let person = try runUnionsite(["new", "honoree", "李红", "--honor", "全国五一劳动奖章"], in: work)
    #expect(person.output == "content/honorees/li-hong.md\n", "\(person.errors)")
    #expect(read(work, "content/honorees/li-hong.md").contains("name: 李红\nkind: person"))
    let group = try runUnionsite(["new", "honoree", "第一车间班组", "--collective"], in: work)
    #expect(read(work, group.output.trimmingCharacters(in: .whitespacesAndNewlines)).contains("kind: collective"))
    let page = try runUnionsite(["new", "page", "办事指南"], in: work)
    #expect(page.output == "content/pages/ban-shi-zhi-nan.md\n")
    let build = try runUnionsite(["build"], in: work)
    #expect(build.status == 0, "\(build.errors)")
    #expect(read(work, "public/honorees/li-hong/index.html").contains("全国五一劳动奖章"))
    #expect(read(work, "public/ban-shi-zhi-nan/index.html").contains("办事指南"))
}

@Test func newOutsideASiteOrWithoutATitleSaysSoAndWritesNothing() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    let outside = try runUnionsite(["new", "article", "标题"], in: work)
    #expect(outside.status == 1)
    #expect(outside.errors.contains("no unionsite site here (no site.yml, no content/"), "\(outside.errors)")
    #expect(snapshot(work).isEmpty)
    #expect(try runUnionsite(["init", "."], in: work).status == 0)
    let before = snapshot(work)
    let blank = try runUnionsite(["new", "page", "  "], in: work)
    #expect(blank.status == 1)
    #expect(blank.errors.contains("the title is empty or more than one line"), "\(blank.errors)")
    #expect(snapshot(work) == before)
}

@Test func aNewArticleIsDatedNowInTheSitesTimeZone() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    try "title: 站\ntime_zone: \"+08:00\"\n".write(to: work.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
    // 20:30 on New Year's Eve in London is 04:30 on New Year's Day in Beijing.
    let now = Date(timeIntervalSince1970: 1_735_677_000)
    let path = try NewContent.write(.article(column: nil, tags: []), title: "新年第一篇", in: work, now: now)
    #expect(path == "content/news/2025/xin-nian-di-yi-pian.md")
    #expect(read(work, path).contains("date: 2025-01-01 04:30\n"))
}

@Test func buildNamesTheNextScheduledArticleAndFutureBuildsIt() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(try runUnionsite(["init", "."], in: work).status == 0)
    try "---\ntitle: 明年的通知\ndate: 2099-03-01 09:30\n---\n正文。\n".write(
        to: work.appendingPathComponent("content/news/2025/next-year.md"), atomically: true, encoding: .utf8)
    let build = try runUnionsite(["build"], in: work)
    #expect(build.status == 0, "\(build.errors)")
    #expect(build.output.contains("scheduled: content/news/2025/next-year.md at 2099-03-01 09:30 left out until then"), "\(build.output)")
    #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("public/news/ming-nian-de-tong-zhi/index.html").path))
    let preview = try runUnionsite(["build", "--future"], in: work)
    #expect(preview.status == 0 && !preview.output.contains("scheduled:"), "\(preview.output)")
    #expect(read(work, "public/news/ming-nian-de-tong-zhi/index.html").contains("scheduled-banner"))
}

@Test func aTitleOrTagYAMLWouldMisreadIsQuotedAndTheSiteBuilds() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(try runUnionsite(["init", "."], in: work).status == 0)
    let new = try runUnionsite(["new", "article", "标题\t#不是注释", "--tags", "a{b}c,通知:,#1"], in: work)
    #expect(new.status == 0, "\(new.errors)")
    let text = read(work, new.output.trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(text.contains("title: \"标题\\t#不是注释\"\n"), "\(text)")
    #expect(text.contains("tags: [\"a{b}c\", \"通知:\", \"#1\"]\n"), "\(text)")
    let build = try runUnionsite(["build"], in: work)
    #expect(build.status == 0 && build.output.contains("0 errors"), "\(build.output)\(build.errors)")
    #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("public/tags/1/index.html").path)
            || read(work, "public/tags/index.html").contains("#1"))
}

@Test func theNewsroomsKeysWorkThroughTheBinary() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(try runUnionsite(["init", "."], in: work).status == 0)
    let articles = [
        ("pinned.md", "title: 置顶通知\ndate: 2020-01-01\n置顶: true"),
        ("headline.md", "title: 今日头条\ndate: 2021-01-01\n头条: true"),
        ("gone.md", "title: 撤下的稿\ndate: 2021-02-01\n撤稿时间: 2021-03-01"),
        ("both.md", "title: 两栏稿件\ndate: 2021-04-01\n栏目: [工会动态, 劳模风采]"),
    ]
    for (name, front) in articles {
        try "---\n\(front)\n---\n正文。\n".write(to: work.appendingPathComponent("content/news/2025/" + name), atomically: true, encoding: .utf8)
    }
    let build = try runUnionsite(["build"], in: work)
    #expect(build.status == 0 && build.output.contains("0 errors"), "\(build.output)\(build.errors)")
    let home = read(work, "public/index.html")
    #expect(home.contains("<span class=\"pin\">置顶</span>置顶通知"))
    #expect(home.contains("id=\"headline-title\"><a href=\"/news/jin-ri-tou-tiao/\">"))
    #expect(!home.contains("撤下的稿") && read(work, "public/news/che-xia-de-gao/index.html").contains("此文已撤稿"))
    #expect(read(work, "public/columns/lao-mo-feng-cai/index.html").contains("两栏稿件"))
    #expect(read(work, "public/columns/gong-hui-dong-tai/index.html").contains("两栏稿件"))
}

@Test func buildCheckAndServeOutsideASiteSaySo() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    for command in [["build"], ["check"], ["serve", "--port", "0"]] {
        let run = try runUnionsite(command, in: work)
        #expect(run.status == 1, "\(command)")
        #expect(run.errors.contains("no unionsite site here (no site.yml, no content/ in "), "\(command): \(run.errors)")
        #expect(run.errors.contains("run `unionsite init` to start one"), "\(command)")
    }
    #expect(snapshot(work).isEmpty)
}

@Test func themeListShowsWhatTheSiteOverridesAndEjectCopiesWithoutOverwriting() throws {
    let work = try scratch()
    defer { try? FileManager.default.removeItem(at: work) }
    try "title: 站\n".write(to: work.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
    // One file first, then everything: the one already there is kept as the editor changed it.
    let one = try runUnionsite(["theme", "eject", "article.html"], in: work)
    #expect(one.status == 0 && one.output == "templates/article.html\n", "\(one.output)\(one.errors)")
    try "我改过的模板".write(to: work.appendingPathComponent("templates/article.html"), atomically: true, encoding: .utf8)
    try "自己的".write(to: work.appendingPathComponent("templates/extra.html"), atomically: true, encoding: .utf8)
    let list = try runUnionsite(["theme", "list"], in: work)
    #expect(list.output.contains("templates/  article.html\n") && list.output.contains("(built-in)  base.html\n"), "\(list.output)")
    #expect(list.output.contains("templates/  extra.html   (the site's own: the built-in theme has no such file)"))
    let all = try runUnionsite(["theme", "eject"], in: work)
    #expect(all.status == 0)
    #expect(all.output.contains("templates/assets/site.css\n") && !all.output.contains("templates/article.html\n"))
    #expect(all.errors.contains("kept templates/article.html: the site has its own already (nothing overwritten)"))
    #expect(read(work, "templates/article.html") == "我改过的模板")
    #expect(read(work, "templates/partials/nav.html").contains("{%"))
    let unknown = try runUnionsite(["theme", "eject", "artcle.html"], in: work)
    #expect(unknown.status == 1 && unknown.errors.contains("the built-in theme has no `artcle.html`: expected one of the files `unionsite theme list` shows (did you mean `article.html`?)"), "\(unknown.errors)")
    #expect(try runUnionsite(["theme", "eject", "base.html"], in: try scratch()).status == 1, "outside a site")
    // Under `theme: none` nothing built-in is used, and the list says so.
    try FileManager.default.removeItem(at: work.appendingPathComponent("templates/404.html"))
    try "title: 站\ntheme: none\n".write(to: work.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
    let none = try runUnionsite(["theme", "list"], in: work)
    #expect(none.output.hasPrefix("site.yml says `theme: none`"), "\(none.output)")
    #expect(none.output.contains("templates/  article.html\n") && none.output.contains("(unused)    404.html\n"), "\(none.output)")
    #expect(!none.output.contains("(built-in)"), "\(none.output)")
}
