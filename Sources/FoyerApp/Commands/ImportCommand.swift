import ArgumentParser
import Foundation
import FoyerCore

/// `foyer import`: loads messages from a CSV or JSON Lines file into a channel, through the same ingest
/// pipeline as webhooks and polls (deduplication, identities, analysis, threading, rollups).
public struct ImportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import messages into a channel from a CSV or JSON Lines file.",
        discussion: """
            JSON Lines: one object per line with the fields of the generic webhook: id, text, author {id, name, \
            handle, url}, thread, replyTo, kind (post, comment, reply, mention, direct_message, review), sentAt \
            (ISO 8601), url, subject. id, text and author.id are required.

            CSV (RFC 4180, UTF-8, a header row): the same fields flattened, as columns \
            \(ImportRow.csvColumns.joined(separator: ",")).

            Each bad row is reported with its line number and skipped; the others are imported in batches. \
            Importing the same file again stores nothing twice. The exit status is 1 when any row was rejected.
            """)

    @OptionGroup public var dataOptions: DataOptions
    @Option(help: "The workspace's slug or id.") public var workspace: String
    @Option(help: "The channel's id or name in that workspace.") public var channel: String
    @Option(help: ArgumentHelp("The file to import.", valueName: "path")) public var file: String
    @Option(help: "csv or jsonl (default: from the file name, .csv is CSV, otherwise JSON Lines).")
    public var format: String?
    @Flag(name: .customLong("dry-run"), help: "Check every row and report, without writing anything.")
    public var dryRun = false
    @Option(
        help: ArgumentHelp(
            "Write the rejected rows as JSON Lines {\"line\": n, \"error\": \"…\"} here.", valueName: "path"))
    public var report: String?

    public init() {}

    public func run() async throws {
        let console = Console.current
        let summary = try await reportingFailures { () async throws -> ImportSummary in
            let format = try resolvedFormat()
            guard let handle = FileHandle(forReadingAtPath: file) else {
                throw CommandFailure("--file: cannot read \(file); check the path and its permissions.")
            }
            defer { try? handle.close() }
            let app = try await AppEnvironment.open(
                flags: ConfigurationInput(data: dataOptions), environment: console.environment)
            let workspace = try await CommandLookup.workspace(self.workspace, in: app.storage)
            let target = try await Self.channel(self.channel, in: workspace, storage: app.storage)
            let reportWriter = try report.map(ImportReportWriter.init(path:))
            defer { reportWriter?.close() }

            var ingest: Importer.Ingest?
            var finish: Importer.Finish?
            let stored = StoredCount()
            if !dryRun {
                let analyzer = FoyerTextAnalyzer()
                guard analyzer.resourceProblems.isEmpty else {
                    throw CommandFailure(
                        "FoyerText resources are missing: \(analyzer.resourceProblems.joined(separator: ", "))")
                }
                // Imported items are already decoded: the pipeline needs no connector and no credentials.
                let pipeline = IngestPipeline(
                    storage: app.storage, analyzer: analyzer, connectors: ConnectorRegistry([]),
                    sealer: nil, live: LiveEventHub(), clock: SystemClock())
                // The next batch is analysed while the previous one is stored.
                let session = SessionBox(IngestSession(pipeline: pipeline, channel: target))
                ingest = { items in
                    guard let outcome = try await session.submit(items) else { return (0, 0) }
                    stored.value += outcome.messages.count
                    return (outcome.messages.count, outcome.duplicates)
                }
                finish = {
                    guard let outcome = try await session.finish() else { return (0, 0) }
                    stored.value += outcome.messages.count
                    return (outcome.messages.count, outcome.duplicates)
                }
            }
            var source = ImportByteSource(handle: handle)
            let importer = Importer(format: format, now: SystemClock().now())
            let summary: ImportSummary
            do {
                summary = try await importer.run(&source, ingest: ingest, finish: finish) { rejection in
                    console.printError("line \(rejection.line): \(rejection.error)")
                    try reportWriter?.write(rejection)
                }
            } catch let error as ImportRowError {
                throw CommandFailure("--file: \(error.message)")
            } catch let error as CommandFailure {
                throw error
            } catch {
                // What was stored stays stored; ingest skips it when the import runs again.
                throw CommandFailure(
                    "The import stopped after storing \(stored.value) message(s): \(error). "
                        + "Fix the cause and run it again: messages already stored are skipped.")
            }
            if !dryRun, summary.imported > 0 {
                try await app.storage.audit.record(
                    NewAuditEvent(
                        workspaceID: workspace.id, actorID: nil, action: "channel.imported", targetType: "channel",
                        targetID: target.id.description,
                        details: [
                            "via": "cli", "imported": String(summary.imported), "rejected": String(summary.rejected),
                        ]))
            }
            let what = dryRun ? "would import" : "imported"
            console.print(
                "\(dryRun ? "Dry run: " : "")\(summary.read) rows read: \(summary.imported) \(what), "
                    + "\(summary.duplicates) duplicates, \(summary.rejected) rejected.")
            if dryRun { console.print("Nothing was written.") }
            return summary
        }
        if summary.rejected > 0 {
            throw CommandFailure(
                "\(summary.rejected) row(s) were rejected\(report.map { "; see \($0)" } ?? " (listed above)").")
        }
    }

    private func resolvedFormat() throws -> ImportFormat {
        guard let format else { return ImportFormat.guess(from: file) }
        guard let value = ImportFormat(rawValue: format.lowercased()) else {
            throw CommandFailure("--format: \"\(format)\" is not a format; use csv or jsonl.")
        }
        return value
    }

    /// A channel by id, or by name (ignoring case) when the name is unique in the workspace.
    static func channel(_ raw: String, in workspace: Workspace, storage: Storage) async throws -> Channel {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if let id = ChannelID(value), let channel = try await storage.channels.find(id, in: workspace.id) {
            return channel
        }
        let matches = try await storage.channels.list(in: workspace.id).filter {
            $0.name.compare(value, options: .caseInsensitive) == .orderedSame
        }
        switch matches.count {
        case 1: return matches[0]
        case 0:
            throw CommandFailure("--channel: \(workspace.slug) has no channel with the id or name \"\(value)\".")
        default:
            let ids = matches.map(\.id.description).joined(separator: ", ")
            throw CommandFailure("--channel: several channels are named \"\(value)\" (ids \(ids)); give the id.")
        }
    }
}

/// How many messages the import stored so far, for the message when it stops half-way.
private final class StoredCount {
    var value = 0
}

/// The import's ingest session, shared by the importer's two closures.
private final class SessionBox {
    private var session: IngestSession
    init(_ session: IngestSession) { self.session = session }
    func submit(_ items: [InboundItem]) async throws -> IngestOutcome? { try await session.submit(items) }
    func finish() async throws -> IngestOutcome? { try await session.finish() }
}

/// Writes rejected rows as JSON Lines, one at a time.
final class ImportReportWriter {
    private let handle: FileHandle
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw CommandFailure("--report: cannot write \(path).") }
        self.handle = handle
    }

    func write(_ rejection: ImportRejection) throws {
        var line = try encoder.encode(rejection)
        line.append(0x0A)
        try handle.write(contentsOf: line)
    }

    func close() { try? handle.close() }
}
