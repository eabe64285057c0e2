import FoyerCore

/// A command's error, as the one line ArgumentParser prints on standard error (`Error: …`) before exiting
/// with a non-zero status.
public struct CommandFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    /// Turns any error into one actionable line; ``DomainError``s name the flag the value came from.
    static func wrapping(_ error: any Error, flags: [String: String] = [:]) -> any Error {
        switch error {
        case let error as DomainError:
            switch error {
            case .invalid(let field, let message): return CommandFailure("\(flags[field] ?? "--\(field)"): \(message)")
            case .conflict(let message), .notFound(let message), .forbidden(let message): return CommandFailure(message)
            }
        default:
            return error
        }
    }
}

/// Runs `body`, rethrowing its errors as ``CommandFailure`` lines.
func reportingFailures<T>(flags: [String: String] = [:], _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw CommandFailure.wrapping(error, flags: flags)
    }
}
