import Foundation
import FoyerCore
import Testing

@Suite("Content CSV")
struct ContentCSVTests {
    let types = ContentTypeDefinition.defaults
    let created = Date(timeIntervalSince1970: 1_770_000_000)

    func item(
        _ id: Int64, title: String, body: String = "", status: ContentStatus = .draft, type: String = "advice",
        campaign: String? = nil, tags: [String] = [], evergreen: EvergreenPolicy? = nil, notes: String = ""
    ) -> ContentItem {
        ContentItem(
            id: ContentItemID(id), workspaceID: WorkspaceID(1), title: title, body: body, status: status,
            contentType: type,
            campaign: campaign, tags: tags, evergreen: evergreen, notes: notes, approvedFingerprint: nil,
            createdBy: nil,
            createdAt: created, updatedAt: created)
    }

    /// What importing an item back should give.
    func draft(_ item: ContentItem) -> ContentDraft {
        let status: ContentStatus? = [.approved, .scheduled, .published].contains(item.status) ? nil : item.status
        return ContentDraft(
            title: item.title, body: item.body, status: status, contentType: item.contentType, campaign: item.campaign,
            tags: item.tags, evergreen: item.evergreen, notes: item.notes)
    }

    var tricky: [ContentItem] {
        [
            item(
                1, title: "Quotes \"and\", commas; semicolons",
                body: "Line one\nLine two, with \"quotes\"\r\nLine three; end",
                status: .approved, type: "contest", campaign: "Été 2026", tags: ["summer", "contest;fr"],
                evergreen: EvergreenPolicy(intervalDays: 30, until: Date(timeIntervalSince1970: 1_798_675_200), cap: 5),
                notes: "Check with @legal"),
            item(
                2, title: "=HYPERLINK(\"http://evil.test\")", body: "+33 1 23 45 67 89", status: .idea, notes: "-5% off"
            ),
            item(3, title: "@mention first", body: "\tindented", status: .inReview, tags: ["ab"]),
            item(4, title: "'=already quoted", body: "'plain apostrophe", status: .archived),
            item(5, title: "Famille 👩‍👩‍👧 et café", body: "Emoji 😀 and e\u{301}", status: .published, type: "event"),
            item(6, title: "Carriage", body: "\rstarts with CR", evergreen: EvergreenPolicy(intervalDays: 7)),
        ]
    }

    @Test(arguments: ContentCSV.Delimiter.allCases)
    func exportThenImport_givesTheSameDrafts(delimiter: ContentCSV.Delimiter) throws {
        let items = tricky
        let result = try ContentCSV.importing(ContentCSV.export(items, delimiter: delimiter), types: types)
        #expect(result.rejected == [])
        #expect(result.delimiter == delimiter)
        #expect(result.ignoredColumns == [])
        #expect(result.rows.map(\.id) == items.map(\.id))
        for (row, item) in zip(result.rows, items) {
            #expect(row.draft == draft(item))
        }
        // Line numbers count the line breaks inside quoted cells: item 1's body spans three lines.
        #expect(result.rows.map(\.line) == [2, 5, 6, 7, 8, 9])
    }

    @Test func export_isSpreadsheetSafe() throws {
        let data = ContentCSV.export(tricky)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = try #require(String(data: data.dropFirst(3), encoding: .utf8))
        #expect(text.hasPrefix(ContentCSV.columns.joined(separator: ",") + "\r\n"))
        #expect(text.hasSuffix("\r\n"))
        #expect(text.contains(#""Quotes ""and"", commas; semicolons""#))
        #expect(text.contains(#","'=HYPERLINK(""http://evil.test"")","#))
        #expect(text.contains(",'+33 1 23 45 67 89,"))
        #expect(text.contains(",'-5% off\r\n"))
        #expect(text.contains(",'@mention first,"))
        #expect(text.contains(",''=already quoted,"))
        #expect(text.contains(",'plain apostrophe,"))
        #expect(text.contains(",summer|contest;fr,") == false)
        #expect(text.contains(#","summer|contest;fr","#))
        #expect(text.contains(",30,2026-12-31T00:00:00Z,5,"))
    }

    @Test func import_frenchSpreadsheet_semicolonsLFAndFrenchHeaders() throws {
        let csv = """
            texte;Titre;Étiquettes;statut;type;campagne;Date prévue
            "Bonjour; tout le monde";Premier post;été|Promo, soldes;brouillon;Advice;  Rentrée  ;2026-09-01
            Deuxième texte;Second;;;;;

            """
        let result = try ContentCSV.importing(Data(csv.utf8), types: types)
        #expect(result.delimiter == .semicolon)
        #expect(result.ignoredColumns == ["Date prévue"])
        #expect(result.rejected == [])
        #expect(result.rows.count == 2)
        let first = try #require(result.rows.first)
        #expect(first.line == 2)
        #expect(first.id == nil)
        #expect(first.draft.title == "Premier post")
        #expect(first.draft.body == "Bonjour; tout le monde")
        #expect(first.draft.tags == ["été", "promo", "soldes"])
        #expect(first.draft.status == .draft)
        #expect(first.draft.contentType == "advice")
        #expect(first.draft.campaign == "Rentrée")
        // Empty type is the default; empty status keeps the item's.
        #expect(result.rows[1].draft.contentType == ContentTypeDefinition.defaultKey)
        #expect(result.rows[1].draft.status == nil)
    }

    @Test func import_rejectsBadRowsWithTheirLine() throws {
        let csv = """
            id,title,type,body,status,evergreen_interval_days,evergreen_cap,evergreen_until
            ,Good one,advice,"Two
            lines",,,,
            ,,advice,No title,,,,
            abc,Bad id,advice,,,,,
            ,Unknown type,recipe,,,,,
            ,Bad status,advice,,approuvé-ish,,,
            ,Cap without interval,advice,,,,3,
            ,Bad interval,advice,,,0,,
            ,Bad date,advice,,,7,,31/12/2026
            ,Too,many,cells,,,,,extra

            12,Update,advice,,approuvé,7,,2026-12-31 08:30
            """
        let result = try ContentCSV.importing(Data(csv.utf8), types: types)
        #expect(result.rows.map(\.line) == [2, 13])
        #expect(result.rows.last?.id == ContentItemID(12))
        #expect(result.rows.last?.draft.status == nil)
        #expect(result.rows.last?.draft.evergreen?.until == Date(timeIntervalSince1970: 1_798_705_800))
        #expect(result.rejected.map(\.line) == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(
            result.rejected.map(\.field) == [
                "title", "id", "contentType", "status", "evergreenIntervalDays", "evergreenIntervalDays",
                "evergreenUntil", nil,
            ])
        #expect(result.rejected[0].description == "Line 4: title: Enter a title.")
        #expect(result.rejected[2].message.contains("Use one of: advice"))
    }

    @Test func import_refusesFilesItCannotRead() {
        func message(_ data: Data) -> String? {
            do {
                _ = try ContentCSV.importing(data, types: types)
                return nil
            } catch DomainError.invalid(let field, let message) {
                return field == "file" ? message : nil
            } catch {
                return nil
            }
        }
        #expect(message(Data("name,body\r\nA,B\r\n".utf8))?.contains("include title") == true)
        #expect(message(Data())?.contains("empty") == true)
        // "titre;texte\nCafé" saved as Latin-1.
        #expect(message(Data("titre;texte\nCaf".utf8) + Data([0xE9]))?.contains("CSV UTF-8") == true)
        #expect(message(Data(repeating: 0x41, count: ContentCSV.maxFileBytes + 1))?.contains("10 MB") == true)
        #expect(message(Data("title,body\n\"Open,never closed\n".utf8))?.contains("line 2") == true)
        #expect(message(Data("title,titre\nA,B\n".utf8))?.contains("twice") == true)
    }

    @Test func import_acceptsBOMAndCRLF_andStripsOnlyTheProtectingApostrophe() throws {
        let csv = "\u{FEFF}title,body,notes\r\n'=1+1,'hello,''-x\r\n"
        let result = try ContentCSV.importing(Data(csv.utf8), types: types)
        let draft = try #require(result.rows.first?.draft)
        #expect(draft.title == "=1+1")
        #expect(draft.body == "'hello")
        #expect(draft.notes == "'-x")
    }

    @Test func check_rejectsUnknownAndRepeatedIds_inLineOrder() throws {
        let csv = """
            id,title,body
            ,New one,
            7,Known,
            99,Not in this workspace,
            ,,No title
            7,Known again,
            8,Other known,
            """
        let read = try ContentCSV.importing(Data(csv.utf8), types: types)
        let (rows, rejected) = ContentImport.check(read, existing: [ContentItemID(7), ContentItemID(8)])
        #expect(rows.map(\.line) == [2, 3, 7])
        #expect(rejected.map(\.line) == [4, 5, 6])
        #expect(rejected.map(\.field) == ["id", "title", "id"])
        #expect(rejected[0].message.contains("Empty the id cell to create a new item"))
        #expect(rejected[2].message.contains("Keep one row per item"))
        #expect(ContentImport.counts(of: rows) == ContentImportCounts(created: 1, updated: 2))
    }
}
