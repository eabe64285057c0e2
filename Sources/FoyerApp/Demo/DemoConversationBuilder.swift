import Foundation
import FoyerCore

/// Draws the demo's conversations and messages: more traffic on recent days, a daily rhythm, threads with
/// comments and replies, direct messages, answers from the team, and statuses that depend on age.
struct DemoConversationBuilder {
    let anchor: Date
    let blueprint: DemoBlueprint.WorkspaceBlueprint
    let channels: [DemoPlan.Channel]
    let members: [DemoPlan.Member]
    let workspaceIndex: Int
    var composer: DemoTextComposer

    static let days = 90
    /// Relative activity per hour of the day (workspace time is close enough to UTC for a demo).
    static let hourWeights: [Double] = [
        0.3, 0.15, 0.1, 0.05, 0.05, 0.1, 0.4, 1.0, 1.8, 2.4, 2.6, 2.4, 2.0, 2.2, 2.0, 1.8, 1.7, 1.8, 2.2, 2.6, 2.8,
        2.4, 1.5, 0.8,
    ]
    static let intents: [(DemoPhrases.Intent, Double)] = [
        (.question, 0.30), (.complaint, 0.17), (.praise, 0.19), (.idea, 0.10), (.bug, 0.10), (.spam, 0.08),
        (.abuse, 0.06),
    ]

    private var messageCounter = 0

    init(
        anchor: Date, blueprint: DemoBlueprint.WorkspaceBlueprint, channels: [DemoPlan.Channel],
        members: [DemoPlan.Member], workspaceIndex: Int, composer: DemoTextComposer
    ) {
        self.anchor = anchor
        self.blueprint = blueprint
        self.channels = channels
        self.members = members
        self.workspaceIndex = workspaceIndex
        self.composer = composer
    }

    mutating func build(rng: inout SeededGenerator) -> [DemoPlan.Conversation] {
        // Day d = 0 is yesterday. Recent days are busier; weekends a little busier too.
        let weights = (0..<Self.days).map { day -> Double in
            let recency = 0.5 + 1.5 * (1 - Double(day) / Double(Self.days))
            let weekday = Int((anchor.timeIntervalSince1970 / 86_400).rounded(.down)) - day - 1
            let weekend = (weekday + 4) % 7 >= 5 ? 1.25 : 1.0  // 1970-01-01 was a Thursday
            return recency * weekend
        }
        let total = weights.reduce(0, +)
        let memberWeights = members.indices.map { 1 / pow(Double($0 % 97 + 1), 0.8) }

        var conversations: [DemoPlan.Conversation] = []
        for day in 0..<Self.days {
            let expected = weights[day] / total * Double(blueprint.threadCount)
            let count = max(0, Int(expected.rounded()) + rng.int(in: -2...2))
            for _ in 0..<count {
                let dayStart = anchor - Double(day + 1) * 86_400
                let start =
                    dayStart + Double(rng.weightedIndex(Self.hourWeights)) * 3_600 + Double(rng.int(below: 3_600))
                if let conversation = thread(startingAt: start, ageInDays: day, memberWeights: memberWeights, rng: &rng)
                {
                    conversations.append(conversation)
                }
            }
        }
        // Oldest first, as they would have arrived.
        conversations.sort {
            ($0.messages.first?.sentAt ?? anchor, $0.externalThreadID) < (
                $1.messages.first?.sentAt ?? anchor, $1.externalThreadID
            )
        }
        return conversations
    }

    private mutating func thread(
        startingAt start: Date, ageInDays age: Int, memberWeights: [Double], rng: inout SeededGenerator
    ) -> DemoPlan.Conversation? {
        let channelIndex = rng.weightedIndex(blueprint.channels.map(\.weight))
        let channel = channels[channelIndex]
        let intent = rng.weighted(Self.intents)
        let authorIndex = pickMember(on: channel.kind, weights: memberWeights, rng: &rng)
        let author = members[authorIndex]
        let language = author.language
        let threadNumber = messageCounter
        let isDirect = [.mastodon, .matrix, .slack].contains(channel.kind) && rng.chance(0.15)

        var messages: [DemoPlan.Message] = []
        var time = start
        let rootBody = composer.message(intent, language: language)
        let rootKind: MessageKind =
            switch channel.kind {
            case .email: .directMessage
            case .feed: .review
            case .mastodon: isDirect ? .directMessage : .mention
            default: isDirect ? .directMessage : .post
            }
        let isFeed = channel.kind == .feed
        messages.append(
            message(
                channel: channel, kind: rootKind, direction: .inbound,
                authorName: isFeed ? "Carnet de rando · \(author.displayName)" : author.displayName,
                memberIndex: isFeed ? nil : authorIndex, body: rootBody, at: time, intent: intent, rng: &rng))

        // Other members chime in on public threads.
        let publicThread = !isDirect && [.discourse, .mastodon, .matrix, .slack].contains(channel.kind)
        if publicThread, intent != .spam {
            let maximum = channel.kind == .discourse ? 6 : 3
            for _ in 0..<rng.weighted([(0, 0.35), (1, 0.3), (2, 0.2), (maximum, 0.15)]) {
                time += Double(rng.int(in: 120...(6 * 3_600)))
                let other = pickMember(on: channel.kind, weights: memberWeights, rng: &rng)
                messages.append(
                    message(
                        channel: channel, kind: channel.kind == .discourse ? .comment : .reply, direction: .inbound,
                        authorName: members[other].displayName, memberIndex: other,
                        body: composer.followUp(intent, language: members[other].language), at: time, intent: intent,
                        rng: &rng))
            }
        }

        // The team answers most questions, complaints and bug reports.
        let answerChance: Double =
            switch intent {
            case .question, .complaint, .bug: 0.82
            case .praise: 0.45
            case .idea: 0.6
            case .spam, .abuse: 0
            }
        let handlers = blueprint.team.filter { $0.role.canHandleConversations }.map(\.email) + [blueprint.ownerEmail]
        let assignee = rng.pick(handlers)
        let assigneeName = DemoBlueprint.users.first { $0.email == assignee }?.name ?? "Cime"
        if !isFeed, rng.chance(answerChance) {
            time += Double(rng.int(in: 600...(age < 7 ? 4 * 3_600 : 20 * 3_600)))
            messages.append(
                message(
                    channel: channel, kind: rootKind == .directMessage ? .directMessage : .reply, direction: .outbound,
                    authorName: "\(assigneeName) · Cime", memberIndex: nil,
                    body: composer.teamReply(intent, language: language), at: time, intent: intent, rng: &rng))
            if rng.chance(0.5) {
                time += Double(rng.int(in: 300...(10 * 3_600)))
                messages.append(
                    message(
                        channel: channel, kind: rootKind == .directMessage ? .directMessage : .reply,
                        direction: .inbound, authorName: author.displayName, memberIndex: authorIndex,
                        body: composer.authorReply(language: language), at: time, intent: intent, rng: &rng))
            }
        }
        messages = messages.filter { $0.sentAt < anchor }
        guard let first = messages.first, let last = messages.last else { return nil }

        let status = self.status(intent: intent, age: age, rng: &rng)
        let priority: ConversationPriority =
            switch intent {
            case .complaint, .bug: rng.weighted([(.normal, 0.6), (.high, 0.33), (.urgent, 0.07)])
            case .spam: .low
            case .abuse: .high
            default: rng.chance(0.1) ? .low : .normal
            }
        var tags = DemoBlueprint.tags(for: intent, locale: blueprint.locale)
        if tags.count > 1 { tags = [rng.pick(tags)] }
        if blueprint.locale == .fr, intent != .spam, rng.chance(0.05) { tags.append("vip") }
        let assigned = status == .closed ? rng.chance(0.9) : rng.chance(0.7)
        let subject =
            [.discourse, .email].contains(channel.kind)
            ? composer.subject(intent, language: language) : String(first.body.prefix(80))

        var notes: [DemoPlan.Note] = []
        if assigned, intent != .spam, rng.chance(0.12) {
            let bank = DemoPhrases.notes[blueprint.locale.rawValue] ?? DemoPhrases.notes["en"] ?? []
            if !bank.isEmpty { notes.append(DemoPlan.Note(authorEmail: assignee, body: rng.pick(bank))) }
        }

        return DemoPlan.Conversation(
            channelIndex: channelIndex,
            externalThreadID: "\(channel.kind.rawValue)-thread-\(workspaceIndex)-\(threadNumber)",
            subject: subject, status: status, priority: priority,
            assigneeEmail: assigned && intent != .spam ? assignee : nil,
            memberIndex: isFeed ? nil : authorIndex,
            snoozedUntil: status == .snoozed
                ? anchor + Double(rng.int(in: 1...5)) * 86_400 + Double(rng.int(in: 7...10)) * 3_600 : nil,
            closedAt: status == .closed
                ? min(last.sentAt + Double(rng.int(in: 1_800...(30 * 3_600))), anchor - 60) : nil,
            tags: tags, messages: messages, notes: notes)
    }

    private func status(intent: DemoPhrases.Intent, age: Int, rng: inout SeededGenerator) -> ConversationStatus {
        if intent == .spam || intent == .abuse { return age < 2 && rng.chance(0.5) ? .open : .closed }
        if age > 14 {
            return rng.weighted([(.closed, 0.86), (.open, 0.07), (.pending, 0.05), (.snoozed, 0.02)])
        }
        return rng.weighted([(.open, 0.4), (.pending, 0.2), (.snoozed, 0.12), (.closed, 0.28)])
    }

    private func pickMember(on platform: ChannelKind, weights: [Double], rng: inout SeededGenerator) -> Int {
        // Try a few draws for someone with an account there; feeds and webhooks take anyone.
        let needsIdentity = DemoIdentities.personalPlatforms.contains(platform)
        for _ in 0..<12 {
            let index = rng.weightedIndex(weights)
            if !needsIdentity || members[index].identities.contains(where: { $0.platform == platform }) { return index }
        }
        return members.indices.first { members[$0].identities.contains { $0.platform == platform } }
            ?? rng.int(below: members.count)
    }

    private mutating func message(
        channel: DemoPlan.Channel, kind: MessageKind, direction: MessageDirection, authorName: String,
        memberIndex: Int?, body: String, at time: Date, intent: DemoPhrases.Intent, rng: inout SeededGenerator
    ) -> DemoPlan.Message {
        messageCounter += 1
        let externalID = "\(channel.kind.rawValue)-\(workspaceIndex)-\(messageCounter)"
        let popular = intent == .praise || intent == .idea
        return DemoPlan.Message(
            externalID: externalID, kind: kind, direction: direction, authorName: authorName,
            memberIndex: memberIndex, body: body, sentAt: time, url: Self.url(for: channel, externalID: externalID),
            likeCount: direction == .inbound ? rng.int(in: 0...(popular ? 40 : 6)) : rng.int(in: 0...3),
            shareCount: channel.kind == .mastodon && popular ? rng.int(in: 0...12) : 0)
    }

    static func url(for channel: DemoPlan.Channel, externalID: String) -> String? {
        switch channel.kind {
        case .discourse: "\(channel.settings["baseURL"] ?? "https://forum.cime.example")/p/\(externalID)"
        case .mastodon: "\(channel.settings["baseURL"] ?? "https://piaille.example")/@cime/\(externalID)"
        case .feed: "https://blog.randonnee.example/\(externalID)"
        default: nil
        }
    }

    /// Hostile but plausible inputs, so that every page shows escaped user content.
    static func addHostileExamples(
        to conversations: inout [DemoPlan.Conversation], channels: [DemoPlan.Channel], anchor: Date
    ) {
        guard let forum = channels.firstIndex(where: { $0.kind == .discourse }),
            let mastodon = channels.firstIndex(where: { $0.kind == .mastodon })
        else { return }
        let examples: [(Int, String, String, String, DemoPhrases.Intent)] = [
            (
                forum, "Test <b>gras</b> & \"guillemets\"", "Julien Petit",
                "<script>alert('xss')</script> Est-ce que votre forum affiche bien le code ? Vive la <b>rando</b> & le \"bivouac\" !",
                .question
            ),
            (
                mastodon, "Gagnez un iPhone", "promo-bot",
                "<a href=\"http://spam.example/win\">Cliquez <b>ICI</b></a> pour gagner un iPhone 15 !!! <img src=\"http://spam.example/pixel.gif\">",
                .spam
            ),
        ]
        for (offset, example) in examples.enumerated() {
            let (channelIndex, subject, author, body, intent) = example
            let sentAt = anchor - Double(offset + 1) * 5_400
            let externalID = "\(channels[channelIndex].kind.rawValue)-hostile-\(offset)"
            conversations.append(
                DemoPlan.Conversation(
                    channelIndex: channelIndex, externalThreadID: "hostile-thread-\(offset)", subject: subject,
                    status: .open, priority: intent == .spam ? .low : .normal, assigneeEmail: nil, memberIndex: 7,
                    snoozedUntil: nil, closedAt: nil, tags: intent == .spam ? ["spam"] : [],
                    messages: [
                        DemoPlan.Message(
                            externalID: externalID, kind: .post, direction: .inbound, authorName: author,
                            memberIndex: 7, body: body, sentAt: sentAt,
                            url: url(for: channels[channelIndex], externalID: externalID), likeCount: 0, shareCount: 0)
                    ]))
        }
    }
}
