import Foundation

public typealias SavedReplyID = Identifier<SavedReply>

/// A canned answer with a text per language, suggested for the intents it answers.
public struct SavedReply: Sendable, Equatable, Identifiable {
    public var id: SavedReplyID
    public var workspaceID: WorkspaceID
    public var name: String
    /// The intents (`question`, `complaint`…) this reply answers; empty for any.
    public var intents: [String]
    /// One body per language, sorted by language.
    public var versions: [SavedReplyVersion]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: SavedReplyID, workspaceID: WorkspaceID, name: String, intents: [String], versions: [SavedReplyVersion],
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.name = name
        self.intents = intents
        self.versions = versions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The version in `language`, else the one in `fallback`, else the first.
    public func version(for language: String?, fallback: String) -> SavedReplyVersion? {
        versions.first { $0.language == language } ?? versions.first { $0.language == fallback } ?? versions.first
    }

    /// The replies ordered for a message: those matching one of its intents and having its language first,
    /// then those matching an intent, then those in its language, then the rest; by name within each group.
    public static func suggestions(_ replies: [SavedReply], intents: [String], language: String?) -> [SavedReply] {
        func rank(_ reply: SavedReply) -> Int {
            let intentMatch = !Set(reply.intents).isDisjoint(with: intents)
            let languageMatch = language != nil && reply.versions.contains { $0.language == language }
            switch (intentMatch, languageMatch) {
            case (true, true): return 0
            case (true, false): return 1
            case (false, true): return 2
            case (false, false): return 3
            }
        }
        return replies.sorted {
            let (left, right) = (rank($0), rank($1))
            return left != right ? left < right : $0.name.localizedStandardCompare($1.name) == .orderedAscending
        }
    }
}

/// The body of a saved reply in one language.
public struct SavedReplyVersion: Sendable, Equatable, Codable {
    /// ISO 639-1 code such as `en` or `fr`.
    public var language: String
    public var body: String

    public init(language: String, body: String) {
        self.language = language
        self.body = body
    }
}

/// What it takes to create or replace a saved reply.
public struct NewSavedReply: Sendable, Equatable {
    public var name: String
    public var intents: [String]
    public var versions: [SavedReplyVersion]

    public init(name: String, intents: [String], versions: [SavedReplyVersion]) {
        self.name = name
        self.intents = intents
        self.versions = versions
    }

    /// The intents analysis knows.
    public static let knownIntents = ["complaint", "question", "praise", "idea", "bug"]

    /// Trims and checks every field: a name, known intents, at least one version, one per language,
    /// a language code of 2 to 8 letters and a body of 1 to 10 000 characters.
    public func validated() throws -> NewSavedReply {
        let name = try Validation.name(self.name)
        for intent in intents where !Self.knownIntents.contains(intent) {
            throw DomainError.invalid(
                field: "intents",
                message: "Unknown intent \"\(intent.prefix(30))\". Use: \(Self.knownIntents.joined(separator: ", ")).")
        }
        var versions: [SavedReplyVersion] = []
        for version in self.versions {
            let language = version.language.trimmingCharacters(in: .whitespaces).lowercased()
            let body = version.body.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (2...8).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw DomainError.invalid(field: "versions", message: "Use a language code such as en or fr.")
            }
            guard !body.isEmpty, body.count <= 10_000 else {
                throw DomainError.invalid(field: "versions", message: "Write a reply of 1 to 10000 characters.")
            }
            guard !versions.contains(where: { $0.language == language }) else {
                throw DomainError.invalid(field: "versions", message: "Give one version per language.")
            }
            versions.append(SavedReplyVersion(language: language, body: body))
        }
        guard !versions.isEmpty else {
            throw DomainError.invalid(field: "versions", message: "Write the reply in at least one language.")
        }
        return NewSavedReply(
            name: name, intents: Array(Set(intents)).sorted(), versions: versions.sorted { $0.language < $1.language })
    }
}

/// Fills `{{member.name}}`, `{{agent.name}}` and `{{workspace.name}}` in a saved reply's body.
public enum ReplyTemplate {
    /// The variables a body may use.
    public static let variables = ["member.name", "agent.name", "workspace.name"]

    /// Replaces each `{{name}}` (spaces inside the braces allowed) whose name is in `values`; anything else
    /// stays as written, so the person sees what was not filled.
    public static func render(_ body: String, values: [String: String]) -> String {
        var result = ""
        var rest = body[...]
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = values[name] {
                result += value
            } else {
                result += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}

/// Saved replies of a workspace.
public protocol SavedReplyRepository: Sendable {
    /// Stores a validated reply and its versions in one transaction.
    /// - Throws: ``DomainError/conflict(_:)`` when the name is taken in the workspace.
    func create(_ reply: NewSavedReply, in workspace: WorkspaceID) async throws -> SavedReply
    /// Replaces name, intents and versions in one transaction.
    func update(_ id: SavedReplyID, with reply: NewSavedReply, in workspace: WorkspaceID) async throws -> SavedReply
    func find(_ id: SavedReplyID, in workspace: WorkspaceID) async throws -> SavedReply?
    /// By name.
    func list(in workspace: WorkspaceID) async throws -> [SavedReply]
    func delete(_ id: SavedReplyID, in workspace: WorkspaceID) async throws
}

/// The inbox settings of each workspace.
public protocol InboxSettingsRepository: Sendable {
    /// The stored settings, or the defaults (no target, around the clock).
    func find(in workspace: WorkspaceID) async throws -> InboxSettings
    func save(_ settings: InboxSettings, in workspace: WorkspaceID) async throws
}
