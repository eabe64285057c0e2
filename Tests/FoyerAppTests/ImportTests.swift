import Foundation
import FoyerCore
import FoyerSQLite
import Testing

@testable import FoyerApp

/// The CSV and JSON Lines readers, row validation, and `foyer import` end to end on a real data folder.
@Suite struct ImportTests {
    // MARK: CSV

    /// Every record of `text`, fed in chunks of `chunkSize` bytes through the byte source (BOM handling
    /// included), so that quotes, CR and LF fall on chunk boundaries.
    static func records(_ text: String, chunkSize: Int) throws -> [CSVRecord] {
        var source = ImportByteSource(data: Data(text.utf8), chunkSize: chunkSize)
        var parser = CSVParser()
        var records: [CSVRecord] = []
        while let chunk = try source.read() { parser.consume(chunk) { records.append($0) } }
        parser.finish { records.append($0) }
        return records
    }

    @Test(arguments: [1, 2, 3, 5, 64 * 1024])
    func csv_readsQuotesDoubledQuotesLineBreaksBOMAndCRLF(chunkSize: Int) throws {
        let text =
            "\u{FEFF}id,text,author_id\r\n"
            + "1,\"Hello, world\",a\r\n"
            + "2,\"She said \"\"hi\"\"\",b\r\n"
            + "3,\"two\r\nlines\",c\r\n"
            + "\r\n"
            + "4,,d\n"
            + "5,last,e"
        let records = try Self.records(text, chunkSize: chunkSize)
        #expect(
            records == [
                CSVRecord(line: 1, fields: ["id", "text", "author_id"]),
                CSVRecord(line: 2, fields: ["1", "Hello, world", "a"]),
                CSVRecord(line: 3, fields: ["2", "She said \"hi\"", "b"]),
                CSVRecord(line: 4, fields: ["3", "two\r\nlines", "c"]),
                CSVRecord(line: 7, fields: ["4", "", "d"]),
                CSVRecord(line: 8, fields: ["5", "last", "e"]),
            ])
    }

    @Test func csv_reportsMalformedRecordsWithTheirLine() throws {
        let records = try Self.records("a,b\n1,x\"y\n2,\"ok\"z\n3,\"never closed\n4,x\n", chunkSize: 4)
        #expect(records.map(\.line) == [1, 2, 3, 4])
        #expect(records[0].error == nil)
        #expect(records[1].error?.contains("not quoted") == true)
        #expect(records[2].error?.contains("closing double quote") == true)
        // The unclosed quote swallows the rest of the file into one record, reported once.
        #expect(records[3].error?.contains("not closed") == true)
    }

    @Test func csv_invalidUTF8_isReported() throws {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        parser.consume(Data("id,text\n1,".utf8) + Data([0xFF, 0xFE]) + Data("\n".utf8)) { records.append($0) }
        parser.finish { records.append($0) }
        #expect(records.count == 2)
        #expect(records[1].error?.contains("UTF-8") == true)
    }

    @Test func lines_splitOnLFAndCRLF_acrossChunks() throws {
        var splitter = LineSplitter()
        var lines: [ImportLine] = []
        for piece in ["{\"a\":", "1}\r", "\n\n{\"b\"", ":2}"] {
            splitter.consume(Data(piece.utf8)) { lines.append($0) }
        }
        splitter.finish { lines.append($0) }
        #expect(lines.map(\.number) == [1, 2, 3])
        #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["{\"a\":1}", "", "{\"b\":2}"])
    }

    // MARK: Rows

    static func run(_ text: String, format: ImportFormat, batchSize: Int = 1000) async throws -> (
        ImportSummary, [ImportRejection], [[InboundItem]]
    ) {
        let importer = Importer(format: format, now: Seed.now, batchSize: batchSize)
        var source = ImportByteSource(data: Data(text.utf8), chunkSize: 7)
        let batches = Batches()
        var rejections: [ImportRejection] = []
        let summary = try await importer.run(
            &source,
            ingest: { items in
                await batches.append(items)
                return (items.count, 0)
            }, reject: { rejections.append($0) })
        return (summary, rejections, await batches.all)
    }

    actor Batches {
        var all: [[InboundItem]] = []
        func append(_ items: [InboundItem]) { all.append(items) }
    }

    enum Seed {
        static let now = Date(timeIntervalSince1970: 1_768_471_200)
    }

    @Test func jsonLines_validRowsBecomeItems_withDefaults() async throws {
        let text = """
            {"id": "m1", "text": "Hello", "author": {"id": "u1", "name": "Alice", "handle": "@alice", "url": "https://x.example/alice"}, "thread": "t1", "replyTo": "m0", "kind": "reply", "sentAt": "2026-03-01T09:30:00Z", "url": "https://x.example/m1", "subject": "Greetings"}
            {"id": 42, "text": "Numeric id, defaults", "author": {"id": "u2"}}
            {"id": "m3", "text": "Fractional", "author": {"id": "u3"}, "sentAt": "2026-03-01T09:30:00.250+01:00"}
            """
        let (summary, rejections, batches) = try await Self.run(text, format: .jsonl)
        #expect(rejections.isEmpty)
        #expect(summary == ImportSummary(read: 3, imported: 3, duplicates: 0, rejected: 0))
        let items = batches.flatMap { $0 }
        #expect(
            items[0]
                == InboundItem(
                    externalID: "m1", threadID: "t1", parentID: "m0", kind: .reply,
                    author: InboundAuthor(
                        externalID: "u1", handle: "@alice", displayName: "Alice", profileURL: "https://x.example/alice"),
                    body: "Hello", sentAt: Date(timeIntervalSince1970: 1_772_357_400), url: "https://x.example/m1",
                    subject: "Greetings"))
        #expect(items[1].externalID == "42")
        #expect(items[1].threadID == "42")
        #expect(items[1].kind == .comment)
        #expect(items[1].author.handle == "u2")
        #expect(items[1].sentAt == Seed.now)
        #expect(items[2].sentAt == Date(timeIntervalSince1970: 1_772_353_800.25))
    }

    @Test func jsonLines_badRows_areRejectedWithLineAndReason_andTheRestImported() async throws {
        let text = """
            {"id": "ok1", "text": "fine", "author": {"id": "u"}}
            not json
            {"text": "no id", "author": {"id": "u"}}
            {"id": "x", "text": "no author"}

            {"id": "x", "text": "bad kind", "author": {"id": "u"}, "kind": "tweet"}
            {"id": "x", "text": "bad date", "author": {"id": "u"}, "sentAt": "yesterday"}
            {"id": true, "text": "boolean id", "author": {"id": "u"}}
            {"id": "x", "txt": "typo", "author": {"id": "u"}}
            {"id": "x", "text": "bad url", "author": {"id": "u"}, "url": "javascript:alert(1)"}
            ["an", "array"]
            {"id": "ok2", "text": "fine too", "author": {"id": "u"}}
            """
        let (summary, rejections, batches) = try await Self.run(text, format: .jsonl)
        #expect(summary == ImportSummary(read: 11, imported: 2, duplicates: 0, rejected: 9))
        #expect(batches.flatMap { $0 }.map(\.externalID) == ["ok1", "ok2"])
        #expect(rejections.map(\.line) == [2, 3, 4, 6, 7, 8, 9, 10, 11])
        #expect(rejections[0].error == "The line is not valid JSON.")
        #expect(rejections[1].error == "id is required.")
        #expect(rejections[2].error == "author.id is required.")
        #expect(rejections[3].error.contains("kind \"tweet\" is not one of"))
        #expect(rejections[4].error.contains("sentAt \"yesterday\" is not an ISO 8601 date"))
        #expect(rejections[5].error == "id must be a string.")
        #expect(rejections[6].error.hasPrefix("Unknown field txt"))
        #expect(rejections[7].error == "url must be an http or https URL.")
        #expect(rejections[8].error.contains("JSON object"))
    }

    @Test func csv_rowsUseFlattenedColumns_andBadRowsNameTheColumn() async throws {
        let text =
            "id,text,author_id,author_name,thread,kind,sent_at,url,subject\r\n"
            + "c1,\"Bonjour, \"\"ami\"\"\",u1,Zoé,t1,review,2026-03-01T09:30:00Z,,Avis\r\n"
            + "c2,missing author,,Bob,,,,,\r\n"
            + "c3,too few\r\n"
            + "c4,bad date,u4,,,,01/03/2026,,\r\n"
        let (summary, rejections, batches) = try await Self.run(text, format: .csv)
        #expect(summary == ImportSummary(read: 4, imported: 1, duplicates: 0, rejected: 3))
        let item = try #require(batches.first?.first)
        #expect(item.body == "Bonjour, \"ami\"")
        #expect(item.author.displayName == "Zoé")
        #expect(item.kind == .review)
        #expect(item.subject == "Avis")
        #expect(item.url == nil)
        #expect(rejections.map(\.line) == [3, 4, 5])
        #expect(rejections[0].error == "author_id is required.")
        #expect(rejections[1].error == "The row has 2 fields; the header has 9.")
        #expect(rejections[2].error.hasPrefix("sent_at \"01/03/2026\""))
    }

    @Test func csv_headerWithUnknownOrMissingColumns_failsTheWholeFile() async throws {
        await #expect(throws: ImportRowError.self) {
            _ = try await Self.run("id,text,author_id,colour\n1,a,b,red\n", format: .csv)
        }
        await #expect(throws: ImportRowError.self) {
            _ = try await Self.run("id,author_id\n1,b\n", format: .csv)
        }
        await #expect(throws: ImportRowError.self) {
            _ = try await Self.run("", format: .csv)
        }
    }

    @Test func rows_goToIngestInBatches() async throws {
        let text = (1...25).map { #"{"id": "m\#($0)", "text": "t", "author": {"id": "u"}}"# }.joined(separator: "\n")
        let (summary, _, batches) = try await Self.run(text, format: .jsonl, batchSize: 10)
        #expect(summary.imported == 25)
        #expect(batches.map(\.count) == [10, 10, 5])
    }

    // MARK: The command

    /// A migrated data folder with workspace `acme` and its channel "Archive"; removed with the value.
    final class DataFolder {
        let url: URL
        let channel: Channel
        let database: SQLiteDatabase

        var path: String { url.path }
        var storage: Storage { database.storage }

        init() async throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("foyer-import-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            database = try SQLiteDatabase.open(path: url.path + "/foyer.sqlite")
            try await database.migrate()
            let owner = try await database.storage.users.create(
                email: "owner@example.org", name: "Owner", passwordHash: "x", preferredLocale: nil)
            let workspace = try await database.storage.workspaces.create(
                NewWorkspace(name: "Acme", timeZone: "UTC", defaultLocale: .en), owner: owner.id)
            channel = try await database.storage.channels.create(
                NewChannel(kind: .import, name: "Archive"), in: workspace.id)
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func file(_ name: String) -> URL { url.appendingPathComponent(name) }

        func write(_ name: String, _ text: String) throws -> String {
            let target = file(name)
            try Data(text.utf8).write(to: target)
            return target.path
        }

        func messageCount() async throws -> Int {
            try await storage.messages.count(in: channel.workspaceID)
        }
    }

    static let sample = """
        {"id": "a1", "text": "Where can I download the invoice?", "author": {"id": "u1", "name": "Alice"}, "thread": "t1", "sentAt": "2026-01-10T09:00:00Z"}
        {"id": "a2", "text": "In your account, under Billing.", "author": {"id": "u2", "name": "Support"}, "thread": "t1", "replyTo": "a1", "kind": "reply", "sentAt": "2026-01-10T09:05:00Z"}
        {"id": "a3", "text": "Love the new release!", "author": {"id": "u3"}, "sentAt": "2026-01-11T12:00:00Z"}
        """

    @Test func importCommand_storesMessages_andReimportIsIdempotent() async throws {
        let data = try await DataFolder()
        let file = try data.write("messages.jsonl", Self.sample)
        let arguments = ["import", "--data", data.path, "--workspace", "acme", "--channel", "archive", "--file", file]
        let first = RecordingConsole()
        try await first.run(arguments)
        #expect(first.output.contains("3 rows read: 3 imported, 0 duplicates, 0 rejected."), "\(first.output)")
        #expect(try await data.messageCount() == 3)
        let conversations = try await data.storage.conversations.count(in: data.channel.workspaceID, status: nil)
        #expect(conversations == 2)

        let second = RecordingConsole()
        try await second.run(arguments)
        #expect(second.output.contains("3 rows read: 0 imported, 3 duplicates, 0 rejected."), "\(second.output)")
        #expect(try await data.messageCount() == 3)
    }

    @Test func importCommand_dryRun_writesNothing() async throws {
        let data = try await DataFolder()
        let file = try data.write("messages.jsonl", Self.sample)
        let console = RecordingConsole()
        try await console.run([
            "import", "--data", data.path, "--workspace", "acme", "--channel", String(data.channel.id.rawValue),
            "--file",
            file, "--dry-run",
        ])
        #expect(console.output.contains("Dry run: 3 rows read: 3 would import"), "\(console.output)")
        #expect(try await data.messageCount() == 0)
    }

    @Test func importCommand_withRejectedRows_writesTheReport_andFails() async throws {
        let data = try await DataFolder()
        let file = try data.write(
            "messages.csv",
            "id,text,author_id\n" + "ok,Fine,u1\n" + "bad,,u2\n" + "also-ok,Fine too,u3\n")
        let report = data.file("report.jsonl").path
        let console = RecordingConsole()
        await #expect(throws: CommandFailure.self) {
            try await console.run([
                "import", "--data", data.path, "--workspace", "acme", "--channel", "Archive", "--file", file,
                "--report",
                report,
            ])
        }
        #expect(console.output.contains("3 rows read: 2 imported, 0 duplicates, 1 rejected."), "\(console.output)")
        #expect(console.error.contains("line 3: text is required."))
        let written = try String(contentsOfFile: report, encoding: .utf8)
        #expect(written == #"{"error":"text is required.","line":3}"# + "\n")
        #expect(try await data.messageCount() == 2)
    }

    @Test func importCommand_missingFileOrUnknownChannel_failsClearly() async throws {
        let data = try await DataFolder()
        let file = try data.write("messages.jsonl", Self.sample)
        await #expect(throws: CommandFailure.self) {
            try await RecordingConsole().run([
                "import", "--data", data.path, "--workspace", "acme", "--channel", "archive", "--file",
                data.file("nope.jsonl").path,
            ])
        }
        do {
            try await RecordingConsole().run([
                "import", "--data", data.path, "--workspace", "acme", "--channel", "Nowhere", "--file", file,
            ])
            Issue.record("an unknown channel was accepted")
        } catch let failure as CommandFailure {
            #expect(failure.description == "--channel: acme has no channel with the id or name \"Nowhere\".")
        }
        await #expect(throws: CommandFailure.self) {
            try await RecordingConsole().run([
                "import", "--data", data.path, "--workspace", "acme", "--channel", "archive", "--file", file,
                "--format",
                "xml",
            ])
        }
        #expect(try await data.messageCount() == 0)
    }
}
