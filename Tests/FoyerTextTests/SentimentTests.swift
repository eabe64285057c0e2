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
        // Everyday words and phrases the French lexicons lack or read word by word ("secours" is "help").
        #expect(label("Ce film est un chef-d'œuvre") == .positive)
        #expect(label("Rapport qualité prix imbattable") == .positive)
        #expect(label("Au secours") == .negative)
        #expect(label("Quelle galère ce matin") == .negative)
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

    @Test func phrasesScoreAsAWhole() {
        // Sarcasm and idioms: the words alone ("thanks", "joke", "terrible" as "great" in French) mislead.
        #expect(label("Thanks for nothing, what a joke.") == .negative)
        #expect(label("Merci pour rien.") == .negative)
        #expect(label("Franchement, pas terrible ce film.") == .negative)
        #expect(label("C'est pas mal du tout.") == .positive)
        #expect(analyzer.analyze("The new layout is not bad.").sentiment.score > 0.3)
    }

    @Test func negatedNegativeWordsAreNotPraise() {
        #expect(label("The update did not crash today.") == .neutral)
        #expect(label("It was not a disaster.") == .neutral)
    }

    @Test func newsAndEventVocabulary() {
        #expect(label("Three deaths and dozens wounded after the shooting downtown.") == .negative)
        #expect(label("Layoffs announced after the outage, and the CEO is accused of corruption.") == .negative)
        #expect(label("Attentat à Paris : plusieurs morts et des blessés.") == .negative)
        #expect(label("Licenciements et corruption : le scandale continue.") == .negative)
        #expect(label("The app is rubbish.") == .negative)
    }

    @Test func frenchDescriptiveWordsAreNeutral() {
        // "premier", "prix", "fois", "unis", "part", "seul": neutral words the translated lexicons scored.
        #expect(label("Le premier ministre présente le prix du gaz pour la première fois.") == .neutral)
        #expect(label("Les États-Unis publient la liste des prix.") == .neutral)
        #expect(label("Il part tout seul à la gare.") == .neutral)
    }

    @Test func englishNeutralBandIsAsymmetric() {
        // Mild negative wording is negative; mild positive wording is not yet positive.
        #expect(Sentiment(score: -0.2, language: .english).label == .negative)
        #expect(Sentiment(score: 0.3, language: .english).label == .neutral)
        #expect(Sentiment(score: 0.4, language: .english).label == .positive)
        #expect(Sentiment(score: -0.2, language: .french).label == .negative)
        #expect(Sentiment(score: 0.2, language: .french).label == .positive)
        #expect(label("I'm a little worried about tomorrow.") == .negative)
    }

    @Test func boosterWithNothingToBoostIsAnAdjective() {
        #expect(label("C'est super !") == .positive)
        #expect(label("C'est bien.") == .positive)
        #expect(label("Das ist super", .german) == .positive)
        #expect(label("C'est super lent.") == .negative)
        // An intensifier alone has no polarity: "vraiment ?" asks, it does not praise.
        #expect(label("Vraiment ?", .french) == .neutral)
    }

    @Test func anticipationIsPositive() {
        #expect(label("Can't wait for the concert on Saturday") == .positive)
        #expect(label("So pumped for the launch tomorrow") == .positive)
        #expect(label("Looking forward to the meetup next week") == .positive)
        #expect(label("I can't wait any longer, the delivery is late again") != .positive)
        // A phrase is one unit: the "not" inside "can't wait" does not negate what follows.
        #expect(label("Can't wait! So excited") == .positive)
    }

    @Test func chatWordsIdiomsAndEmojiVaderLacksOrMisreads() {
        #expect(label("Your support team was incredible") == .positive)
        #expect(label("This is my favourite café in town") == .positive)
        #expect(label("Honoured to be part of this community") == .positive)
        // Praise idioms whose words alone read as violence.
        #expect(label("You killed it tonight!") == .positive)
        #expect(label("She nailed it, bravo") == .positive)
        #expect(label("What a waste of money") == .negative)
        #expect(label("The delivery was a nightmare") == .negative)
        #expect(label("Totally overpriced for what you get") == .negative)
        #expect(label("Not worth it at all") == .negative)
        #expect(label("The new login page is creepy") == .negative)
        #expect(label("2016 was a dumpster fire") == .negative)
        // Profanity as an exclamation of delight, and "I'm dead" as laughter; the words alone keep their sense.
        #expect(label("Hell yeah, we won!") == .positive)
        #expect(label("I'm dead 😂😂") == .positive)
        #expect(label("My phone is dead again") == .negative)
        // Emoji whose description VADER does not score.
        #expect(label("Launch day 🍾🎊") == .positive)
        #expect(label("Monday morning 🤒") == .negative)
    }

    @Test func wordsInsideNamesAndTitlesCountForLittle() {
        // "Good" and "Hero" here name a show and an award.
        #expect(label("Hulk Hogan is on Good Morning America tomorrow") == .neutral)
        #expect(label("Kristin Chenoweth arrives at the Hero Dog Awards") == .neutral)
        // After a comma a word opens a clause; hashtags are not names; German capitalises every noun.
        #expect(label("Hi Sarah, Great job on the event!") == .positive)
        #expect(label("What a day #Blessed #Grateful") == .positive)
        #expect(label("Vielen Dank für die schnelle Antwort", .german) == .positive)
        // Opening a sentence, or in lower case, the same words keep their sense.
        #expect(label("Good morning everyone, have a great day") == .positive)
        #expect(label("What a good show, my hero!") == .positive)
        #expect(label("Great news. Awesome work, team") == .positive)
        // A Message Written In Title Case has no names to tell apart: its words keep their sense.
        #expect(label("I Love This Product") == .positive)
        #expect(label("Really Disappointed With The New Version") == .negative)
    }

    @Test func frenchBandIsNarrow() {
        #expect(Sentiment(score: 0.13, language: .french).label == .positive)
        #expect(Sentiment(score: 0.13, language: .english).label == .neutral)
        #expect(Sentiment(score: -0.08, language: .french).label == .negative)
        #expect(Sentiment(score: 0.1, language: .french).label == .neutral)
        #expect(Sentiment(score: 0.1, language: .spanish).label == .neutral)
        // "nouveau" is neutral (the translated lexicon scored it -0.2, which the narrow band would call negative).
        #expect(label("Nouvelle mise à jour avec de nouvelles fonctionnalités", .french) == .neutral)
    }

    @Test func spanishItalianPortugueseFormsFindTheirLexiconEntry() {
        // The lexicons list "bellissimo", "pessimo", "lindo", "malo": other genders and numbers find them.
        #expect(label("Che serate bellissime", .italian) == .positive)
        #expect(label("Notizie pessime oggi", .italian) == .negative)
        #expect(label("Unas fotos lindas", .spanish) == .positive)
        #expect(label("Unas noticias malas", .spanish) == .negative)
        #expect(label("Respostas péssimas do governo", .portuguese) == .negative)
        #expect(label("Serate fantastiche", .italian) == .positive)
        // Words that are not in the lexicon in any form stay neutral.
        #expect(label("Unas casas nuevas", .spanish) == .neutral)
    }

    @Test func negationWithoutAScoredWordIsMildlyNegativeInShortLexicons() {
        // "funciona", "arrivato", "angekommen", "abre" are in no lexicon: the negation alone tells.
        #expect(label("La aplicación no funciona desde ayer", .spanish) == .negative)
        #expect(label("Il pacco non è ancora arrivato", .italian) == .negative)
        #expect(label("Das Paket ist immer noch nicht angekommen", .german) == .negative)
        #expect(label("O aplicativo não abre", .portuguese) == .negative)
        // A negator that negates a scored word counts once, through that word: "no es malo" is not negative.
        #expect(label("No es malo", .spanish) != .negative)
        // Only one negation in "não … nunca": the score equals that of a single negator.
        let once = analyzer.analyze("Ele não vem", language: .portuguese).sentiment.score
        let twice = analyzer.analyze("Ele não vem nunca", language: .portuguese).sentiment.score
        #expect(once < 0 && once == twice)
        // English and French, with full lexicons, do not use the rule.
        #expect(label("I don't know what time it is", .english) == .neutral)
        #expect(label("Je ne sais pas quelle heure il est", .french) == .neutral)
    }

    @Test func scoreStaysInRange() {
        let text = String(repeating: "love amazing perfect ", count: 500)
        let score = analyzer.analyze(text).sentiment.score
        #expect(score <= 1 && score > 0.9)
    }
}
