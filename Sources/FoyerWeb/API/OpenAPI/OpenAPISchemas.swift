import FoyerCore

/// The component schemas of the OpenAPI document: one per wire type in `API/Models`.
///
/// A test encodes each wire type and checks its keys against these properties.
enum OpenAPISchemas {
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static let id: JSONValue = ["type": "integer", "format": "int64", "minimum": 1]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let string: JSONValue = ["type": "string"]
    static func nullable(_ type: String, format: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": [.string(type), "null"]]
        if let format { schema["format"] = .string(format) }
        return .object(schema)
    }
    static func oneOf(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map(JSONValue.string))]
    }

    static func object(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        [
            "type": "object", "properties": .object(properties),
            "required": .array(required.sorted().map(JSONValue.string)),
        ]
    }

    /// Every component schema, by name.
    static var all: [String: JSONValue] {
        let workspace: [String: JSONValue] = [
            "id": id, "name": string, "slug": string, "timeZone": ["type": "string", "description": "IANA time zone."],
            "defaultLocale": oneOf(AppLocale.allCases.map(\.rawValue)), "role": oneOf(Role.allCases.map(\.rawValue)),
            "createdAt": dateTime,
        ]
        let health: [String: JSONValue] = [
            "status": oneOf(["healthy", "failing", "unknown"]),
            "lastSuccessAt": nullable("string", format: "date-time"),
            "lastErrorAt": nullable("string", format: "date-time"), "lastError": nullable("string"),
            "tokenExpiresAt": nullable("string", format: "date-time"),
        ]
        let channel: [String: JSONValue] = [
            "id": id, "kind": oneOf(ChannelKind.allCases.map(\.rawValue)), "kindName": string, "name": string,
            "settings": ["type": "object", "additionalProperties": ["type": "string"]],
            "hasCredentials": [
                "type": "boolean", "description": "Whether credentials are stored; they are never returned.",
            ],
            "health": object(health, required: ["status"]), "createdAt": dateTime,
        ]
        let capabilities: [String: JSONValue] = [
            "ingest": oneOf(IngestMode.allCases.map(\.rawValue)), "reply": ["type": "boolean"],
            "publish": ["type": "boolean"], "hide": ["type": "boolean"], "delete": ["type": "boolean"],
            "ban": ["type": "boolean"],
        ]
        var channelDetail = channel
        channelDetail["capabilities"] = [
            "oneOf": [object(capabilities, required: Array(capabilities.keys)), ["type": "null"]],
            "description": "What the connector can do; null when this build has no connector for the kind.",
        ]
        channelDetail["webhookUrl"] = [
            "type": ["string", "null"],
            "description": "Where the platform posts webhooks; shown to admins and owners, null otherwise.",
        ]
        var channelCreated = channelDetail
        channelCreated["secret"] = [
            "type": ["string", "null"],
            "description": "The signing secret generated for a generic webhook channel; shown only here.",
        ]
        let channelRequired = ["id", "kind", "kindName", "name", "settings", "hasCredentials", "health", "createdAt"]
        let stringMap: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]
        let inboundFailure: [String: JSONValue] = [
            "id": id, "channelId": id, "source": oneOf(InboundSource.allCases.map(\.rawValue)),
            "deliveryId": nullable("string"), "status": oneOf(["failed", "dead"]), "attempts": ["type": "integer"],
            "lastError": nullable("string"), "receivedAt": dateTime,
            "nextAttemptAt": nullable("string", format: "date-time"),
        ]
        let identity: [String: JSONValue] = [
            "id": id, "platform": oneOf(ChannelKind.allCases.map(\.rawValue)), "externalId": string, "handle": string,
            "displayName": nullable("string"), "profileUrl": nullable("string"),
        ]
        let member: [String: JSONValue] = [
            "id": id, "displayName": string, "memberType": oneOf(MemberType.allCases.map(\.rawValue)),
            "score": ["type": "number", "minimum": 0, "maximum": 100], "firstSeenAt": dateTime, "lastSeenAt": dateTime,
            "createdAt": dateTime,
        ]
        let analysis: [String: JSONValue] = [
            "language": nullable("string"), "languageConfidence": nullable("number"),
            "sentiment": [
                "type": ["string", "null"],
                "enum": .array(SentimentLabel.allCases.map { .string($0.rawValue) } + [.null]),
            ],
            "sentimentScore": nullable("number"), "toxicityScore": nullable("number"), "toxic": nullable("boolean"),
            "toxicityCategories": ["type": "array", "items": string], "spamScore": nullable("number"),
            "spam": nullable("boolean"), "intents": ["type": "array", "items": string],
        ]
        let message: [String: JSONValue] = [
            "id": id, "conversationId": id, "channelId": id, "memberId": nullable("integer", format: "int64"),
            "externalId": string, "kind": oneOf(MessageKind.allCases.map(\.rawValue)),
            "direction": oneOf(MessageDirection.allCases.map(\.rawValue)), "authorName": string, "body": string,
            "sentAt": dateTime, "receivedAt": dateTime, "url": nullable("string"),
            "moderation": [
                "type": "object", "required": ["state", "at"],
                "properties": [
                    "state": oneOf(MessageModerationState.allCases.map(\.rawValue)), "at": dateTime,
                    "by": ["type": "integer", "format": "int64", "description": "The user who acted."],
                ],
                "description": "Hidden or deleted on the platform from Foyer; absent when nobody moderated it.",
            ],
            "analysis": object(analysis, required: ["toxicityCategories", "intents"]),
            "likeCount": ["type": "integer"], "shareCount": ["type": "integer"],
        ]
        let conversation: [String: JSONValue] = [
            "id": id, "channelId": id, "externalThreadId": string, "subject": string,
            "status": oneOf(ConversationStatus.allCases.map(\.rawValue)),
            "priority": oneOf(ConversationPriority.allCases.map(\.rawValue)),
            "assigneeId": nullable("integer", format: "int64"), "memberId": nullable("integer", format: "int64"),
            "snoozedUntil": nullable("string", format: "date-time"), "firstMessageAt": dateTime,
            "lastMessageAt": dateTime,
            "firstResponseAt": nullable("string", format: "date-time"),
            "closedAt": nullable("string", format: "date-time"),
            "messageCount": ["type": "integer"], "tags": ["type": "array", "items": string],
            "waitingSince": [
                "type": ["string", "null"], "format": "date-time",
                "description": "Since when the member waits for a reply; null when the team spoke last.",
            ],
            "spam": ["type": "boolean", "description": "Marked as spam by the team."],
        ]
        var memberDetail = member
        memberDetail["identities"] = ["type": "array", "items": ref("Identity")]
        var conversationDetail = conversation
        conversationDetail["messages"] = ["type": "array", "items": ref("Message")]
        let error: [String: JSONValue] = [
            "code": ["type": "string", "description": "Stable, machine-readable: not_found, invalid_parameter…"],
            "message": ["type": "string", "description": "What went wrong and what to do, for a person."],
            "field": ["type": "string", "description": "The parameter or body field concerned."],
        ]
        return [
            "Workspace": object(workspace, required: Array(workspace.keys)),
            "WorkspaceUpdate": [
                "type": "object", "additionalProperties": false, "minProperties": 1,
                "properties": [
                    "name": ["type": "string", "minLength": 1, "maxLength": .int(Validation.maxNameLength)],
                    "timeZone": ["type": "string", "description": "IANA time zone such as Europe/Paris."],
                    "defaultLocale": oneOf(AppLocale.allCases.map(\.rawValue)),
                ],
            ],
            "Channel": object(
                channel,
                required: ["id", "kind", "kindName", "name", "settings", "hasCredentials", "health", "createdAt"]),
            "ChannelCreate": [
                "type": "object", "additionalProperties": false, "required": ["kind", "name"],
                "properties": [
                    "kind": oneOf(ChannelKind.allCases.map(\.rawValue)),
                    "name": ["type": "string", "minLength": 1, "maxLength": .int(Validation.maxNameLength)],
                    "settings": stringMap,
                    "credentials": stringMap,
                ],
            ],
            "ChannelDetail": object(channelDetail, required: channelRequired + ["capabilities", "webhookUrl"]),
            "ChannelCreated": object(
                channelCreated, required: channelRequired + ["capabilities", "webhookUrl", "secret"]),
            "InboundFailure": object(inboundFailure, required: Array(inboundFailure.keys)),
            "InboundRetry": object(["id": id, "status": oneOf(["pending"])], required: ["id", "status"]),
            "Identity": object(identity, required: ["id", "platform", "externalId", "handle"]),
            "Member": object(member, required: Array(member.keys)),
            "MemberDetail": object(memberDetail, required: Array(memberDetail.keys)),
            "Message": object(
                message, required: Array(message.keys.filter { !["memberId", "url", "moderation"].contains($0) })),
            "Conversation": object(
                conversation,
                required: [
                    "id", "channelId", "externalThreadId", "subject", "status", "priority", "firstMessageAt",
                    "lastMessageAt", "messageCount", "tags", "spam",
                ]),
            "ConversationDetail": object(
                conversationDetail,
                required: [
                    "id", "channelId", "externalThreadId", "subject", "status", "priority", "firstMessageAt",
                    "lastMessageAt", "messageCount", "tags", "spam", "messages",
                ]),
            "Error": object(
                ["error": object(error, required: ["code", "message"])], required: ["error"]),
        ].merging(inboxWorkflow) { current, _ in current }.merging(content) { current, _ in current }
    }

    /// The list envelope around items of `schema`.
    static func list(of schema: String) -> JSONValue {
        object(
            [
                "data": ["type": "array", "items": ref(schema)],
                "next": [
                    "type": ["string", "null"],
                    "description": "Pass as `cursor` for the next page; null on the last page.",
                ],
            ], required: ["data", "next"])
    }
}
