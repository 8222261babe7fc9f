import COpenCC
import Foundation
import Synchronization

/// One of OpenCC's conversions, with OpenCC's own dictionaries (Debian's `libopencc-dev`): phrase
/// by phrase, so 干部 becomes 幹部 but 干净 乾淨, 头发 頭髮 but 发展 發展.
///
/// Opened once per process (loading the dictionaries takes tens of milliseconds) and shared by
/// every thread: OpenCC's converter keeps no state between calls, and its tests run it from many.
final class OpenCC: @unchecked Sendable {
    /// OpenCC's configurations this project uses, by their file names.
    enum Conversion: String, Sendable, CaseIterable {
        /// Simplified to Traditional (OpenCC's standard forms), and with Taiwan's or Hong Kong's forms.
        case s2t, s2tw, s2hk
        /// Traditional to Simplified.
        case t2s
    }

    private let handle: UnsafeMutableRawPointer

    private init?(_ conversion: Conversion) {
        // OpenCC finds the configuration and its dictionaries in its data folder; it returns
        // (opencc_t)-1 when it cannot.
        guard let opened = opencc_open(conversion.rawValue + ".json"), Int(bitPattern: opened) != -1 else { return nil }
        handle = opened
    }

    deinit { opencc_close(handle) }

    private static let opened = Mutex<[Conversion: OpenCC]>([:])

    /// The converter for `conversion`, nil when OpenCC or its dictionaries are not installed.
    static func converter(_ conversion: Conversion) -> OpenCC? {
        opened.withLock { open in
            if let converter = open[conversion] { return converter }
            let converter = OpenCC(conversion)
            open[conversion] = converter
            return converter
        }
    }

    /// Whether `conversion` can be opened, without opening it when its configuration is where
    /// Debian's package puts it.
    static func isAvailable(_ conversion: Conversion) -> Bool {
        FileManager.default.fileExists(atPath: "/usr/share/opencc/" + conversion.rawValue + ".json") || converter(conversion) != nil
    }

    /// Why the last converter could not be opened, as OpenCC says it.
    static var lastError: String { opencc_error().map { String(cString: $0) } ?? "unknown error" }

    /// UTF-8 text converted; nil when OpenCC fails. Characters OpenCC has no entry for (Latin,
    /// punctuation, control characters) come back as they were, and no phrase spans them.
    func convert(utf8 bytes: [UInt8]) -> [UInt8]? {
        guard !bytes.isEmpty else { return bytes }
        return bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress, let converted = opencc_convert_utf8(handle, base, chars.count) else { return nil }
                defer { opencc_convert_utf8_free(converted) }
                return Array(UnsafeRawBufferPointer(start: converted, count: strlen(converted)).bindMemory(to: UInt8.self))
            }
        }
    }
}
