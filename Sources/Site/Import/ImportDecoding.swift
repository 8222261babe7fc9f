import Foundation

/// The bytes of a file to import, as text: UTF-8 (with or without a BOM), or the two encodings
/// Chinese pages and Windows editors still save, GB18030 (GBK, GB2312) and Big5, told apart by
/// which reading gives common Chinese characters (each decodes the other's bytes into rare ones).
enum ImportDecoding {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)
    static let big5 = String.Encoding(rawValue: 0x8000_0A03)

    /// The text and the name of its encoding; nil when it is none of them.
    static func decode(_ data: Data) -> (text: String, encoding: String)? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return (text, "UTF-8") }
        let candidates = [("GB18030", gb18030), ("Big5", big5)].compactMap { name, encoding in
            String(data: data, encoding: encoding).map { (text: $0, encoding: name, score: commonness($0)) }
        }
        guard let best = candidates.max(by: { $0.score < $1.score }), best.score > 0.05 else { return nil }
        return (best.text, best.encoding)
    }

    /// The share of its Han characters that are among the most common ones of news text, in
    /// either script: high for a right reading, near zero for a wrong one.
    static func commonness(_ text: String) -> Double {
        var han = 0, common = 0
        for u in text.unicodeScalars where (0x4E00 ... 0x9FFF).contains(u.value) {
            han += 1
            if commonCharacters.contains(u) { common += 1 }
        }
        return han == 0 ? 0 : Double(common) / Double(han)
    }

    /// About 300 of the commonest characters of Chinese news, Simplified and Traditional.
    private static let commonCharacters = Set(("的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會"
        + "可主发發年动動同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着著等部度家电電力里裡"
        + "如水化高自二理起小物现現实實加量都两兩体體制机機当當使点點从從业業本去把性好应應开開它合还還因由其些然前外天"
        + "政四日那社义義事平形相全表间間样樣与與关關各重新线線内內数數正心反你明看原又么麼利比或但质質气氣第向道命此"
        + "变變条條只没沒结結解问問意建月公无無系军軍很情者最立代想已通并並提直题題党黨程展五果料象员員革位入常文总總"
        + "次品式活设設及管特件长長求老头頭基资資边邊流路级級少图圖山统統接知较較将將组組见見计計别別手期根论論运運农"
        + "農指几幾区區强強放决決西被做必战戰先回则則任取据據处處队隊南给給色光门門即保治北造百规規热熱领領七海口东東"
        + "导導器志世金增争爭济濟思术術极極交受联聯什认認六共权權收证證改清己美再转轉更单單风風切打白教速安场場身车車"
        + "例真务務具万萬每目至达達走积積示议議声聲报報完类類八离離华華名确確才科张張信马馬节節话話整空元况況今集传傳"
        + "许許步群广廣记記需段研界且究观觀越织織装裝影算持众眾书書容须須际際商非验驗连連深难難近千周委素技备備半办辦"
        + "青省列习習响響约約支般史感劳勞便团團往历歷市克何除消构構府称稱精值号號率族维維选選标標写寫存候亲親快效院查"
        + "江型王按格养養易置派层層片始专專育厂廠京识識适適属屬包住调調满滿县縣局照参參红紅细細引该該价價严嚴职職县").unicodeScalars)
}
