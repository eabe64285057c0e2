import ArgumentParser

public struct FoyerCommand: AsyncParsableCommand {
    public init() {}
    public func run() async throws {}
}
