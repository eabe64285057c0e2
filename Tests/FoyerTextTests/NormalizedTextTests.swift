import Testing

@testable import FoyerText

@Suite("Normalisation")
struct NormalizedTextTests {
    private func words(_ text: NormalizedText) -> [String] {
        text.tokens.filter(\.isWord).map { String(decoding: text.foldedBytes(of: $0), as: UTF8.self) }
    }

    @Test func foldsCaseAndAccents_keepsAccentsInLowerForm() {
        let text = NormalizedText("Très ÉLÉGANT Straße")
        #expect(words(text) == ["tres", "elegant", "strasse"])
        let lower = text.tokens.filter(\.isWord).map { String(decoding: text.lowerBytes(of: $0), as: UTF8.self) }
        #expect(lower == ["très", "élégant", "straße"])
        #expect(text.tokens[1].flags.contains(.allCaps))
    }

    @Test func bareDomainsAreLinks_butDotsBetweenWordsAreNot() {
        #expect(NormalizedText("ringtone here: ringtones4u.mobi").urlCount == 1)
        #expect(NormalizedText("Se essa rua fosse minha...eu mandava").urlCount == 0)
    }

    @Test func marksWordsEndingInAcuteE() {
        let text = NormalizedText("crevé FERMÉES cassés été crève ferme cafés-bars")
        let marked = text.tokens.filter(\.isWord).map { $0.flags.contains(.acuteEnding) }
        #expect(marked == [true, true, true, true, false, false, true, false])
    }

    @Test func marksWordsInShortClosedQuotations() {
        func quoted(_ s: String) -> [Bool] {
            NormalizedText(s).tokens.filter(\.isWord).map { $0.flags.contains(.quoted) }
        }
        #expect(quoted("me dijeron \"zorra\" ayer") == [false, false, true, false])
        #expect(quoted("er schrieb „du Opfer“ drunter") == [false, false, true, true, false])
        #expect(quoted("on m'a dit « dégage » hier") == [false, false, false, false, true, false])
        // Not a quotation: one never closed (inches), one passed on whole (a retweet), one too long to be a word.
        #expect(quoted("a 27\" screen is big") == [false, false, false, false])
        #expect(quoted("\u{201C}@someone: you clown\u{201D} lol").allSatisfy { !$0 })
        #expect(quoted("she said \"I will not be coming to the party tonight\" ok").allSatisfy { !$0 })
    }

    @Test func styledLettersAndLookAlikesReadAsTheLettersTheyShow() {
        // Mathematical bold, fullwidth, circled, small capitals; a Cyrillic "е" and "і" inside Latin words.
        let text = NormalizedText("𝐒𝐔𝐁𝐒𝐂𝐑𝐈𝐁𝐄 ｆｒｅｅ ⓒⓗⓔⓒⓚ ᴄʜᴀɴɴᴇʟ frее іdіot")
        #expect(words(text) == ["subscribe", "free", "check", "channel", "free", "idiot"])
        #expect(text.disguisedLetterCount == 9 + 4 + 5 + 7 + 2 + 2)
        #expect(text.tokens[0].flags.contains(.allCaps))
        // Russian and Greek words are left as they are; the blood-type emoji stays an emoji.
        let foreign = NormalizedText("Отличное видео, μπράβο 🅰️")
        #expect(foreign.disguisedLetterCount == 0)
        #expect(foreign.nonLatinLetterCount == 8 + 5 + 6)
        #expect(foreign.emojiCount == 1)
        #expect(NormalizedText("I love this song").disguisedLetterCount == 0)
    }

    @Test func numericCharacterReferencesAreDecoded() {
        // Scraped tweets carry emoji as "&#128514;"; hexadecimal references too. A broken one stays text.
        let text = NormalizedText("so funny &#128514;&#x1F602; I&#39;m &#99999999; done")
        #expect(text.emojiCount == 2)
        #expect(words(text).prefix(3) == ["so", "funny", "i"])
        #expect(words(text).contains("done"))
    }

    @Test func invisibleCharactersInsideWordsAreDropped() {
        // Zero-width space and joiner, word joiner, soft hyphen, byte-order mark.
        let text = NormalizedText("su\u{200B}bscri\u{200C}be chan\u{2060}nel id\u{AD}iot song\u{FEFF}")
        #expect(words(text) == ["subscribe", "channel", "idiot", "song"])
    }

    @Test func recognisesURLsMentionsHashtagsAndEmoji() {
        let text = NormalizedText("@anna look at https://example.com/x and bit.ly/abc #FeatureRequest 😂👍🏽")
        #expect(text.urlCount == 2)
        #expect(text.mentionCount == 1)
        #expect(text.hashtagCount == 1)
        #expect(text.emojiCount == 2)
        #expect(words(text) == ["look", "at", "and", "featurerequest"])
        #expect(text.tokens.first { $0.flags.contains(.hashtag) } != nil)
    }

    @Test func emoticonGluedToAWordIsSplitOff() {
        let emoticons = AnalyzerResources.shared.sentimentLexicon.emoticons
        let glued = NormalizedText("a whole day of maths on monday:(", emoticons: emoticons)
        #expect(words(glued) == ["a", "whole", "day", "of", "maths", "on", "monday"])
        #expect(glued.tokens.last?.kind == .emoticon)
        #expect(glued.tokens.last?.hash == FNV.hash(bytes: ":(".utf8))
        // Times, ratios ("4:3" would read as the ":3" emoticon) and URLs keep their colons; an unknown ending stays
        // part of the word.
        for text in ["see you at 10:30", "the video is in 4:3", "https://example.com/a:)", "note:x", "n=3"] {
            #expect(!NormalizedText(text, emoticons: emoticons).tokens.contains { $0.kind == .emoticon }, "\(text)")
        }
    }

    @Test func wordsAfterACommaColonOrDashAreMarked() {
        let tokens = NormalizedText("Hi Sarah, Great job: well done - Team (again) Jean-Luc don't").tokens.filter(
            \.isWord)
        let paused = tokens.map { $0.flags.contains(.afterPause) }
        // Hi Sarah, Great job: well done - Team (again) Jean - Luc do not
        #expect(paused == [false, false, true, false, true, false, true, true, true, false, false, false])
    }

    @Test func elongatedWordsShareTheirKeyWithTheShortForm() {
        let long = NormalizedText("soooooo gooood").tokens
        #expect(long[0].flags.contains(.elongated))
        #expect(long[0].hashSingle == FNV.hash(bytes: "so".utf8))
        #expect(long[1].hash == FNV.hash(bytes: "good".utf8))
    }

    @Test func contractionsBecomeNot_andFrenchElisionSplits() {
        let text = NormalizedText("I don't know, l'équipe")
        #expect(text.tokens.contains { $0.hash == FNV.hash(bytes: "not".utf8) })
        #expect(words(text).suffix(2) == ["l", "equipe"])
    }

    @Test func questionMarksMarkTheirSentence() {
        let text = NormalizedText("Nice work! How did you do it?")
        #expect(text.sentenceIsQuestion == [false, true])
        #expect(text.exclamationCount == 1)
        #expect(text.questionCount == 1)
    }

    @Test func obfuscatedWordsGetADeobfuscatedKey() {
        let keys = Set(NormalizedText("sh1t f.u.c.k a$$hole i d i o t").obfuscatedKeys)
        for word in ["shit", "fuck", "asshole", "idiot"] {
            #expect(keys.contains(FNV.hash(bytes: word.utf8)), "missing \(word)")
        }
    }

    @Test func emptyAndWhitespaceInputsHaveNoTokens() {
        #expect(NormalizedText("").tokens.isEmpty)
        #expect(NormalizedText(" \n\t ").tokens.isEmpty)
    }

    @Test func hugeInputIsCutAtTheScalarLimit() {
        let huge = String(repeating: "word ", count: 100_000)
        let text = NormalizedText(huge)
        #expect(text.scalarCount == 20_001)
        #expect(text.wordCount == 4_000)
    }
}
