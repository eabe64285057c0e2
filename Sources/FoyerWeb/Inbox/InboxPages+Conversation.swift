import Foundation
import FoyerCore
import Hummingbird

extension InboxPages {
    struct ThreadView: Sendable {
        struct Item: Sendable {
            let author: String
            let body: String
            let sent: DateView
            let kind: String
            let outbound: Bool
            let source: Bool
            let language: String
            let sentiment: String
            let sentimentScore: String?
            let toxic: String
            let toxicCategories: String?
            let spam: String
            let intents: String
            let url: String?
            let moderationState: ModerationState?
            let authorBanned: Bool
            let moderation: ModerationForm?
        }

        /// "Hidden on the platform by Alice" on a moderated message.
        struct ModerationState: Sendable {
            let label: String
            let by: String?
            let at: DateView
        }

        /// The moderation form of one message: the actions its channel allows.
        struct ModerationForm: Sendable {
            struct Choice: Sendable {
                let value: String
                let label: String
            }

            let id: String
            let url: String
            let actions: [Choice]
        }

        struct Identity: Sendable {
            let platform: String
            let handle: String
            let profileURL: String?
        }

        struct Past: Sendable {
            let subject: String
            let url: String
            let status: String
            let last: DateView
        }

        struct MemberPanel: Sendable {
            let name: String
            let type: String
            let score: String
            let url: String
            let identities: [Identity]
            let past: [Past]
            let hasPast: Bool
        }

        struct NoteItem: Sendable {
            let author: String
            let created: DateView
            let segments: [Mentions.Segment]
        }

        struct TagItem: Sendable {
            let name: String
        }

        struct Suggestion: Sendable {
            let name: String
            let language: String
            let body: String
            let url: String
            let matches: Bool
        }

        struct PublicationItem: Sendable {
            let state: String
            let stateClass: String
            let body: String
            let created: DateView
            let error: String?
            let remoteURL: String?
        }

        struct PresenceItem: Sendable {
            let name: String
            let state: String
        }

        let id: String
        let me: String
        let subject: String
        let status: String
        let channel: String
        let priority: String
        let backURL: String
        let messages: [Item]
        let member: MemberPanel?
        let assignee: String?
        let waiting: String?
        let breached: Bool
        let spam: Bool
        let snoozedUntil: DateView?
        let tags: [TagItem]
        let notes: [NoteItem]
        let hasNotes: Bool
        let mentionNames: String
        let publications: [PublicationItem]
        let hasPublications: Bool
        let presence: [PresenceItem]
        let canAct: Bool
        let canReply: Bool
        let actions: Actions
        let statuses: [SelectOption]
        let priorities: [SelectOption]
        let assignees: [SelectOption]
        let snoozeValue: String
        let replyKey: String
        let replyBody: String
        let suggestions: [Suggestion]
        let hasSuggestions: Bool
        let shortcuts: [Shortcut]
        let error: String?
    }

    struct Actions: Sendable {
        let status: String
        let assign: String
        let priority: String
        let tagAdd: String
        let tagRemove: String
        let note: String
        let reply: String
        let presence: String
        let events: String
    }

    func thread(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let conversationID: ConversationID = try kit.id("conversation", context)
        return try await renderThread(conversationID, request: request, context: context, access: access)
    }

    /// The conversation page; `error` re-renders it after a refused form (status 400).
    func renderThread(
        _ conversationID: ConversationID, request: Request, context: FoyerRequestContext, access: WorkspaceAccess,
        error: String? = nil, replyBody: String? = nil
    ) async throws -> Response {
        let id = access.workspace.id
        let storage = kit.storage
        guard let conversation = try await storage.conversations.find(conversationID, in: id) else {
            throw PageError.notFound
        }
        let messages = try await storage.messages.thread(conversationID, in: id)
        let channel = try await storage.channels.find(conversation.channelID, in: id)
        let members = try await storage.memberships.list(in: id)
        let userNames = Dictionary(members.map { ($0.user.id, $0.user.name) }, uniquingKeysWith: { first, _ in first })
        let dates = kit.dates(context, access)
        let now = kit.dependencies.clock.now()
        let none = kit.text("analysis.none", context)
        let yes = kit.text("common.yes", context)
        let no = kit.text("common.no", context)
        // Moderation: what the channel's connector allows, per message, for roles that handle conversations.
        let workflow = InboxWorkflow(dependencies: kit.dependencies)
        let connector = channel.flatMap { kit.dependencies.connectors[$0.kind] }
        var authors: [MemberID: Identity] = [:]
        if let channel {
            for memberID in Set(messages.compactMap(\.memberID)) {
                if let identity = try await storage.members.identities(of: memberID, in: id)
                    .first(where: { $0.platform == channel.kind })
                {
                    authors[memberID] = identity
                }
            }
        }
        let canModerate = access.role.canHandleConversations
        let items = messages.enumerated().map { index, message in
            let analysis = message.analysis
            let author = message.memberID.flatMap { authors[$0] }
            let actions =
                canModerate ? InboxWorkflow.moderationActions(for: message, connector: connector, author: author) : []
            return ThreadView.Item(
                author: message.authorName, body: message.body, sent: DateView(message.sentAt, dates),
                kind: kit.text("kind.\(message.kind.rawValue)", context), outbound: message.direction == .outbound,
                source: index == 0 && message.kind == .post,
                language: analysis.language.map { kit.text("language.\($0)", context) } ?? none,
                sentiment: analysis.sentiment.map { kit.text("sentiment.\($0.rawValue)", context) } ?? none,
                sentimentScore: analysis.sentimentScore.map { String(format: "%.2f", $0) },
                toxic: analysis.toxic.map { $0 ? yes : no } ?? none,
                toxicCategories: analysis.toxicityCategories.isEmpty
                    ? nil
                    : analysis.toxicityCategories.map { kit.text("toxicity.\($0)", context) }.joined(separator: ", "),
                spam: analysis.spam.map { $0 ? yes : no } ?? none,
                intents: analysis.intents.isEmpty
                    ? none : analysis.intents.map { kit.text("intent.\($0)", context) }.joined(separator: ", "),
                url: ExternalLink.safe(message.url),
                moderationState: message.moderation.map { moderation in
                    ThreadView.ModerationState(
                        label: kit.text("moderation.state.\(moderation.state.rawValue)", context),
                        by: moderation.by.flatMap { userNames[$0] }, at: DateView(moderation.at, dates))
                },
                authorBanned: message.direction == .inbound && author?.bannedAt != nil,
                moderation: actions.isEmpty
                    ? nil
                    : ThreadView.ModerationForm(
                        id: message.id.description,
                        url: SiteURL.workspace(id, .messageModeration(conversationID, message.id)).path,
                        actions: actions.map {
                            ThreadView.ModerationForm.Choice(
                                value: $0.rawValue, label: kit.text("moderation.action.\($0.rawValue)", context))
                        }))
        }

        var panel: ThreadView.MemberPanel?
        var memberName = ""
        if let memberID = conversation.memberID, let member = try await storage.members.find(memberID, in: id) {
            memberName = member.displayName
            let identities = try await storage.members.identities(of: memberID, in: id)
            let past = try await storage.conversations.list(
                in: id, filter: ConversationFilter(memberID: memberID), page: PageRequest(limit: 11))
            let others = past.items.filter { $0.id != conversationID }.prefix(10).map { other in
                ThreadView.Past(
                    subject: other.subject.isEmpty ? kit.text("inbox.noSubject", context) : other.subject,
                    url: SiteURL.workspace(id, .conversation(other.id)).path,
                    status: kit.text("status.\(other.status.rawValue)", context),
                    last: DateView(other.lastMessageAt, dates))
            }
            panel = ThreadView.MemberPanel(
                name: member.displayName, type: kit.text("memberType.\(member.memberType.rawValue)", context),
                score: String(format: "%.0f", member.score), url: SiteURL.workspace(id, .member(memberID)).path,
                identities: identities.map {
                    ThreadView.Identity(
                        platform: $0.platform.rawValue, handle: $0.handle,
                        profileURL: ExternalLink.safe($0.profileURL))
                },
                past: Array(others), hasPast: !others.isEmpty)
        }

        let names = Mentions.names(of: members)
        let notes = try await storage.notes.list(conversation: conversationID, in: id).map { note in
            ThreadView.NoteItem(
                author: userNames[note.authorID] ?? "", created: DateView(note.createdAt, dates),
                segments: Mentions.segments(note.body, names: names))
        }

        let settings = try await storage.inboxSettings.find(in: id)
        let policy = SLAPolicy(settings: settings, timeZoneIdentifier: access.workspace.timeZone)
        let waitingSince =
            conversation.status == .open || conversation.status == .pending ? conversation.waitingSince : nil

        let publications = try await storage.publications.list(conversation: conversationID, in: id).map { entry in
            ThreadView.PublicationItem(
                state: kit.text("publication.\(entry.state.rawValue)", context),
                stateClass: "state-\(entry.state.rawValue)",
                body: entry.body, created: DateView(entry.createdAt, dates),
                error: entry.state == .failed || entry.state == .unknown ? entry.lastError : nil,
                remoteURL: ExternalLink.safe(entry.remoteURL))
        }

        // Saved replies that fit the latest inbound message come first; `?use=<id>` fills the reply box.
        let lastInbound = messages.last { $0.direction == .inbound }
        let intents = lastInbound?.analysis.intents ?? []
        let language = lastInbound?.analysis.language
        let values = [
            "member.name": memberName.isEmpty ? (lastInbound?.authorName ?? "") : memberName,
            "agent.name": access.user.name, "workspace.name": access.workspace.name,
        ]
        let conversationPath = SiteURL.workspace(id, .conversation(conversationID)).path
        let replies = try await storage.savedReplies.list(in: id)
        let suggestions = SavedReply.suggestions(replies, intents: intents, language: language).prefix(8).compactMap {
            reply -> ThreadView.Suggestion? in
            guard let version = reply.version(for: language, fallback: access.workspace.defaultLocale.rawValue) else {
                return nil
            }
            return ThreadView.Suggestion(
                name: reply.name, language: version.language,
                body: ReplyTemplate.render(version.body, values: values),
                url: conversationPath + "?use=\(reply.id)#reply",
                matches: !Set(reply.intents).isDisjoint(with: intents))
        }
        var prefill = replyBody ?? ""
        if replyBody == nil, let use = request.uri.queryParameters.get("use").flatMap(SavedReplyID.init),
            let chosen = replies.first(where: { $0.id == use }),
            let version = chosen.version(for: language, fallback: access.workspace.defaultLocale.rawValue)
        {
            prefill = ReplyTemplate.render(version.body, values: values)
        }

        let present = await kit.presence.present(in: conversationID, of: id, now: now)
            .filter { $0.userID != access.user.id }
            .map { ThreadView.PresenceItem(name: $0.name, state: kit.text("presence.\($0.state.rawValue)", context)) }

        let channelReplies = try await workflow.canReply(
            on: conversation.channelID, in: id)
        let canReply = access.role.canHandleConversations && channelReplies
        let action = { (kind: SiteURL.ConversationAction) in
            SiteURL.workspace(id, .conversationAction(conversationID, kind)).path
        }
        let assigneeValue = conversation.assigneeID?.description ?? ""
        let view = ThreadView(
            id: conversationID.description, me: access.user.id.description,
            subject: conversation.subject.isEmpty ? kit.text("inbox.noSubject", context) : conversation.subject,
            status: kit.text("status.\(conversation.status.rawValue)", context), channel: channel?.name ?? "",
            priority: kit.text("priority.\(conversation.priority.rawValue)", context),
            backURL: SiteURL.workspace(id, .inbox).path, messages: items, member: panel,
            assignee: conversation.assigneeID.flatMap { userNames[$0] },
            waiting: waitingSince.map { since in
                Self.duration(
                    policy?.businessTime(from: since, to: now) ?? now.timeIntervalSince(since), kit: kit, context)
            },
            breached: waitingSince.map { policy?.isBreached(waitingSince: $0, now: now) ?? false } ?? false,
            spam: conversation.isSpam,
            snoozedUntil: conversation.status == .snoozed ? conversation.snoozedUntil.map { DateView($0, dates) } : nil,
            tags: conversation.tags.map { ThreadView.TagItem(name: $0) }, notes: notes, hasNotes: !notes.isEmpty,
            mentionNames: members.map { "@" + Mentions.handle(of: $0.user.name) }.joined(separator: ", "),
            publications: publications, hasPublications: !publications.isEmpty, presence: present,
            canAct: access.role.canHandleConversations,
            canReply: canReply,
            actions: Actions(
                status: action(.status), assign: action(.assign), priority: action(.priority), tagAdd: action(.tagAdd),
                tagRemove: action(.tagRemove), note: action(.note), reply: action(.reply),
                presence: action(.presence), events: SiteURL.workspace(id, .events).path),
            statuses: ConversationStatus.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: kit.text("status.\($0.rawValue)", context),
                    selected: conversation.status == $0)
            },
            priorities: ConversationPriority.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: kit.text("priority.\($0.rawValue)", context),
                    selected: conversation.priority == $0)
            },
            assignees: [
                SelectOption(value: "me", label: kit.text("inbox.assigneeMe", context), selected: false),
                SelectOption(value: "", label: kit.text("inbox.nobody", context), selected: assigneeValue.isEmpty),
            ]
                + members.map {
                    SelectOption(
                        value: $0.user.id.description, label: $0.user.name,
                        selected: $0.user.id.description == assigneeValue)
                },
            snoozeValue: LocalDateTimeInput.format(
                conversation.snoozedUntil ?? now.addingTimeInterval(86_400),
                in: LocalDateTimeInput.zone(access.workspace.timeZone)),
            replyKey: SecretToken.generate(), replyBody: prefill, suggestions: suggestions,
            hasSuggestions: !suggestions.isEmpty, shortcuts: Self.shortcuts(kit: kit, context), error: error)
        return try await kit.render(
            "conversation", title: view.subject, content: view, request: request, context: context, access: access,
            current: .conversation, status: error == nil ? .ok : .badRequest)
    }
}
