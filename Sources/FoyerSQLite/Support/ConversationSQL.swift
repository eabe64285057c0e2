/// Statements on `conversations` that more than one writer runs.
enum ConversationSQL {
    /// Sets `first_response_at`, if still empty, to the first outbound message after the first inbound one;
    /// binds `:id`.
    static let setFirstResponse = """
        UPDATE conversations SET first_response_at = (
            SELECT min(o.sent_at) FROM messages o
            WHERE o.conversation_id = :id AND o.direction = 'outbound' AND o.sent_at > (
                SELECT min(i.sent_at) FROM messages i WHERE i.conversation_id = :id AND i.direction = 'inbound'))
        WHERE id = :id AND first_response_at IS NULL
        """
}
