import Foundation

/// Lower-casing and accent folding for Latin scalars, computed once.
///
/// `folded` maps a scalar to the ASCII letters it reads as (`é` → `e`, `ß` → `ss`, `œ` → `oe`);
/// `lower` to its lower-case form with the accent kept (used by language identification, where `ñ` or `ã`
/// are strong clues).
struct ScalarFolding: Sendable {
    static let shared = ScalarFolding()

    static let latinStart: UInt32 = 0xC0
    static let latinEnd: UInt32 = 0x250

    /// For scalars in `latinStart..<latinEnd`: folded ASCII bytes (empty when not a letter).
    let folded: [[UInt8]]
    /// For the same range: lower-case scalar (same scalar when already lower-case or not a letter).
    let lower: [Unicode.Scalar]
    let isLetter: [Bool]

    private init() {
        var folded: [[UInt8]] = []
        var lower: [Unicode.Scalar] = []
        var isLetter: [Bool] = []
        let special: [UInt32: String] = [
            0xDF: "ss", 0xC6: "ae", 0xE6: "ae", 0x152: "oe", 0x153: "oe", 0xD8: "o", 0xF8: "o", 0x141: "l", 0x142: "l",
            0x110: "d", 0x111: "d", 0xD0: "d", 0xF0: "d", 0xDE: "th", 0xFE: "th", 0x131: "i",
        ]
        for value in Self.latinStart..<Self.latinEnd {
            guard let scalar = Unicode.Scalar(value) else {
                folded.append([]); lower.append(" "); isLetter.append(false); continue
            }
            let letter = scalar.properties.isAlphabetic
            isLetter.append(letter)
            let lowered = String(Character(scalar)).lowercased().unicodeScalars
            lower.append(lowered.count == 1 ? lowered.first! : scalar)
            guard letter else { folded.append([]); continue }
            if let s = special[value] {
                folded.append(Array(s.utf8))
                continue
            }
            let f = String(Character(scalar)).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
                .lowercased()
            let ascii = f.utf8.filter { $0 >= 0x61 && $0 <= 0x7A }
            folded.append(ascii.isEmpty ? Array(String(lower.last!).utf8) : ascii)
        }
        self.folded = folded
        self.lower = lower
        self.isLetter = isLetter
    }
}
