/// The columns of `conversations` that the inbox list filters and sorts on, as the triggers of migration
/// `0004_inbox_workflow` keep them, computed in Swift for a whole ingest batch.
///
/// ``apply(inboundAt:language:sentiment:toxic:spam:intents:)`` and ``apply(outboundAt:)`` are the bodies of
/// `conversations_track_inbound` and `conversations_track_outbound`, statement for statement: applying a
/// batch's messages in insertion order from the stored values gives the values the triggers would have left.
/// Times are compared as the stored text (`yyyy-MM-dd HH:mm:ss.SSS`), as SQLite compares them.
struct ConversationInboxColumns: Equatable {
    var lastInboundAt: String?
    var lastOutboundAt: String?
    var waitingSince: String?
    var language: String?
    var sentiment: String?
    var toxic = false
    var spam = false
    var intents = ""

    /// A new inbound message.
    mutating func apply(
        inboundAt sent: String, language: String?, sentiment: String?, toxic: Bool?, spam: Bool?, intents: String
    ) {
        // Each step reads the values the previous ones left, as the trigger's three updates do.
        if lastInboundAt.map({ sent >= $0 }) ?? true {
            self.language = language
            self.sentiment = sentiment
            self.toxic = toxic ?? false
            self.spam = spam ?? false
            self.intents = intents
        }
        if waitingSince.map({ sent < $0 }) ?? true, lastOutboundAt.map({ sent > $0 }) ?? true {
            waitingSince = sent
        }
        if lastInboundAt.map({ sent > $0 }) ?? true {
            lastInboundAt = sent
        }
    }

    /// A new outbound message.
    mutating func apply(outboundAt sent: String) {
        if let waiting = waitingSince, waiting <= sent {
            // `last_inbound_at > sent` is false when `last_inbound_at` is NULL.
            waitingSince = lastInboundAt.flatMap { $0 > sent ? $0 : nil }
        }
        if lastOutboundAt.map({ sent > $0 }) ?? true {
            lastOutboundAt = sent
        }
    }
}
