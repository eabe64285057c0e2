import Foundation

/// How bad a problem with a variant is.
public enum VariantIssueSeverity: String, Codable, Sendable {
    /// The network would refuse the post: it cannot be scheduled as is.
    case error
    /// The post would go out, but probably not as intended.
    case warning
}

/// One problem with a variant's text, follow-ups, title or media, for a form to show next to the field.
public struct VariantIssue: Sendable, Equatable, Codable {
    /// `body`, `followUps[0]` (0-based), `title`, `media`, `hashtags`, `mentions`.
    public var field: String
    public var message: String
    public var severity: VariantIssueSeverity
    public var limit: Int?
    public var actual: Int?

    public init(field: String, message: String, severity: VariantIssueSeverity, limit: Int? = nil, actual: Int? = nil) {
        self.field = field
        self.message = message
        self.severity = severity
        self.limit = limit
        self.actual = actual
    }
}

/// The unit a network counts a text in.
public enum LengthUnit: String, Codable, Sendable {
    /// Grapheme clusters (what a person sees as one character: 👩‍👩‍👧, é), after the network's own rules.
    case characters
    /// UTF-8 bytes.
    case bytes
}

/// The result of ``VariantRules/check(body:followUps:title:media:kind:settings:)``: the issues, and the
/// body's counted length against its limit, so a form can show "312 / 300" as the person types.
public struct VariantCheck: Sendable, Equatable {
    public var issues: [VariantIssue]
    /// The body's length as the network counts it.
    public var length: Int
    public var limit: Int
    public var unit: LengthUnit
    /// Each follow-up's length, in order, counted like the body.
    public var followUpLengths: [Int]
    /// `http` and `https` links found in the body and follow-ups, in order.
    public var links: [String]
    /// Mentions found, with their `@` (`@alice`, `@alice@example.social`).
    public var mentions: [String]
    /// Hashtags found, with their `#`.
    public var hashtags: [String]

    /// Whether the network would accept the post (warnings allowed).
    public var isPublishable: Bool { !issues.contains { $0.severity == .error } }

    /// Refuses a post the network would refuse, before it is queued.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` with the first error's field and message.
    public func requirePublishable() throws {
        if let issue = issues.first(where: { $0.severity == .error }) {
            throw DomainError.invalid(field: issue.field, message: issue.message)
        }
    }
}

/// The constraints of one network on a post: what ``VariantRules/check(body:followUps:title:media:kind:settings:)``
/// enforces.
public struct NetworkLimits: Sendable, Equatable {
    /// Maximum length of each part (the body, each follow-up), in ``unit``.
    public var maxLength: Int
    public var unit: LengthUnit
    /// An additional cap in UTF-8 bytes (Bluesky stores at most 3,000 bytes of text).
    public var maxBytes: Int?
    /// Every link counts as this many characters, whatever its length (X's t.co, Mastodon).
    public var linkLength: Int?
    /// X's weighted count: most CJK characters and emoji count twice.
    public var weightsWideCharacters: Bool
    /// Mastodon counts `@user@server` as `@user`.
    public var countsMentionsWithoutServer: Bool
    public var maxAttachments: Int
    /// At most this many videos; 0 when the network takes no video.
    public var maxVideos: Int
    /// Whether images and a video can go in the same post.
    public var mixesImagesAndVideo: Bool
    /// Whether a video may be refused by the server's own settings (a warning rather than an error).
    public var videoDependsOnServer: Bool
    public var maxImageBytes: Int?
    public var maxVideoBytes: Int?
    /// The post needs at least one image or video (Instagram).
    public var requiresMedia: Bool
    /// The post has a title of this many characters (a Discourse topic).
    public var titleLength: ClosedRange<Int>?
    /// More hashtags than this get a warning.
    public var maxHashtags: Int?
    /// More mentions than this get a warning.
    public var maxMentions: Int?
    /// Mentions may name a server (`@user@server`).
    public var mentionsHaveServers: Bool

    public init(
        maxLength: Int, unit: LengthUnit = .characters, maxBytes: Int? = nil, linkLength: Int? = nil,
        weightsWideCharacters: Bool = false, countsMentionsWithoutServer: Bool = false, maxAttachments: Int = 10,
        maxVideos: Int = 10, mixesImagesAndVideo: Bool = true, videoDependsOnServer: Bool = false,
        maxImageBytes: Int? = nil, maxVideoBytes: Int? = nil, requiresMedia: Bool = false,
        titleLength: ClosedRange<Int>? = nil, maxHashtags: Int? = nil, maxMentions: Int? = nil,
        mentionsHaveServers: Bool = false
    ) {
        self.maxLength = maxLength
        self.unit = unit
        self.maxBytes = maxBytes
        self.linkLength = linkLength
        self.weightsWideCharacters = weightsWideCharacters
        self.countsMentionsWithoutServer = countsMentionsWithoutServer
        self.maxAttachments = maxAttachments
        self.maxVideos = maxVideos
        self.mixesImagesAndVideo = mixesImagesAndVideo
        self.videoDependsOnServer = videoDependsOnServer
        self.maxImageBytes = maxImageBytes
        self.maxVideoBytes = maxVideoBytes
        self.requiresMedia = requiresMedia
        self.titleLength = titleLength
        self.maxHashtags = maxHashtags
        self.maxMentions = maxMentions
        self.mentionsHaveServers = mentionsHaveServers
    }
}

/// Each network's rules for a post, checked on a variant before it is scheduled.
///
/// Lengths are counted the way each network counts them: grapheme clusters (Swift's `String.count`, so
/// 👩‍👩‍👧 and an `e` with a combining accent are one character each), links as a fixed length where the
/// network shortens them, UTF-8 bytes where the limit is in bytes. The limits are the networks' published
/// defaults; a channel's settings override those a server decides (`maxCharacters` on Mastodon,
/// `maxPostLength`, `minTopicTitleLength` and `maxTopicTitleLength` on Discourse).
public enum VariantRules {
    /// Channel setting: a Mastodon server's post length (its `configuration.statuses.max_characters`).
    public static let maxCharactersSetting = "maxCharacters"
    /// Channel setting: a Discourse forum's `max_post_length`.
    public static let maxPostLengthSetting = "maxPostLength"
    /// Channel settings: a Discourse forum's `min_topic_title_length` and `max_topic_title_length`.
    public static let minTopicTitleLengthSetting = "minTopicTitleLength"
    public static let maxTopicTitleLengthSetting = "maxTopicTitleLength"

    /// The length for networks without a known limit (feeds, webhooks, email): the stock's own maximum.
    public static let defaultMaxLength = ContentDraft.maxBodyLength

    /// The limits of `kind`, with the channel's settings applied where the server decides.
    public static func limits(for kind: ChannelKind, settings: [String: String] = [:]) -> NetworkLimits {
        func setting(_ key: String) -> Int? {
            settings[key].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil }
        }
        switch kind {
        case .bluesky:
            return NetworkLimits(
                maxLength: 300, maxBytes: 3000, maxAttachments: 4, maxVideos: 1, mixesImagesAndVideo: false,
                maxImageBytes: 1_000_000, maxVideoBytes: 100_000_000, mentionsHaveServers: false)
        case .x:
            return NetworkLimits(
                maxLength: 280, linkLength: 23, weightsWideCharacters: true, maxAttachments: 4, maxVideos: 1,
                mixesImagesAndVideo: false, maxImageBytes: 5 * 1_048_576)
        case .mastodon:
            return NetworkLimits(
                maxLength: setting(maxCharactersSetting) ?? 500, linkLength: 23, countsMentionsWithoutServer: true,
                maxAttachments: 4, maxVideos: 1, mixesImagesAndVideo: false, mentionsHaveServers: true)
        case .slack:
            return NetworkLimits(maxLength: 40_000, maxAttachments: 10)
        case .discourse:
            let minTitle = setting(minTopicTitleLengthSetting) ?? 15
            let maxTitle = max(minTitle, setting(maxTopicTitleLengthSetting) ?? 255)
            // Discourse's default authorized extensions are images only; forums may add mp4.
            return NetworkLimits(
                maxLength: setting(maxPostLengthSetting) ?? 32_000, maxAttachments: 10, videoDependsOnServer: true,
                titleLength: minTitle...maxTitle)
        case .matrix:
            // The whole event is capped at 65,536 bytes; the body is most of it.
            return NetworkLimits(maxLength: 65_536, unit: .bytes, maxAttachments: 10)
        case .discord:
            return NetworkLimits(
                maxLength: 2000, maxAttachments: 10, maxImageBytes: 10 * 1_048_576, maxVideoBytes: 10 * 1_048_576)
        case .instagram:
            return NetworkLimits(
                maxLength: 2200, maxAttachments: 10, requiresMedia: true, maxHashtags: 30, maxMentions: 20)
        case .facebook:
            return NetworkLimits(maxLength: 63_206, maxAttachments: 10)
        case .youtube, .feed, .webhook, .email, .import:
            return NetworkLimits(maxLength: defaultMaxLength, maxAttachments: 10)
        }
    }

    /// Checks a post for `kind`: the body and each follow-up against the length, the title where the network
    /// needs one, the media (count, types, sizes, alt text), and the hashtags and mentions.
    ///
    /// - Parameters:
    ///   - title: the variant's title, else the item's; only networks with titles look at it.
    ///   - media: the files attached to the first part, in order.
    ///   - settings: the channel's settings (``maxCharactersSetting``…).
    public static func check(
        body: String, followUps: [String] = [], title: String? = nil, media: [ContentMedia] = [], kind: ChannelKind,
        settings: [String: String] = [:]
    ) -> VariantCheck {
        let limits = limits(for: kind, settings: settings)
        let network = kind.displayName
        var issues: [VariantIssue] = []
        let parts = [("body", body)] + followUps.enumerated().map { ("followUps[\($0.offset)]", $0.element) }

        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && media.isEmpty {
            issues.append(.init(field: "body", message: "Write the text of the post.", severity: .error))
        }
        var lengths: [Int] = []
        var links: [String] = []
        var mentions: [String] = []
        var hashtags: [String] = []
        for (index, (field, text)) in parts.enumerated() {
            let scan = TextScan(text, mentionsHaveServers: limits.mentionsHaveServers)
            links += scan.links.map(\.text)
            mentions += scan.mentions.map(\.text)
            hashtags += scan.hashtags
            let length = countedLength(text, scan: scan, limits: limits)
            lengths.append(length)
            let part = index == 0 ? "The text" : "Follow-up \(index)"
            if length > limits.maxLength {
                let unit = limits.unit == .bytes ? "bytes" : "characters"
                let rule = limits.linkLength.map { " (each link counts as \($0))" } ?? ""
                issues.append(
                    .init(
                        field: field,
                        message:
                            "\(part) is \(length) \(unit)\(rule); \(network) allows \(limits.maxLength). Shorten it by \(length - limits.maxLength).",
                        severity: .error, limit: limits.maxLength, actual: length))
            }
            if let maxBytes = limits.maxBytes, text.utf8.count > maxBytes {
                issues.append(
                    .init(
                        field: field,
                        message:
                            "\(part) takes \(text.utf8.count) bytes; \(network) stores at most \(maxBytes). Shorten it.",
                        severity: .error, limit: maxBytes, actual: text.utf8.count))
            }
            for tag in scan.brokenHashtags {
                issues.append(
                    .init(
                        field: field,
                        message:
                            "\(tag.raw) will be read as \(tag.readAs): hashtags are letters, digits and underscores, without spaces or punctuation. Write \(tag.suggestion).",
                        severity: .warning))
            }
        }
        if let maxHashtags = limits.maxHashtags, hashtags.count > maxHashtags {
            issues.append(
                .init(
                    field: "hashtags",
                    message:
                        "\(hashtags.count) hashtags; \(network) takes at most \(maxHashtags) and may hide the post. Remove \(hashtags.count - maxHashtags).",
                    severity: .warning, limit: maxHashtags, actual: hashtags.count))
        }
        if let maxMentions = limits.maxMentions, mentions.count > maxMentions {
            issues.append(
                .init(
                    field: "mentions",
                    message:
                        "\(mentions.count) mentions; \(network) takes at most \(maxMentions). Remove \(mentions.count - maxMentions).",
                    severity: .warning, limit: maxMentions, actual: mentions.count))
        }
        if let range = limits.titleLength {
            let length = (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines).count
            if length == 0 {
                issues.append(
                    .init(
                        field: "title",
                        message: "\(network) needs a title of \(range.lowerBound) to \(range.upperBound) characters.",
                        severity: .error, limit: range.lowerBound, actual: 0))
            } else if length < range.lowerBound {
                issues.append(
                    .init(
                        field: "title",
                        message: "The title is \(length) characters; \(network) needs at least \(range.lowerBound).",
                        severity: .error, limit: range.lowerBound, actual: length))
            } else if length > range.upperBound {
                issues.append(
                    .init(
                        field: "title",
                        message: "The title is \(length) characters; \(network) allows \(range.upperBound).",
                        severity: .error, limit: range.upperBound, actual: length))
            }
        }
        issues += mediaIssues(media, limits: limits, network: network)
        return VariantCheck(
            issues: issues, length: lengths[0], limit: limits.maxLength, unit: limits.unit,
            followUpLengths: Array(lengths.dropFirst()), links: links, mentions: mentions, hashtags: hashtags)
    }

    /// The length of one part as the network counts it.
    static func countedLength(_ text: String, scan: TextScan, limits: NetworkLimits) -> Int {
        if limits.unit == .bytes { return text.utf8.count }
        // Replace what the network counts differently, then count what is left.
        var replacements: [(range: Range<String.Index>, length: Int)] = []
        if let linkLength = limits.linkLength {
            replacements += scan.links.map { ($0.range, linkLength) }
        }
        if limits.countsMentionsWithoutServer {
            for mention in scan.mentions {
                guard let server = mention.serverRange else { continue }
                // "@user@server" counts as "@user".
                replacements.append((server, 0))
            }
        }
        var length = 0
        var cursor = text.startIndex
        for replacement in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where replacement.range.lowerBound >= cursor {
            length += count(text[cursor..<replacement.range.lowerBound], weighted: limits.weightsWideCharacters)
            length += replacement.length
            cursor = replacement.range.upperBound
        }
        return length + count(text[cursor...], weighted: limits.weightsWideCharacters)
    }

    /// Graphemes, or X's weighted count: after NFC, a character in Latin, Greek, Cyrillic and the common
    /// punctuation ranges counts 1, any other (CJK, most symbols) 2, and an emoji sequence 2 however many
    /// code points it has.
    static func count(_ text: Substring, weighted: Bool) -> Int {
        guard weighted else { return text.count }
        var total = 0
        for character in String(text).precomposedStringWithCanonicalMapping {
            let scalars = character.unicodeScalars
            if scalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F || $0.value == 0x200D }
            )
                || (scalars.count > 1 && scalars.contains { $0.properties.isEmoji && $0.value > 0xFF })
            {
                total += 2
                continue
            }
            for scalar in scalars {
                let value = scalar.value
                let light =
                    value <= 4351 || (8192...8205).contains(value) || (8208...8223).contains(value)
                    || (8242...8247).contains(value)
                total += light ? 1 : 2
            }
        }
        return total
    }

    static func mediaIssues(_ media: [ContentMedia], limits: NetworkLimits, network: String) -> [VariantIssue] {
        var issues: [VariantIssue] = []
        let videos = media.filter(\.isVideo)
        let images = media.filter(\.isImage)
        if limits.requiresMedia, media.isEmpty {
            issues.append(
                .init(
                    field: "media", message: "\(network) needs an image or a video: attach one.", severity: .error,
                    limit: 1, actual: 0))
        }
        if media.count > limits.maxAttachments {
            issues.append(
                .init(
                    field: "media",
                    message:
                        "\(media.count) files attached; \(network) takes at most \(limits.maxAttachments). Remove \(media.count - limits.maxAttachments).",
                    severity: .error, limit: limits.maxAttachments, actual: media.count))
        }
        if !videos.isEmpty {
            if limits.maxVideos == 0 {
                issues.append(
                    .init(
                        field: "media", message: "\(network) does not take videos: remove the video or use an image.",
                        severity: .error, limit: 0, actual: videos.count))
            } else if videos.count > limits.maxVideos {
                issues.append(
                    .init(
                        field: "media",
                        message:
                            "\(videos.count) videos attached; \(network) takes \(limits.maxVideos == 1 ? "one video" : "at most \(limits.maxVideos)") per post.",
                        severity: .error, limit: limits.maxVideos, actual: videos.count))
            }
            if !limits.mixesImagesAndVideo, !images.isEmpty {
                issues.append(
                    .init(
                        field: "media",
                        message: "\(network) takes either images or a video in a post, not both: remove one kind.",
                        severity: .error))
            }
            if limits.videoDependsOnServer {
                issues.append(
                    .init(
                        field: "media",
                        message:
                            "\(network) takes videos only if the forum allows the mp4 extension (authorized extensions); check before publishing.",
                        severity: .warning))
            }
        }
        for (index, file) in media.enumerated() {
            let name = "\(file.filename.prefix(60)) (file \(index + 1))"
            if !file.isImage && !file.isVideo {
                issues.append(
                    .init(
                        field: "media", message: "\(name) is neither an image nor a video; \(network) cannot show it.",
                        severity: .error))
            }
            if file.isImage, let max = limits.maxImageBytes, file.byteCount > max {
                issues.append(
                    .init(
                        field: "media",
                        message:
                            "\(name) is \(megabytes(file.byteCount)); \(network) takes images of at most \(megabytes(max)). Use a smaller image.",
                        severity: .error, limit: max, actual: file.byteCount))
            }
            if file.isVideo, let max = limits.maxVideoBytes, file.byteCount > max {
                issues.append(
                    .init(
                        field: "media",
                        message:
                            "\(name) is \(megabytes(file.byteCount)); \(network) takes videos of at most \(megabytes(max)).",
                        severity: .error, limit: max, actual: file.byteCount))
            }
            if file.isImage, (file.altText ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                issues.append(
                    .init(
                        field: "media", message: "\(name) has no alt text: describe it for people who cannot see it.",
                        severity: .warning))
            }
        }
        return issues
    }

    private static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_000_000
        return value < 10 ? String(format: "%.1f MB", value) : "\(Int(value.rounded())) MB"
    }
}

/// Links, mentions and hashtags of a text, with their ranges.
struct TextScan {
    struct Link { var text: String; var range: Range<String.Index> }
    struct Mention {
        var text: String
        /// `@server` of `@user@server`.
        var serverRange: Range<String.Index>?
    }
    struct BrokenHashtag { var raw: String; var readAs: String; var suggestion: String }

    var links: [Link] = []
    var mentions: [Mention] = []
    var hashtags: [String] = []
    var brokenHashtags: [BrokenHashtag] = []

    /// Punctuation that ends a sentence rather than a link, a mention or a hashtag.
    private static let trailing: Set<Character> = [
        ".", ",", ";", ":", "!", "?", ")", "]", "}", "'", "\"", "»", "…", "”", "’",
    ]

    init(_ text: String, mentionsHaveServers: Bool) {
        var index = text.startIndex
        var previous: Character?
        while index < text.endIndex {
            let character = text[index]
            let atWordStart =
                previous.map { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "/" || $0 == "@" || $0 == "#") }
                ?? true
            if atWordStart, character == "h", let end = Self.linkEnd(text, from: index) {
                links.append(Link(text: String(text[index..<end]), range: index..<end))
                previous = text[text.index(before: end)]
                index = end
                continue
            }
            if atWordStart, character == "@",
                let (end, server) = Self.mentionEnd(text, from: index, servers: mentionsHaveServers)
            {
                mentions.append(Mention(text: String(text[index..<end]), serverRange: server))
                previous = text[text.index(before: end)]
                index = end
                continue
            }
            if atWordStart, character == "#" {
                let end = scanHashtag(text, from: index)
                previous = text[text.index(before: end)]
                index = end
                continue
            }
            previous = character
            index = text.index(after: index)
        }
    }

    private static func isTagCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
            || character.unicodeScalars.allSatisfy { $0.properties.isDiacritic }
    }

    /// Punctuation that glues words together: a hashtag followed by one of these and more letters was
    /// probably meant to go on ("#summer-sale", "#don't").
    private static let joiners: Set<Character> = ["-", "'", "’", ".", "&", "/", "+"]

    /// Records the hashtag starting at `start` (a `#`); returns where scanning goes on.
    ///
    /// A hashtag is letters, digits and underscores, not digits only ("#1" is not a tag, and not worth a
    /// warning); it ends at the first other character, which networks do too.
    private mutating func scanHashtag(_ text: String, from start: String.Index) -> String.Index {
        let tagStart = text.index(after: start)
        var tagEnd = tagStart
        while tagEnd < text.endIndex, Self.isTagCharacter(text[tagEnd]) { tagEnd = text.index(after: tagEnd) }
        let tag = text[tagStart..<tagEnd]
        guard !tag.isEmpty, !tag.allSatisfy(\.isNumber) else { return tagEnd }
        hashtags.append("#\(tag)")
        var wordEnd = tagEnd
        while wordEnd < text.endIndex, Self.joiners.contains(text[wordEnd]) {
            let next = text.index(after: wordEnd)
            guard next < text.endIndex, Self.isTagCharacter(text[next]) else { break }
            wordEnd = next
            while wordEnd < text.endIndex, Self.isTagCharacter(text[wordEnd]) { wordEnd = text.index(after: wordEnd) }
        }
        if wordEnd > tagEnd {
            let word = text[tagStart..<wordEnd]
            let suggestion = word.split { !Self.isTagCharacter($0) }.joined(separator: "_")
            brokenHashtags.append(BrokenHashtag(raw: "#\(word)", readAs: "#\(tag)", suggestion: "#\(suggestion)"))
        }
        return wordEnd
    }

    /// The end of an `http://` or `https://` link starting at `start`, without trailing punctuation.
    private static func linkEnd(_ text: String, from start: String.Index) -> String.Index? {
        let rest = text[start...]
        guard let scheme = ["https://", "http://"].first(where: { rest.lowercased().hasPrefix($0) }) else { return nil }
        var end = text.index(start, offsetBy: scheme.count)
        let hostStart = end
        while end < text.endIndex, !text[end].isWhitespace, text[end] != "<", text[end] != ">" {
            end = text.index(after: end)
        }
        var opened = text[start..<end].filter { $0 == "(" }.count - text[start..<end].filter { $0 == ")" }.count
        while end > hostStart, trailing.contains(text[text.index(before: end)]) {
            let last = text[text.index(before: end)]
            // Keep a closing parenthesis that closes one opened in the link (Wikipedia links).
            if last == ")", opened < 0 { opened += 1 } else if last == ")" { break }
            end = text.index(before: end)
        }
        return end > hostStart ? end : nil
    }

    /// The end of a mention starting at `start` (an `@`), and the range of its `@server` part.
    private static func mentionEnd(_ text: String, from start: String.Index, servers: Bool)
        -> (String.Index, Range<String.Index>?)?
    {
        func name(from index: String.Index, dots: Bool) -> String.Index {
            var end = index
            while end < text.endIndex,
                text[end].isLetter || text[end].isNumber || text[end] == "_"
                    || (dots && (text[end] == "." || text[end] == "-"))
            {
                end = text.index(after: end)
            }
            // A mention does not end on a dot or a dash ("Thanks @alice.").
            while end > index, text[text.index(before: end)] == "." || text[text.index(before: end)] == "-" {
                end = text.index(before: end)
            }
            return end
        }
        let userStart = text.index(after: start)
        // Bluesky handles are domain names (@alice.bsky.social); usernames elsewhere are letters, digits, _ . -
        let userEnd = name(from: userStart, dots: !servers)
        guard userEnd > userStart else { return nil }
        if servers, userEnd < text.endIndex, text[userEnd] == "@" {
            let serverEnd = name(from: text.index(after: userEnd), dots: true)
            if text[text.index(after: userEnd)..<serverEnd].contains(".") { return (serverEnd, userEnd..<serverEnd) }
        }
        return (userEnd, nil)
    }
}
