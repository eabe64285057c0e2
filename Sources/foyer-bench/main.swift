// Measures Foyer's ingest and inbox against the targets of the design. Not shipped, not a test: it
// measures and prints; `Benchmarks/ingest.sh` runs the first three; their results go into docs/PERFORMANCE.md.
//
//   foyer-bench ingest  [--messages 200000] [--batch 1000]     bulk import through the ingest pipeline
//   foyer-bench inbox   [--messages 1000000] [--queries 200] [--keep DIR]
//                                                              inbox list, filters and search at scale; RSS
//   foyer-bench webhooks [--load wrk|in-process] [--seconds 10] [--requests N] [--concurrency 32]
//                                                              signed webhooks against the real server
//   foyer-bench publish [--posts 10000] [--window 60] [--burst 2000] due posts against a Mastodon fake
import Foundation

let given = Array(CommandLine.arguments.dropFirst())
guard let command = given.first else {
    print("usage: foyer-bench ingest|inbox|webhooks|publish [--messages N] [--batch N] [--queries N] [--requests N] [--concurrency N] [--load wrk|in-process] [--seconds N] [--gather-ms N] [--keep DIR]")
    exit(2)
}
let arguments = Array(given.dropFirst())

func option(_ name: String, _ fallback: Int, in arguments: [String] = arguments) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else {
        return fallback
    }
    return value
}

func textOption(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

do {
    switch command {
    case "ingest":
        try await IngestBenchmark.run(messages: option("--messages", 200_000), batch: option("--batch", 1_000))
    case "inbox":
        try await InboxBenchmark.run(messages: option("--messages", 1_000_000), queries: option("--queries", 200), keep: textOption("--keep"))
    case "webhooks":
        let name = textOption("--load") ?? WebhookBenchmark.Load.wrk.rawValue
        guard let load = WebhookBenchmark.Load(rawValue: name) else {
            print("--load is wrk or in-process, not \(name)")
            exit(2)
        }
        try await WebhookBenchmark.run(
            requests: option("--requests", load == .wrk ? 100_000 : 20_000), concurrency: option("--concurrency", 32),
            load: load, seconds: option("--seconds", 10), gatherMilliseconds: textOption("--gather-ms").flatMap { Int($0) })
    case "publish":
        try await PublishBenchmark.run(posts: option("--posts", 10_000), window: option("--window", 60), burst: option("--burst", 2_000))
    default:
        print("unknown benchmark \(command)")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("foyer-bench: \(error)\n".utf8))
    exit(1)
}
