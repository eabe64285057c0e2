import Foundation
import FoyerCore
import Hummingbird
import NIOCore

/// Live updates: the workspace's events as Server-Sent Events, and who is viewing or writing where.
struct InboxLivePages: Sendable {
    let kit: PageKit

    /// Seconds between two `:` comment lines that keep proxies from closing a quiet stream.
    static let heartbeat: Duration = .seconds(15)

    struct InfoView: Sendable {
        let url: String
    }

    /// `GET /w/:workspace/events`: with `Accept: text/event-stream`, the stream of the workspace's live
    /// events (`event:` and `data:` lines, a heartbeat every 15 s) until the client goes; `?limit=n` ends it
    /// after n events (for scripts). Otherwise a page that says what the address is for.
    func events(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let wantsStream = request.headers[.accept]?.lowercased().contains("text/event-stream") ?? false
        guard wantsStream else {
            return try await kit.render(
                "events", title: kit.text("events.title", context),
                content: InfoView(url: SiteURL.workspace(access.workspace.id, .events).path), request: request,
                context: context, access: access, current: .inbox)
        }
        let limit = request.uri.queryParameters.get("limit").flatMap(Int.init).map { max(1, min($0, 10_000)) }
        let events = kit.dependencies.liveEvents.subscribe(to: access.workspace.id)
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 5000\n\n"))
            try await Self.stream(events, limit: limit, heartbeat: Self.heartbeat) { chunk in
                try await writer.write(ByteBuffer(string: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
            ],
            body: body)
    }

    /// Writes each event as an SSE frame, and a heartbeat comment when nothing happened for `heartbeat`;
    /// returns after `limit` events, when the events end, or when writing fails (the client went).
    static func stream(
        _ events: AsyncStream<LiveEvent>, limit: Int?, heartbeat: Duration,
        write: (String) async throws -> Void
    ) async throws {
        let frames = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(256))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var sent = 0
                for await event in events {
                    frames.continuation.yield(frame(for: event))
                    sent += 1
                    if let limit, sent >= limit { break }
                }
                frames.continuation.finish()
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: heartbeat)
                    frames.continuation.yield(": heartbeat\n\n")
                }
            }
            for await frame in frames.stream {
                try await write(frame)
            }
            group.cancelAll()
        }
    }

    /// One SSE frame: the event's kind as `event:`, its JSON as `data:` (one line: JSON has no raw newline).
    static func frame(for event: LiveEvent) -> String {
        var object: [String: String] = event.data
        object["kind"] = event.kind.rawValue
        if let conversation = event.conversationID { object["conversation"] = conversation.description }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "event: \(event.kind.rawValue)\ndata: \(json)\n\n"
    }

    /// `POST /w/:workspace/inbox/:conversation/presence` with `state=viewing|typing|left`: records the report,
    /// tells the workspace's pages, and answers who else is there as JSON.
    func presence(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let id: ConversationID = try kit.id("conversation", context)
        guard try await kit.storage.conversations.find(id, in: access.workspace.id) != nil else {
            throw PageError.notFound
        }
        guard let state = context.form["state"].flatMap(InboxPresence.State.init(rawValue:)) else {
            throw DomainError.invalid(field: "state", message: "Send viewing, typing or left.")
        }
        let present = await kit.presence.report(
            state, user: access.user, conversation: id, in: access.workspace.id, now: kit.dependencies.clock.now())
        kit.dependencies.liveEvents.publish(
            LiveEvent(
                kind: .presence, workspaceID: access.workspace.id, conversationID: id,
                data: ["user": access.user.id.description, "name": access.user.name, "state": state.rawValue]))
        let others = present.filter { $0.userID != access.user.id }.map {
            ["name": $0.name, "state": $0.state.rawValue, "label": kit.text("presence.\($0.state.rawValue)", context)]
        }
        let data = try JSONSerialization.data(withJSONObject: ["present": others], options: [.sortedKeys])
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
