import Foundation
import FoyerCore

/// Channel contexts for connector tests.
enum ChannelFixtures {
    static func context(
        _ kind: ChannelKind, settings: [String: String] = [:], credentials: [String: String] = [:]
    ) -> ChannelContext {
        ChannelContext(
            channel: Channel(
                id: ChannelID(1), workspaceID: WorkspaceID(1), kind: kind, name: "\(kind.displayName) test",
                settings: settings, sealedCredentials: nil, health: ChannelHealth(),
                createdAt: Date(timeIntervalSince1970: 1_700_000_000)),
            credentials: credentials)
    }
}
