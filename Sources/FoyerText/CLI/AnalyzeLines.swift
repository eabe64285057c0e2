import Foundation

/// The engine of `foyer analyze`: turns input lines into output JSON lines, in order, using every core.
///
/// Input, one item per line:
/// - JSON Lines (default): `{"id": "42", "text": "…", "language": "fr"}`; `id` (string or number) and `language`
///   are optional, and a given language skips detection.
/// - raw text (``Format/text``): each line is a message; its `id` is the line number (1-based).
///
/// Output: one JSON object per input line, in input order, with the fields of ``TextAnalysis`` after `id`.
/// A line that is not valid input (not UTF-8, not a JSON object, no `text` string, unknown language code)
/// becomes `{"id": …, "error": "…"}` and the run goes on.
public struct AnalyzeLines: Sendable {
    /// How input lines are read.
    public enum Format: Sendable {
        case jsonLines
        case text
    }

    /// The result of one line: the JSON to print (without the newline) and whether it is an error.
    public struct Output: Sendable, Hashable {
        public var json: String
        public var failed: Bool
    }

    public let format: Format
    private let analyzer: TextAnalyzer

    public init(format: Format, analyzer: TextAnalyzer = TextAnalyzer()) {
        self.format = format
        self.analyzer = analyzer
    }

    // MARK: One line

    /// Processes one input line (bytes without the line terminator). `lineNumber` is 1-based.
    public func process(line: some Collection<UInt8>, lineNumber: Int) -> Output {
        var bytes = Array(line)
        if bytes.last == 0x0D { bytes.removeLast() }  // CRLF files
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return failure(
                id: format == .text ? .number(lineNumber) : .null,
                "line \(lineNumber) is not valid UTF-8; re-encode the input as UTF-8")
        }
        switch format {
        case .text:
            return success(id: .number(lineNumber), analysis: analyzer.analyze(text))
        case .jsonLines:
            return processJSON(text, bytes: bytes, lineNumber: lineNumber)
        }
    }

    private func processJSON(_ line: String, bytes: [UInt8], lineNumber: Int) -> Output {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else {
            return failure(id: .null, "line \(lineNumber) is empty; expected a JSON object such as {\"text\": \"…\"}")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            return failure(
                id: .null,
                "line \(lineNumber) is not valid JSON; expected an object such as {\"id\": \"1\", \"text\": \"…\"} (or use --text for raw lines)"
            )
        }
        guard let dictionary = object as? [String: Any] else {
            return failure(
                id: .null, "line \(lineNumber) is JSON but not an object; expected {\"id\": \"1\", \"text\": \"…\"}")
        }
        let id: JSONID
        switch dictionary["id"] {
        case nil, is NSNull: id = .null
        case let s as String: id = .string(s)
        // Booleans are NSNumbers too; their Objective-C type is "c" (JSON numbers never are).
        case let n as NSNumber where n.objCType.pointee != 0x63: id = .raw(n.stringValue)
        default:
            return failure(id: .null, "line \(lineNumber): \"id\" must be a string or a number")
        }
        guard let text = dictionary["text"] as? String else {
            let problem = dictionary["text"] == nil ? "has no \"text\" field" : "has a \"text\" that is not a string"
            return failure(id: id, "line \(lineNumber) \(problem)")
        }
        var language: Language?
        switch dictionary["language"] {
        case nil, is NSNull: language = nil
        case let code as String:
            guard let parsed = Language(code: code) else {
                return failure(
                    id: id,
                    "line \(lineNumber): unsupported language \"\(code)\"; use one of en, fr, es, de, it, pt, nl, und, or leave it out to detect the language"
                )
            }
            language = parsed
        default:
            return failure(id: id, "line \(lineNumber): \"language\" must be a string such as \"fr\"")
        }
        return success(id: id, analysis: analyzer.analyze(text, language: language))
    }

    // MARK: Batches and streams

    /// Processes lines in parallel on every core; the outputs are in the order of `lines`.
    /// - Parameter firstLineNumber: the 1-based number of `lines[0]` in the whole input.
    public func process(lines: [ArraySlice<UInt8>], firstLineNumber: Int = 1) -> [Output] {
        let count = lines.count
        guard count > 0 else { return [] }
        var outputs = [Output](repeating: Output(json: "", failed: false), count: count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, (count + 63) / 64))
        outputs.withUnsafeMutableBufferPointer { buffer in
            let base = UncheckedSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = count * worker / workers
                let end = count * (worker + 1) / workers
                for i in start..<end {
                    base.value[i] = process(line: lines[i], lineNumber: firstLineNumber + i)
                }
            }
        }
        return outputs
    }

    /// Reads `input` to its end, writes one JSON line per input line to `output`, and returns the number of
    /// lines that failed. Lines are processed in batches of `batchSize` so that memory stays bounded on endless
    /// input and every core has work; a smaller batch is flushed only when no more input is ready, so results
    /// of interactive input appear at once. Blocking: call it off the Swift concurrency pool.
    public func run(input: FileHandle, output: FileHandle, batchSize: Int = 4096) -> Int {
        var failures = 0
        var pending: [UInt8] = []
        var lineNumber = 1
        func flush(_ lines: [ArraySlice<UInt8>]) {
            let outputs = process(lines: lines, firstLineNumber: lineNumber)
            lineNumber += lines.count
            var data = Data()
            data.reserveCapacity(outputs.count * 256)
            for o in outputs {
                if o.failed { failures += 1 }
                data.append(contentsOf: o.json.utf8)
                data.append(0x0A)
            }
            output.write(data)
        }
        // Lines read but not yet analysed, as ranges of `pending`; the line being read starts at `lineStart`.
        var ranges: [Range<Int>] = []
        var lineStart = 0
        func flushRanges() {
            guard !ranges.isEmpty else { return }
            do {
                let lines = ranges.map { pending[$0] }
                for first in stride(from: 0, to: lines.count, by: batchSize) {
                    flush(Array(lines[first..<min(first + batchSize, lines.count)]))
                }
            }
            pending.removeFirst(lineStart)
            lineStart = 0
            ranges.removeAll(keepingCapacity: true)
        }
        while true {
            let chunk = input.availableData
            if chunk.isEmpty { break }
            let scanFrom = pending.count
            pending.append(contentsOf: chunk)
            for i in scanFrom..<pending.count where pending[i] == 0x0A {
                ranges.append(lineStart..<i)
                lineStart = i + 1
            }
            if ranges.count >= batchSize || (!ranges.isEmpty && !Self.moreInputIsReady(input)) { flushRanges() }
        }
        flushRanges()
        if lineStart < pending.count { flush([pending[lineStart...]]) }
        return failures
    }

    /// Whether reading `input` now would return data without waiting (always true for a regular file).
    private static func moreInputIsReady(_ input: FileHandle) -> Bool {
        var descriptor = pollfd(fd: input.fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    // MARK: JSON output

    enum JSONID {
        case null
        case string(String)
        case number(Int)
        case raw(String)

        var json: String {
            switch self {
            case .null: "null"
            case .string(let s): AnalyzeLines.quoted(s)
            case .number(let n): String(n)
            case .raw(let r): r
            }
        }
    }

    private func failure(id: JSONID, _ message: String) -> Output {
        Output(json: "{\"id\":\(id.json),\"error\":\(Self.quoted(message))}", failed: true)
    }

    private func success(id: JSONID, analysis: TextAnalysis) -> Output {
        Output(json: Self.json(analysis, id: id.json), failed: false)
    }

    /// The analysis as one JSON object, with `id` first and the documented key order.
    static func json(_ a: TextAnalysis, id: String) -> String {
        var s = "{\"id\":"
        s.reserveCapacity(240)
        s += id
        s += ",\"language\":\"\(a.language)\",\"languageConfidence\":\(number(a.languageConfidence))"
        s += ",\"sentiment\":{\"label\":\"\(a.sentiment.label.rawValue)\",\"score\":\(number(a.sentiment.score))}"
        s += ",\"toxicity\":{\"score\":\(number(a.toxicity.score)),\"toxic\":\(a.toxicity.toxic),\"categories\":["
        s += a.toxicity.categories.map { "\"\($0.rawValue)\"" }.joined(separator: ",")
        s += "]},\"spam\":{\"score\":\(number(a.spam.score)),\"spam\":\(a.spam.spam)}"
        s += ",\"intents\":[" + a.intents.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]}"
        return s
    }

    private static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let rounded = (x * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Lets the workers of `concurrentPerform` write to disjoint indices of one buffer.
private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
