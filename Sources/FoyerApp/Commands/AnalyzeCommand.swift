import ArgumentParser
import Foundation
import FoyerText

/// `foyer analyze`: language, sentiment, toxicity, spam and intents for every line of standard input, as JSON
/// Lines on standard output, in input order, using every core. The work is done by `FoyerText.AnalyzeLines`;
/// this command only connects it to the terminal.
public struct AnalyzeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract:
            "Analyse messages read from standard input (JSON Lines or raw text) and print one JSON object per line.",
        discussion: """
            Input (default): one JSON object per line, {"id": "42", "text": "…", "language": "fr"}; id and \
            language are optional and a given language skips detection. With --text, every line is a message \
            and its id is its line number.

            Output: one JSON object per input line, in order. A line that is not valid input gets \
            {"id": …, "error": "…"} in its place and the run goes on; the exit status is 1 when any line failed.
            """
    )

    @Flag(name: .long, help: "Read raw text, one message per line, instead of JSON Lines.")
    var text = false

    @Option(name: .long, help: "Data folder; accepted like other commands but not used (analysis needs no data).")
    var data: String?

    public init() {}

    public mutating func run() async throws {
        let lines = AnalyzeLines(format: text ? .text : .jsonLines)
        if !TextAnalyzer().resourceProblems.isEmpty {
            throw ValidationError(
                "FoyerText resources are missing: \(TextAnalyzer().resourceProblems.joined(separator: ", "))")
        }
        // Reading standard input blocks, so the loop runs on its own thread, never on the concurrency pool.
        let failures = await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
            Thread.detachNewThread {
                continuation.resume(returning: lines.run(input: .standardInput, output: .standardOutput))
            }
        }
        if failures > 0 {
            FileHandle.standardError.write(Data("foyer analyze: \(failures) line(s) could not be analysed\n".utf8))
            throw ExitCode(1)
        }
    }
}
