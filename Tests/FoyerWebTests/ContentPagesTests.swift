import Foundation
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FoyerWeb

/// The content pages: list, board, item editor, files, reviews and review links, CSV import and export.
@Suite struct ContentPagesTests {
    /// A workspace with an owner (English), a French manager, an analyst, a client, an item and a stranger
    /// who owns another workspace.
    struct Stock {
        let app: WebTestApp
        let inbox: SeededInbox
        let item: ContentItem
        let mine: SeededWorkspace
        var workspace: WorkspaceID { inbox.id }
        var base: String { "/w/\(inbox.id)/content" }
        var itemPath: String { "\(base)/\(item.id)" }

        static func make() async throws -> Stock {
            let app = try await WebTestApp.make()
            let inbox = try await app.seed.inbox(named: "Acme", owner: "owner@example.org")
            try await app.user("owner@example.org")
            try await app.user("manager@example.org", locale: .fr)
            try await app.seed.member("manager@example.org", role: .manager, of: inbox.id)
            try await app.user("analyst@example.org")
            try await app.seed.member("analyst@example.org", role: .analyst, of: inbox.id)
            try await app.user("client@example.org")
            try await app.seed.member("client@example.org", role: .client, of: inbox.id)
            try await app.user("stranger@example.org")
            let mine = try await app.seed.workspace(named: "Stranger's own", owner: "stranger@example.org")
            let item = try await app.storage.content.create(
                ContentDraft(title: "Spring launch", body: "Our <b>spring</b> range is here", status: .draft),
                createdBy: inbox.owner.id, in: inbox.id)
            return Stock(app: app, inbox: inbox, item: item, mine: mine)
        }

        func current() async throws -> ContentItem? { try await app.storage.content.find(item.id, in: workspace) }

        func fingerprint() async throws -> String {
            try await ContentWorkflow(dependencies: app.dependencies).detail(item.id, in: workspace).fingerprint
        }
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52])

    /// `multipart/form-data` with the CSRF token, text fields and one file.
    static func upload(
        _ client: some TestClientProtocol, _ browser: TestBrowser, _ path: String, fields: [String: String] = [:],
        file: (name: String, type: String?, data: Data)?
    ) async throws -> TestResponse {
        let boundary = "----foyer-test-boundary-7d3f"
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        for (name, value) in fields.merging(["_csrf": browser.csrf], uniquingKeysWith: { first, _ in first }) {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\n")
            if let type = file.type { add("Content-Type: \(type)\r\n") }
            add("\r\n")
            body.append(file.data)
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        return try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: browser.cookie, .contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(bytes: body))
    }

    // MARK: Pages

    @Test func pages_renderInEnglishAndFrench_andEscapeContent() async throws {
        let stock = try await Stock.make()
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let manager = try await signIn(client, email: "manager@example.org")
            for path in [stock.base, "\(stock.base)/board", stock.itemPath] {
                let english = try await owner.get(client, path)
                #expect(english.status == .ok, "\(path) answered \(english.status.code)")
                #expect(english.html.contains("<html lang=\"en\">"))
                #expect(english.html.contains(">Content<"), "\(path) has the Content navigation entry")
                let french = try await manager.get(client, path)
                #expect(french.status == .ok)
                #expect(french.html.contains("<html lang=\"fr\">"))
                #expect(french.html.contains(">Contenus<"), "\(path) has the Contenus navigation entry")
                #expect(!french.html.contains("<b>spring</b>"), "\(path) shows content as text")
            }
            let board = try await manager.get(client, "\(stock.base)/board")
            #expect(board.html.contains("Brouillon"))
            #expect(board.html.contains("data-board-column=\"in_review\""))
            let list = try await owner.get(client, stock.base + "?status=draft&q=spring")
            #expect(list.html.contains("Spring launch"))
            let filteredOut = try await owner.get(client, stock.base + "?status=idea")
            #expect(!filteredOut.html.contains("Spring launch"))
        }
    }

    @Test func analyst_readsContent_butCannotEditIt() async throws {
        let stock = try await Stock.make()
        try await stock.app.run { client in
            let analyst = try await signIn(client, email: "analyst@example.org")
            let page = try await analyst.get(client, stock.itemPath)
            #expect(page.status == .ok)
            #expect(page.html.contains("<fieldset disabled>"))
            let update = try await analyst.post(
                client, stock.itemPath, form: ["title": "Hijacked", "body": "x", "contentType": "announcement"])
            #expect(update.status == .forbidden)
            let create = try await analyst.post(client, stock.base, form: ["title": "New", "contentType": "announcement"])
            #expect(create.status == .forbidden)
            let move = try await analyst.post(client, "\(stock.itemPath)/move", form: ["status": "archived"])
            #expect(move.status == .forbidden)
        }
        #expect(try await stock.current()?.title == "Spring launch")
        #expect(try await stock.current()?.status == .draft)
    }

    @Test func client_approves_butCannotEdit() async throws {
        let stock = try await Stock.make()
        let fingerprint = try await stock.fingerprint()
        try await stock.app.run { client in
            let browser = try await signIn(client, email: "client@example.org")
            let edit = try await browser.post(
                client, stock.itemPath, form: ["title": "Changed by client", "body": "x", "contentType": "announcement"])
            #expect(edit.status == .forbidden)
            let approve = try await browser.post(
                client, "\(stock.itemPath)/reviews", form: ["decision": "approved", "fingerprint": fingerprint])
            #expect(approve.status == .seeOther)
            let page = try await browser.get(client, stock.itemPath)
            #expect(page.html.contains("The current text is approved."))
        }
        #expect(try await stock.current()?.status == .approved)
        #expect(try await stock.current()?.title == "Spring launch")
    }

    @Test func idsOfAnotherWorkspace_answer404ThroughMine() async throws {
        let stock = try await Stock.make()
        try await stock.app.run { client in
            let stranger = try await signIn(client, email: "stranger@example.org")
            let mine = "/w/\(stock.mine.id)/content/\(stock.item.id)"
            #expect(try await stranger.get(client, mine).status == .notFound)
            #expect(try await stranger.post(client, mine + "/move", form: ["status": "archived"]).status == .notFound)
            #expect(try await stranger.post(client, mine + "/delete").status == .notFound)
            #expect(try await stranger.get(client, stock.itemPath).status == .notFound)
        }
        #expect(try await stock.current()?.status == .draft)
    }

    @Test func board_refusesAMoveToApproved_withTheReason_andMovesToReview() async throws {
        let stock = try await Stock.make()
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let board = "\(stock.base)/board"
            let refused = try await owner.post(
                client, "\(stock.itemPath)/move", form: ["status": "approved", "returnTo": board])
            #expect(refused.status == .badRequest)
            #expect(refused.html.contains("Approve it from its page"))
            #expect(refused.html.contains("data-board-column"))
            let moved = try await owner.post(
                client, "\(stock.itemPath)/move", form: ["status": "in_review", "returnTo": board])
            #expect(moved.status == .seeOther)
            #expect(moved.redirectPath == board + "?notice=content_moved")
        }
        #expect(try await stock.current()?.status == .inReview)
    }

    @Test func editor_refusedSave_keepsWhatWasTyped() async throws {
        let stock = try await Stock.make()
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, stock.itemPath,
                form: ["title": "   ", "body": "A long text I do not want to lose", "contentType": "announcement"])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("Enter a title."))
            #expect(response.html.contains("A long text I do not want to lose"))
        }
        #expect(try await stock.current()?.body == "Our <b>spring</b> range is here")
    }

    // MARK: Files

    @Test func upload_acceptsAPNG_andRefusesLiesExecutablesAndOversize() async throws {
        let stock = try await Stock.make()
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let path = "\(stock.itemPath)/media"
            let accepted = try await Self.upload(
                client, owner, path, fields: ["altText": "A spring meadow"], file: ("meadow.png", "image/png", Self.png))
            #expect(accepted.status == .seeOther)
            let lying = try await Self.upload(client, owner, path, file: ("photo.jpg", "image/jpeg", Self.png))
            #expect(lying.status == .badRequest)
            #expect(lying.html.contains("says it is image/jpeg but it is image/png"))
            let elf = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
            let executable = try await Self.upload(
                client, owner, path, file: ("tool.png", "application/octet-stream", elf))
            #expect(executable.status == .badRequest)
            #expect(executable.html.contains("Attach a JPEG, PNG, GIF or WebP image, or an MP4 video."))
            let big = Self.png + Data(count: MediaPolicy.maxImageBytes)
            let oversize = try await Self.upload(client, owner, path, file: ("big.png", "image/png", big))
            #expect(oversize.status == .badRequest)
            #expect(oversize.html.contains("the limit is 10 MB"))
            let page = try await owner.get(client, stock.itemPath)
            #expect(page.html.contains("meadow.png"))
            #expect(page.html.contains("A spring meadow"))
        }
        let media = try await stock.app.storage.content.media(of: stock.item.id, in: stock.workspace)
        #expect(media.map(\.filename) == ["meadow.png"])
        #expect(media.first?.mimeType == "image/png")
    }

    @Test func spreadsheet_exportsTheList_andImportChecksFirst_andStoresAllOrNothing() async throws {
        let stock = try await Stock.make()
        let id = stock.item.id
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let manager = try await signIn(client, email: "manager@example.org")
            let english = try await owner.get(client, "\(stock.base)/import")
            #expect(english.status == .ok)
            #expect(english.html.contains("Content spreadsheet"))
            #expect(english.html.contains("enctype=\"multipart/form-data\""))
            let french = try await manager.get(client, "\(stock.base)/import")
            #expect(french.html.contains("Tableur des contenus"))
            let list = try await owner.get(client, stock.base + "?status=draft")
            #expect(list.html.contains("href=\"\(stock.base)/export?status=draft\""), "the list exports what it shows")

            let export = try await owner.get(client, "\(stock.base)/export?delimiter=semicolon")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(export.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"content-") == true)
            let exported = String(buffer: export.body)
            #expect(exported.hasPrefix("\u{FEFF}id;title;status"))
            #expect(exported.contains("\(id);Spring launch;draft"))
            let none = try await owner.get(client, "\(stock.base)/export?status=archived")
            #expect(!String(buffer: none.body).contains("Spring launch"), "the export follows the filters")

            // The exported file, edited in a spreadsheet: one title changed, one row added.
            let edited = "id;title;body\r\n\(id);Spring launch (v2);Our spring range is here\r\n;Autumn teaser;Soon\r\n"
            let file = { (csv: String) in (name: "stock.csv", type: "text/csv" as String?, data: Data(csv.utf8)) }
            let dryRun = try await Self.upload(client, owner, "\(stock.base)/import", fields: ["dryRun": "true"], file: file(edited))
            #expect(dryRun.status == .ok)
            #expect(dryRun.html.contains("Dry run. To create: 1. To update: 1."))
            #expect(try await stock.current()?.title == "Spring launch", "a dry run stores nothing")

            let broken = edited + ";;No title\r\n99;Not ours;\r\n"
            let refused = try await Self.upload(client, manager, "\(stock.base)/import", file: file(broken))
            #expect(refused.status == .badRequest)
            #expect(refused.html.contains("Lignes refusées : 2."))
            #expect(refused.html.contains("<td>4</td><td>title</td>"))
            #expect(refused.html.contains("Aucun contenu de cet espace n’a cet id."))
            #expect(try await stock.current()?.title == "Spring launch", "a file with a refused row stores nothing")

            let applied = try await Self.upload(client, owner, "\(stock.base)/import", file: file(edited))
            #expect(applied.status == .ok)
            #expect(applied.html.contains("Imported. Created: 1. Updated: 1."))
            let notCSV = try await Self.upload(client, owner, "\(stock.base)/import", file: (name: "x.csv", type: nil, data: Data([0xFF, 0xFE, 0x00])))
            #expect(notCSV.status == .badRequest)
            #expect(notCSV.html.contains("save it as"))

            let analyst = try await signIn(client, email: "analyst@example.org")
            let forbidden = try await Self.upload(client, analyst, "\(stock.base)/import", file: file(edited))
            #expect(forbidden.status == .forbidden)
            let stranger = try await signIn(client, email: "stranger@example.org")
            #expect(try await stranger.get(client, "\(stock.base)/export").status == .notFound)
        }
        let items = try await stock.app.storage.content.list(in: stock.workspace, filter: ContentFilter(), page: PageRequest())
        #expect(Set(items.items.map(\.title)) == ["Spring launch (v2)", "Autumn teaser"])
    }

    @Test func mediaFile_isServedWithItsRealType_onlyInItsWorkspace() async throws {
        let stock = try await Stock.make()
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            _ = try await Self.upload(client, owner, "\(stock.itemPath)/media", file: ("a.png", nil, Self.png))
            let media = try await stock.app.storage.content.media(of: stock.item.id, in: stock.workspace)
            let id = try #require(media.first?.id)
            let file = try await owner.get(client, "\(stock.itemPath)/media/\(id)")
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "image/png")
            #expect(Data(file.body.readableBytesView) == Self.png)
            let stranger = try await signIn(client, email: "stranger@example.org")
            let elsewhere = "/w/\(stock.mine.id)/content/\(stock.item.id)/media/\(id)"
            #expect(try await stranger.get(client, elsewhere).status == .notFound)
        }
    }

    // MARK: Reviews and review links

    @Test func changedText_showsThatItNeedsApprovalAgain() async throws {
        let stock = try await Stock.make()
        let fingerprint = try await stock.fingerprint()
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let approved = try await owner.post(
                client, "\(stock.itemPath)/reviews", form: ["decision": "approved", "fingerprint": fingerprint])
            #expect(approved.status == .seeOther)
            #expect(try await owner.get(client, stock.itemPath).html.contains("The current text is approved."))
            let edited = try await owner.post(
                client, stock.itemPath,
                form: ["title": "Spring launch", "body": "A new text", "contentType": "announcement"])
            #expect(edited.status == .seeOther)
            let page = try await owner.get(client, stock.itemPath)
            #expect(page.html.contains("Changed since approval — needs approval again."))
            #expect(!page.html.contains("The current text is approved."))
        }
    }

    /// The token of the review link shown on the page after creating it.
    static func reviewToken(in html: String) -> String? {
        guard let start = html.range(of: "/review/") else { return nil }
        let rest = html[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test func reviewLink_showsThePosts_recordsTheDecision_andExpires() async throws {
        let stock = try await Stock.make()
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let created = try await owner.post(
                client, "\(stock.itemPath)/review-links", form: ["reviewer": "Claire (client)", "days": "7"])
            #expect(created.status == .ok)
            let token = try #require(Self.reviewToken(in: created.html))
            let anonymous = try await anonymousForm(client, path: "/review/\(token)")
            let page = try await anonymous.get(client, "/review/\(token)")
            #expect(page.status == .ok)
            #expect(page.html.contains("Spring launch"))
            #expect(page.html.contains("Our &lt;b&gt;spring&lt;/b&gt; range is here"))
            #expect(page.html.contains("Claire (client)"))
            let fingerprint = try #require(Self.field("fingerprint", in: page.html))
            let refusedWithoutComment = try await anonymous.post(
                client, "/review/\(token)",
                form: ["decision": "changes_requested", "fingerprint": fingerprint, "name": "Claire", "comment": ""])
            #expect(refusedWithoutComment.status == .badRequest)
            #expect(refusedWithoutComment.html.contains("Say what should change."))
            let decided = try await anonymous.post(
                client, "/review/\(token)",
                form: ["decision": "approved", "fingerprint": fingerprint, "name": "Claire", "comment": "Lovely"])
            #expect(decided.status == .seeOther)
            stock.app.clock.advance(by: 8 * 86_400)
            let expired = try await anonymous.get(client, "/review/\(token)")
            #expect(expired.status == .gone)
            #expect(expired.html.contains("This review link has expired"))
            #expect(expired.html.contains("Ask the Acme team for a new link."))
        }
        #expect(try await stock.current()?.status == .approved)
        let reviews = try await stock.app.storage.content.reviews(of: stock.item.id, in: stock.workspace)
        #expect(reviews.map(\.reviewerName) == ["Claire"])
        #expect(reviews.first?.viaLink == true)
        let audit = try await stock.app.storage.audit.list(in: stock.workspace, page: PageRequest()).items
        #expect(audit.contains { $0.action == "content.reviewed" && $0.details["via"] == "review link" })
    }

    @Test func reviewLink_tampered_is404_andChangedContentIsRefused() async throws {
        let stock = try await Stock.make()
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let created = try await owner.post(
                client, "\(stock.itemPath)/review-links", form: ["reviewer": "Claire", "days": "3"])
            let token = try #require(Self.reviewToken(in: created.html))
            var tampered = Array(token)
            let index = tampered.count / 3
            tampered[index] = tampered[index] == "A" ? "B" : "A"
            let anonymous = try await anonymousForm(client, path: "/review/\(token)")
            #expect(try await anonymous.get(client, "/review/\(String(tampered))").status == .notFound)
            #expect(try await anonymous.get(client, "/review/not-a-token").status == .notFound)

            let page = try await anonymous.get(client, "/review/\(token)")
            let fingerprint = try #require(Self.field("fingerprint", in: page.html))
            let edited = try await owner.post(
                client, stock.itemPath, form: ["title": "Spring launch", "body": "Changed", "contentType": "announcement"])
            #expect(edited.status == .seeOther)
            let refused = try await anonymous.post(
                client, "/review/\(token)", form: ["decision": "approved", "fingerprint": fingerprint, "name": "Claire"])
            #expect(refused.status == .conflict)
            #expect(refused.html.contains("The content changed since you opened this page"))
            #expect(refused.html.contains("Changed"))
        }
        #expect(try await stock.app.storage.content.reviews(of: stock.item.id, in: stock.workspace).isEmpty)
        #expect(try await stock.current()?.status != .approved)
    }

    /// The `value` of the first input named `name`.
    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    // MARK: Variants

    @Test func variantCheck_countsTheTextAgainstItsNetwork() async throws {
        let stock = try await Stock.make()
        let channel = try await stock.app.seed.channel(in: stock.workspace, kind: .mastodon, name: "Mastodon")
        try await stock.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let long = String(repeating: "a", count: 612)
            let check = try await owner.post(
                client, "\(stock.itemPath)/check", form: ["channelId": channel.id.description, "body": long])
            #expect(check.status == .ok)
            let answer = try JSONSerialization.jsonObject(with: Data(check.body.readableBytesView)) as? [String: Any]
            #expect(answer?["counted"] as? String == "612 / 500 characters")
            #expect(answer?["over"] as? Bool == true)
            #expect((answer?["errors"] as? [String])?.isEmpty == false)
            let saved = try await owner.post(
                client, "\(stock.itemPath)/variants",
                form: ["channelId": channel.id.description, "body": long, "followUps": "Part two\n---\nPart three"])
            #expect(saved.status == .seeOther)
            let page = try await owner.get(client, stock.itemPath)
            #expect(page.html.contains("612 / 500 characters"))
        }
        let variants = try await stock.app.storage.content.variants(of: stock.item.id, in: stock.workspace)
        #expect(variants.first?.followUps == ["Part two", "Part three"])
    }
}
