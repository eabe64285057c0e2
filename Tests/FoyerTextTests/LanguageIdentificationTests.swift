import Testing

@testable import FoyerText

@Suite("Language identification")
struct LanguageIdentificationTests {
    @Test(arguments: [
        ("The weather is lovely today and we are going to the beach.", "en"),
        ("Je ne sais pas si je pourrai venir à la réunion demain.", "fr"),
        ("No sé si podré ir a la reunión de mañana.", "es"),
        ("Ich weiß nicht, ob ich morgen zum Treffen kommen kann.", "de"),
        ("Non so se potrò venire alla riunione di domani.", "it"),
        ("Não sei se vou poder ir à reunião amanhã.", "pt"),
        ("Ik weet niet of ik morgen naar de vergadering kan komen.", "nl"),
    ])
    func identifiesSentences(text: String, code: String) {
        #expect(analyzer.analyze(text).language == code)
    }

    @Test(arguments: [
        ("merci beaucoup", "fr"), ("thank you", "en"), ("muchas gracias", "es"), ("vielen Dank", "de"),
        ("grazie mille", "it"), ("muito obrigado", "pt"), ("hartelijk bedankt", "nl"),
    ])
    func identifiesTwoWordMessages(text: String, code: String) {
        #expect(analyzer.analyze(text).language == code)
    }

    @Test func informalFrenchWithoutAccentsAndWithNoise() {
        let result = analyzer.analyze("@julie ca marche plus depuis hier soir c'est trop relou 😤 #bug https://t.co/x")
        #expect(result.language == "fr")
        #expect(result.languageConfidence > 0.5)
    }

    @Test func undeterminedWhenNothingToRead() {
        for text in ["", "😂😂😂", "https://example.com", "@someone", "12345", "ok"] {
            #expect(analyzer.analyze(text).language == "und", "\(text)")
        }
    }

    @Test func otherScriptsAreUndetermined() {
        // Russian, Greek, Japanese, Arabic: none of the seven Latin-script languages.
        for text in [
            "Привет, как дела? Отличное видео!", "Ωραίο τραγούδι, μπράβο!", "これは素晴らしい動画です", "هذا فيديو رائع جدا",
        ] {
            #expect(analyzer.analyze(text).language == "und", "\(text)")
        }
    }

    @Test func givenLanguageSkipsDetection() {
        let result = analyzer.analyze("hello there", language: .french)
        #expect(result.language == "fr")
        #expect(result.languageConfidence == 1)
    }

    @Test func languageCodesParse() {
        #expect(Language(code: "FR") == .french)
        #expect(Language(code: "pt-BR") == .portuguese)
        #expect(Language(code: "xx") == nil)
    }
}
