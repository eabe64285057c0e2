import Foundation
import FoyerCore
import Hummingbird

/// The editorial calendar: month, week and list views of a workspace's posts (published, scheduled, late,
/// failed) and of the empty slots its cadence goals leave, in the workspace's time zone or a market's;
/// moving a scheduled post to another day (drag and drop, or a date-time form without JavaScript), scheduling
/// approved content, the stock runway, the best times to post, and the secret calendar feed.
///
/// Every member may look; moving and scheduling need ``Role/canEditContent`` and go through
/// ``ContentWorkflow``; the feed URL is created by managers and above.
struct CalendarPages: Sendable {
    let kit: PageKit

    var workflow: ContentWorkflow { ContentWorkflow(dependencies: kit.dependencies) }
    var insights: PlanningInsights { PlanningInsights(kit: kit) }

    /// Published posts this far back feed the best time to post.
    static let bestTimeHistory: TimeInterval = 180 * 86_400

    enum Mode: String, CaseIterable, Sendable {
        case month, week, list
    }

    /// What the address (or a form's hidden fields) asks for: view, day shown, market, and values to put in
    /// the schedule form.
    struct Query: Sendable {
        var mode: Mode = .month
        var date: LocalDay?
        var market: MarketID?
        var prefillChannel = ""
        var prefillAt = ""

        /// - Throws: ``DomainError/invalid(field:message:)`` for a view, day or market that is not one.
        static func parse(_ value: (String) -> String?) throws -> Query {
            var query = Query()
            if let raw = value("view"), !raw.isEmpty {
                guard let mode = Mode(rawValue: raw) else {
                    throw DomainError.invalid(field: "view", message: "Choose the month, week or list view.")
                }
                query.mode = mode
            }
            if let raw = value("date"), !raw.isEmpty { query.date = try CalendarPages.day(raw) }
            if let raw = value("market"), !raw.isEmpty {
                guard let id = MarketID(raw) else { throw DomainError.notFound("Market not found.") }
                query.market = id
            }
            query.prefillChannel = String((value("channel") ?? "").prefix(20))
            query.prefillAt = String((value("at") ?? "").prefix(20))
            return query
        }

        /// The calendar's address for another view, day or market, keeping the rest.
        func path(_ workspace: WorkspaceID, mode: Mode? = nil, date: LocalDay?? = .none, market: MarketID?? = .none)
            -> String
        {
            var items: [String] = []
            let chosenMode = mode ?? self.mode
            if chosenMode != .month { items.append("view=\(chosenMode.rawValue)") }
            let chosenDate: LocalDay? = date ?? self.date
            if let chosenDate { items.append("date=\(chosenDate)") }
            let chosenMarket: MarketID? = market ?? self.market
            if let chosenMarket { items.append("market=\(chosenMarket)") }
            let base = SiteURL.workspace(workspace, .calendar).path
            return items.isEmpty ? base : base + "?" + items.joined(separator: "&")
        }
    }

    /// Where the calendar is read: the market's time zone and locale, else the workspace's.
    struct Place: Sendable {
        let market: Market?
        let zone: TimeZone
        let calendar: EditorialCalendar
    }

    // MARK: View model

    struct View: Sendable {
        struct Link: Sendable {
            let label: String
            let url: String
            let current: Bool
        }

        struct Entry: Sendable {
            let id: String
            let title: String
            let channel: String
            let time: String
            let iso: String
            let state: String
            let stateClass: String
            let remoteURL: String?
            let itemURL: String?
            let lastError: String?
            let canMove: Bool
            let moveURL: String
            let moveValue: String
            let moveOpen: Bool
            let moveError: String?
        }

        struct EmptySlot: Sendable {
            let text: String
            let fillURL: String?
        }

        struct Day: Sendable {
            let iso: String
            let number: Int
            let label: String
            let isToday: Bool
            let isInMonth: Bool
            let entries: [Entry]
            let slots: [EmptySlot]
            let hasItems: Bool
        }

        struct Week: Sendable {
            let days: [Day]
        }

        struct BestTime: Sendable {
            let channel: String
            let slots: [String]
            let hasSlots: Bool
            let next: String?
            let suggestURL: String?
            let fillAt: String?
            let channelID: String
        }

        struct Schedule: Sendable {
            let action: String
            let items: [SelectOption]
            let hasItems: Bool
            let channels: [SelectOption]
            let at: String
            let scheduleError: String?
        }

        struct Feed: Sendable {
            let action: String
            let exists: Bool
            /// The URL just created, shown once.
            let newURL: String?
        }

        let title: String
        let modes: [Link]
        let previousURL: String
        let nextURL: String
        let todayURL: String
        let markets: [SelectOption]
        let hasMarkets: Bool
        let marketName: String?
        let calendarURL: String
        let view: String
        let date: String
        let market: String
        let isList: Bool
        let weekdays: [String]
        let weeks: [Week]
        let listDays: [Day]
        let hasListDays: Bool
        let timeZone: String
        let error: String?
        let canEdit: Bool
        let runway: [PlanningInsights.RunwayRow]
        let hasRunway: Bool
        let bestTimes: [BestTime]
        let hasBestTimes: Bool
        let schedule: Schedule?
        let feed: Feed?
        let planningURL: String
    }

    /// What a refused form leaves on the page.
    struct Failure: Sendable {
        var message: String
        var move: (id: PublicationID, value: String)?
        var schedule: (item: String, channel: String, at: String)?
    }

    // MARK: Handlers

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        do {
            let query = try Query.parse { request.uri.queryParameters.get($0) }
            return try await page(request, context, access, query: query)
        } catch let error as DomainError {
            if case .notFound = error { throw PageError.notFound }
            return try await page(
                request, context, access, query: Query(), failure: Failure(message: kit.message(for: error, context)),
                status: .badRequest)
        }
    }

    /// Moves a scheduled post: `day` (from a drag, keeping the local time) or `at` (a local date and time).
    func reschedule(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canEditContent)
        let id: PublicationID = try kit.id("id", context)
        let query = try formQuery(context)
        let place = try await self.place(access, query.market)
        let at = context.form["at"] ?? ""
        do {
            let publication = try await workflow.publication(id, in: access.workspace.id)
            let target: Date
            if let rawDay = context.form["day"], !rawDay.isEmpty {
                target = EditorialCalendar.moving(publication.dueAt, to: try Self.day(rawDay), in: place.zone)
            } else {
                target = try LocalDateTimeInput.scheduledAt(at, in: place.zone)
            }
            _ = try await workflow.reschedule(id, to: target, in: access.workspace.id, by: access.user, role: access.role)
        } catch let error as DomainError {
            if case .notFound = error { throw PageError.notFound }
            return try await page(
                request, context, access, query: query,
                failure: Failure(message: kit.message(for: error, context), move: (id, at)), status: Self.status(error))
        }
        return .seeOther(path: Self.appending(query.path(access.workspace.id), "notice=rescheduled"))
    }

    /// Schedules an approved item on a channel at a local date and time, through the publish ledger.
    func schedule(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canEditContent)
        let query = try formQuery(context)
        let place = try await self.place(access, query.market)
        let item = context.form["content"] ?? ""
        let channel = context.form["channel"] ?? ""
        let at = context.form["at"] ?? ""
        do {
            guard let contentID = ContentItemID(item) else {
                throw DomainError.invalid(field: "contentId", message: "Choose an approved item.")
            }
            guard let channelID = ChannelID(channel) else {
                throw DomainError.invalid(field: "channelId", message: "Choose a channel of this workspace.")
            }
            let when = try LocalDateTimeInput.scheduledAt(at, in: place.zone)
            _ = try await workflow.schedule(
                PostRequest(contentID: contentID, channelID: channelID, marketID: place.market?.id, scheduledAt: when),
                in: access.workspace.id, by: access.user, role: access.role)
        } catch let error as DomainError {
            return try await page(
                request, context, access, query: query,
                failure: Failure(message: kit.message(for: error, context), schedule: (item, channel, at)),
                status: Self.status(error))
        }
        return .seeOther(path: Self.appending(query.path(access.workspace.id), "notice=post_scheduled"))
    }

    /// Creates the secret feed URL, or a new one that replaces (and so revokes) the previous one. The URL is
    /// shown once: only its token's SHA-256 is stored.
    func createFeed(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(Self.canManageFeed)
        let query = try formQuery(context)
        let hadFeed = try await kit.storage.planning.hasCalendarFeed(access.workspace.id)
        let token = SecretToken.generate()
        try await kit.storage.planning.setCalendarFeedTokenHash(SecretToken.digest(token), in: access.workspace.id)
        try await kit.storage.audit.record(
            NewAuditEvent(
                workspaceID: access.workspace.id, actorID: access.user.id,
                action: hadFeed ? "calendar.feed_regenerated" : "calendar.feed_created", targetType: "workspace",
                targetID: access.workspace.id.description, details: [:]))
        let url = kit.dependencies.settings.publicURL.absoluteString.trimmingSuffix("/")
            + SiteURL.calendarFeed(token: token).path
        return try await page(request, context, access, query: query, newFeedURL: url)
    }

    /// Managers and above hand out the feed: it shows every post of the workspace to whoever has the URL.
    static func canManageFeed(_ role: Role) -> Bool { role >= .manager }

    // MARK: Page

    private func page(
        _ request: Request, _ context: FoyerRequestContext, _ access: WorkspaceAccess, query: Query,
        failure: Failure? = nil, newFeedURL: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = access.workspace.id
        let now = kit.dependencies.clock.now()
        let place = try await self.place(access, query.market)
        let calendar = place.calendar
        let today = calendar.day(of: now)
        let anchor = query.date ?? today
        let labels = DayLabels(locale: context.locale, zone: place.zone)

        // The days shown.
        let grid: [[CalendarDay]]
        switch query.mode {
        case .month, .list: grid = try calendar.monthGrid(year: anchor.year, month: anchor.month, today: now)
        case .week: grid = [calendar.week(containing: anchor.start(in: place.zone), today: now)]
        }
        let days = grid.flatMap { $0 }.map(\.day)
        guard let first = days.first, let last = days.last else { throw PageError.notFound }

        // Posts of every period the goals look at, so that a week or month cut by the page counts right.
        let goals = try await kit.storage.planning.goals(in: id)
        let slotsMaker = CadenceSlots(calendar: calendar)
        let (low, high) = slotsMaker.postRange(goals: goals, from: first, through: last)
        let range = calendar.interval(from: low, through: high)
        var posts = try await kit.storage.publications.posts(in: id, from: range.start, to: range.end)
        if let market = place.market {
            // A market's calendar shows its posts and those written for every market.
            posts = posts.filter { $0.post?.marketID == nil || $0.post?.marketID == market.id }
        }
        let channels = try await kit.storage.channels.list(in: id)
        let channelNames = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let types = try await kit.storage.planning.contentTypes(in: id)
        let typeNames = Dictionary(types.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        let itemTypes = try await insights.contentTypes(of: posts, in: id)
        let slots = slotsMaker.slots(
            goals: goals,
            posts: posts.map {
                CadenceSlots.Post(
                    channelID: $0.channelID, contentType: $0.post.flatMap { itemTypes[$0.contentID] },
                    day: calendar.day(of: $0.dueAt), state: $0.state)
            },
            days: days, today: today)
        let buckets = calendar.bucket(posts.filter { $0.dueAt >= range.start }, by: \.dueAt)
        let canEdit = access.role.canEditContent

        func entry(_ post: Publication) -> View.Entry {
            let late = post.isLate(now: now)
            let stateKey = late ? "late" : post.state.rawValue
            let movable = canEdit && post.state == .scheduled && post.attempts == 0
            let failedMove = failure?.move.flatMap { $0.id == post.id ? $0 : nil }
            return View.Entry(
                id: post.id.description, title: post.post?.title ?? String(post.body.prefix(80)),
                channel: channelNames[post.channelID] ?? "", time: labels.time(post.dueAt), iso: labels.iso(post.dueAt),
                state: kit.text("calendar.state.\(stateKey)", context), stateClass: "state-\(stateKey)",
                remoteURL: post.state == .published ? ExternalLink.safe(post.remoteURL) : nil,
                itemURL: post.post.flatMap { PlanningLinks.item($0.contentID, in: id) },
                lastError: post.state == .failed ? post.lastError.map { String($0.prefix(300)) } : nil, canMove: movable,
                moveURL: SiteURL.workspace(id, .calendarReschedule(post.id)).path,
                moveValue: failedMove?.value ?? labels.local(post.dueAt), moveOpen: failedMove != nil,
                moveError: failedMove.map { _ in failure?.message ?? "" })
        }
        func dayView(_ cell: CalendarDay) -> View.Day {
            let entries = (buckets[cell.day] ?? []).map(entry)
            let empty = (slots[cell.day] ?? []).map { slot in
                let type = slot.contentType.map { typeNames[$0] ?? $0 }
                let text = kit.text(
                    type == nil ? "calendar.emptySlot" : "calendar.emptySlotType", context,
                    ["channel": channelNames[slot.channelID] ?? "", "type": type ?? ""])
                let fill: String? =
                    canEdit
                    ? Self.appending(query.path(id, date: .some(anchor)), "channel=\(slot.channelID)&at=\(cell.day)T09:00")
                        + "#schedule" : nil
                return View.EmptySlot(text: text, fillURL: fill)
            }
            return View.Day(
                iso: cell.day.description, number: cell.day.day, label: labels.long(cell.day), isToday: cell.isToday,
                isInMonth: cell.isInMonth, entries: entries, slots: empty, hasItems: !entries.isEmpty || !empty.isEmpty)
        }
        let weeks = grid.map { View.Week(days: $0.map(dayView)) }
        let listDays = weeks.flatMap(\.days).filter { $0.isInMonth && $0.hasItems }

        // Navigation.
        let previous: LocalDay
        let next: LocalDay
        let title: String
        switch query.mode {
        case .month, .list:
            previous = Self.addingMonths(-1, to: anchor)
            next = Self.addingMonths(1, to: anchor)
            title = labels.month(anchor)
        case .week:
            previous = anchor.adding(days: -7)
            next = anchor.adding(days: 7)
            title = kit.text("calendar.weekOf", context, ["first": labels.long(first), "last": labels.long(last)])
        }
        let modes = Mode.allCases.map { mode in
            View.Link(label: kit.text("calendar.view.\(mode.rawValue)", context), url: query.path(id, mode: mode), current: mode == query.mode)
        }
        let markets = try await kit.storage.planning.markets(in: id)

        // Best time to post, per channel, in the calendar's time zone.
        var bestTimes: [View.BestTime] = []
        for channel in channels {
            let published = try await kit.storage.publications.publishedPosts(
                channel: channel.id, in: id, since: now.addingTimeInterval(-Self.bestTimeHistory))
            let counts = try await kit.storage.engagement.inboundMessageCounts(
                forPosts: published.compactMap(\.externalID), channel: channel.id, in: id)
            let analysis = BestTimeToPost(
                posts: published.map { (publishedAt: $0.dueAt, engagement: $0.externalID.flatMap { counts[$0] } ?? 0) },
                timeZone: place.zone)
            let best = analysis.bestSlots()
            let nextSlot = analysis.nextGoodSlot(after: now)
            bestTimes.append(
                View.BestTime(
                    channel: channel.name,
                    slots: best.map { stats in
                        kit.text(
                            "calendar.bestSlot", context,
                            [
                                "slot": labels.weekdayName(stats.slot.weekday) + " " + Self.two(stats.slot.hour) + ":00",
                                "average": String(format: "%.1f", stats.averageEngagement),
                                "posts": String(stats.sampleSize),
                            ])
                    },
                    hasSlots: !best.isEmpty, next: nextSlot.map { labels.full($0) },
                    suggestURL: nextSlot.flatMap { slot -> String? in
                        canEdit
                            ? Self.appending(query.path(id), "channel=\(channel.id)&at=\(labels.local(slot))") + "#schedule"
                            : nil
                    },
                    fillAt: nextSlot.map { labels.local($0) }, channelID: channel.id.description))
        }

        // The schedule form.
        var schedule: View.Schedule?
        if canEdit {
            let approved = try await kit.storage.content.list(
                in: id, filter: ContentFilter(statuses: [.approved, .scheduled]), page: PageRequest(limit: PageRequest.maximumLimit)
            ).items
            let chosenItem = failure?.schedule?.item ?? ""
            let chosenChannel = failure?.schedule?.channel ?? query.prefillChannel
            schedule = View.Schedule(
                action: SiteURL.workspace(id, .calendarSchedule).path,
                items: approved.map { SelectOption(value: $0.id.description, label: $0.title, selected: $0.id.description == chosenItem) },
                hasItems: !approved.isEmpty,
                channels: channels.map {
                    SelectOption(value: $0.id.description, label: $0.name, selected: $0.id.description == chosenChannel)
                },
                at: failure?.schedule?.at ?? query.prefillAt,
                scheduleError: failure?.schedule != nil ? failure?.message : nil)
        }
        let runway = try await insights.runway(access, channels: channels, types: types, context: context, now: now)
        var feed: View.Feed?
        if Self.canManageFeed(access.role) {
            feed = View.Feed(
                action: SiteURL.workspace(id, .calendarFeedCreate).path,
                exists: try await kit.storage.planning.hasCalendarFeed(id), newURL: newFeedURL)
        }
        // A refused schedule shows in its form; anything else at the top.
        let pageError = failure?.schedule == nil ? failure?.message : nil

        let view = View(
            title: title, modes: modes, previousURL: query.path(id, date: .some(previous)),
            nextURL: query.path(id, date: .some(next)), todayURL: query.path(id, date: .some(nil)),
            markets: [SelectOption(value: "", label: kit.text("calendar.allMarkets", context), selected: place.market == nil)]
                + markets.map {
                    SelectOption(value: $0.id.description, label: "\($0.name) (\($0.timeZone))", selected: $0.id == place.market?.id)
                },
            hasMarkets: !markets.isEmpty, marketName: place.market?.name, calendarURL: SiteURL.workspace(id, .calendar).path,
            view: query.mode.rawValue, date: query.date?.description ?? "", market: place.market?.id.description ?? "",
            isList: query.mode == .list, weekdays: (grid.first ?? []).map { labels.weekdayName($0.weekday) },
            weeks: weeks, listDays: listDays, hasListDays: !listDays.isEmpty, timeZone: place.zone.identifier,
            error: pageError, canEdit: canEdit, runway: runway, hasRunway: !runway.isEmpty, bestTimes: bestTimes,
            hasBestTimes: !bestTimes.isEmpty, schedule: schedule, feed: feed,
            planningURL: SiteURL.workspace(id, .settingsPlanning).path)
        return try await kit.render(
            "calendar", title: kit.text("calendar.title", context), content: view, request: request, context: context,
            access: access, current: .calendar, status: status)
    }

    // MARK: Support

    private func place(_ access: WorkspaceAccess, _ marketID: MarketID?) async throws -> Place {
        var market: Market?
        if let marketID {
            guard let found = try await kit.storage.planning.findMarket(marketID, in: access.workspace.id) else {
                throw PageError.notFound
            }
            market = found
        }
        let zone = market?.zone ?? TimeZone(identifier: access.workspace.timeZone) ?? .gmt
        let locale =
            market.map { Locale(identifier: $0.locale.replacingOccurrences(of: "-", with: "_")) }
            ?? Locale(identifier: access.workspace.defaultLocale == .fr ? "fr_FR" : "en_GB")
        return Place(market: market, zone: zone, calendar: EditorialCalendar(timeZone: zone, locale: locale))
    }

    /// The view, day and market a form came from, to go back to them.
    private func formQuery(_ context: FoyerRequestContext) throws -> Query {
        do {
            var query = try Query.parse { context.form[$0] }
            query.prefillAt = ""
            query.prefillChannel = ""
            return query
        } catch {
            throw PageError.notFound
        }
    }

    static func status(_ error: DomainError) -> HTTPResponse.Status {
        switch error {
        case .conflict: .conflict
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .invalid: .badRequest
        }
    }

    /// `2026-03-31`.
    static func day(_ raw: String) throws -> LocalDay {
        guard let day = LocalDateTimeInput.day(raw) else {
            throw DomainError.invalid(field: "day", message: "Choose a day that exists, such as 2026-03-31.")
        }
        return day
    }

    static func addingMonths(_ months: Int, to day: LocalDay) -> LocalDay {
        let total = day.year * 12 + (day.month - 1) + months
        let year = total / 12
        let month = total % 12 + 1
        return LocalDay(year: year, month: month, day: min(day.day, LocalDay.daysIn(year: year, month: month))) ?? day
    }

    static func appending(_ path: String, _ query: String) -> String {
        path + (path.contains("?") ? "&" : "?") + query
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

/// Day and time texts of the calendar, in one time zone and the interface language.
struct DayLabels: @unchecked Sendable {
    private let timeFormatter: DateFormatter
    private let localFormatter: DateFormatter
    private let fullFormatter: DateFormatter
    private let dayFormatter: DateFormatter
    private let monthFormatter: DateFormatter
    private let weekdayFormatter: DateFormatter
    private let machine: ISO8601DateFormatter

    init(locale: AppLocale, zone: TimeZone) {
        let language = Locale(identifier: locale == .fr ? "fr_FR" : "en_GB")
        func make(_ template: String, _ zone: TimeZone, fixed: Bool = false) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = fixed ? Locale(identifier: "en_US_POSIX") : language
            formatter.timeZone = zone
            if fixed { formatter.dateFormat = template } else { formatter.setLocalizedDateFormatFromTemplate(template) }
            return formatter
        }
        // Days are wall-calendar dates: formatted at noon UTC, they never shift.
        let utc = TimeZone(secondsFromGMT: 0) ?? .gmt
        timeFormatter = make("HH:mm", zone, fixed: true)
        localFormatter = make("yyyy-MM-dd'T'HH:mm", zone, fixed: true)
        fullFormatter = make("EEEEdMMMMHHmm", zone)
        dayFormatter = make("EEEEdMMMM", utc)
        monthFormatter = make("MMMMyyyy", utc)
        weekdayFormatter = make("EEEE", utc)
        machine = ISO8601DateFormatter()
        machine.timeZone = zone
    }

    private func noon(_ day: LocalDay) -> Date { Date(timeIntervalSince1970: Double(day.daysSince1970) * 86_400 + 43_200) }

    func time(_ date: Date) -> String { timeFormatter.string(from: date) }
    /// A `datetime-local` value in the zone.
    func local(_ date: Date) -> String { localFormatter.string(from: date) }
    func full(_ date: Date) -> String { fullFormatter.string(from: date) }
    func iso(_ date: Date) -> String { machine.string(from: date) }
    func long(_ day: LocalDay) -> String { dayFormatter.string(from: noon(day)) }
    func month(_ day: LocalDay) -> String {
        let text = monthFormatter.string(from: noon(day))
        return text.prefix(1).uppercased() + text.dropFirst()
    }
    func weekdayName(_ weekday: Weekday) -> String {
        // 2026-01-05 was a Monday.
        let monday = LocalDay(year: 2026, month: 1, day: 5) ?? LocalDay(daysSince1970: 20_458)
        let offset = Weekday.allCases.firstIndex(of: weekday) ?? 0
        return weekdayFormatter.string(from: noon(monday.adding(days: offset)))
    }
}
