/// Letters written so that a word filter does not see them: "𝐒𝐔𝐁𝐒𝐂𝐑𝐈𝐁𝐄", "ｆｒｅｅ", "ⓒⓗⓔⓒⓚ", "ᴄʜᴇᴄᴋ ᴍʏ
/// ᴄʜᴀɴɴᴇʟ", and Cyrillic or Greek look-alikes slipped into a Latin word ("frее" with a Cyrillic "е",
/// "іdіot"). Spam bots write this way to get past keyword lists; abusers too.
///
/// `plain(_:)` maps a styled letter (mathematical alphanumerics, fullwidth forms, circled and squared letters,
/// small capitals, letter-like symbols) to the ASCII letter it shows. `lookAlike(_:)` maps a Cyrillic or Greek
/// letter that looks like a Latin one; it is only applied inside a chunk that also has ASCII letters, so Russian or
/// Greek text stays what it is.
enum DisguisedLetters {
    /// The ASCII scalar a styled letter or digit shows, or nil.
    static func plain(_ v: UInt32) -> Unicode.Scalar? {
        switch v {
        case 0x1D400...0x1D6A3:  // mathematical bold, italic, script, fraktur, double-struck, sans, monospace
            let i = (v - 0x1D400) % 52
            return ascii(i < 26 ? 0x41 + i : 0x61 + i - 26)
        case 0x1D7CE...0x1D7FF:  // mathematical digits
            return ascii(0x30 + (v - 0x1D7CE) % 10)
        case 0xFF01...0xFF5E:  // fullwidth ASCII
            return ascii(v - 0xFEE0)
        case 0x24B6...0x24CF:  // Ⓐ…Ⓩ
            return ascii(0x41 + v - 0x24B6)
        case 0x24D0...0x24E9:  // ⓐ…ⓩ
            return ascii(0x61 + v - 0x24D0)
        case 0x249C...0x24B5:  // ⒜…⒵
            return ascii(0x61 + v - 0x249C)
        case 0x1F130...0x1F149, 0x1F150...0x1F169, 0x1F170...0x1F189:  // squared and negative circled A…Z
            return ascii(0x41 + (v - 0x1F130) % 32)
        case 0x262...0x29F, 0x1D00...0x1D22, 0x2102...0x2134, 0xA730...0xA731:  // small capitals, letter-like
            guard let b = table[v] else { return nil }
            return ascii(UInt32(b))
        default:
            return nil  // emoji, Cyrillic, CJK…: no table lookup
        }
    }

    /// The Latin letter a Cyrillic or Greek look-alike shows, or nil.
    static func lookAlike(_ v: UInt32) -> Unicode.Scalar? {
        guard v >= 0x391, v <= 0x51D, let b = lookAlikes[v] else { return nil }
        return ascii(UInt32(b))
    }

    private static func ascii(_ v: UInt32) -> Unicode.Scalar { Unicode.Scalar(UInt8(truncatingIfNeeded: v)) }

    /// Small capitals and the letter-like symbols that fill the holes of the mathematical alphabets.
    private static let table: [UInt32: UInt8] = {
        var t: [UInt32: UInt8] = [:]
        let smallCapitals: [(UInt32, Character)] = [
            (0x1D00, "a"), (0x0299, "b"), (0x1D04, "c"), (0x1D05, "d"), (0x1D07, "e"), (0xA730, "f"), (0x0262, "g"),
            (0x029C, "h"), (0x026A, "i"), (0x1D0A, "j"), (0x1D0B, "k"), (0x029F, "l"), (0x1D0D, "m"), (0x0274, "n"),
            (0x1D0F, "o"), (0x1D18, "p"), (0x0280, "r"), (0xA731, "s"), (0x1D1B, "t"), (0x1D1C, "u"), (0x1D20, "v"),
            (0x1D21, "w"), (0x028F, "y"), (0x1D22, "z"),
        ]
        let letterLike: [(UInt32, Character)] = [
            (0x2102, "C"), (0x210A, "g"), (0x210B, "H"), (0x210C, "H"), (0x210D, "H"), (0x210E, "h"), (0x2110, "I"),
            (0x2111, "I"), (0x2112, "L"), (0x2113, "l"), (0x2115, "N"), (0x2119, "P"), (0x211A, "Q"), (0x211B, "R"),
            (0x211C, "R"), (0x211D, "R"), (0x2124, "Z"), (0x2128, "Z"), (0x212C, "B"), (0x212D, "C"), (0x212F, "e"),
            (0x2130, "E"), (0x2131, "F"), (0x2133, "M"), (0x2134, "o"),
        ]
        for (v, c) in smallCapitals + letterLike { t[v] = c.asciiValue! }
        return t
    }()

    private static let lookAlikes: [UInt32: UInt8] = {
        let pairs: [(UInt32, Character)] = [
            // Cyrillic
            (0x0430, "a"), (0x0435, "e"), (0x043E, "o"), (0x0440, "p"), (0x0441, "c"), (0x0443, "y"), (0x0445, "x"),
            (0x0456, "i"), (0x0458, "j"), (0x0455, "s"), (0x0501, "d"), (0x04BB, "h"), (0x051B, "q"), (0x051D, "w"),
            (0x04CF, "l"), (0x0410, "A"), (0x0412, "B"), (0x0415, "E"), (0x041A, "K"), (0x041C, "M"), (0x041D, "H"),
            (0x041E, "O"), (0x0420, "P"), (0x0421, "C"), (0x0422, "T"), (0x0423, "Y"), (0x0425, "X"), (0x0406, "I"),
            (0x0405, "S"), (0x0408, "J"),
            // Greek
            (0x03B1, "a"), (0x03B9, "i"), (0x03BA, "k"), (0x03BD, "v"), (0x03BF, "o"), (0x03C1, "p"), (0x03C5, "u"),
            (0x0391, "A"), (0x0392, "B"), (0x0395, "E"), (0x0396, "Z"), (0x0397, "H"), (0x0399, "I"), (0x039A, "K"),
            (0x039C, "M"), (0x039D, "N"), (0x039F, "O"), (0x03A1, "P"), (0x03A4, "T"), (0x03A5, "Y"), (0x03A7, "X"),
        ]
        var t: [UInt32: UInt8] = [:]
        for (v, c) in pairs { t[v] = c.asciiValue! }
        return t
    }()
}
