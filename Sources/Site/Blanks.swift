import Foundation

/// `text.trimmingCharacters(in: .whitespaces)` (spaces and tabs), answered without Foundation
/// when the first and last scalars are plainly not blank — nearly always, and Foundation's
/// call costs more than reading the rest of a title.
func trimmingBlanks(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
          plainlyNotBlank(first), plainlyNotBlank(last)
    else { return text.trimmingCharacters(in: .whitespaces) }
    return text
}

/// Whether `text` is empty or all spaces and tabs (`trimmingCharacters(in: .whitespaces)` leaves nothing).
func isBlank(_ text: String) -> Bool {
    if let first = text.unicodeScalars.first, plainlyNotBlank(first) { return false }
    return text.trimmingCharacters(in: .whitespaces).isEmpty
}

/// Scalars certainly outside `CharacterSet.whitespaces` (Unicode Zs and tab): visible ASCII,
/// Han, and full-width forms. Anything else is left to Foundation.
private func plainlyNotBlank(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x21...0x7E, 0x3400...0x9FFF, 0xFF01...0xFFEF: true
    default: false
    }
}
