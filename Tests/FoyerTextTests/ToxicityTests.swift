import Testing

@testable import FoyerText

@Suite("Toxicity")
struct ToxicityTests {
    @Test func insultsInEnglishAndFrench() {
        let en = analyzer.analyze("You are a complete idiot").toxicity
        #expect(en.toxic)
        #expect(en.categories.contains(.insult))
        let fr = analyzer.analyze("T'es vraiment un gros con").toxicity
        #expect(fr.toxic)
        #expect(fr.categories.contains(.insult))
    }

    @Test func threatsAndHate() {
        #expect(analyzer.analyze("I will find you and kill you").toxicity.categories.contains(.threat))
        #expect(analyzer.analyze("Je vais te retrouver et te tuer").toxicity.categories.contains(.threat))
        #expect(analyzer.analyze("Retourne dans ton pays sale arabe").toxicity.categories.contains(.hate))
    }

    @Test func insultAsThePredicateOfAPersonIsAimed() {
        for text in ["He is a troll.", "What a clown.", "They are a bunch of clowns."] {
            #expect(analyzer.analyze(text).toxicity.toxic, "\(text)")
        }
        #expect(!analyzer.analyze("The clown at the circus was great.").toxicity.toxic)
        #expect(!analyzer.analyze("This is a damn good game.").toxicity.toxic)
        #expect(!analyzer.analyze("Le clown du cirque était génial.").toxicity.toxic)
    }

    @Test func obfuscatedInsultsAreCaught() {
        for text in [
            "you're a f*cking clown", "sh1t mods", "f u c k this", "idiooooot", "c0nnard va", "a$$hole", "what a b***h",
            "p*tain de merde", "sh** show", "𝐟𝐮𝐜𝐤 𝐲𝐨𝐮", "you are an іdіot", "espèce de c\u{200B}onnard",
        ] {
            #expect(analyzer.analyze(text).toxicity.toxic, "\(text)")
        }
    }

    @Test func ordinaryWordsContainingBadSubstringsStayClean() {
        for text in [
            "I'm going to the Scunthorpe concert", "My assistant will send the class assessment",
            "Le conseil municipal se réunit au concert", "Ce restaurant est réputé, il habite à côté",
            "Nous sommes contre cette proposition", "The cocktail bar opens at six",
        ] {
            let t = analyzer.analyze(text).toxicity
            #expect(!t.toxic, "\(text)")
            #expect(t.categories.isEmpty, "\(text)")
        }
    }

    @Test func dehumanisingGroupsIsHate_butTheAnimalItselfIsNot() {
        #expect(analyzer.analyze("Les migrants sont des rats").toxicity.categories == [.hate])
        #expect(analyzer.analyze("immigrants are animals").toxicity.categories == [.hate])
        #expect(!analyzer.analyze("Il y a des rats dans la cave").toxicity.toxic)
        #expect(!analyzer.analyze("Mon fils est autiste et il adore la musique").toxicity.toxic)
        #expect(analyzer.analyze("T'es autiste ou quoi").toxicity.toxic)
    }

    @Test func aPastParticipleIsNotTheWordItFoldsTo() {
        // Accents are folded so that "creve" still matches "crève"; a final "é" marks a different word.
        #expect(!analyzer.analyze("Je suis crevé après cette semaine", language: .french).toxicity.toxic)
        #expect(!analyzer.analyze("La police a fermé la rue pour la manifestation", language: .french).toxicity.toxic)
        #expect(analyzer.analyze("Crève !", language: .french).toxicity.toxic)
        #expect(analyzer.analyze("creve sale con", language: .french).toxicity.toxic)
    }

    @Test func weakInsultsCountWhenAimedAtAGroup() {
        for text in [
            "Les féministes sont toutes des hystériques", "Les immigrés ne sont que des profiteurs",
            "Vous êtes tous des lâches", "Ces gens-là ne sont que des animaux",
        ] {
            #expect(analyzer.analyze(text, language: .french).toxicity.toxic, "\(text)")
        }
        for text in [
            "Les moutons sont rentrés à la bergerie", "C'est un film raté", "J'ai raté mon bus",
            "Le cours de philo était chiant",
        ] {
            #expect(!analyzer.analyze(text, language: .french).toxicity.toxic, "\(text)")
        }
    }

    @Test func englishInsultsThatAreOrdinaryWordsInAnotherLanguageCountInEnglishOnly() {
        // "retard" is a delay in French, "negro" the colour black in Spanish and Portuguese, "bimbo" a child in
        // Italian, "hoe" how in Dutch, "hell" bright and "dick" thick in German, "lame" a blade in French.
        for (text, language) in [
            ("Encore des retards sur la ligne 13 ce matin", Language.french),
            ("Quiero el pelo negro azulado", .spanish),
            ("O mercado negro do câmbio", .portuguese), ("Il mio bimbo dorme finalmente", .italian),
            ("Hoe laat begint de wedstrijd?", .dutch), ("Das Zimmer ist hell und freundlich", .german),
            ("Die Suppe ist zu dick", .german), ("Une lame de rasoir neuve", .french),
        ] {
            #expect(!analyzer.analyze(text, language: language).toxicity.toxic, "\(text)")
        }
        #expect(analyzer.analyze("shut up you retard").toxicity.toxic)
    }

    @Test func anInsultReportedByTheOneWhoReceivedItIsNotAnAttack() {
        // Someone telling what was said to them, or to their child: nobody in the conversation is attacked.
        for text in [
            "On m'a traitée de grosse vache dans le bus ce matin",
            "Mon fils s'est fait traiter de sale arabe à l'école",
            "A guy at work called me an idiot today",
        ] {
            #expect(!analyzer.analyze(text).toxicity.toxic, "\(text)")
        }
        // Said to the reader, the same words are an insult.
        for text in ["Je te traite de connard si tu veux", "You are an idiot", "Ta gueule sale connard"] {
            #expect(analyzer.analyze(text).toxicity.toxic, "\(text)")
        }
    }

    @Test func categoriesAreListedOnlyForToxicMessages() {
        let mild = analyzer.analyze("damn, missed the bus").toxicity
        #expect(!mild.toxic)
        #expect(mild.categories.isEmpty)
    }

    @Test func scoreIsBoundedAndZeroForCleanText() {
        #expect(analyzer.analyze("Have a nice day").toxicity.score == 0)
        let worst = analyzer.analyze(String(repeating: "fuck you idiot ", count: 50)).toxicity.score
        #expect(worst <= 1 && worst > 0.99)
    }

    @Test func englishReplySlangAndThreats() {
        // British and online slang and threats of the kind replies use; the everyday sense stays clean.
        for text in [
            "what a numpty", "you absolute bellend", "@USER catch these hands", "this launch was a total shitshow",
            "@USER you're a knob", "I hope you choke on it",
        ] {
            #expect(analyzer.analyze(text).toxicity.toxic, "\(text)")
        }
        for text in [
            "The knob on my oven is broken", "Gammon and eggs for breakfast", "Brats on the grill tonight",
            "The leeches in the pond are gross", "Thick as thieves, those two",
        ] {
            #expect(!analyzer.analyze(text).toxicity.toxic, "\(text)")
        }
    }

    @Test func englishRepliesWrittenBlind_mostlyPrecise() throws {
        // Set B was never read: 0.59 of its offensive replies caught (0.56 before the seventh round's slang),
        // 0.99 of what is flagged is offensive.
        let (caught, falsePositiveRate) = try rates("toxicity_en_replies_heldout.tsv")
        #expect(caught >= 0.55)
        #expect(falsePositiveRate <= 0.02)
    }

    /// Share of the abusive lines flagged, and of the ordinary lines flagged, in a "label<TAB>text" fixture.
    private func rates(_ fixture: String) throws -> (caught: Double, falsePositives: Double) {
        var caught = 0, abusive = 0, falsePositives = 0, ordinary = 0
        for line in try fixtureLines(fixture) {
            let f = line.split(separator: "\t", maxSplits: 1)
            let toxic = analyzer.analyze(String(f[1])).toxicity.toxic
            if f[0] == "1" {
                abusive += 1; if toxic { caught += 1 }
            } else {
                ordinary += 1; if toxic { falsePositives += 1 }
            }
        }
        return (Double(caught) / Double(abusive), Double(falsePositives) / Double(ordinary))
    }

    @Test func frenchAbuseFixture_mostCaughtAndOrdinaryFrenchLeftAlone() throws {
        let (caught, falsePositiveRate) = try rates("toxicity_fr.tsv")
        #expect(caught >= 0.8)
        #expect(falsePositiveRate <= 0.05)
    }

    @Test func frenchAbuseWrittenBlind_mostCaughtAndOrdinaryFrenchLeftAlone() throws {
        // Never learned from: 0.84 caught and 2 % of the ordinary messages flagged with the French word model, 0.61
        // and 8 % with the rules alone.
        let (caught, falsePositiveRate) = try rates("toxicity_fr_heldout.tsv")
        #expect(caught >= 0.8)
        #expect(falsePositiveRate <= 0.04)
    }

    @Test(arguments: [WordModel.Kind.frenchToxicity, .toxicity])
    func toxicityModelLearnsOnTopOfTheRules(_ kind: WordModel.Kind) {
        // A word the cue lists do not know ("zorglub") carries the abuse; one they already count ("connard",
        // "gilipollas") needs little weight of its own, since the rules' evidence is each example's offset.
        let listed = kind == .frenchToxicity ? "connard" : "gilipollas"
        let (file, weights) = learnedTwice(kind) { i in
            kind == .frenchToxicity
                ? [
                    WordModel.Example(text: "espèce de connard numéro \(i)", positive: true),
                    WordModel.Example(text: "sale zorglub numéro \(i), dégage", positive: true),
                    WordModel.Example(text: "le jardin de mon voisin numéro \(i)", positive: false),
                    WordModel.Example(text: "merci pour la recette, c'était délicieux", positive: false, weight: 2),
                ]
                : [
                    WordModel.Example(text: "eres un gilipollas número \(i)", positive: true),
                    WordModel.Example(text: "eres un zorglub número \(i)", positive: true),
                    WordModel.Example(text: "el jardín de mi vecino número \(i) está precioso", positive: false),
                    WordModel.Example(text: "gracias por la receta, estaba riquísima", positive: false, weight: 2),
                ]
        }
        #expect(file.hasPrefix("# \(kind.title) of FoyerText"))
        let zorglub = weights["zorglub"] ?? 0
        #expect(zorglub > 0.5)
        #expect(abs(weights[listed] ?? 0) < zorglub)
    }

    @Test func frenchWordModelKnowsAttacksBeyondTheListsAndLeavesCasualProfanity() {
        // An attack without a listed word, and a swear word that attacks nobody.
        for text in ["Les femmes comme toi devraient se taire", "Tu mérites qu'on te casse les dents"] {
            #expect(analyzer.analyze(text, language: .french).toxicity.toxic, "\(text)")
        }
        #expect(!analyzer.analyze("Putain, j'ai encore raté mon train ce matin", language: .french).toxicity.toxic)
        #expect(
            !analyzer.analyze("Le nouveau parc éolien produit assez d'énergie pour la ville", language: .french)
                .toxicity.toxic)
    }

    @Test func abuseInTheFiveOtherLanguagesWrittenBlind_mostCaughtAndOrdinaryLeftAlone() throws {
        // Never learned from: 0.64 (pt) to 0.80 (de) caught and 0.5 to 5.5 % of the ordinary messages flagged with the
        // word model; 0.26 to 0.35 and 11 to 18 % with the rules before the ninth round.
        var counts: [String: (caught: Int, abusive: Int, flagged: Int, ordinary: Int)] = [:]
        for line in try fixtureLines("toxicity_multi_heldout.tsv") {
            let f = line.split(separator: "\t", maxSplits: 2).map(String.init)
            let toxic = analyzer.analyze(f[2]).toxicity.toxic
            var c = counts[f[0], default: (0, 0, 0, 0)]
            if f[1] == "1" {
                c.abusive += 1; if toxic { c.caught += 1 }
            } else {
                c.ordinary += 1; if toxic { c.flagged += 1 }
            }
            counts[f[0]] = c
        }
        #expect(counts.keys.sorted() == ["de", "es", "it", "nl", "pt"])
        for (language, c) in counts {
            #expect(Double(c.caught) / Double(c.abusive) >= 0.6, "\(language)")
            #expect(Double(c.flagged) / Double(c.ordinary) <= 0.07, "\(language)")
        }
    }

    @Test(arguments: [
        ("Nadie te ha preguntado, vuelve al colegio a aprender a leer", Language.spanish),
        ("Tornatene a scuola, non sai nemmeno scrivere", .italian),
        ("Le donne come te dovrebbero stare zitte", .italian),
        ("Ninguém pediu tua opinião, volta pra escola e aprende a ler", .portuguese),
        ("Geh zurück in die Schule, du kannst ja nicht mal lesen", .german),
        ("Mensen zoals jij moeten opgesloten worden", .dutch),
    ])
    func wordModelKnowsAttacksWithoutListedWords(_ text: String, _ language: Language) {
        #expect(analyzer.analyze(text, language: language).toxicity.toxic)
    }

    @Test(arguments: [
        ("Joder, otra vez se ha caído la conexión del tren", Language.spanish),
        ("Cazzo, ho dimenticato l'ombrello a casa", .italian),
        ("Porra, esqueci o guarda-chuva em casa de novo", .portuguese),
        ("Scheiße, ich hab den Zug schon wieder verpasst", .german),
        ("Verdorie, ik heb de trein weer gemist", .dutch),
        // Reported or quoted: the writer tells what someone else wrote or shouted.
        ("Le gritaron \"negro de mierda\" al defensa desde la grada, vergonzoso", .spanish),
        ("Sotto la foto mi hanno scritto \"frocio\", come lo segnalo?", .italian),
        ("Jemand hat unter mein Foto „Schlampe“ geschrieben, wie melde ich das?", .german),
        ("Iemand schreef „hoer“ onder mijn foto, hoe meld ik dat?", .dutch),
    ])
    func casualSwearingAndReportedAbuseAttackNobody(_ text: String, _ language: Language) {
        #expect(!analyzer.analyze(text, language: language).toxicity.toxic)
    }

    @Test func quotedInsultCountsWhenTheWriterAimsIt() {
        // The same quoted slur, aimed at the reader outside the quotation.
        #expect(analyzer.analyze("Eres un \"negro de mierda\" y lo sabes", language: .spanish).toxicity.toxic)
    }
}
