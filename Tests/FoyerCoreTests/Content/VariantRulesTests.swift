import Foundation
import FoyerCore
import Testing

@Suite("Variant rules")
struct VariantRulesTests {
    func media(_ mimeType: String, bytes: Int = 100_000, alt: String? = "A photo", id: Int64 = 1) -> ContentMedia {
        ContentMedia(
            id: MediaID(id), workspaceID: WorkspaceID(1), contentID: ContentItemID(1), filename: "file\(id)",
            mimeType: mimeType, byteCount: bytes, sha256: String(repeating: "a", count: 64), altText: alt,
            createdAt: Date(timeIntervalSince1970: 0))
    }

    func errors(_ check: VariantCheck) -> [VariantIssue] { check.issues.filter { $0.severity == .error } }
    func warnings(_ check: VariantCheck) -> [VariantIssue] { check.issues.filter { $0.severity == .warning } }

    @Test func bluesky_countsGraphemes_atTheLimitAndOneOver() throws {
        let family = "👩‍👩‍👧"
        #expect(family.unicodeScalars.count == 5)
        let atLimit = String(repeating: "a", count: 299) + family
        let check = VariantRules.check(body: atLimit, kind: .bluesky)
        #expect(check.length == 300)
        #expect(check.limit == 300)
        #expect(check.isPublishable)

        let over = VariantRules.check(body: atLimit + "b", kind: .bluesky)
        #expect(over.length == 301)
        let issue = try #require(errors(over).first)
        #expect(issue.field == "body")
        #expect(issue.limit == 300 && issue.actual == 301)
        #expect(issue.message.contains("301 characters") && issue.message.contains("Bluesky allows 300"))
    }

    @Test func requirePublishable_throwsTheFirstError_notWarnings() throws {
        #expect(throws: Never.self) {
            try VariantRules.check(body: "Photo", media: [media("image/png", alt: nil)], kind: .mastodon).requirePublishable()
        }
        #expect(
            throws: DomainError.invalid(
                field: "body", message: "The text is 301 characters; Bluesky allows 300. Shorten it by 1.")
        ) {
            try VariantRules.check(body: String(repeating: "a", count: 301), kind: .bluesky).requirePublishable()
        }
    }

    @Test func bluesky_combiningAccentsAreOneCharacter_butBytesAreCappedToo() throws {
        let accented = String(repeating: "e\u{301}", count: 300)
        #expect(VariantRules.check(body: accented, kind: .bluesky).length == 300)
        #expect(VariantRules.check(body: accented, kind: .bluesky).isPublishable)
        // 167 families are 167 characters but 3,006 bytes.
        let families = String(repeating: "👩‍👩‍👧", count: 167)
        let check = VariantRules.check(body: families, kind: .bluesky)
        #expect(check.length == 167)
        let issue = try #require(errors(check).first)
        #expect(issue.limit == 3000 && issue.actual == 3006)
    }

    @Test func x_countsEachLinkAs23() throws {
        let link = "https://example.com/" + String(repeating: "long-path/", count: 10)
        #expect(link.count > 100)
        let text = link + " " + String(repeating: "a", count: 256)
        let check = VariantRules.check(body: text, kind: .x)
        #expect(check.length == 280)
        #expect(check.isPublishable)
        #expect(check.links == [link])
        #expect(VariantRules.check(body: text + "a", kind: .x).length == 281)
        #expect(!VariantRules.check(body: text + "a", kind: .x).isPublishable)
        // A sentence's full stop is not part of the link.
        #expect(VariantRules.check(body: "Read https://example.com/a.", kind: .x).links == ["https://example.com/a"])
        #expect(VariantRules.check(body: "Read https://example.com/a.", kind: .x).length == 5 + 23 + 1)
    }

    @Test func x_weighsWideCharactersAndEmojiAsTwo() {
        #expect(VariantRules.check(body: "日本語", kind: .x).length == 6)
        #expect(VariantRules.check(body: "Café 😀", kind: .x).length == 7)
        #expect(VariantRules.check(body: "👩‍👩‍👧", kind: .x).length == 2)
        // Bluesky counts the same texts as graphemes.
        #expect(VariantRules.check(body: "日本語", kind: .bluesky).length == 3)
    }

    @Test func mastodon_defaultLimit_serverLimit_linksAndRemoteMentions() throws {
        let fiveHundred = String(repeating: "é", count: 500)
        #expect(VariantRules.check(body: fiveHundred, kind: .mastodon).isPublishable)
        let over = VariantRules.check(body: fiveHundred + "!", kind: .mastodon)
        #expect(try #require(errors(over).first).message.contains("Mastodon allows 500"))
        // The server's own limit, from the channel's settings.
        let bigServer = ["maxCharacters": "1000"]
        #expect(VariantRules.check(body: fiveHundred + "!", kind: .mastodon, settings: bigServer).isPublishable)
        #expect(VariantRules.check(body: fiveHundred + "!", kind: .mastodon, settings: bigServer).limit == 1000)
        #expect(VariantRules.check(body: "x", kind: .mastodon, settings: ["maxCharacters": "nonsense"]).limit == 500)
        // A remote mention counts without its server; a link counts 23.
        let text = "Hi @alice@example.social, see https://example.org/a/very/long/path/indeed"
        let check = VariantRules.check(body: text, kind: .mastodon)
        #expect(check.mentions == ["@alice@example.social"])
        #expect(check.length == "Hi @alice, see ".count + 23)
    }

    @Test func followUps_areCheckedOneByOne() throws {
        let check = VariantRules.check(
            body: "Part one", followUps: ["Part two", String(repeating: "a", count: 501)], kind: .mastodon)
        #expect(check.followUpLengths == [8, 501])
        let issue = try #require(errors(check).first)
        #expect(issue.field == "followUps[1]")
        #expect(issue.message.hasPrefix("Follow-up 2 is 501 characters"))
    }

    @Test func otherNetworks_lengths() {
        #expect(
            VariantRules.check(body: String(repeating: "a", count: 2000), kind: .discord, settings: [:]).isPublishable)
        #expect(!VariantRules.check(body: String(repeating: "a", count: 2001), kind: .discord).isPublishable)
        #expect(VariantRules.check(body: "x", kind: .slack).limit == 40_000)
        #expect(VariantRules.check(body: "x", title: "A title long enough", kind: .discourse).limit == 32_000)
        #expect(VariantRules.check(body: "x", kind: .discourse, settings: ["maxPostLength": "5000"]).limit == 5000)
        #expect(VariantRules.check(body: "x", kind: .feed).limit == VariantRules.defaultMaxLength)
        // Matrix counts bytes: 30,000 two-byte letters are 60,000 bytes.
        let matrix = VariantRules.check(body: String(repeating: "é", count: 30_000), kind: .matrix)
        #expect(matrix.unit == .bytes)
        #expect(matrix.length == 60_000)
        #expect(!VariantRules.check(body: String(repeating: "é", count: 32_769), kind: .matrix).isPublishable)
    }

    @Test func emptyPost_isRefusedUnlessItHasMedia() {
        #expect(!VariantRules.check(body: "  \n", kind: .mastodon).isPublishable)
        #expect(VariantRules.check(body: "", media: [media("image/png")], kind: .mastodon).isPublishable)
    }

    @Test func discourse_needsATitleOf15To255() throws {
        #expect(errors(VariantRules.check(body: "Text", title: nil, kind: .discourse)).map(\.field) == ["title"])
        let short = VariantRules.check(body: "Text", title: String(repeating: "t", count: 14), kind: .discourse)
        #expect(try #require(errors(short).first).message == "The title is 14 characters; Discourse needs at least 15.")
        #expect(
            VariantRules.check(body: "Text", title: String(repeating: "t", count: 15), kind: .discourse).isPublishable)
        #expect(
            VariantRules.check(body: "Text", title: String(repeating: "t", count: 255), kind: .discourse).isPublishable)
        #expect(
            !VariantRules.check(body: "Text", title: String(repeating: "t", count: 256), kind: .discourse).isPublishable
        )
        #expect(
            VariantRules.check(
                body: "Text", title: "Short one", kind: .discourse, settings: ["minTopicTitleLength": "8"]
            ).isPublishable)
        // Networks without titles ignore it.
        #expect(VariantRules.check(body: "Text", title: nil, kind: .mastodon).isPublishable)
    }

    @Test func media_countsAndTypes() throws {
        let images = (1...4).map { media("image/jpeg", id: Int64($0)) }
        #expect(VariantRules.check(body: "Photos", media: images, kind: .mastodon).isPublishable)
        let five = VariantRules.check(body: "Photos", media: images + [media("image/png", id: 5)], kind: .mastodon)
        #expect(try #require(errors(five).first).message.contains("takes at most 4"))
        // Mastodon and X take either images or one video.
        let mixed = VariantRules.check(
            body: "Mixed", media: [media("image/png"), media("video/mp4", id: 2)], kind: .mastodon)
        #expect(errors(mixed).contains { $0.message.contains("not both") })
        let twoVideos = VariantRules.check(
            body: "Videos", media: [media("video/mp4"), media("video/mp4", id: 2)], kind: .x)
        #expect(errors(twoVideos).contains { $0.message.contains("one video") })
        #expect(VariantRules.check(body: "Video", media: [media("video/mp4")], kind: .bluesky).isPublishable)
        #expect(
            VariantRules.check(body: "Many", media: (1...10).map { media("image/png", id: Int64($0)) }, kind: .slack)
                .isPublishable)
        #expect(
            !VariantRules.check(body: "Many", media: (1...11).map { media("image/png", id: Int64($0)) }, kind: .slack)
                .isPublishable)
        // Discourse takes videos only when the forum allows them: a warning, not a refusal.
        let discourse = VariantRules.check(
            body: "Video", title: "A title long enough", media: [media("video/mp4")], kind: .discourse)
        #expect(discourse.isPublishable)
        #expect(warnings(discourse).contains { $0.message.contains("mp4") })
        // Sizes and types.
        let big = VariantRules.check(body: "Big", media: [media("image/jpeg", bytes: 2_000_000)], kind: .bluesky)
        #expect(try #require(errors(big).first).message.contains("at most 1.0 MB"))
        #expect(!VariantRules.check(body: "Doc", media: [media("application/pdf")], kind: .slack).isPublishable)
        // Instagram needs a picture.
        #expect(errors(VariantRules.check(body: "Text only", kind: .instagram)).map(\.field) == ["media"])
    }

    @Test func media_withoutAltText_getsAWarning() {
        let check = VariantRules.check(body: "Photo", media: [media("image/png", alt: nil)], kind: .mastodon)
        #expect(check.isPublishable)
        #expect(warnings(check).map(\.field) == ["media"])
    }

    @Test func hashtagsAndMentions_areFoundAndCounted() {
        let check = VariantRules.check(
            body: "Bravo @alice et @bob.bsky.social ! #Été2026 #summer-sale, write to a@example.com. C# is not #1",
            kind: .bluesky)
        #expect(check.hashtags == ["#Été2026", "#summer"])
        #expect(check.mentions == ["@alice", "@bob.bsky.social"])
        let warning = warnings(check).first { $0.message.contains("#summer-sale") }
        #expect(warning?.message.contains("Write #summer_sale") == true)
        #expect(warning?.field == "body")
        // Two hashtags glued by a comma are two hashtags, not a broken one.
        let glued = VariantRules.check(body: "#one,#two", kind: .mastodon)
        #expect(glued.hashtags == ["#one", "#two"])
        #expect(warnings(glued).isEmpty)
    }

    @Test func instagram_warnsOver30Hashtags() throws {
        let thirty = (1...30).map { "#tag\($0)" }.joined(separator: " ")
        let photo = [media("image/jpeg")]
        #expect(warnings(VariantRules.check(body: thirty, media: photo, kind: .instagram)).isEmpty)
        let check = VariantRules.check(body: thirty + " #more", media: photo, kind: .instagram)
        let issue = try #require(warnings(check).first)
        #expect(issue.field == "hashtags" && issue.limit == 30 && issue.actual == 31)
        #expect(check.isPublishable)
    }
}
