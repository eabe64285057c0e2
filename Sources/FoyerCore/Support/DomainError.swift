/// Errors the domain and its repositories report. The web layer maps them to statuses and messages.
///
/// Messages are written for the person using Foyer: they say what is wrong and what to do.
public enum DomainError: Error, Equatable, Sendable {
    /// The record does not exist, or is not visible from the workspace asked for.
    case notFound(String)
    /// A uniqueness rule of the schema refused the write (e.g. "A user with this email already exists.").
    case conflict(String)
    /// A value is not acceptable; `field` names the input field.
    case invalid(field: String, message: String)
    /// The action is not allowed for this role.
    case forbidden(String)
}

extension DomainError: CustomStringConvertible {
    /// The message for a person, with the field named for invalid input.
    public var description: String {
        switch self {
        case .notFound(let message), .conflict(let message), .forbidden(let message): message
        case .invalid(let field, let message): "\(field): \(message)"
        }
    }
}
