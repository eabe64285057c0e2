import Testing

@testable import FoyerText

@Suite("Spam")
struct SpamTests {
    @Test func selfPromotionAndScamsAreSpam() {
        for text in [
            "Check out my channel for more music videos!!",
            "Bitcoin giveaway! Send 0.1 BTC and get 1 BTC back",
            "I made $5000 this week working from home, message me on whatsapp +1 555 123 4567",
            "Abonnez-vous à ma chaîne pour plus de vidéos !",
            "subscribe subscribe subscribe subscribe subscribe subscribe",
        ] {
            #expect(analyzer.analyze(text).spam.spam, "\(text)")
        }
    }

    @Test func ordinaryCommentsAreNotSpam() {
        for text in [
            "This song never gets old", "Can someone tell me the name of the song at the end?",
            "Merci pour la vidéo, très bien expliqué", "Thanks for the help, it works now",
        ] {
            #expect(!analyzer.analyze(text).spam.spam, "\(text)")
        }
    }

    @Test func selfPromotionIsSpamInEveryLanguage() {
        // The writer's own channel, page or shop together with a call to the readers, however it is phrased.
        for text in [
            "Just opened my Etsy shop, handmade candles, take a look!",
            "Hola, les invito a ver mi canal de recetas",
            "Visiten mi perfil, vendo ropa de segunda mano",
            "Guardate il mio ultimo video",
            "Volg mijn kanaal voor meer muziek",
            "Besucht meinen Shop, 20 % Rabatt mit dem Code SOMMER",
            // Portuguese "no" is "in the", not a negation.
            "Galera, sigam minha página de memes no Instagram",
        ] {
            #expect(analyzer.analyze(text).spam.spam, "\(text)")
        }
    }

    @Test func spamWrittenToSlipPastWordListsIsCaught() {
        // Styled letters, look-alikes from other scripts and zero-width characters are read as what they show,
        // and disguised letters are themselves evidence.
        for text in [
            "𝐒𝐔𝐁𝐒𝐂𝐑𝐈𝐁𝐄 𝐭𝐨 𝐦𝐲 𝐜𝐡𝐚𝐧𝐧𝐞𝐥 𝐟𝐨𝐫 𝐟𝐫𝐞𝐞 𝐠𝐢𝐟𝐭𝐬",
            "ᴄʜᴇᴄᴋ ᴍʏ ᴄʜᴀɴɴᴇʟ ғᴏʀ ᴍᴏʀᴇ",
            "Get frее Robux at robux-gift dot com",
            "su\u{200B}bscri\u{200B}be to my chan\u{200B}nel for free giftcards",
            "ｆｒｅｅ ｍｏｎｅｙ ｗｈａｔｓａｐｐ ｍｅ",
        ] {
            #expect(analyzer.analyze(text).spam.spam, "\(text)")
        }
        // Styled letters alone are not spam: people write their feelings that way too.
        #expect(!analyzer.analyze("You are the cause of my 𝓭𝔂𝓼𝓹𝓱𝓸𝓻𝓲𝓪").spam.spam)
    }

    @Test func problemReportsWithTheSameWordsAreNotSpam() {
        // A negation or a breakage word means a problem, not an ad, even with "my video", "check" or a link.
        for text in [
            "I can't see my videos anymore, can you check?",
            "My video froze, can you check?",
            "The link in the description doesn't work anymore https://example.com/x",
            "No puedo ver mi canal desde ayer",
        ] {
            #expect(!analyzer.analyze(text).spam.spam, "\(text)")
        }
    }

    /// F1 and precision of the spam flag on a fixture of "label<TAB>text" or "language<TAB>label<TAB>text" lines.
    private func scores(_ fixture: String) throws -> (f1: Double, precision: Double) {
        var tp = 0, fp = 0, fn = 0
        for line in try fixtureLines(fixture) {
            let f = line.split(separator: "\t").suffix(2)
            let spam = analyzer.analyze(String(f.last!)).spam.spam
            if spam && f.first == "1" { tp += 1 } else if spam { fp += 1 } else if f.first == "1" { fn += 1 }
        }
        return (2.0 * Double(tp) / Double(2 * tp + fp + fn), Double(tp) / Double(max(tp + fp, 1)))
    }

    @Test func commentSpamFixturesF1() throws {
        // What the word model learns from: a check that the rules and the model agree with it.
        #expect(try scores("spam_comments.tsv").f1 >= 0.95)
        #expect(try scores("spam_comments_more.tsv").f1 >= 0.95)
    }

    @Test func heldOutCommentSpam_caughtWithoutFlaggingOrdinaryComments() throws {
        // Written blind and never learned from. English: 0.91 when the model was last learned (0.87 with the
        // English-only model, 0.68 with the rules alone); the seven languages: 0.91 (0.53 without a model for them).
        let (f1, precision) = try scores("spam_comments_heldout.tsv")
        #expect(f1 >= 0.90)
        #expect(precision >= 0.97)
        let (otherF1, otherPrecision) = try scores("spam_comments_heldout_multi.tsv")
        #expect(otherF1 >= 0.85)
        #expect(otherPrecision >= 0.97)
        // Under the big music videos of 2013-2015, by two more hands (1,358 comments): 0.93 when first scored and
        // when the model was last learned, no ordinary comment flagged.
        let (musicF1, musicPrecision) = try scores("spam_comments_heldout_music.tsv")
        #expect(musicF1 >= 0.90)
        #expect(musicPrecision >= 0.97)
    }

    @Test func supportMessagesAboutTheirOwnChannelAreNotSpam() throws {
        // Users writing about a problem with their own channel, shop or order use the words of self-promotion ("my
        // channel", "the link in my bio"). Half of a written set was learned from; of the other half 3.2 % is
        // flagged (5 of 157; the English-only model: 6).
        #expect(try flagRate("support_messages_heldout.tsv") <= 0.07)
    }

    @Test func mostLinkSharesAreNotSpam() throws {
        // A headline and its link is what ordinary accounts post all day, and members answer with sources. Two
        // written sets in seven languages never learned from (910 messages): 1.4 % flagged when the model was last
        // learned, 9.2 % before it learned a second set of 1,050 link shares.
        #expect(try flagRate("link_shares_heldout.tsv") <= 0.04)
    }

    /// The share of the messages of a "language<TAB>text" fixture flagged as spam.
    private func flagRate(_ fixture: String) throws -> Double {
        let texts = try fixtureLines(fixture).compactMap { $0.split(separator: "\t").last }
        return Double(texts.filter { analyzer.analyze(String($0)).spam.spam }.count) / Double(texts.count)
    }

    @Test func wordModelKnowsSpamInTheOtherLanguages() {
        // Money from home and follower selling, phrased beyond the hand-written phrases: the rules alone let
        // these through.
        for text in [
            "Gagne 200€ par jour depuis chez toi, écris-moi en privé pour savoir comment",
            "Qui veut des abonnés pas chers ? contactez moi",
            "Quem quer seguidores baratos? chama no direct",
            "Verdien 200 euro per dag vanuit huis, stuur me een bericht voor info",
        ] {
            #expect(analyzer.analyze(text).spam.spam, "\(text)")
        }
        // Ordinary comments in those languages stay ham, greetings and possessives included.
        for text in [
            "Je me suis abonné hier, vos vidéos sont top", "Hola, ¿alguien más viendo esto en 2025?",
            "Ich habe mein Paket immer noch nicht bekommen, könnt ihr helfen?",
            "Questo video mi ha fatto ridere tantissimo",
            "Alguém sabe o nome da música no minuto 2:14? É minha favorita",
            "Wat een prachtige beelden, echt genoten",
        ] {
            #expect(!analyzer.analyze(text).spam.spam, "\(text)")
        }
    }

    @Test func wordModelKnowsSelfPromotionBeyondThePhrases() {
        // Phrased in ways no hand-written phrase covers; the learned model knows their words. Softer still, with
        // neither a call nor a link, is the usual miss: "Hi I'm a new artist, my first song is out now on all
        // platforms" scores 0.32 since the seventh round (0.9 with the English-only model).
        for text in [
            "Hey everyone, I just started a channel about vintage cameras, would love your support",
            "I'm a new artist and my first single just dropped, would mean a lot if you gave it a listen",
            "Anyone want cheap followers? dm me",
        ] {
            #expect(analyzer.analyze(text).spam.spam, "\(text)")
        }
        // Ordinary comments and tweets with words spam also uses stay ham, and so do rows of emoji.
        for text in [
            "Thanks for the giveaway, I got my prize today!", "First time watching, already a fan",
            "My brother showed me this channel and now I can't stop", "Love this song 😍😍😍😍😍😍",
            "@anna Thank you so much! ❤️❤️❤️❤️❤️❤️❤️❤️", "The link in the description is broken, can you fix it?",
        ] {
            #expect(!analyzer.analyze(text).spam.spam, "\(text)")
        }
    }

    @Test func learningIsDeterministicAndLearnsWhatTheRulesMiss() throws {
        // The model learns on top of the rules: a word they do not know ("zorblax") carries the spam, a phrase
        // they already count ("subscribe to my channel") needs little weight of its own.
        let (_, weights) = learnedTwice(.spam) { i in
            [
                WordModel.Example(text: "subscribe to my channel number \(i)", positive: true),
                WordModel.Example(text: "the zorblax method number \(i) pays well", positive: true),
                WordModel.Example(text: "great video about my garden number \(i)", positive: false),
                WordModel.Example(text: "what a lovely song, thanks for sharing", positive: false, weight: 2),
            ]
        }
        let zorblax = weights["zorblax"] ?? 0
        #expect(zorblax > 0.5)
        #expect((weights["garden"] ?? 0) < -0.2)
        #expect(abs(weights["subscribe"] ?? 0) < zorblax)
        // Every feature written can be read back.
        for name in weights.keys where name != "<bias>" {
            #expect(WordModel.key(of: name) != nil, "\(name)")
        }
    }
}
