import Crypto
import Foundation
import FoyerCore

/// HMAC signatures of webhook deliveries, compared in constant time over the raw body bytes.
public enum WebhookSignature {
    /// The lowercase hex HMAC-SHA256 of `message` keyed with `secret`.
    public static func hmacSHA256Hex(secret: String, message: Data) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return hex(Data(code))
    }

    /// The lowercase hex HMAC-SHA256 of the UTF-8 bytes of `message`.
    public static func hmacSHA256Hex(secret: String, message: String) -> String {
        hmacSHA256Hex(secret: secret, message: Data(message.utf8))
    }

    /// Whether `given` (a header value such as `sha256=<hex>` or `v0=<hex>`, or bare hex) is the HMAC-SHA256
    /// of `message` under `secret`. The comparison is constant-time; a malformed value is simply not valid.
    /// - Parameter prefixes: the scheme prefixes accepted before the hex digits.
    public static func isValidHMACSHA256(
        _ given: String, secret: String, message: Data, prefixes: [String] = ["sha256=", "v0="]
    ) -> Bool {
        guard let code = parseHex(stripPrefix(given, prefixes: prefixes)), code.count == SHA256.byteCount else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(
            code, authenticating: message, using: SymmetricKey(data: Data(secret.utf8)))
    }

    /// Checks a signature header and throws the matching rejection.
    /// - Throws: ``WebhookRejection/missingSignature`` when `given` is absent or empty,
    ///   ``WebhookRejection/badSignature`` when it does not match.
    public static func verifyHMACSHA256(
        _ given: String?, secret: String, message: Data, prefixes: [String] = ["sha256=", "v0="]
    ) throws(WebhookRejection) {
        guard let given = given.map({ HotText.trimmedSpaces($0[...]) }), !given.isEmpty else {
            throw .missingSignature
        }
        guard isValidHMACSHA256(given, secret: secret, message: message, prefixes: prefixes) else {
            throw .badSignature
        }
    }

    /// Constant-time equality of two byte strings (the length is not secret).
    public static func constantTimeEquals(_ lhs: some DataProtocol, _ rhs: some DataProtocol) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }

    /// Checks a signed Unix timestamp (seconds) against the replay window.
    /// - Returns: the timestamp as sent, for building the signed string.
    /// - Throws: ``WebhookRejection/malformed(_:)`` when it is not a number, ``WebhookRejection/stale`` when it
    ///   is more than `tolerance` seconds away from `now`, in either direction.
    @discardableResult
    public static func checkTimestamp(
        _ value: String, now: Date, tolerance: TimeInterval = 300, header: String
    ) throws(WebhookRejection) -> Int64 {
        guard let seconds = Int64(HotText.trimmedSpaces(value[...])) else {
            throw .malformed("\(header) must be a Unix time in seconds.")
        }
        guard abs(Double(seconds) - now.timeIntervalSince1970) <= tolerance else { throw .stale }
        return seconds
    }

    static func stripPrefix(_ value: String, prefixes: [String]) -> Substring {
        let trimmed = HotText.trimmedSpaces(value[...])
        let lowered = trimmed.lowercased()
        for prefix in prefixes where lowered.hasPrefix(prefix.lowercased()) {
            return trimmed.dropFirst(prefix.count)
        }
        return Substring(trimmed)
    }

    /// Hex digits to bytes; `nil` for odd length or a non-hex character.
    static func parseHex(_ text: Substring) -> Data? {
        let utf8 = Array(text.utf8)
        guard utf8.count.isMultiple(of: 2) else { return nil }
        var bytes = Data(capacity: utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(data.count * 2)
        for byte in data {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
