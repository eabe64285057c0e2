import Foundation
import FoyerCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which URLs connectors may fetch. User-given URLs (a feed, a self-hosted Discourse, a Mastodon server)
/// must not let someone reach the machine's own services or the private network behind it.
///
/// Refused always: schemes other than `http` and `https`, and URLs with user info (`https://a:b@host`).
/// Refused unless ``allowPrivateNetworks``: hosts named `localhost` (or `*.localhost`) and hosts that are, or
/// resolve to, a loopback, private, link-local, CGNAT, unspecified, multicast or reserved address, in IPv4 or
/// IPv6 (including IPv4-mapped and NAT64 forms). Every resolved address is checked.
///
/// The check resolves the name, then the HTTP client resolves it again to connect: a DNS server that answers
/// differently within that instant (DNS rebinding) is not stopped by this guard.
public struct NetworkPolicy: Sendable, Equatable {
    /// `FOYER_ALLOW_PRIVATE_NETWORKS`: lets connectors reach private and loopback addresses (a Discourse on the
    /// LAN, tests against loopback fakes).
    public var allowPrivateNetworks: Bool

    public init(allowPrivateNetworks: Bool = false) {
        self.allowPrivateNetworks = allowPrivateNetworks
    }

    /// Checks the scheme, user info and literal host of `url`, without any DNS lookup.
    /// - Returns: the host, without IPv6 brackets, lower-cased.
    /// - Throws: ``ConnectorError`` of kind ``ConnectorError/Kind/configuration``.
    @discardableResult
    public func checkSyntax(_ url: URL) throws -> String {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw ConnectorError(.configuration, "The URL \(Self.describe(url)) must start with http:// or https://.")
        }
        guard url.user == nil, url.password == nil else {
            throw ConnectorError(
                .configuration,
                "The URL \(Self.describe(url)) may not carry a user name or password; use the credential fields instead."
            )
        }
        guard var host = url.host?.lowercased(), !host.isEmpty else {
            throw ConnectorError(.configuration, "The URL \(Self.describe(url)) has no host name.")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if allowPrivateNetworks { return host }
        let name = host.hasSuffix(".") ? String(host.dropLast()) : host
        if name == "localhost" || name.hasSuffix(".localhost") || name == "localhost.localdomain" {
            throw refusal(url)
        }
        if let address = IPAddress(literal: host), !address.isPublic {
            throw refusal(url)
        }
        return host
    }

    /// Checks `url` completely: the syntax, then every address its host resolves to.
    ///
    /// The lookup (`getaddrinfo`) runs on NIO's thread pool, never on the caller's thread.
    /// - Throws: ``ConnectorError`` of kind ``ConnectorError/Kind/configuration`` when refused, of kind
    ///   ``ConnectorError/Kind/unavailable`` when the name does not resolve.
    public func check(_ url: URL) async throws {
        let host = try checkSyntax(url)
        if allowPrivateNetworks || IPAddress(literal: host) != nil { return }
        let addresses = try await NIOThreadPool.singleton.runIfActive { Self.resolve(host) }
        guard let addresses else {
            throw ConnectorError(.unavailable, "The host name \(host) could not be resolved; check the URL.")
        }
        if addresses.isEmpty || addresses.contains(where: { !$0.isPublic }) { throw refusal(url) }
    }

    /// Checks `url` synchronously, with a blocking DNS lookup: for validation outside request paths and tests.
    public func checkBlocking(_ url: URL) throws {
        let host = try checkSyntax(url)
        if allowPrivateNetworks || IPAddress(literal: host) != nil { return }
        guard let addresses = Self.resolve(host) else {
            throw ConnectorError(.unavailable, "The host name \(host) could not be resolved; check the URL.")
        }
        if addresses.isEmpty || addresses.contains(where: { !$0.isPublic }) { throw refusal(url) }
    }

    private func refusal(_ url: URL) -> ConnectorError {
        ConnectorError(
            .configuration,
            "The URL \(Self.describe(url)) may not reach private or loopback addresses; set FOYER_ALLOW_PRIVATE_NETWORKS=true to allow it."
        )
    }

    /// The scheme and host only: URLs may carry tokens in their path or query.
    static func describe(_ url: URL) -> String {
        guard let scheme = url.scheme, let host = url.host else { return "given" }
        return "\(scheme)://\(host)"
    }

    /// Every address `host` resolves to, or `nil` when the lookup fails.
    static func resolve(_ host: String) -> [IPAddress]? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
            hints.ai_socktype = SOCK_STREAM
        #else
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return nil }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let sockaddr = info.pointee.ai_addr {
                switch info.pointee.ai_family {
                case AF_INET:
                    let address = sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    addresses.append(.v4(UInt32(bigEndian: address.s_addr)))
                case AF_INET6:
                    let address = sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        $0.pointee.sin6_addr
                    }
                    addresses.append(.v6(withUnsafeBytes(of: address) { Array($0) }))
                default:
                    break
                }
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }
}

/// An IPv4 or IPv6 address and the ranges the network policy refuses.
struct IPAddress: Sendable, Equatable, CustomStringConvertible {
    enum Storage: Equatable { case v4(UInt32), v6([UInt8]) }
    var storage: Storage

    static func v4(_ value: UInt32) -> IPAddress { IPAddress(storage: .v4(value)) }
    static func v6(_ bytes: [UInt8]) -> IPAddress { IPAddress(storage: .v6(bytes)) }

    /// Parses a literal address in standard notation (`inet_pton`): `10.0.0.1`, `::1`, `::ffff:127.0.0.1`.
    /// Shorthand forms such as `127.1` are not literals here; they reach `getaddrinfo`, whose answer is checked.
    init?(literal: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            storage = .v4(UInt32(bigEndian: v4.s_addr))
        } else if inet_pton(AF_INET6, literal, &v6) == 1 {
            storage = .v6(withUnsafeBytes(of: v6) { Array($0) })
        } else {
            return nil
        }
    }

    private init(storage: Storage) { self.storage = storage }

    var description: String {
        switch storage {
        case let .v4(value): "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
        case let .v6(bytes): bytes.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// False for every range a server should not be sent to on a user's say-so.
    var isPublic: Bool {
        switch storage {
        case let .v4(value): Self.isPublicV4(value)
        case let .v6(bytes): Self.isPublicV6(bytes)
        }
    }

    private static func isPublicV4(_ address: UInt32) -> Bool {
        func inRange(_ base: UInt32, _ prefix: UInt32) -> Bool {
            let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
            return address & mask == base & mask
        }
        let refused: [(UInt32, UInt32)] = [
            (0x0000_0000, 8),  // 0.0.0.0/8 "this network"
            (0x0A00_0000, 8),  // 10/8 private
            (0x6440_0000, 10),  // 100.64/10 CGNAT
            (0x7F00_0000, 8),  // 127/8 loopback
            (0xA9FE_0000, 16),  // 169.254/16 link-local (cloud metadata)
            (0xAC10_0000, 12),  // 172.16/12 private
            (0xC000_0000, 24),  // 192.0.0/24 IETF protocol assignments
            (0xC0A8_0000, 16),  // 192.168/16 private
            (0xC612_0000, 15),  // 198.18/15 benchmarking
            (0xE000_0000, 4),  // 224/4 multicast
            (0xF000_0000, 4),  // 240/4 reserved and broadcast
        ]
        return !refused.contains { inRange($0.0, $0.1) }
    }

    private static func isPublicV6(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 16 else { return false }
        let embeddedV4 = UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])
        // ::ffff:a.b.c.d (IPv4-mapped)
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return isPublicV4(embeddedV4)
        }
        // :: , ::1 and the deprecated IPv4-compatible ::a.b.c.d
        if bytes[0..<12].allSatisfy({ $0 == 0 }) {
            return embeddedV4 > 1 && isPublicV4(embeddedV4)
        }
        // 64:ff9b::/96 NAT64 reaches the embedded IPv4 address.
        if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            return isPublicV4(embeddedV4)
        }
        if bytes[0] & 0xFE == 0xFC { return false }  // fc00::/7 unique local
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return false }  // fe80::/10 link-local
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 { return false }  // fec0::/10 old site-local
        if bytes[0] == 0xFF { return false }  // ff00::/8 multicast
        return true
    }
}
