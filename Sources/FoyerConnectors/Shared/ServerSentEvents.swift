import Foundation

/// Reads a Server-Sent Events stream (the WHATWG `text/event-stream` format) chunk by chunk.
///
/// Lines end with LF, CRLF or CR; `event:` names the event, `data:` lines are joined with LF, a blank line
/// dispatches it; comment lines (`:thump`, Mastodon's heartbeat) and other fields are ignored. A line longer
/// than ``maxLineBytes`` (a hostile or broken server) is dropped with its event, so memory stays bounded.
struct ServerSentEvents {
    struct Event: Equatable, Sendable {
        /// `message` when the event names none.
        var name: String
        var data: String
    }

    static let maxLineBytes = 1 << 20

    private var line: [UInt8] = []
    private var lineTooLong = false
    private var lastWasCR = false
    private var name: String?
    private var data: [String] = []
    private var eventBroken = false

    /// Feeds the next bytes; returns the events they complete.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") && lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if let event = endLine() { events.append(event) }
            } else if line.count < Self.maxLineBytes {
                line.append(byte)
            } else {
                lineTooLong = true
            }
        }
        return events
    }

    private mutating func endLine() -> Event? {
        defer {
            line.removeAll(keepingCapacity: true)
            lineTooLong = false
        }
        if lineTooLong {
            eventBroken = true
            return nil
        }
        if line.isEmpty {
            defer {
                name = nil
                data = []
                eventBroken = false
            }
            guard !eventBroken, !data.isEmpty else { return nil }
            return Event(name: name ?? "message", data: data.joined(separator: "\n"))
        }
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "event": name = String(value)
        case "data": data.append(String(value))
        default: break
        }
        return nil
    }
}
