import FoyerCore

extension OpenAPISchemas {
    /// The schemas of the inbox workflow's wire types (`API/Models/APIInboxWorkflow.swift`).
    static var inboxWorkflow: [String: JSONValue] {
        let strings: JSONValue = ["type": "array", "items": string]
        let note: [String: JSONValue] = [
            "id": id, "authorId": id, "body": string, "mentions": strings, "createdAt": dateTime,
        ]
        let publication: [String: JSONValue] = [
            "id": id, "conversationId": nullable("integer", format: "int64"), "channelId": id, "body": string,
            "state": oneOf(PublicationState.allCases.map(\.rawValue)), "attempts": ["type": "integer"],
            "externalId": nullable("string"), "remoteUrl": nullable("string"), "lastError": nullable("string"),
            "createdAt": dateTime, "updatedAt": dateTime,
        ]
        let filters: JSONValue = [
            "type": "object", "additionalProperties": ["type": "string"],
            "description": .string("List filters by query parameter: " + SavedView.filterKeys.joined(separator: ", ")),
        ]
        let version = object(
            [
                "language": ["type": "string", "minLength": 2, "maxLength": 8],
                "body": ["type": "string", "minLength": 1],
            ],
            required: ["language", "body"])
        let savedReply: [String: JSONValue] = [
            "id": id, "name": string, "intents": ["type": "array", "items": oneOf(NewSavedReply.knownIntents)],
            "versions": ["type": "array", "items": version], "createdAt": dateTime, "updatedAt": dateTime,
        ]
        let period = object(
            [
                "day": oneOf(Weekday.allCases.map(\.rawValue)),
                "start": ["type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"],
                "end": ["type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"],
            ], required: ["day", "start", "end"])
        let visibility: JSONValue = [
            "type": "string", "enum": .array(SavedViewVisibility.allCases.map { .string($0.rawValue) }),
            "description": "`private`: only you see it; `shared` (the default): everyone in the workspace.",
        ]
        let assignee: JSONValue = [
            "type": "string", "description": "`me`, `nobody` or a user id.", "maxLength": 20,
        ]
        return [
            "ConversationUpdate": [
                "type": "object", "additionalProperties": false, "minProperties": 1,
                "properties": [
                    "status": oneOf(ConversationStatus.allCases.map(\.rawValue)), "snoozedUntil": dateTime,
                    "assignee": assignee, "priority": oneOf(ConversationPriority.allCases.map(\.rawValue)),
                ],
            ],
            "TagInput": [
                "type": "object", "additionalProperties": false, "required": ["name"],
                "properties": ["name": ["type": "string", "minLength": 1, "maxLength": 50]],
            ],
            "TextInput": [
                "type": "object", "additionalProperties": false, "required": ["body"],
                "properties": ["body": ["type": "string", "minLength": 1, "maxLength": 20000]],
            ],
            "BulkAction": [
                "type": "object", "additionalProperties": false, "required": ["ids", "action"],
                "properties": [
                    "ids": ["type": "array", "items": id, "minItems": 1, "maxItems": 500],
                    "action": oneOf(["assign", "tag", "close", "spam"]), "assignee": assignee,
                    "tag": ["type": "string", "minLength": 1, "maxLength": 50],
                ],
            ],
            "BulkResult": object(["changed": ["type": "integer", "minimum": 0]], required: ["changed"]),
            "Note": object(note, required: Array(note.keys)),
            "Publication": object(
                publication,
                required: ["id", "channelId", "body", "state", "attempts", "createdAt", "updatedAt"]),
            "SavedView": object(
                [
                    "id": id, "name": string, "filters": filters, "visibility": visibility,
                    "createdAt": dateTime,
                ],
                required: ["id", "name", "filters", "visibility", "createdAt"]),
            "SavedViewInput": [
                "type": "object", "additionalProperties": false, "required": ["name"],
                "properties": [
                    "name": ["type": "string", "minLength": 1, "maxLength": .int(Validation.maxNameLength)],
                    "filters": filters, "visibility": visibility,
                ],
            ],
            "SavedViewUpdate": [
                "type": "object", "additionalProperties": false, "minProperties": 1,
                "properties": [
                    "name": ["type": "string", "minLength": 1, "maxLength": .int(Validation.maxNameLength)],
                    "filters": filters, "visibility": visibility,
                ],
            ],
            "Notification": object(
                [
                    "id": id, "kind": oneOf(InboxNotification.Kind.allCases.map(\.rawValue)), "conversationId": id,
                    "noteId": id, "actorId": ["type": "integer", "format": "int64", "description": "Who wrote the note."],
                    "createdAt": dateTime,
                    "readAt": [
                        "type": "string", "format": "date-time", "description": "When you marked it read; absent while unread.",
                    ],
                ], required: ["id", "kind", "conversationId", "createdAt"]),
            "ModerationInput": [
                "type": "object", "additionalProperties": false, "required": ["action"],
                "properties": [
                    "action": oneOf(ModerationAction.allCases.map(\.rawValue)),
                    "reason": [
                        "type": "string", "maxLength": .int(InboxWorkflow.maximumReasonLength),
                        "description": "Shown on the platform where it records one; kept in the audit log.",
                    ],
                ],
            ],
            "ModerationResult": object(
                [
                    "action": oneOf(ModerationAction.allCases.map(\.rawValue)), "message": ref("Message"),
                    "authorBanned": ["type": "boolean"],
                ], required: ["action", "message", "authorBanned"]),
            "SavedReply": object(savedReply, required: Array(savedReply.keys)),
            "SavedReplyInput": [
                "type": "object", "additionalProperties": false, "required": ["name", "versions"],
                "properties": [
                    "name": ["type": "string", "minLength": 1, "maxLength": .int(Validation.maxNameLength)],
                    "intents": ["type": "array", "items": oneOf(NewSavedReply.knownIntents)],
                    "versions": ["type": "array", "items": version, "minItems": 1],
                ],
            ],
            "InboxSettings": [
                "type": "object", "additionalProperties": false, "required": ["businessHours"],
                "properties": [
                    "firstResponseMinutes": [
                        "type": ["integer", "null"], "minimum": 1, "maximum": .int(InboxSettings.maximumMinutes),
                        "description": "Minutes of business time; null for no target.",
                    ],
                    "businessHours": [
                        "type": "array", "items": period,
                        "description": "Opening periods in the workspace's time zone; empty means every hour counts.",
                    ],
                ],
            ],
        ]
    }
}
