import Foundation
import FoyerCore
import Hummingbird

/// One content item: its editor (text, type, campaign, tags, evergreen policy, notes), its variants per
/// channel and market with their network checks, its files, its reviews and review links, and its
/// publications with the schedule form. Every change goes through ``ContentWorkflow``; a refused form
/// re-renders the page with the reason and with what the person typed.
struct ContentItemPages: Sendable {
    let kit: PageKit

    var workflow: ContentWorkflow { ContentWorkflow(dependencies: kit.dependencies) }

    /// Which form failed, so the page shows the person's input in that form (and only there).
    enum FailedForm: Sendable, Equatable {
        case item, variant(String), schedule, review, link, upload
        case publication(PublicationID)
    }

    struct Failure: Sendable {
        let form: FailedForm
        let fields: [String: String]
    }

    // MARK: View models

    struct ItemForm: Sendable {
        let action: String
        let title: String
        let body: String
        let types: [SelectOption]
        let campaign: String
        let tags: String
        let evergreen: Bool
        let intervalDays: String
        let until: String
        let cap: String
        let notes: String
        let itemError: String?
    }

    struct MediaChoice: Sendable {
        let id: String
        let name: String
        let checked: Bool
    }

    struct CheckView: Sendable {
        let counted: String
        let over: Bool
        let errors: [String]
        let warnings: [String]
        let hasIssues: Bool
    }

    struct VariantView: Sendable {
        let key: String
        let heading: String
        let channelID: String
        let marketID: String
        let title: String
        let body: String
        let followUps: String
        let translations: [SelectOption]
        let isMarket: Bool
        let media: [MediaChoice]
        let hasMedia: Bool
        let check: CheckView?
        let checkable: Bool
        let deleteAction: String?
        let variantError: String?
    }

    struct MediaView: Sendable {
        let id: String
        let filename: String
        let url: String
        let isImage: Bool
        let altText: String?
        let size: String
        let type: String
        let deleteAction: String
    }

    struct ReviewView: Sendable {
        let decision: String
        let decisionClass: String
        let reviewer: String
        let viaLink: Bool
        let comment: String
        let date: DateView
        let forCurrentText: Bool
    }

    struct PublicationView: Sendable {
        let id: String
        let channel: String
        let market: String?
        let state: String
        let stateClass: String
        let due: DateView
        let attempts: Int
        let lastError: String?
        let remoteURL: String?
        let canCancel: Bool
        let canReschedule: Bool
        let canRetry: Bool
        let cancelAction: String
        let rescheduleAction: String
        let retryAction: String
        let rescheduleValue: String
        let publicationError: String?
    }

    struct ScheduleForm: Sendable {
        let action: String
        let channels: [SelectOption]
        let hasChannels: Bool
        let variants: [SelectOption]
        let markets: [SelectOption]
        let hasMarkets: Bool
        let when: String
        let timeZone: String
        let requestKey: String
        let scheduleError: String?
    }

    struct Page: Sendable {
        let id: String
        let title: String
        let status: String
        let statusClass: String
        let statuses: [SelectOption]
        let moveAction: String
        let deleteAction: String
        let listURL: String
        let checkURL: String
        let canEdit: Bool
        let canApprove: Bool
        let canComment: Bool
        let approved: Bool
        let changedSinceApproval: Bool
        let notApproved: Bool
        let fingerprint: String
        let item: ItemForm
        let variants: [VariantView]
        let hasVariants: Bool
        let newVariant: VariantView
        let newVariantChannels: [SelectOption]
        let newVariantMarkets: [SelectOption]
        let variantAction: String
        let media: [MediaView]
        let hasMedia: Bool
        let uploadAction: String
        let uploadAlt: String
        let uploadError: String?
        let maxImageMB: Int
        let maxVideoMB: Int
        let reviews: [ReviewView]
        let hasReviews: Bool
        let reviewAction: String
        let reviewComment: String
        let reviewError: String?
        let linkAction: String
        let linkReviewer: String
        let linkDays: String
        let linkError: String?
        let createdLink: String?
        let publications: [PublicationView]
        let hasPublications: Bool
        let schedule: ScheduleForm
        let error: String?
    }

    // MARK: Show

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        let id: ContentItemID = try kit.id("content", context)
        return try await render(id, request: request, context: context, access: access)
    }

    /// The item's page; `error` with `failure` re-renders it after a refused form (status 400).
    func render(
        _ id: ContentItemID, request: Request, context: FoyerRequestContext, access: WorkspaceAccess,
        error: String? = nil, failure: Failure? = nil, createdLink: String? = nil
    ) async throws -> Response {
        let workspace = access.workspace.id
        let detail: ContentWorkflow.Detail
        do {
            detail = try await workflow.detail(id, in: workspace)
        } catch DomainError.notFound(_) {
            throw PageError.notFound
        }
        let item = detail.item
        let channels = try await kit.storage.channels.list(in: workspace)
        let markets = try await kit.storage.planning.markets(in: workspace)
        let types = try await kit.storage.planning.contentTypes(in: workspace)
        let typeNames = ContentPages.typeNames(types, kit: kit, context)
        let dates = kit.dates(context, access)
        let channelNames = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let marketNames = Dictionary(markets.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let canEdit = access.role.canEditContent
        func url(_ page: SiteURL.WorkspacePage) -> String { SiteURL.workspace(workspace, page).path }
        func failed(_ form: FailedForm) -> [String: String]? { failure?.form == form ? failure?.fields : nil }
        func errorFor(_ form: FailedForm) -> String? { failure?.form == form ? error : nil }

        // The editor.
        let typed = failed(.item)
        let evergreen = item.evergreen
        let untilText = evergreen?.until.map { Self.dayFormatter(access.workspace.timeZone).string(from: $0) } ?? ""
        let currentType = typed?["contentType"] ?? item.contentType
        let itemForm = ItemForm(
            action: url(.contentItem(id)), title: typed?["title"] ?? item.title, body: typed?["body"] ?? item.body,
            types: types.map {
                SelectOption(value: $0.key, label: typeNames[$0.key] ?? $0.key, selected: $0.key == currentType)
            }
                + (types.contains { $0.key == item.contentType }
                    ? [] : [SelectOption(value: item.contentType, label: item.contentType, selected: currentType == item.contentType)]),
            campaign: typed?["campaign"] ?? item.campaign ?? "",
            tags: typed?["tags"] ?? item.tags.joined(separator: ", "),
            evergreen: typed.map { $0["evergreen"] == "on" } ?? (evergreen != nil),
            intervalDays: typed?["evergreenIntervalDays"] ?? evergreen.map { String($0.intervalDays) } ?? "30",
            until: typed?["evergreenUntil"] ?? untilText,
            cap: typed?["evergreenCap"] ?? evergreen?.cap.map(String.init) ?? "",
            notes: typed?["notes"] ?? item.notes, itemError: errorFor(.item))

        // Variants, each with its network check.
        let channelsByID = Dictionary(channels.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func translations(_ selected: TranslationStatus) -> [SelectOption] {
            TranslationStatus.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: kit.text("translation.\($0.rawValue)", context), selected: $0 == selected)
            }
        }
        func mediaChoices(_ chosen: Set<String>) -> [MediaChoice] {
            detail.media.map {
                MediaChoice(id: $0.id.description, name: $0.filename, checked: chosen.contains($0.id.description))
            }
        }
        let variants = detail.variants.map { variant -> VariantView in
            let key = variant.id.description
            let typedVariant = failed(.variant(key))
            let heading = [
                variant.channelID.map { channelNames[$0] ?? kit.text("content.unknownChannel", context) },
                variant.marketID.map { marketNames[$0] ?? kit.text("content.unknownMarket", context) },
            ].compactMap { $0 }.joined(separator: " · ")
            let body = typedVariant?["body"] ?? variant.body
            let followUps = typedVariant?["followUps"] ?? variant.followUps.joined(separator: Self.followUpSeparatorText)
            let chosen = typedVariant.map(Self.chosenMedia) ?? Set(variant.mediaIDs.map(\.description))
            let channel = variant.channelID.flatMap { channelsByID[$0] }
            let check = channel.map { channel in
                Self.check(
                    body: body, followUps: Self.followUps(followUps), title: variant.title ?? item.title,
                    media: detail.media.filter { chosen.contains($0.id.description) }, channel: channel, kit: kit,
                    context)
            }
            return VariantView(
                key: key, heading: heading, channelID: variant.channelID?.description ?? "",
                marketID: variant.marketID?.description ?? "", title: typedVariant?["title"] ?? variant.title ?? "",
                body: body, followUps: followUps,
                translations: translations(
                    typedVariant?["translation"].flatMap(TranslationStatus.init(rawValue:)) ?? variant.translation),
                isMarket: variant.marketID != nil, media: mediaChoices(chosen), hasMedia: !detail.media.isEmpty,
                check: check, checkable: channel != nil,
                deleteAction: url(.contentVariantDelete(id, variant.id)), variantError: errorFor(.variant(key)))
        }
        let typedNew = failed(.variant("new"))
        let newVariant = VariantView(
            key: "new", heading: kit.text("content.newVariant", context), channelID: typedNew?["channelId"] ?? "",
            marketID: typedNew?["marketId"] ?? "", title: typedNew?["title"] ?? "",
            body: typedNew?["body"] ?? item.body, followUps: typedNew?["followUps"] ?? "",
            translations: translations(typedNew?["translation"].flatMap(TranslationStatus.init(rawValue:)) ?? .none),
            isMarket: true, media: mediaChoices(typedNew.map(Self.chosenMedia) ?? []), hasMedia: !detail.media.isEmpty,
            check: nil, checkable: true, deleteAction: nil, variantError: errorFor(.variant("new")))
        let none = SelectOption(value: "", label: kit.text("content.none", context), selected: false)
        let newVariantChannels =
            [none]
            + channels.map {
                SelectOption(
                    value: $0.id.description, label: "\($0.name) (\($0.kind.displayName))",
                    selected: typedNew?["channelId"] == $0.id.description)
            }
        let newVariantMarkets =
            [none]
            + markets.map {
                SelectOption(
                    value: $0.id.description, label: "\($0.name) (\($0.locale))",
                    selected: typedNew?["marketId"] == $0.id.description)
            }

        // Files.
        let media = detail.media.map { file in
            MediaView(
                id: file.id.description, filename: file.filename, url: url(.contentMedia(id, file.id)),
                isImage: file.isImage, altText: file.altText, size: Self.size(file.byteCount), type: file.mimeType,
                deleteAction: url(.contentMediaDelete(id, file.id)))
        }

        // Reviews.
        let reviews = detail.reviews.sorted { $0.createdAt > $1.createdAt }.map { review in
            ReviewView(
                decision: kit.text("review.\(review.decision.rawValue)", context),
                decisionClass: "review-\(review.decision.rawValue)", reviewer: review.reviewerName,
                viaLink: review.viaLink, comment: review.comment, date: DateView(review.createdAt, dates),
                forCurrentText: review.fingerprint == detail.fingerprint)
        }
        let changed = !detail.isApproved && detail.reviews.contains { $0.decision == .approved }

        // Publications.
        let publications = detail.publications.sorted { $0.dueAt > $1.dueAt }.map { publication in
            let key = FailedForm.publication(publication.id)
            let pending = publication.state == .scheduled
            return PublicationView(
                id: publication.id.description,
                channel: channelNames[publication.channelID] ?? kit.text("content.unknownChannel", context),
                market: publication.post?.marketID.flatMap { marketNames[$0] },
                state: kit.text("publication.\(publication.state.rawValue)", context),
                stateClass: "state-\(publication.state.rawValue)", due: DateView(publication.dueAt, dates),
                attempts: publication.attempts, lastError: publication.lastError,
                remoteURL: ExternalLink.safe(publication.remoteURL),
                canCancel: canEdit && (pending || publication.state == .failed),
                canReschedule: canEdit && (pending || publication.state == .failed),
                canRetry: canEdit && publication.state == .failed,
                cancelAction: url(.contentPublication(id, publication.id, .cancel)),
                rescheduleAction: url(.contentPublication(id, publication.id, .reschedule)),
                retryAction: url(.contentPublication(id, publication.id, .retry)),
                rescheduleValue: failed(key)?["scheduledAt"]
                    ?? LocalDateTimeInput.format(publication.dueAt, in: LocalDateTimeInput.zone(access.workspace.timeZone)),
                publicationError: errorFor(key))
        }
        let typedSchedule = failed(.schedule)
        let publishable = channels.filter { channel in
            guard let connector = kit.dependencies.connectors[channel.kind] else { return false }
            return connector.capabilities.publish && connector.publisher != nil
        }
        let now = kit.dependencies.clock.now()
        let schedule = ScheduleForm(
            action: url(.contentAction(id, .publications)),
            channels: publishable.map {
                SelectOption(
                    value: $0.id.description, label: "\($0.name) (\($0.kind.displayName))",
                    selected: typedSchedule?["channelId"] == $0.id.description)
            },
            hasChannels: !publishable.isEmpty,
            variants: [
                SelectOption(value: "", label: kit.text("content.bestVariant", context), selected: false)
            ]
                + detail.variants.map { variant in
                    let name = [
                        variant.channelID.flatMap { channelNames[$0] }, variant.marketID.flatMap { marketNames[$0] },
                    ].compactMap { $0 }.joined(separator: " · ")
                    return SelectOption(
                        value: variant.id.description, label: name,
                        selected: typedSchedule?["variantId"] == variant.id.description)
                },
            markets: [none]
                + markets.map {
                    SelectOption(
                        value: $0.id.description, label: $0.name, selected: typedSchedule?["marketId"] == $0.id.description)
                },
            hasMarkets: !markets.isEmpty,
            when: typedSchedule?["scheduledAt"]
                ?? LocalDateTimeInput.format(now.addingTimeInterval(3600), in: LocalDateTimeInput.zone(access.workspace.timeZone)),
            timeZone: access.workspace.timeZone,
            requestKey: typedSchedule?["requestKey"] ?? SecretToken.generate(),
            scheduleError: errorFor(.schedule))

        let linkFields = failed(.link)
        let page = Page(
            id: id.description, title: item.title, status: ContentPages.statusLabel(item.status, kit: kit, context),
            statusClass: "content-\(item.status.rawValue)",
            statuses: ContentStatus.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: ContentPages.statusLabel($0, kit: kit, context), selected: $0 == item.status)
            },
            moveAction: url(.contentAction(id, .move)), deleteAction: url(.contentAction(id, .delete)),
            listURL: url(.content), checkURL: url(.contentAction(id, .check)), canEdit: canEdit,
            canApprove: access.role.canApproveContent, canComment: access.role.canReadInbox || access.role.canApproveContent,
            approved: detail.isApproved, changedSinceApproval: changed, notApproved: !detail.isApproved && !changed,
            fingerprint: detail.fingerprint, item: itemForm, variants: variants, hasVariants: !variants.isEmpty,
            newVariant: newVariant, newVariantChannels: newVariantChannels, newVariantMarkets: newVariantMarkets,
            variantAction: url(.contentAction(id, .variants)), media: media, hasMedia: !media.isEmpty,
            uploadAction: url(.contentAction(id, .media)), uploadAlt: failed(.upload)?["altText"] ?? "",
            uploadError: errorFor(.upload), maxImageMB: MediaPolicy.maxImageBytes / 1_048_576,
            maxVideoMB: MediaPolicy.maxVideoBytes / 1_048_576, reviews: reviews, hasReviews: !reviews.isEmpty,
            reviewAction: url(.contentAction(id, .reviews)), reviewComment: failed(.review)?["comment"] ?? "",
            reviewError: errorFor(.review), linkAction: url(.contentAction(id, .reviewLinks)),
            linkReviewer: linkFields?["reviewer"] ?? "", linkDays: linkFields?["days"] ?? "7",
            linkError: errorFor(.link), createdLink: createdLink, publications: publications,
            hasPublications: !publications.isEmpty, schedule: schedule,
            error: failure == nil ? error : nil)
        return try await kit.render(
            "content-item", title: item.title, content: page, request: request, context: context, access: access,
            current: .contentItem, status: error == nil ? .ok : .badRequest)
    }

    // MARK: Support

    /// Follow-ups are written in one box, separated by a line holding only `---`.
    static let followUpSeparatorText = "\n---\n"

    static func followUps(_ text: String) -> [String] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var parts: [String] = []
        var current: [Substring] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces) == "---" {
                parts.append(current.joined(separator: "\n"))
                current = []
            } else {
                current.append(line)
            }
        }
        parts.append(current.joined(separator: "\n"))
        return parts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The ids of the `media-<id>` checkboxes ticked in a form.
    static func chosenMedia(_ form: [String: String]) -> Set<String> {
        Set(form.keys.compactMap { $0.hasPrefix("media-") ? String($0.dropFirst("media-".count)) : nil })
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576
            ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : String(format: "%.0f kB", max(1, Double(bytes) / 1024))
    }

    static func dayFormatter(_ timeZone: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }
}
