import Foundation
import FoyerCore

/// The demo's content stock for Cime: three markets, items in every pipeline status with variants per
/// channel and market, reviews (one by a client's link), a publication history, posts scheduled for the
/// coming days, one failed post, and cadence goals the stock cannot keep up with, so the runway warns.
///
/// Fixed data, dated from the demo's anchor: deterministic like the rest of the demo.
struct DemoContent {
    struct Item {
        var title: String
        var body: String
        var type: String
        var status: ContentStatus
        var campaign: String? = nil
        var tags: [String] = []
        /// Variant texts by channel kind.
        var variants: [ChannelKind: String] = [:]
        /// A Québec variant of the master text.
        var quebec: String?
        var evergreen: EvergreenPolicy?
        /// Days from the anchor of each post (negative: published) and its channel.
        var posts: [(days: Double, kind: ChannelKind)] = []
        var failed = false
    }

    static let items: [Item] = [
        Item(
            title: "Guide des tailles de chaussures de rando", body: "Entre deux pointures ? Notre guide pour choisir sans se tromper.",
            type: "advice", status: .approved, campaign: "Essentiels", tags: ["guide", "chaussures"],
            variants: [.mastodon: "Entre deux pointures ? 🥾 Notre guide des tailles pour choisir sans se tromper. #rando"],
            quebec: "Entre deux pointures? Notre guide pour choisir tes bottes de rando sans te tromper.",
            evergreen: EvergreenPolicy(intervalDays: 45, cap: 6), posts: [(-20, .mastodon), (-19, .discourse)]),
        Item(
            title: "Concours photo : vos plus beaux sommets", body: "Partagez votre plus belle photo de sommet avec #CimeSommets et gagnez un sac de 30 L.",
            type: "contest", status: .scheduled, campaign: "Été en altitude", tags: ["concours", "photo"],
            variants: [.mastodon: "📸 Concours ! Votre plus belle photo de sommet avec #CimeSommets, à gagner : un sac de 30 L."],
            posts: [(2.4, .mastodon), (2.45, .matrix)]),
        Item(
            title: "Nouvelle veste Alpage imperméable", body: "La veste Alpage arrive : 3 couches, 380 g, coutures étanchées.",
            type: "product_highlight", status: .published, campaign: "Collection automne", tags: ["veste", "nouveauté"],
            variants: [.discourse: "La veste Alpage arrive : 3 couches, 380 g, coutures étanchées. Vos questions ici !"],
            quebec: "La veste Alpage arrive au Québec : 3 couches, 380 g, coutures scellées.",
            posts: [(-12, .mastodon), (-12, .discourse), (-11.5, .matrix)]),
        Item(
            title: "Sortie collective au lac Blanc", body: "Rendez-vous samedi 8 h au parking du Flégère pour une sortie encadrée au lac Blanc.",
            type: "event", status: .scheduled, campaign: "Sorties communauté", tags: ["sortie"],
            posts: [(5.3, .discourse), (5.35, .matrix), (4.3, .mastodon)]),
        Item(
            title: "Quel est votre bivouac préféré ?", body: "Racontez-nous votre plus beau bivouac : où, quand, et ce que vous n'oublierez jamais.",
            type: "question", status: .published, tags: ["bivouac", "communauté"], posts: [(-6, .mastodon), (-5.9, .matrix)]),
        Item(
            title: "Horaires de la boutique d'Annecy", body: "La boutique d'Annecy ouvre désormais le dimanche matin.",
            type: "announcement", status: .published, posts: [(-3, .mastodon)], failed: true),
        Item(
            title: "Entretenir sa membrane Gore-Tex", body: "Lavage, séchage, réimperméabilisation : trois gestes pour une veste qui respire.",
            type: "advice", status: .approved, campaign: "Essentiels", tags: ["entretien"]),
        Item(
            title: "Photo de la semaine : @marie.rando au Mont Aiguille", body: "Bravo à Marie pour ce lever de soleil !",
            type: "user_content", status: .inReview, tags: ["photo"]),
        Item(
            title: "Bâtons de marche : alu ou carbone ?", body: "Le match des matériaux, avec nos conseils par usage.",
            type: "advice", status: .inReview, campaign: "Essentiels"),
        Item(
            title: "Calendrier de l'avent rando", body: "24 jours, 24 idées de sorties d'hiver.", type: "contest", status: .draft,
            campaign: "Hiver"),
        Item(title: "Interview d'un gardien de refuge", body: "", type: "user_content", status: .draft),
        Item(title: "Checklist du premier trek", body: "", type: "advice", status: .idea),
        Item(title: "Live Q&R avec notre équipe produit", body: "", type: "event", status: .idea),
        Item(title: "Les coulisses de l'atelier de réparation", body: "", type: "announcement", status: .idea),
        Item(
            title: "Soldes d'été 2024", body: "Jusqu'à -40 % sur la collection été.", type: "announcement", status: .archived,
            campaign: "Soldes"),
    ]

    /// Writes the stock into the workspace; `channels` are the workspace's channels by kind.
    static func write(
        into storage: Storage, workspace: WorkspaceID, channels: [ChannelKind: ChannelID], owner: UserID, reviewer: UserID?,
        anchor: Date
    ) async throws {
        let france = try await storage.planning.createMarket(
            NewMarket(name: "France", locale: "fr-FR", timeZone: "Europe/Paris"), in: workspace)
        let quebec = try await storage.planning.createMarket(
            NewMarket(name: "Québec", locale: "fr-CA", timeZone: "America/Toronto"), in: workspace)
        _ = try await storage.planning.createMarket(
            NewMarket(name: "United Kingdom", locale: "en-GB", timeZone: "Europe/London"), in: workspace)
        for (kind, count, period, type) in [
            (ChannelKind.mastodon, 3, CadencePeriod.week, String?.none), (.mastodon, 1, .month, "contest"),
            (.discourse, 1, .week, nil), (.matrix, 2, .week, nil),
        ] {
            if let channel = channels[kind] {
                _ = try await storage.planning.createGoal(
                    NewCadenceGoal(channelID: channel, contentType: type, count: count, period: period), in: workspace)
            }
        }

        for (index, blueprint) in items.enumerated() {
            let item = try await storage.content.create(
                ContentDraft(
                    title: blueprint.title, body: blueprint.body, status: blueprint.status == .idea ? .idea : .draft,
                    contentType: blueprint.type, campaign: blueprint.campaign, tags: blueprint.tags, evergreen: blueprint.evergreen),
                createdBy: owner, in: workspace)
            for (kind, text) in blueprint.variants.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                guard let channel = channels[kind] else { continue }
                _ = try await storage.content.saveVariant(
                    VariantDraft(channelID: channel, marketID: nil, body: text), of: item.id, in: workspace)
            }
            if let text = blueprint.quebec {
                _ = try await storage.content.saveVariant(
                    VariantDraft(channelID: nil, marketID: quebec.id, body: text, translation: index % 2 == 0 ? .done : .inProgress),
                    of: item.id, in: workspace)
            }
            switch blueprint.status {
            case .idea, .draft:
                continue
            case .inReview:
                try await storage.content.setStatus(item.id, to: .inReview, in: workspace)
                continue
            case .archived:
                try await storage.content.setStatus(item.id, to: .archived, in: workspace)
                continue
            case .approved, .scheduled, .published:
                break
            }
            let current = try await storage.content.find(item.id, in: workspace) ?? item
            let fingerprint = ContentFingerprint.of(
                current, variants: try await storage.content.variants(of: item.id, in: workspace), media: [])
            let viaLink = index % 3 == 1
            _ = try await storage.content.addReview(
                NewContentReview(
                    decision: .approved, reviewerID: viaLink ? nil : (reviewer ?? owner),
                    reviewerName: viaLink ? "Claire Dubois (agence Altitude)" : "Camille Laurent", viaLink: viaLink,
                    comment: viaLink ? "Parfait pour moi, go !" : "", fingerprint: fingerprint),
                to: item.id, in: workspace)
            try await writePosts(
                blueprint, item: current, channels: channels, market: blueprint.quebec == nil ? france.id : nil, owner: owner,
                storage: storage, workspace: workspace, anchor: anchor)
        }
    }

    private static func writePosts(
        _ blueprint: Item, item: ContentItem, channels: [ChannelKind: ChannelID], market: MarketID?, owner: UserID,
        storage: Storage, workspace: WorkspaceID, anchor: Date
    ) async throws {
        let variants = try await storage.content.variants(of: item.id, in: workspace)
        var allPublished = true
        for (offset, post) in blueprint.posts.enumerated() {
            guard let channel = channels[post.kind] else { continue }
            let variant = ContentVariant.best(in: variants, channel: channel, market: market)
            // Morning, Paris time (the anchor is midnight UTC).
            let due = anchor.addingTimeInterval(post.days * 86_400 + 8 * 3600)
            let created = try await storage.publications.create(
                NewPublication(
                    channelID: channel, purpose: .post, conversationID: nil, body: variant?.body ?? item.body, threadID: nil,
                    inReplyToExternalID: nil, dueAt: due, createdBy: owner,
                    post: PostDetails(contentID: item.id, variantID: variant?.id, marketID: market, title: item.title)),
                in: workspace, now: min(due, anchor).addingTimeInterval(-86_400))
            guard post.days < 0 else {
                allPublished = false
                continue
            }
            let sending = try created.applying(.claim(at: due, leaseUntil: due.addingTimeInterval(120)))
            try await storage.publications.save(sending, expecting: .scheduled)
            let done: Publication
            if blueprint.failed {
                done = try sending.applying(
                    .permanentFailure(
                        message: "Mastodon refused the post: the account's token was revoked. Reconnect the channel in Settings › Channels, then retry.",
                        at: due.addingTimeInterval(2)))
            } else {
                let externalID = "\(110_000_000_000 + Int(due.timeIntervalSince1970) % 1_000_000 + offset)"
                done = try sending.applying(
                    .confirmed(
                        OutboundReceipt(externalID: externalID, url: "https://\(post.kind.rawValue).example/cime/\(externalID)"),
                        at: due.addingTimeInterval(1)))
            }
            try await storage.publications.save(done, expecting: .sending)
        }
        if !blueprint.posts.isEmpty {
            try await storage.content.setStatus(item.id, to: allPublished ? .published : .scheduled, in: workspace)
        }
    }
}
