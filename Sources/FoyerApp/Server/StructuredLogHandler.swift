import Foundation
import FoyerCore
import Logging

/// Writes one structured line per log event to standard error: `logfmt` (`ts=… level=info msg="…" key=value`)
/// or JSON lines. Metadata comes from the logger, the event and the metadata provider (the request logger of
/// Hummingbird carries `hb.request.id`, so every request line can be tied together).
public struct StructuredLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let label: String
    private let format: FoyerConfiguration.LogFormat
    private let write: @Sendable (String) -> Void

    public init(
        label: String, level: Logger.Level, format: FoyerConfiguration.LogFormat,
        metadataProvider: Logger.MetadataProvider? = nil,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// `2026-11-21T06:18:16.025Z`
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let timestamp = Date().formatted(Self.timestampStyle)
        var fields: [(String, String)] = [
            ("ts", timestamp), ("level", event.level.rawValue), ("logger", label), ("msg", event.message.description),
        ]
        for key in merged.keys.sorted() {
            if let value = merged[key] { fields.append((key, "\(value)")) }
        }
        write(Self.render(fields, format: format) + "\n")
    }

    public static func render(_ fields: [(String, String)], format: FoyerConfiguration.LogFormat) -> String {
        switch format {
        case .logfmt:
            return fields.map { "\($0.0)=\(logfmtValue($0.1))" }.joined(separator: " ")
        case .json:
            return "{" + fields.map { "\(jsonString($0.0)):\(jsonString($0.1))" }.joined(separator: ",") + "}"
        }
    }

    static func logfmtValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0.isNewline }
        guard needsQuotes else { return value }
        return jsonString(value)
    }

    static func jsonString(_ value: String) -> String {
        HotText.jsonString(value)
    }
}
