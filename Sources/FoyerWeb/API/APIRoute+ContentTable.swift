import FoyerCore
import Hummingbird

extension APIRoute {
    static let contentPath = "/workspaces/{workspaceID}/content"
    static let publicationsPath = "/workspaces/{workspaceID}/publications"

    /// The content stock, the publications of posts, and markets.
    static let contentRoutes: [APIRoute] = [
        APIRoute(
            operation: .listContent, method: .get, path: contentPath,
            summary: "Content items, most recently changed first; filters combine.", access: .workspaceMember,
            query: paging + [
                APIParameter("status", .oneOf(ContentStatus.allCases.map(\.rawValue)), "Pipeline status."),
                APIParameter("contentType", .string(maxLength: 40), "A content type key of the workspace."),
                APIParameter("campaign", .string(maxLength: 100), "Campaign name (any case)."),
                APIParameter("tag", .string(maxLength: 40), "A tag."),
                APIParameter("evergreen", .oneOf(["true", "false"]), "Evergreen items only, or none."),
                text("Words in the title, text or campaign."),
            ], requestBody: nil, response: .list("Content")),
        APIRoute(
            operation: .createContent, method: .post, path: contentPath,
            summary:
                "Create a content item (managers, admins, owners). Only `title` is required; `status` may be idea (default), draft, in_review or archived.",
            access: .contentEditor, query: [], requestBody: "ContentInput", response: .object("Content"),
            successStatus: .created),
        APIRoute(
            operation: .exportContent, method: .get, path: contentPath + "/export",
            summary:
                "The items the filters select as a CSV file a spreadsheet opens (UTF-8 with a byte order mark); `delimiter=semicolon` for spreadsheets set up for French.",
            access: .workspaceMember,
            query: [
                APIParameter("delimiter", .oneOf(["comma", "semicolon"]), "The cell separator; comma by default."),
                APIParameter("status", .oneOf(ContentStatus.allCases.map(\.rawValue)), "Pipeline status."),
                APIParameter("contentType", .string(maxLength: 40), "A content type key of the workspace."),
                APIParameter("campaign", .string(maxLength: 100), "Campaign name (any case)."),
                APIParameter("tag", .string(maxLength: 40), "A tag."),
            ], requestBody: nil, response: .csv("ContentCSV")),
        APIRoute(
            operation: .importContent, method: .post, path: contentPath + "/import",
            summary:
                "Import a CSV file of items (the export's columns, in English or French; only title is required): rows with an id update their item, the others create one. All or nothing: when a row is rejected, `applied` is false and nothing is stored. `dryRun=true` checks and counts without storing.",
            access: .contentEditor,
            query: [APIParameter("dryRun", .oneOf(["true", "false"]), "Check the file without storing anything.")],
            requestBody: "ContentCSV", response: .object("ContentImportReport"), requestMediaType: "text/csv"),
        APIRoute(
            operation: .getContent, method: .get, path: contentPath + "/{contentID}",
            summary: "One item with its variants, files, reviews and publications; `approved` says whether the current text is approved.",
            access: .workspaceMember, query: [], requestBody: nil, response: .object("ContentDetail")),
        APIRoute(
            operation: .updateContent, method: .patch, path: contentPath + "/{contentID}",
            summary:
                "Change any field. A changed text of an approved item sends it back to review: it needs approval again.",
            access: .contentEditor, query: [], requestBody: "ContentUpdate", response: .object("Content")),
        APIRoute(
            operation: .deleteContent, method: .delete, path: contentPath + "/{contentID}",
            summary: "Delete an item with no publication waiting.", access: .contentEditor, query: [], requestBody: nil,
            response: .empty, successStatus: .noContent),
        APIRoute(
            operation: .saveContentVariant, method: .put, path: contentPath + "/{contentID}/variants",
            summary: "Create or replace the variant for a channel, a market, or both.", access: .contentEditor, query: [],
            requestBody: "VariantInput", response: .object("ContentVariant")),
        APIRoute(
            operation: .deleteContentVariant, method: .delete, path: contentPath + "/{contentID}/variants/{variantID}",
            summary: "Delete a variant.", access: .contentEditor, query: [], requestBody: nil, response: .empty,
            successStatus: .noContent),
        APIRoute(
            operation: .reviewContent, method: .post, path: contentPath + "/{contentID}/reviews",
            summary:
                "Approve, request changes or comment (managers, admins, owners, clients). `fingerprint` (from the item) makes the decision apply only to the text you saw.",
            access: .contentReviewer, query: [], requestBody: "ReviewInput", response: .object("ContentReview"),
            successStatus: .created),
        APIRoute(
            operation: .listPublications, method: .get, path: publicationsPath,
            summary: "Posts in the publish ledger, newest first.", access: .workspaceMember,
            query: paging + [APIParameter("state", .oneOf(PublicationState.allCases.map(\.rawValue)), "Ledger state.")],
            requestBody: nil, response: .list("Post")),
        APIRoute(
            operation: .createPublication, method: .post, path: publicationsPath,
            summary:
                "Schedule an approved item on a channel that can publish; no `scheduledAt` means as soon as possible. An `Idempotency-Key` header makes a retried request return the first post.",
            access: .contentEditor, query: [], requestBody: "PublicationInput", response: .object("Post"),
            successStatus: .created),
        APIRoute(
            operation: .getPublication, method: .get, path: publicationsPath + "/{publicationID}",
            summary: "One post with its ledger state, attempts, last error and remote link.", access: .workspaceMember,
            query: [], requestBody: nil, response: .object("Post")),
        APIRoute(
            operation: .updatePublication, method: .patch, path: publicationsPath + "/{publicationID}",
            summary: "Move a post that is still waiting (never tried).", access: .contentEditor, query: [],
            requestBody: "PublicationUpdate", response: .object("Post")),
        APIRoute(
            operation: .cancelPublication, method: .delete, path: publicationsPath + "/{publicationID}",
            summary: "Cancel a post that is still waiting (never tried).", access: .contentEditor, query: [],
            requestBody: nil, response: .empty, successStatus: .noContent),
        APIRoute(
            operation: .retryPublication, method: .post, path: publicationsPath + "/{publicationID}/retry",
            summary: "Queue a failed post again, now.", access: .contentEditor, query: [], requestBody: nil,
            response: .object("Post")),
        APIRoute(
            operation: .listMarkets, method: .get, path: "/workspaces/{workspaceID}/markets",
            summary: "The workspace's markets (a locale and a time zone), by name.", access: .workspaceMember,
            query: paging, requestBody: nil, response: .list("Market")),
        APIRoute(
            operation: .createMarket, method: .post, path: "/workspaces/{workspaceID}/markets",
            summary: "Add a market (admins and owners).", access: .settingsManager, query: [], requestBody: "MarketInput",
            response: .object("Market"), successStatus: .created),
    ]
}
