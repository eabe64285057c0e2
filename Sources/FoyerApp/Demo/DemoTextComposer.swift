import Foundation
import FoyerCore

/// Composes varied, natural-looking message texts from ``DemoPhrases``: a template with its slots filled,
/// sometimes an opener, a closer, an emoji or a hashtag, and now and then a typo or missing accents.
struct DemoTextComposer {
    var rng: SeededGenerator
    /// The product the current thread is about (the same index in every language), so that replies and
    /// comments talk about the product the first message named.
    private var threadProduct: Int?

    init(rng: SeededGenerator) { self.rng = rng }

    /// A message that starts a conversation.
    mutating func message(_ intent: DemoPhrases.Intent, language: String) -> String {
        let bank = DemoPhrases.bank(for: language)
        threadProduct = rng.int(below: bank.products.count)
        var text = fill(rng.pick(bank.messages[intent] ?? []), bank: bank)
        let decorated = intent != .spam && intent != .abuse
        if decorated, rng.chance(0.35) { text = rng.pick(bank.openers) + " " + lowercasedFirst(text) }
        if decorated, rng.chance(0.25), !bank.openers.contains(where: { text.hasPrefix($0) }) || rng.chance(0.5) {
            text += " " + rng.pick(bank.closers)
        }
        if rng.chance(intent == .spam ? 0.5 : 0.25) { text += " " + rng.pick(DemoPhrases.emoji) }
        if decorated, rng.chance(0.15) { text += " " + rng.pick(bank.hashtags) }
        return roughen(capitalizedFirst(text), language: language)
    }

    /// A comment by another member in the same thread.
    mutating func followUp(_ intent: DemoPhrases.Intent, language: String) -> String {
        let bank = DemoPhrases.bank(for: language)
        let choices = bank.followUps[intent] ?? bank.followUps[.question] ?? ["+1"]
        var text = fill(rng.pick(choices), bank: bank)
        if rng.chance(0.2) { text += " " + rng.pick(DemoPhrases.emoji) }
        return roughen(capitalizedFirst(text), language: language)
    }

    /// The author answering the team.
    mutating func authorReply(language: String) -> String {
        roughen(rng.pick(DemoPhrases.bank(for: language).authorReplies), language: language)
    }

    /// An outbound answer from the team (no typos: the team proofreads).
    mutating func teamReply(_ intent: DemoPhrases.Intent, language: String) -> String {
        let bank = DemoPhrases.bank(for: language)
        let choices = bank.teamReplies[intent] ?? bank.teamReplies[.question] ?? ["Merci !"]
        return capitalizedFirst(fill(rng.pick(choices), bank: bank))
    }

    /// A short subject for forum threads and e-mails.
    mutating func subject(_ intent: DemoPhrases.Intent, language: String) -> String {
        let bank = DemoPhrases.bank(for: language)
        var subject = rng.pick(bank.subjects[intent] ?? ["Message"])
        if intent != .spam, intent != .abuse, rng.chance(0.4) { subject += " : " + rng.pick(bank.products).name }
        return subject
    }

    private mutating func fill(_ template: String, bank: DemoPhrases.Bank) -> String {
        guard template.contains("{") else { return template }
        let productIndex = threadProduct.map { $0 % bank.products.count } ?? rng.int(below: bank.products.count)
        let product = bank.products[productIndex]
        var text = template
        let replacements: [(String, String)] = [
            ("{product}", product.withArticle),
            ("{name}", product.name),
            ("{boots}", bank.products.first { $0.name == "Sentier GTX" }?.withArticle ?? product.withArticle),
            ("{city}", rng.pick(DemoPhrases.cities)),
            ("{trail}", rng.pick(DemoPhrases.trails)),
            ("{size}", rng.pick(DemoPhrases.sizes)),
            ("{n}", String(rng.int(in: 2...12))),
            ("{order}", "#C" + String(rng.int(in: 10_000...99_999))),
        ]
        for (slot, value) in replacements where text.contains(slot) {
            text = text.replacingOccurrences(of: slot, with: value)
        }
        return text
    }

    /// People write fast: sometimes no accents, no capital, a doubled letter or a missing final stop.
    private mutating func roughen(_ text: String, language: String) -> String {
        guard rng.chance(0.18) else { return text }
        switch rng.int(below: 4) {
        case 0 where language != "en":
            return text.folding(options: .diacriticInsensitive, locale: Locale(identifier: "en"))
        case 1:
            return lowercasedFirst(text)
        case 2:
            var characters = Array(text)
            let letters = characters.indices.filter { characters[$0].isLetter }
            guard !letters.isEmpty else { return text }
            let index = rng.pick(letters)
            characters.insert(characters[index], at: index)
            return String(characters)
        default:
            return text.hasSuffix(".") ? String(text.dropLast()) : text + "!!"
        }
    }

    private func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    private func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        // Keep proper nouns and acronyms ("Cime", "GR20") as written.
        let word = text.prefix { !$0.isWhitespace }
        if word.dropFirst().contains(where: \.isUppercase) || word.contains(where: \.isNumber) { return text }
        if ["Cime", "Aiguille", "Refuge", "Névé", "Sentier", "Lueur", "Arête", "Source"].contains(String(word)) {
            return text
        }
        return first.lowercased() + text.dropFirst()
    }
}
