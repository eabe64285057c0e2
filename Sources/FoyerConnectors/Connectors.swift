import FoyerCore

/// The connectors this build ships, for the composition root's ``ConnectorRegistry``.
public enum Connectors {
    public static func all() -> [any Connector] {
        []
    }
}
