import HummingbirdBcrypt
import NIOPosix

/// Hashes and verifies passwords with bcrypt, off the cooperative pool (on `NIOThreadPool.singleton`).
///
/// bcrypt takes tens of milliseconds at production cost; running it on the event loop would stall every
/// other request, so both operations hop to the blocking thread pool.
public struct PasswordHasher: Sendable {
    /// The bcrypt cost factor (4…31); production uses ``WebSettings/bcryptCost``, tests use 4.
    public let cost: UInt8

    public init(cost: UInt8) {
        self.cost = min(max(cost, 4), 31)
    }

    /// Returns the bcrypt hash of `password`.
    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`. A malformed hash never matches.
    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
