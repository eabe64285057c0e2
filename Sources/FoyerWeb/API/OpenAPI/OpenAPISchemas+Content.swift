import FoyerCore

extension OpenAPISchemas {
    /// The schemas of the content stock's wire types (`API/Models/APIContent.swift`).
    static var content: [String: JSONValue] {
        let strings: JSONValue = ["type": "array", "items": string]
        let nullableID = nullable("integer", format: "int64")
        let evergreen = object(
            [
                "intervalDays": ["type": "integer", "minimum": 1, "maximum": 365], "until": nullable("string", format: "date-time"),
                "cap": ["type": ["integer", "null"], "minimum": 1, "maximum": 1000],
            ], required: ["intervalDays"])
        let contentFields: [String: JSONValue] = [
            "id": id, "title": string, "body": string, "status": oneOf(ContentStatus.allCases.map(\.rawValue)),
            "contentType": string, "campaign": nullable("string"), "tags": strings,
            "evergreen": ["oneOf": [evergreen, ["type": "null"]]], "notes": string,
            "approved": ["type": "boolean", "description": "Whether the current text is approved."],
            "createdAt": dateTime, "updatedAt": dateTime,
        ]
        let contentRequired = [
            "id", "title", "body", "status", "contentType", "campaign", "tags", "evergreen", "notes", "approved", "createdAt",
            "updatedAt",
        ]
        let editable: [String: JSONValue] = [
            "title": ["type": "string", "minLength": 1, "maxLength": 200],
            "body": ["type": "string", "maxLength": 20000],
            "status": oneOf(["idea", "draft", "in_review", "archived"]),
            "contentType": ["type": "string", "maxLength": 40, "description": "A key of the workspace's content types."],
            "campaign": ["type": "string", "maxLength": 100], "tags": ["type": "array", "items": string, "maxItems": 20],
            "notes": ["type": "string", "maxLength": 20000],
        ]
        let variant: [String: JSONValue] = [
            "id": id, "channelId": nullableID, "marketId": nullableID, "title": nullable("string"), "body": string,
            "followUps": strings, "mediaIds": ["type": "array", "items": id],
            "translation": oneOf(TranslationStatus.allCases.map(\.rawValue)), "updatedAt": dateTime,
        ]
        let media: [String: JSONValue] = [
            "id": id, "filename": string, "mimeType": string, "byteCount": ["type": "integer"], "altText": nullable("string"),
            "createdAt": dateTime,
        ]
        let review: [String: JSONValue] = [
            "id": id, "decision": oneOf(ReviewDecision.allCases.map(\.rawValue)), "reviewerName": string,
            "viaLink": ["type": "boolean"], "comment": string, "createdAt": dateTime,
        ]
        let post: [String: JSONValue] = [
            "id": id, "contentId": nullableID, "channelId": id, "variantId": nullableID, "marketId": nullableID,
            "title": nullable("string"), "body": string, "followUps": strings, "mediaIds": ["type": "array", "items": id],
            "state": oneOf(PublicationState.allCases.map(\.rawValue)), "attempts": ["type": "integer"],
            "scheduledAt": dateTime, "externalId": nullable("string"), "remoteUrl": nullable("string"),
            "lastError": nullable("string"), "createdAt": dateTime, "updatedAt": dateTime,
        ]
        let market: [String: JSONValue] = ["id": id, "name": string, "locale": string, "timeZone": string]
        func input(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
            [
                "type": "object", "additionalProperties": false, "properties": .object(properties),
                "required": .array(required.map(JSONValue.string)),
            ]
        }
        return [
            "Content": object(contentFields, required: contentRequired),
            "ContentDetail": object(
                contentFields.merging([
                    "fingerprint": ["type": "string", "description": "Of the current text; send it with a review."],
                    "variants": ["type": "array", "items": ref("ContentVariant")],
                    "media": ["type": "array", "items": object(media, required: Array(media.keys))],
                    "reviews": ["type": "array", "items": ref("ContentReview")],
                    "publications": ["type": "array", "items": ref("Post")],
                ]) { current, _ in current },
                required: contentRequired + ["fingerprint", "variants", "media", "reviews", "publications"]),
            "ContentInput": input(editable.merging(["evergreen": evergreen]) { current, _ in current }, required: ["title"]),
            "ContentUpdate": [
                "type": "object", "additionalProperties": false, "minProperties": 1,
                "properties": .object(
                    editable.merging([
                        "evergreen": ["oneOf": [evergreen, ["type": "null"]], "description": "`null` stops recycling."]
                    ]) { current, _ in current }),
            ],
            "ContentVariant": object(variant, required: ["id", "body", "followUps", "mediaIds", "translation", "updatedAt"]),
            "VariantInput": input(
                [
                    "channelId": id, "marketId": id, "title": ["type": "string", "maxLength": 200],
                    "body": ["type": "string", "minLength": 1, "maxLength": 20000],
                    "followUps": ["type": "array", "items": string, "maxItems": 20],
                    "mediaIds": ["type": "array", "items": id, "maxItems": 20],
                    "translation": oneOf(TranslationStatus.allCases.map(\.rawValue)),
                ], required: ["body"]),
            "ContentReview": object(review, required: Array(review.keys)),
            "ReviewInput": input(
                [
                    "decision": oneOf(ReviewDecision.allCases.map(\.rawValue)), "comment": ["type": "string", "maxLength": 5000],
                    "fingerprint": string,
                ], required: ["decision"]),
            "Post": object(
                post,
                required: [
                    "id", "channelId", "body", "followUps", "mediaIds", "state", "attempts", "scheduledAt", "createdAt",
                    "updatedAt",
                ]),
            "PublicationInput": input(
                ["contentId": id, "channelId": id, "variantId": id, "marketId": id, "scheduledAt": dateTime],
                required: ["contentId", "channelId"]),
            "PublicationUpdate": input(["scheduledAt": dateTime], required: ["scheduledAt"]),
            "ContentCSV": [
                "type": "string",
                "description":
                    "RFC 4180 CSV, UTF-8. Columns: id, title, status, content_type, campaign, tags (separated by |), evergreen_interval_days, evergreen_until, evergreen_cap, body, notes; at most 10 MB.",
            ],
            "ContentImportReport": object(
                [
                    "created": ["type": "integer", "description": "Items created, or that a dry run would create."],
                    "updated": ["type": "integer", "description": "Items updated, or that a dry run would update."],
                    "applied": ["type": "boolean", "description": "Whether the rows were stored."],
                    "dryRun": ["type": "boolean"], "delimiter": oneOf(["comma", "semicolon"]),
                    "ignoredColumns": strings,
                    "rejected": [
                        "type": "array",
                        "items": object(
                            ["line": ["type": "integer"], "field": nullable("string"), "message": string],
                            required: ["line", "message"]),
                    ],
                ], required: ["created", "updated", "applied", "dryRun", "delimiter", "ignoredColumns", "rejected"]),
            "Market": object(market, required: Array(market.keys)),
            "MarketInput": input(
                [
                    "name": ["type": "string", "minLength": 1, "maxLength": 100],
                    "locale": ["type": "string", "minLength": 2, "maxLength": 10], "timeZone": string,
                ], required: ["name", "locale", "timeZone"]),
        ]
    }
}
