import Foundation
import Diagnostics
import FrontMatter

/// Settings from site.yml. Every key is optional except `title`.
public struct SiteConfig: Sendable {
    public var title = "unionsite"
    public var description = ""
    /// Ends in `/`. Links in the output use only its path, so the site works at a sub-path.
    public var baseURL = "http://localhost:8080/"
    public var language = "zh-CN"
    public var perPage = 10
    public var timeZone: TimeZone = FrontMatter.defaultTimeZone
    public var slugStyle: Slugger.Style = .pinyin
    /// Keep all raw HTML in Markdown as written (off: it passes an allowlist sanitizer).
    public var unsafeHTML = false
    /// Host names raw HTML in Markdown may embed an `<iframe>` from (`embeds:`), lowercased.
    public var embeds: [String] = []
    public var copyright = ""
    /// The footer's facts, printed as written: 主办单位, 地址, 电话, ICP 备案号, 公安备案号.
    public var organizer = "", address = "", phone = "", icp = "", policeRecord = ""
    /// How many latest articles each column's block on the home page shows (`home_columns:`).
    public var homeColumns = 6
    /// Whether the site has search (`search: true`): the search page, if the theme has one, and
    /// its index (docs/SEARCH.md). Off until the index's cost is within its budget (issue 18).
    public var search = false
    /// Whether the built-in theme lies under the site's templates/ (`theme: built-in`, the
    /// default), or templates/ is the whole theme (`theme: none`).
    public var builtInTheme = true
    /// Whether pages written in Traditional characters are shown in standard Simplified ones
    /// (`script: standard`, the default), or every file as written (`script: as-written`).
    public var convertsTraditional = true
    /// What converts a source in Traditional characters: OpenCC's `t2s`, with the corrections of
    /// `script-overrides.yml` (nil when OpenCC's data is missing).
    var simplifier = ScriptConverter.simplified
    /// The conversion of the Traditional mirror of every page under `/zh-hant/`
    /// (`traditional: s2t`, `s2tw` or `s2hk`); nil without one (`off`, the default).
    var traditional: OpenCC.Conversion?
    /// The corrections of `script-overrides.yml` to the mirror's conversion (under `s2t:`).
    var traditionalOverrides: [(String, String)] = []
    /// Whether a photo is also published whole at its own path, as a copy without metadata
    /// (`photo_originals: true`); else only its copies are.
    public var photoOriginals = false
    /// The size in megabytes above which `check` warns about an image (`image_warn_mb:`).
    public var imageWarnMB = 8
    /// The crops of covers and honorees' photos site.yml names (`image_sizes:`), for templates:
    /// new ones, or the default theme's `cover`, `og` and `portrait` made at another size.
    var imageSizes: [SitePhotos.Crop] = []
    public var menus: [(name: String, url: String)] = []
    /// UI strings overriding the theme's defaults.
    public var strings: [(String, String)] = []
    /// Front matter keys the theme reads on purpose (`extra_keys:`): no unknown-key warning for them.
    public var extraKeys: Set<String> = []
    /// The URL pattern of each kind site.yml may set (`permalinks:`).
    var permalinks = Permalinks()
    /// Fingerprint of site.yml's bytes: pages are rendered again when it changes.
    public var sourceFingerprint = 0

    public init() {}

    /// The path part of `baseURL`, starting and ending with `/`.
    public var basePath: String {
        guard let url = URL(string: baseURL) else { return "/" }
        var path = url.path
        if path.isEmpty || !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// `scheme://host[:port]` of `baseURL`, for absolute links in the feed and sitemap.
    public var origin: String {
        guard let url = URL(string: baseURL), let scheme = url.scheme, let host = url.host else { return "" }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    static let knownKeys = ["title", "description", "base_url", "baseurl", "language", "per_page", "paginate",
                            "time_zone", "timezone", "slugs", "unsafe", "embeds", "copyright", "menus", "menu", "strings", "extra_keys", "permalinks",
                            "organizer", "主办单位", "address", "地址", "phone", "电话", "icp", "备案号",
                            "police_record", "公安备案号", "home_columns", "search", "script", "traditional", "繁体", "image_warn_mb", "photo_originals",
                            "image_sizes", "图片尺寸", "theme", "主题"]

    /// The file of the site's corrections to OpenCC, beside site.yml.
    static let overridesFile = "script-overrides.yml"

    /// Reads the corrections to OpenCC's conversions: under `t2s:`, phrase as a Traditional
    /// source writes it → as the Simplified page should show it (`著力: 着力`); under `s2t:`,
    /// phrase as the site writes it → as the Traditional mirror should show it (`吃饭: 吃飯`).
    static func loadOverrides(text: String, file: String) -> (t2s: [(String, String)], s2t: [(String, String)], [Diagnostic]) {
        var f = Fields(file: file, source: text)
        let parsed = FrontMatter.parse(yaml: text)
        for e in parsed.errors { f.error(e.message, at: e.location) }
        var overrides: [String: [(String, String)]] = [:]
        for entry in parsed.mapping.entries {
            guard entry.key == "t2s" || entry.key == "s2t" else {
                f.warning("unknown conversion `\(entry.key)`: expected `t2s` (Traditional sources shown in Simplified) or `s2t` (the Traditional mirror)",
                          at: entry.keyLocation)
                continue
            }
            guard case .map(let phrases, _) = entry.value else {
                let example = entry.key == "t2s" ? "`著力: 着力`" : "`吃饭: 吃飯`"
                f.error("`\(entry.key)` must be a map of phrases, one `原文: 应为` a line: expected \(example)", at: entry.value.location)
                continue
            }
            for phrase in phrases.entries {
                guard let to = f.string(phrase.value, key: phrase.key), !phrase.key.isEmpty else { continue }
                overrides[entry.key, default: []].append((phrase.key, to))
            }
        }
        return (overrides["t2s"] ?? [], overrides["s2t"] ?? [], f.diagnostics)
    }

    /// Reads site.yml; a missing file gives the defaults.
    static func load(text: String, file: String) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        var f = Fields(file: file, source: text)
        let parsed = FrontMatter.parse(yaml: text)
        for e in parsed.errors { f.error(e.message, at: e.location) }
        let m = parsed.mapping
        for entry in m.entries where !knownKeys.contains(entry.key) {
            var message = "unknown setting `\(entry.key)`"
            if let near = nearest(entry.key, in: knownKeys) { message += ": did you mean `\(near)`?" }
            f.warning(message, at: entry.keyLocation)
        }
        if let t = f.string(m["title"], key: "title") { config.title = t }
        if let d = f.prose(m["description"], key: "description") { config.description = d }
        if let node = m["base_url"] ?? m["baseurl"], let b = f.string(node, key: "base_url") {
            if URL(string: b)?.scheme == nil || URL(string: b)?.host == nil {
                f.error("`base_url` must be a full address like `https://example.org/` or `https://example.org/union/`, found `\(b)`", at: node.location)
            } else {
                config.baseURL = b.hasSuffix("/") ? b : b + "/"
            }
        }
        if let l = f.string(m["language"], key: "language") { config.language = l }
        if let node = m["per_page"] ?? m["paginate"], let n = f.int(node, key: "per_page") {
            if n < 1 { f.error("`per_page` must be at least 1, found \(n)", at: node.location) } else { config.perPage = n }
        }
        if let node = m["time_zone"] ?? m["timezone"], let z = f.string(node, key: "time_zone") {
            if let tz = parseTimeZone(z) { config.timeZone = tz } else {
                f.error("`time_zone` must be an offset like `+08:00` or a zone name like `Asia/Shanghai`, found `\(z)`", at: node.location)
            }
        }
        if let node = m["slugs"], let s = f.string(node, key: "slugs") {
            if let style = Slugger.Style(rawValue: s) { config.slugStyle = style } else {
                f.error("`slugs` must be `pinyin` or `unicode`, found `\(s)`", at: node.location)
            }
        }
        if let u = f.bool(m["unsafe"], key: "unsafe") { config.unsafeHTML = u }
        config.embeds = embedHosts(m["embeds"], &f)
        if let c = f.string(m["copyright"], key: "copyright") { config.copyright = c }
        // Offices fill these in from their 备案 papers, so each has its Chinese name too.
        let footer: [(WritableKeyPath<SiteConfig, String>, String, String)] = [
            (\.organizer, "organizer", "主办单位"), (\.address, "address", "地址"), (\.phone, "phone", "电话"),
            (\.icp, "icp", "备案号"), (\.policeRecord, "police_record", "公安备案号"),
        ]
        for (field, key, chinese) in footer {
            let written = m[key] == nil ? chinese : key
            if let v = f.string(m[written], key: written) { config[keyPath: field] = v }
        }
        if let node = m["home_columns"], let n = f.int(node, key: "home_columns") {
            if n < 1 { f.error("`home_columns` must be at least 1, found \(n)", at: node.location) } else { config.homeColumns = n }
        }
        if let node = m["search"], let on = f.bool(node, key: "search") { config.search = on }
        if let node = m["theme"] ?? m["主题"], let s = f.string(node, key: "theme") {
            switch s {
            case "built-in", "builtin", "default", "内置": config.builtInTheme = true
            case "none", "无": config.builtInTheme = false
            default:
                f.error("`theme` must be `built-in` (the site's templates/ over the default theme, file by file) or `none` (templates/ is the whole theme), found `\(s)`",
                        at: node.location)
            }
        }
        if let node = m["script"], let s = f.string(node, key: "script") {
            switch s {
            case "standard": config.convertsTraditional = true
            case "as-written": config.convertsTraditional = false
            default: f.error("`script` must be `standard` (Traditional sources shown in Simplified) or `as-written`, found `\(s)`", at: node.location)
            }
        }
        if let node = m["traditional"] ?? m["繁体"], let s = f.string(node, key: "traditional") {
            switch s {
            case "off", "false": config.traditional = nil
            case "s2t", "true": config.traditional = .s2t
            case "s2tw": config.traditional = .s2tw
            case "s2hk": config.traditional = .s2hk
            default:
                f.error("`traditional` must be `off`, `s2t` (a Traditional mirror under /zh-hant/), `s2tw` (Taiwan's forms) or `s2hk` (Hong Kong's), found `\(s)`",
                        at: node.location)
            }
            if let conversion = config.traditional, !OpenCC.isAvailable(conversion) {
                f.warning("no Traditional mirror: OpenCC could not be opened (\(OpenCC.lastError)); install libopencc-dev with its dictionaries, or set `traditional: off`",
                          at: node.location)
            }
        }
        if let node = m["photo_originals"], let on = f.bool(node, key: "photo_originals") { config.photoOriginals = on }
        if let node = m["image_warn_mb"], let n = f.int(node, key: "image_warn_mb") {
            if n < 1 { f.error("`image_warn_mb` must be at least 1 (megabytes), found \(n)", at: node.location) } else { config.imageWarnMB = n }
        }
        if let node = m["image_sizes"] ?? m["图片尺寸"] { config.imageSizes = SitePhotos.Crop.read(node, &f) }
        if let node = m["menus"] ?? m["menu"] {
            if case .list(let items, _) = node {
                for item in items {
                    guard case .map(let entry, _) = item,
                          let name = f.string(entry["name"], key: "name"), let url = f.string(entry["url"], key: "url")
                    else {
                        f.error("each menu item needs a `name` and a `url`, e.g. `- {name: 关于我们, url: /about/}`", at: item.location)
                        continue
                    }
                    config.menus.append((name, url))
                }
            } else if !node.isNull {
                f.error("`menus` must be a list of `- name: …` / `url: …` items", at: node.location)
            }
        }
        config.permalinks = Permalinks.read(m["permalinks"], &f)
        if let node = m["extra_keys"] { config.extraKeys = Set(f.strings(node, key: "extra_keys").map { $0.lowercased() }) }
        if let node = m["strings"] {
            if case .map(let entries, _) = node {
                for e in entries.entries {
                    if let s = f.string(e.value, key: e.key) { config.strings.append((e.key, s)) }
                }
            } else if !node.isNull {
                f.error("`strings` must be a map of `key: text` lines", at: node.location)
            }
        }
        return (config, f.diagnostics)
    }

    static func parseTimeZone(_ s: String) -> TimeZone? {
        let t = trimmingBlanks(s)
        if let tz = TimeZone(identifier: t) { return tz }
        let chars = Array(t.replacingOccurrences(of: "UTC", with: "").replacingOccurrences(of: "GMT", with: ""))
        guard let sign = chars.first, sign == "+" || sign == "-" else { return nil }
        let digits = String(chars.dropFirst()).split(separator: ":")
        guard let h = Int(digits.first ?? ""), h <= 14 else { return nil }
        let m = digits.count > 1 ? Int(digits[1]) ?? 0 : 0
        let seconds = (h * 3600 + m * 60) * (sign == "-" ? -1 : 1)
        return TimeZone(secondsFromGMT: seconds)
    }
}

