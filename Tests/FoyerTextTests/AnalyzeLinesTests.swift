import Foundation
import Testing

@testable import FoyerText

@Suite("foyer analyze lines")
struct AnalyzeLinesTests {
    private let json = AnalyzeLines(format: .jsonLines, analyzer: analyzer)
    private let text = AnalyzeLines(format: .text, analyzer: analyzer)

    private func object(_ output: AnalyzeLines.Output) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(output.json.utf8)) as? [String: Any])
    }

    @Test func jsonLineGivesTheDocumentedFields() throws {
        let out = json.process(
            line: Array(#"{"id": "m1", "text": "T'es vraiment un gros con", "language": "fr"}"#.utf8), lineNumber: 1)
        #expect(!out.failed)
        #expect(out.json.hasPrefix(#"{"id":"m1","language":"fr","languageConfidence":1,"sentiment":{"label":"#))
        let o = try object(out)
        #expect(o["id"] as? String == "m1")
        let toxicity = try #require(o["toxicity"] as? [String: Any])
        #expect(toxicity["toxic"] as? Bool == true)
        #expect((toxicity["categories"] as? [String])?.contains("insult") == true)
        #expect((o["spam"] as? [String: Any])?["spam"] as? Bool == false)
        #expect(o["intents"] is [String])
    }

    @Test func numericIdsAndMissingIdsAreEchoed() throws {
        let numeric = json.process(line: Array(#"{"id": 42, "text": "hello"}"#.utf8), lineNumber: 1)
        #expect(numeric.json.hasPrefix(#"{"id":42,"#))
        let missing = json.process(line: Array(#"{"text": "hello"}"#.utf8), lineNumber: 1)
        #expect(missing.json.hasPrefix(#"{"id":null,"#))
    }

    @Test func invalidLinesBecomeErrorsWithTheirId() throws {
        let cases: [(String, String)] = [
            ("not json", "not valid JSON"),
            ("[1, 2]", "not an object"),
            (#"{"id": "a"}"#, "no \"text\""),
            (#"{"id": "b", "text": 3}"#, "not a string"),
            (#"{"id": "c", "text": "hi", "language": "xx"}"#, "unsupported language"),
            (#"{"id": true, "text": "hi"}"#, "\"id\" must be"),
            ("", "empty"),
        ]
        for (line, message) in cases {
            let out = json.process(line: Array(line.utf8), lineNumber: 7)
            #expect(out.failed, "\(line)")
            let o = try object(out)
            let error = try #require(o["error"] as? String)
            #expect(error.contains(message), "\(error)")
            #expect(error.contains("line 7"))
        }
        let withId = try object(json.process(line: Array(#"{"id": "a"}"#.utf8), lineNumber: 1))
        #expect(withId["id"] as? String == "a")
    }

    @Test func invalidUTF8IsAnErrorInBothModes() throws {
        let bytes: [UInt8] = [0x68, 0x69, 0xFF, 0xFE, 0x21]
        for engine in [json, text] {
            let out = engine.process(line: bytes, lineNumber: 3)
            #expect(out.failed)
            #expect(try object(out)["error"] as? String == "line 3 is not valid UTF-8; re-encode the input as UTF-8")
        }
    }

    @Test func textModeUsesLineNumbersAsIds() throws {
        let out = text.process(line: Array("Merci beaucoup !\r".utf8), lineNumber: 5)
        let o = try object(out)
        #expect(o["id"] as? Int == 5)
        #expect(o["language"] as? String == "fr")
    }

    @Test func batchesKeepInputOrder() throws {
        let lines = (0..<2_000).map { i in Array(#"{"id": "\#(i)", "text": "message number \#(i) is great"}"#.utf8)[...]
        }
        let outputs = json.process(lines: lines)
        #expect(outputs.count == 2_000)
        for (i, out) in outputs.enumerated() {
            #expect(out.json.hasPrefix(#"{"id":"\#(i)","#))
        }
    }

    @Test func runReadsAStreamAndCountsFailures() throws {
        let input = Pipe()
        let output = Pipe()
        let data = Data((#"{"id":"1","text":"hello"}"# + "\nbroken\n" + #"{"id":"3","text":"merci"}"#).utf8)
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let failures = json.run(input: input.fileHandleForReading, output: output.fileHandleForWriting)
        try output.fileHandleForWriting.close()
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n")
        #expect(failures == 1)
        #expect(lines.count == 3)
        #expect(lines[1].contains("\"error\""))
        #expect(lines[2].hasPrefix(#"{"id":"3","#))
    }

    @Test func textStreamWithInvalidUTF8KeepsGoingAndKeepsOrder() throws {
        let input = Pipe()
        let output = Pipe()
        var bytes = Array("Merci beaucoup !\n".utf8)
        bytes += [0x62, 0x61, 0x64, 0xC3, 0x28, 0x0A]  // "bad" + an invalid two-byte sequence
        bytes += Array("You idiot\n".utf8)
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let failures = text.run(input: input.fileHandleForReading, output: output.fileHandleForWriting)
        try output.fileHandleForWriting.close()
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n")
        #expect(failures == 1)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix(#"{"id":1,"language":"fr""#))
        #expect(lines[1] == #"{"id":2,"error":"line 2 is not valid UTF-8; re-encode the input as UTF-8"}"#)
        #expect(lines[2].contains(#""toxic":true"#))
    }

    @Test func streamWrittenInTinyPiecesWithPauses_givesEveryLineOnceInOrder() async throws {
        // Lines cut across many small writes, with pauses that make the reader flush partial batches, and
        // more lines than one batch: every line comes out once, in order, with its number.
        let input = Pipe()
        // A file, not a pipe: 700 results overflow a pipe's buffer while nobody reads it.
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        let count = 700
        let bytes = Array((1...count).map { "message \($0) is great\n" }.joined().utf8)
        let writer = input.fileHandleForWriting
        let producer = Thread {
            var offset = 0
            var piece = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + 7 + piece % 50)
                writer.write(Data(bytes[offset..<end]))
                offset = end
                piece += 1
                if piece % 97 == 0 { Thread.sleep(forTimeInterval: 0.002) }
            }
            try? writer.close()
        }
        producer.start()
        let failures = text.run(input: input.fileHandleForReading, output: output, batchSize: 64)
        try output.close()
        let lines = String(decoding: try Data(contentsOf: outputURL), as: UTF8.self).split(separator: "\n")
        #expect(failures == 0)
        #expect(lines.count == count)
        for (index, line) in lines.enumerated() {
            #expect(line.hasPrefix("{\"id\":\(index + 1),"), "line \(index + 1) is \(line.prefix(20))")
        }
    }

    @Test func emptyInputGivesNoOutput() {
        #expect(json.process(lines: []).isEmpty)
    }

    @Test func jsonStringsAreEscaped() {
        #expect(AnalyzeLines.quoted("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
    }
}
