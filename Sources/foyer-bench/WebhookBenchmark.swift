import AsyncHTTPClient
import Foundation
import FoyerApp
import FoyerConnectors
import FoyerCore
import Logging
import NIOCore
import NIOHTTP1

/// Signed generic webhooks against the real server (HTTP, verification, durable raw store, ingest worker).
///
/// Two load generators:
/// - `wrk` (the default): `wrk` in its own process sends pre-signed deliveries for a fixed time over
///   `concurrency` keep-alive connections; this process runs only the server and its workers, as
///   `foyer serve` does. The two processes still share the machine's cores.
/// - `in-process`: an AsyncHTTPClient in this process signs and sends `requests` deliveries, `concurrency`
///   at a time: client and server share the process and the cores (the first method used, kept to compare).
///
/// Either way, the end-to-end rate counts until the ingest worker has turned every stored delivery into a
/// message.
enum WebhookBenchmark {
    enum Load: String {
        case wrk
        case inProcess = "in-process"
    }

    static func run(requests: Int, concurrency: Int, load: Load, seconds: Int, gatherMilliseconds: Int?) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foyer-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = FoyerConfiguration(host: "127.0.0.1", port: 0, dataDirectory: folder, logLevel: .warning)
        let app = try await AppEnvironment.open(configuration)
        let sealer = try app.sealer()
        let storage = app.storage
        let owner = try await storage.users.create(email: "bench@foyer.example", name: "Bench", passwordHash: "x", preferredLocale: nil)
        let workspace = try await storage.workspaces.create(
            NewWorkspace(name: "Bench", slug: "bench", timeZone: "Europe/Paris", defaultLocale: .en), owner: owner.id)
        let secret = "bench-secret-\(UUID().uuidString)"
        let token = "bench\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        _ = try await storage.channels.create(
            NewChannel(
                kind: .webhook, name: "Bench webhook", sealedCredentials: try sealer.seal(credentials: ["secret": secret]),
                webhookToken: token),
            in: workspace.id)
        var workers = WorkerSetup(sealer: sealer, polling: false)
        if let gatherMilliseconds { workers.ingestGather = .milliseconds(gatherMilliseconds) }
        let server = try await FoyerServer.start(configuration: configuration, storage: storage, workers: workers)
        let url = server.url.absoluteString + "/hooks/" + token

        let start: ContinuousClock.Instant
        switch load {
        case .inProcess:
            print("webhooks: \(requests) signed requests, \(concurrency) at a time, client in the same process, \(machineLine())")
            start = ContinuousClock.now
            try await sendInProcess(requests: requests, concurrency: concurrency, url: url, secret: secret)
        case .wrk:
            let file = folder.appendingPathComponent("deliveries.txt")
            try writeDeliveries(requests, secret: secret, to: file)
            let script = folder.appendingPathComponent("deliveries.lua")
            try Data(luaScript.utf8).write(to: script)
            print(
                "webhooks: wrk in its own process, 1 thread, \(concurrency) connections, \(seconds) s, "
                    + "\(requests) distinct pre-signed deliveries; server and workers in this process; \(machineLine())")
            start = ContinuousClock.now
            let output = try await runWrk(
                ["-t1", "-c\(concurrency)", "-d\(seconds)s", "--latency", "-s", script.path, url, "--", file.path, "1"])
            report(wrk: output, distinct: requests)
        }

        // Until the ingest worker has turned every stored delivery into a message.
        while try await storage.inboundEvents.count(in: workspace.id, status: .pending) > 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let total = milliseconds(since: start) / 1000
        let events = try await storage.inboundEvents.count(in: workspace.id, status: nil)
        let stored = try await storage.messages.count(in: workspace.id)
        print(String(
            format: "ingested end to end: %d deliveries stored, %d messages in %.2f s = %.0f messages/s; RSS %.1f MiB",
            events, stored, total, Double(stored) / total, residentMiB()))
        await server.shutdown()
    }

    /// The JSON body of delivery `index`.
    static func body(_ index: Int) -> String {
        let item = Corpus.item(index, base: Date(timeIntervalSince1970: 1_790_000_000))
        return """
            {"id":"\(item.externalID)","thread":"\(item.threadID)","text":"\(item.body)","author":{"id":"\(item.author.externalID)","name":"\(item.author.displayName ?? "")"}}
            """
    }

    // MARK: In process

    static func sendInProcess(requests: Int, concurrency: Int, url: String, secret: String) async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let start = ContinuousClock.now
        var latencies = Latencies()
        var failures = 0
        try await withThrowingTaskGroup(of: (Double, Bool).self) { group in
            var next = 0
            func add() {
                let index = next
                next += 1
                group.addTask {
                    let body = Data(Self.body(index).utf8)
                    let signature = WebhookSignature.hmacSHA256Hex(secret: secret, message: body)
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.headers.add(name: "X-Foyer-Signature", value: "sha256=\(signature)")
                    request.body = .bytes(ByteBuffer(bytes: body))
                    let sent = ContinuousClock.now
                    let response = try await client.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 16)
                    return (milliseconds(since: sent), response.status == .ok)
                }
            }
            for _ in 0..<min(concurrency, requests) { add() }
            while let (latency, ok) = try await group.next() {
                latencies.add(latency)
                if !ok { failures += 1 }
                if next < requests { add() }
            }
        }
        let seconds = milliseconds(since: start) / 1000
        print(String(format: "acknowledged: %.0f requests/s, %@, %d not 200", Double(requests) / seconds, latencies.summary, failures))
        try await client.shutdown()
    }

    // MARK: wrk

    /// One delivery per line: the hex signature, a tab, the body (bodies have no tab and no newline).
    static func writeDeliveries(_ count: Int, secret: String, to file: URL) throws {
        var text = ""
        text.reserveCapacity(count * 300)
        for index in 0..<count {
            let body = Self.body(index)
            text += WebhookSignature.hmacSHA256Hex(secret: secret, message: Data(body.utf8))
            text += "\t"
            text += body
            text += "\n"
        }
        try Data(text.utf8).write(to: file)
    }

    /// Each wrk thread takes its share of the deliveries and sends them in order; past the end it starts
    /// again (the repeats are new deliveries of known messages: stored, then skipped by ingest).
    static let luaScript = """
        local counter = 0
        function setup(thread)
            thread:set("index", counter)
            counter = counter + 1
        end

        function init(args)
            local threads = tonumber(args[2]) or 1
            requests = {}
            local line_number = 0
            for line in io.lines(args[1]) do
                if line_number % threads == (index or 0) then
                    local tab = line:find("\\t", 1, true)
                    requests[#requests + 1] = wrk.format("POST", nil, {
                        ["Content-Type"] = "application/json",
                        ["X-Foyer-Signature"] = "sha256=" .. line:sub(1, tab - 1),
                    }, line:sub(tab + 1))
                end
                line_number = line_number + 1
            end
            sent = 0
        end

        function request()
            sent = sent + 1
            return requests[(sent - 1) % #requests + 1]
        end

        function done(summary, latency, requests)
            io.write(string.format("wrk-summary requests=%d non2xx=%d errors=%d\\n", summary.requests,
                summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
                    + summary.errors.timeout))
        end
        """

    static func runWrk(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wrk"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        let output = OutputCollector()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        pipe.fileHandleForReading.readabilityHandler = nil
        output.append(pipe.fileHandleForReading.readDataToEndOfFile())
        guard process.terminationStatus == 0 else {
            throw BenchFailure("wrk exited with status \(process.terminationStatus):\n\(output.text)")
        }
        return output.text
    }

    /// Prints wrk's own lines, then the summary in the same words as the in-process client.
    static func report(wrk output: String, distinct: Int) {
        for line in output.split(separator: "\n") where !line.hasPrefix("wrk-summary") {
            print("  wrk | " + line)
        }
        var percentiles: [String: String] = [:]
        var rate = "?"
        var summary: [String: Int] = [:]
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 2, ["50%", "75%", "90%", "99%"].contains(words[0]) {
                percentiles[String(words[0])] = String(words[1])
            } else if words.first == "Requests/sec:", words.count == 2 {
                rate = String(words[1])
            } else if words.first == "wrk-summary" {
                for pair in words.dropFirst() {
                    let parts = pair.split(separator: "=")
                    if parts.count == 2 { summary[String(parts[0])] = Int(parts[1]) }
                }
            }
        }
        let requests = summary["requests"] ?? 0
        print(
            "acknowledged: \(rate) requests/s, p50 \(percentiles["50%"] ?? "?"), p90 \(percentiles["90%"] ?? "?"), "
                + "p99 \(percentiles["99%"] ?? "?"); \(requests) requests, \(summary["non2xx"] ?? 0) not 2xx, "
                + "\(summary["errors"] ?? 0) socket errors")
        if requests > distinct {
            print("note: wrk sent more than the \(distinct) distinct deliveries; raise --requests")
        }
    }
}

/// Bytes read from a pipe on another thread.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) {
        lock.lock()
        data.append(more)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
