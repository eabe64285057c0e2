/// FNV-1a, 64 bits: the one hash every table in FoyerText is keyed by. Stable across runs and machines
/// (unlike `Hasher`), so lookups are deterministic and tables can be built from resource files.
enum FNV {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func add(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    static func hash<S: Sequence>(bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = offset
        for b in bytes { h = add(h, b) }
        return h
    }

    /// Combines the hashes of consecutive words into the key of the phrase they form.
    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var x = a &* 0x9E37_79B9_7F4A_7C15 ^ b
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 32
        return x
    }
}
