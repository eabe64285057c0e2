import Foundation
import FoyerApp
import Synchronization

/// A ``Console`` that records what a command prints and feeds it a given standard input.
final class RecordingConsole: Sendable {
    private let state = Mutex<(output: String, error: String)>(("", ""))
    let input: Data

    init(input: String = "") { self.input = Data(input.utf8) }

    var output: String { state.withLock { $0.output } }
    var error: String { state.withLock { $0.error } }

    var console: Console {
        Console(
            writeOutput: { text in self.state.withLock { $0.output += text } },
            writeError: { text in self.state.withLock { $0.error += text } },
            readInput: { self.input },
            environment: [:])
    }

    /// Runs `foyer <arguments>` with this console.
    func run(_ arguments: [String]) async throws {
        try await Console.$current.withValue(console) {
            try await FoyerCommand.invoke(arguments)
        }
    }
}
