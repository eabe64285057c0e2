/// A read-only hash map from 64-bit keys to values, with open addressing and linear probing.
///
/// Every key in FoyerText is already a well-mixed hash (FNV-1a), so a multiply-shift is enough to place it;
/// this avoids `Dictionary`'s per-lookup SipHash, which dominated the cost of analysing a message.
/// Built once from a `Dictionary` at load time; never mutated afterwards.
struct FastMap<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value?]
    private let shift: UInt64
    private let mask: Int
    /// The key used to mark empty slots cannot be stored in the table; its value, if any, lives here.
    private let sentinelValue: Value?
    private static var empty: UInt64 { 0 }

    let count: Int

    init(_ dictionary: [UInt64: Value]) {
        var capacity = 16
        var bits: UInt64 = 4
        while capacity < dictionary.count * 2 {
            capacity <<= 1
            bits += 1
        }
        var keys = [UInt64](repeating: Self.empty, count: capacity)
        var values = [Value?](repeating: nil, count: capacity)
        let shift = 64 - bits
        var sentinel: Value?
        // Sorted insertion keeps the layout identical from run to run.
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            if key == Self.empty {
                sentinel = value
                continue
            }
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[i] != Self.empty { i = (i + 1) & (capacity - 1) }
            keys[i] = key
            values[i] = value
        }
        self.keys = keys
        self.values = values
        self.shift = shift
        self.mask = capacity - 1
        self.sentinelValue = sentinel
        self.count = dictionary.count
    }

    init() { self.init([:]) }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        if key == Self.empty { return sentinelValue }
        return keys.withUnsafeBufferPointer { keys in
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == Self.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { self[key] != nil }
}
