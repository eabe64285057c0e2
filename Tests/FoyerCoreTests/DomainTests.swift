import Foundation
import FoyerCore
import Testing

@Suite struct AppLocaleTests {
    @Test(arguments: [
        (nil, AppLocale.en),
        ("fr-FR,fr;q=0.9,en;q=0.8", .fr),
        ("en-GB,en;q=0.9,fr;q=0.8", .en),
        ("de-DE,de;q=0.9,fr;q=0.5,en;q=0.3", .fr),
        ("es, it", .en),
        ("fr;q=0, en;q=0.1", .en),
        ("garbage;;;,", .en),
    ] as [(String?, AppLocale)])
    func negotiate_picksTheBestSupportedLanguage(header: String?, expected: AppLocale) {
        #expect(AppLocale.negotiate(acceptLanguage: header) == expected)
    }
}

@Suite struct RoleTests {
    @Test func roles_areOrderedFromOwnerToClient() {
        #expect(Role.owner > Role.admin)
        #expect(Role.admin > Role.manager)
        #expect(Role.analyst > Role.client)
        #expect(Role.allCases.sorted(by: >) == Role.allCases)
    }

    @Test func capabilities_followTheRole() {
        #expect(Role.owner.canManageMembers && Role.admin.canManageMembers)
        #expect(!Role.manager.canManageMembers)
        #expect(Role.moderator.canHandleConversations && !Role.analyst.canHandleConversations)
        #expect(Role.analyst.canReadInbox && !Role.client.canReadInbox)
    }

    @Test func assign_neverAboveOwnRole() {
        #expect(Role.admin.canAssign(.manager))
        #expect(Role.admin.canAssign(.admin))
        #expect(!Role.admin.canAssign(.owner))
        #expect(Role.owner.canAssign(.owner))
        #expect(!Role.manager.canAssign(.client))
    }
}

@Suite struct IdentifierTests {
    @Test func parsing_acceptsPositiveIntegersOnly() {
        #expect(WorkspaceID("42") == WorkspaceID(42))
        #expect(WorkspaceID("0") == nil)
        #expect(WorkspaceID("-3") == nil)
        #expect(WorkspaceID("12abc") == nil)
        #expect(WorkspaceID("99999999999999999999999") == nil)
    }

    @Test func json_isABareInteger() throws {
        let data = try JSONEncoder().encode([ChannelID(7)])
        #expect(String(decoding: data, as: UTF8.self) == "[7]")
        #expect(try JSONDecoder().decode([ChannelID].self, from: data) == [ChannelID(7)])
    }
}

@Suite struct ChannelHealthTests {
    let earlier = Date(timeIntervalSince1970: 1_000)
    let later = Date(timeIntervalSince1970: 2_000)

    @Test func status_followsTheMostRecentEvent() {
        #expect(ChannelHealth().status == .unknown)
        #expect(ChannelHealth(lastSuccessAt: earlier).status == .healthy)
        #expect(ChannelHealth(lastErrorAt: earlier, lastError: "401").status == .failing)
        #expect(ChannelHealth(lastSuccessAt: earlier, lastErrorAt: later, lastError: "401").status == .failing)
        #expect(ChannelHealth(lastSuccessAt: later, lastErrorAt: earlier, lastError: "401").status == .healthy)
    }
}

@Suite struct PageRequestTests {
    @Test func limit_isClamped() {
        #expect(PageRequest(limit: 0).limit == 1)
        #expect(PageRequest(limit: 10_000).limit == PageRequest.maximumLimit)
        #expect(PageRequest(limit: 25).limit == 25)
    }
}

@Suite struct PinnedClockTests {
    @Test func advance_movesTime() {
        let clock = PinnedClock(Date(timeIntervalSince1970: 0))
        clock.advance(by: 90)
        #expect(clock.now() == Date(timeIntervalSince1970: 90))
    }
}

@Suite struct Base64URLTests {
    @Test func roundTrip_usesTheURLSafeAlphabetWithoutPadding() throws {
        let data = Data([0xFB, 0xFF, 0xBF, 0x00, 0x01])
        let text = data.base64URLEncodedString()
        #expect(text == "-_-_AAE")
        #expect(Data(base64URLEncoded: text) == data)
    }

    @Test(arguments: ["a+b/", "abc d", "é", "ab$c", "-_-_AAE="])
    func decode_refusesCharactersOutsideTheAlphabet(text: String) {
        #expect(Data(base64URLEncoded: text) == nil)
    }
}
