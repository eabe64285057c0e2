import Foundation
import FoyerCore

/// Community members of the demo and their accounts on each platform.
enum DemoIdentities {
    /// Platforms where a person has an account of their own (a feed or a webhook has none).
    static let personalPlatforms: [ChannelKind] = [.discourse, .mastodon, .matrix, .email, .slack]

    static func member(
        number: Int, workspace: Int, platforms: [ChannelKind], languages: [(String, Double)],
        rng: inout SeededGenerator
    ) -> DemoPlan.Member {
        let language = rng.weighted(languages)
        let first = rng.pick(DemoNames.firstNames[language] ?? DemoNames.firstNames["en"] ?? ["Alex"])
        let last = rng.pick(DemoNames.lastNames[language] ?? DemoNames.lastNames["en"] ?? ["Martin"])
        let usesPseudonym = rng.chance(0.15)
        let displayName: String
        let base: String
        if usesPseudonym {
            base = rng.pick(DemoNames.pseudonyms)
            displayName = base
        } else {
            displayName = rng.chance(0.2) ? "\(first) \(last.prefix(1))." : "\(first) \(last)"
            base = ascii("\(first).\(last)")
        }
        let handle = "\(base)\(number)"

        // Most people use one platform; a quarter use two or three.
        var chosen: [ChannelKind] = []
        var pool = platforms
        rng.shuffle(&pool)
        let count = min(pool.count, rng.weighted([(1, 0.75), (2, 0.18), (3, 0.07)]))
        chosen = Array(pool.prefix(max(count, 1)))
        let identities = chosen.map { platform in
            identity(on: platform, handle: handle, displayName: displayName, workspace: workspace)
        }
        let memberType = rng.weighted([
            (MemberType.customer, 0.82), (.partner, 0.06), (.employee, 0.04), (.other, 0.08),
        ])
        return DemoPlan.Member(
            displayName: displayName, memberType: memberType, score: 0, firstSeenAt: .distantPast,
            lastSeenAt: .distantPast, identities: identities, language: language)
    }

    static func identity(on platform: ChannelKind, handle: String, displayName: String, workspace: Int) -> NewIdentity {
        switch platform {
        case .matrix:
            NewIdentity(
                platform: .matrix, externalID: "@\(handle):matrix.example.org", handle: "@\(handle)",
                displayName: displayName, profileURL: "https://matrix.to/#/@\(handle):matrix.example.org")
        case .mastodon:
            NewIdentity(
                platform: .mastodon, externalID: "https://piaille.example/users/\(handle)",
                handle: "@\(handle)@piaille.example",
                displayName: displayName, profileURL: "https://piaille.example/@\(handle)")
        case .discourse:
            NewIdentity(
                platform: .discourse, externalID: "discourse-\(workspace)-\(handle)", handle: handle,
                displayName: displayName, profileURL: "https://forum.cime.example/u/\(handle)")
        case .slack:
            NewIdentity(
                platform: .slack, externalID: "U\(String(abs(handle.hashValueStable), radix: 36).uppercased())",
                handle: handle, displayName: displayName, profileURL: nil)
        default:
            NewIdentity(
                platform: platform, externalID: "\(handle)@mail.example", handle: "\(handle)@mail.example",
                displayName: displayName, profileURL: nil)
        }
    }

    /// Fills first/last seen and the engagement score from the messages each member wrote.
    static func updateActivity(
        of members: inout [DemoPlan.Member], from conversations: [DemoPlan.Conversation], anchor: Date,
        rng: inout SeededGenerator
    ) {
        var counts = [Int](repeating: 0, count: members.count)
        var first = [Date?](repeating: nil, count: members.count)
        var last = [Date?](repeating: nil, count: members.count)
        for conversation in conversations {
            for message in conversation.messages {
                guard let index = message.memberIndex, members.indices.contains(index) else { continue }
                counts[index] += 1
                first[index] = min(first[index] ?? message.sentAt, message.sentAt)
                last[index] = max(last[index] ?? message.sentAt, message.sentAt)
            }
        }
        for index in members.indices {
            let quietSince = anchor - Double(rng.int(in: 91...400)) * 86_400
            members[index].firstSeenAt = min(first[index] ?? quietSince, anchor - Double(rng.int(in: 0...200)) * 86_400)
            members[index].lastSeenAt = last[index] ?? quietSince
            if members[index].lastSeenAt < members[index].firstSeenAt {
                members[index].firstSeenAt = members[index].lastSeenAt
            }
            members[index].score = min(100, Double(counts[index]) * 4 + Double(rng.int(in: 0...9)))
        }
    }

    /// Lower-case ASCII letters, digits and dots only.
    static func ascii(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        return String(
            folded.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == ".") }
                .map(Character.init))
    }
}

extension String {
    /// A hash that is the same on every run (unlike `hashValue`): FNV-1a over the UTF-8 bytes.
    var hashValueStable: Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash >> 1)
    }
}
