import Testing

@testable import FoyerText

@Suite("Intents")
struct IntentTests {
    @Test func questionsWithAndWithoutQuestionMark() {
        #expect(analyzer.analyze("How do I change my password?").intents.contains(.question))
        #expect(analyzer.analyze("is there a way to export my data").intents.contains(.question))
        #expect(analyzer.analyze("Quelqu'un sait quand a lieu la prochaine rencontre").intents.contains(.question))
        #expect(!analyzer.analyze("I'll be there on Saturday.").intents.contains(.question))
    }

    @Test func bugReportsAndComplaints() {
        let en = analyzer.analyze("The app keeps crashing since the last update, please fix it.").intents
        #expect(en.contains(.bug))
        let fr = analyzer.analyze("Toujours pas remboursé après trois semaines, c'est inadmissible.").intents
        #expect(fr.contains(.complaint))
    }

    @Test func serviceOutagesAndThanksForHelp() {
        #expect(analyzer.analyze("@BT_UK no broadband since this morning.").intents.contains(.complaint))
        #expect(analyzer.analyze("The app is rubbish.").intents.contains(.complaint))
        #expect(analyzer.analyze("@Orange pas de réseau depuis hier soir.").intents.contains(.complaint))
        #expect(analyzer.analyze("Colis jamais livré et toujours pas remboursé.").intents.contains(.complaint))
        // Thanks for help received, or a solved problem, is not a complaint.
        #expect(!analyzer.analyze("@Support merci pour votre réponse, problème résolu.").intents.contains(.complaint))
        #expect(
            !analyzer.analyze("@Support thanks for getting back to me, my delivery problem is sorted now.").intents
                .contains(.complaint))
    }

    @Test func ideasAndPraise() {
        #expect(analyzer.analyze("It would be great if we could pin messages.").intents.contains(.idea))
        #expect(analyzer.analyze("Ce serait bien de pouvoir épingler des messages.").intents.contains(.idea))
        #expect(analyzer.analyze("Thank you so much, amazing work!").intents.contains(.praise))
        #expect(analyzer.analyze("Merci beaucoup, super boulot !").intents.contains(.praise))
    }

    @Test func frenchSuggestionsPraiseAndBreakage() {
        // "Pourquoi ne pas…" proposes; it does not complain.
        let idea = analyzer.analyze("Pourquoi ne pas organiser un atelier en ligne pour les débutants ?").intents
        #expect(idea.contains(.idea) && !idea.contains(.complaint))
        #expect(analyzer.analyze("Vous devriez proposer un mode sombre dans l'appli").intents.contains(.idea))
        let thanks = analyzer.analyze("Merci pour votre réactivité, problème réglé en dix minutes !").intents
        #expect(thanks.contains(.praise) && !thanks.contains(.complaint))
        #expect(analyzer.analyze("Super produit, je recommande à 100 %").intents.contains(.praise))
        #expect(analyzer.analyze("Le bouton « valider » ne fait rien sur Firefox").intents.contains(.bug))
        #expect(analyzer.analyze("Les images ne chargent pas sur mobile").intents.contains(.bug))
    }

    @Test func intentsAreSortedAndUnique() {
        let intents = analyzer.analyze("Why does the app crash every time? Worst update ever.").intents
        #expect(intents == intents.sorted())
        #expect(Set(intents).count == intents.count)
    }

    @Test(arguments: ["en", "fr"])
    func fixtureMicroF1(language: String) throws {
        var tp = 0, fp = 0, fn = 0
        for line in try fixtureLines("intents.tsv") {
            let f = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard f[0] == language else { continue }
            let gold = Set(f[1].split(separator: ",").compactMap { Intent(rawValue: String($0)) })
            let predicted = Set(analyzer.analyze(f[2]).intents)
            tp += gold.intersection(predicted).count
            fp += predicted.subtracting(gold).count
            fn += gold.subtracting(predicted).count
        }
        let f1 = 2.0 * Double(tp) / Double(2 * tp + fp + fn)
        #expect(f1 >= 0.75, "micro-F1 \(f1)")
    }
}
