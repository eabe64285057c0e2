import Testing

@testable import FoyerText

@Suite("Sentiment")
struct SentimentTests {
    private func label(_ text: String, _ language: Language? = nil) -> Sentiment.Label {
        analyzer.analyze(text, language: language).sentiment.label
    }

    @Test func englishPolarity() {
        #expect(label("I love this community, everyone is so helpful!") == .positive)
        #expect(label("This is the worst update ever, everything is broken.") == .negative)
        #expect(label("The meeting is on Tuesday at 10.") == .neutral)
    }

    @Test func frenchPolarity() {
        #expect(label("J'adore cette communauté, tout le monde est super sympa !") == .positive)
        #expect(label("C'est nul, je suis vraiment déçu.") == .negative)
        #expect(label("La réunion a lieu mardi à 10 heures.") == .neutral)
    }

    @Test func negationFlipsPolarity() {
        #expect(label("This is not good at all") == .negative)
        #expect(label("Je n'aime pas du tout cette mise à jour") == .negative)
        #expect(label("not bad, actually") != .negative)
    }

    @Test func contrastWeighsWhatFollows() {
        #expect(label("The design is nice but the app is slow, buggy and frustrating") == .negative)
        #expect(label("Le début était lent mais la fin est géniale") == .positive)
    }

    @Test func intensifiersCapitalsAndExclamationsStrengthen() {
        let plain = analyzer.analyze("this is good").sentiment.score
        let strong = analyzer.analyze("this is VERY GOOD!!!").sentiment.score
        #expect(strong > plain)
        let elongated = analyzer.analyze("soooo goooood").sentiment.score
        #expect(elongated > 0.3)
    }

    @Test func emojiAndEmoticonsCarrySentiment() {
        #expect(label("😍😍") == .positive)
        #expect(label("on se voit demain :)") == .positive)
        #expect(label("encore en panne 😡") == .negative)
    }

    @Test func otherLanguages() {
        #expect(label("Me encanta, es genial", .spanish) == .positive)
        #expect(label("Das ist wirklich schlecht und enttäuschend", .german) == .negative)
        #expect(label("Che bello, grazie mille!", .italian) == .positive)
        #expect(label("Que vergonha, péssimo atendimento", .portuguese) == .negative)
        #expect(label("Wat een prachtig en leuk feest", .dutch) == .positive)
    }

    @Test func sarcasmMarkersDoNotMakeComplaintsPositive() {
        // "Thanks for nothing" reads as thanks to a lexicon; the complaint intent still fires.
        let result = analyzer.analyze("Great, another outage. Thanks for nothing. Still waiting for a fix.")
        #expect(result.intents.contains(.complaint))
    }

    @Test func scoreStaysInRange() {
        let text = String(repeating: "love amazing perfect ", count: 500)
        let score = analyzer.analyze(text).sentiment.score
        #expect(score <= 1 && score > 0.9)
    }
}
