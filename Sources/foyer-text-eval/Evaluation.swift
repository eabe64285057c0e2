import Foundation
import FoyerText

/// Every task, on every data set present. "held-out" data were never used to build or tune FoyerText's shipped
/// resources; "ship-ok" data are the ones the bundled lexicons come from (or thresholds were checked on).
struct Evaluation {
    let dataPath: String
    let fixturesPath: String
    let only: String?
    let analyzer = TextAnalyzer()

    func run() {
        print("FoyerText evaluation — data: \(dataPath)")
        if wants("langid") { languageIdentification() }
        if wants("sentiment") { sentiment() }
        if wants("toxicity") { toxicity() }
        if wants("spam") { spam() }
        if wants("intents") { intents() }
    }

    private func wants(_ task: String) -> Bool { only == nil || only == task }

    private func path(_ relative: String) -> String { (dataPath as NSString).appendingPathComponent(relative) }

    private func header(_ title: String) { print("\n## \(title)") }

    private func row(_ name: String, _ n: Int, _ values: [(String, Double)]) {
        let cells = values.map { "\($0.0) \(fmt($0.1))" }.joined(separator: "  ")
        print(
            "\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) n=\(String(n).padding(toLength: 6, withPad: " ", startingAt: 0)) \(cells)"
        )
    }

    // MARK: Language identification

    func languageIdentification() {
        header("Language identification (lingua test data, held-out; 7 languages, und counts as wrong)")
        let codes = ["en", "fr", "es", "de", "it", "pt", "nl"]
        for kind in ["sentences", "word-pairs", "single-words"] {
            var all = Confusion(labels: codes)
            var perLanguage: [(String, Double)] = []
            for code in codes {
                guard let lines = DataFiles.lines(path("langid/lingua_testdata/\(kind)/\(code).txt")) else { continue }
                var correct = 0
                for line in lines where !line.isEmpty {
                    let predicted = analyzer.identifyLanguage(line).language.rawValue
                    all.add(gold: code, predicted: predicted)
                    if predicted == code { correct += 1 }
                }
                perLanguage.append((code, Double(correct) / Double(max(1, lines.count))))
            }
            guard all.total > 0 else { continue }
            row("langid \(kind)", all.total, [("acc", all.accuracy), ("macroF1", all.macroF1)])
            print("    per language accuracy: " + perLanguage.map { "\($0.0) \(fmt($0.1))" }.joined(separator: "  "))
        }
    }

    // MARK: Sentiment

    private func sentimentLabel(_ text: String, language: Language?) -> String {
        analyzer.analyze(text, language: language).sentiment.label.rawValue
    }

    func sentiment() {
        header("Sentiment, 3 classes (negative / neutral / positive)")
        let labels = ["negative", "neutral", "positive"]
        let names = ["0": "negative", "1": "neutral", "2": "positive"]
        if let texts = DataFiles.lines(path("sentiment/tweeteval_en/val_text.txt")),
            let gold = DataFiles.lines(path("sentiment/tweeteval_en/val_labels.txt"))
        {
            var c = Confusion(labels: labels)
            for (t, g) in zip(texts, gold) {
                c.add(gold: names[g] ?? g, predicted: sentimentLabel(t, language: .english))
            }
            row("en tweeteval val (read: 88 % in umsab)", c.total, [("acc", c.accuracy), ("macroF1", c.macroF1)])
        }
        let umsab: [(String, Language)] = [
            ("english", .english), ("french", .french), ("spanish", .spanish), ("german", .german),
            ("italian", .italian), ("portuguese", .portuguese),
        ]
        for (folder, language) in umsab {
            var c = Confusion(labels: labels)
            var detected = Confusion(labels: labels)
            var validation = Confusion(labels: labels)
            for split in ["train", "val"] {
                guard let texts = DataFiles.lines(path("sentiment/umsab/\(folder)/\(split)_text.txt")),
                    let gold = DataFiles.lines(path("sentiment/umsab/\(folder)/\(split)_labels.txt"))
                else { continue }
                for (t, g) in zip(texts, gold) {
                    let predicted = sentimentLabel(t, language: language)
                    c.add(gold: names[g] ?? g, predicted: predicted)
                    if split == "val" { validation.add(gold: names[g] ?? g, predicted: predicted) }
                    detected.add(gold: names[g] ?? g, predicted: sentimentLabel(t, language: nil))
                }
            }
            guard c.total > 0 else { continue }
            // The French neutral band and the value of a lone negator (German, fifth round) were chosen on the
            // training split: the validation split is the held-out figure. UMSAB English was read while choosing
            // rules (third and fourth rounds, docs/TEXT-ANALYSIS.md).
            let use: String
            switch language {
            case .french: use = "band from train"
            case .german: use = "value from train"
            case .english: use = "read"
            default: use = "held-out"
            }
            row(
                "\(language.rawValue) umsab train+val (\(use))", c.total,
                [
                    ("acc", c.accuracy), ("macroF1", c.macroF1), ("macroF1 lang detected", detected.macroF1),
                    ("val macroF1", validation.macroF1),
                ])
        }
        // Hutto et al. ground truth: mean valence; neutral within ±0.5 of 0 on the -4…4 scale… VADER's lexicon
        // was built from the same raters, so this is the data FoyerText was checked on, not held-out.
        for file in ["tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"] {
            guard let lines = DataFiles.lines(path("sentiment/vader_hutto2014/\(file)_GroundTruth.txt")) else {
                continue
            }
            var c = Confusion(labels: labels)
            for line in lines {
                let f = line.split(separator: "\t", maxSplits: 2)
                guard f.count == 3, let v = Double(f[1]) else { continue }
                let gold = v >= 0.5 ? "positive" : (v <= -0.5 ? "negative" : "neutral")
                c.add(gold: gold, predicted: sentimentLabel(String(f[2]), language: .english))
            }
            row("en hutto2014 \(file) (ship-ok, tuning)", c.total, [("acc", c.accuracy), ("macroF1", c.macroF1)])
        }
        // Allociné TV reviews: two classes; a review is predicted positive when its score is >= 0.
        var allocine = Confusion(labels: ["negative", "positive"])
        for split in ["train", "dev"] {
            guard let lines = DataFiles.lines(path("sentiment/allocine_tv_fr/\(split).tsv")) else { continue }
            for line in lines {
                let f = line.split(separator: "\t", maxSplits: 1)
                guard f.count == 2 else { continue }
                let score = analyzer.analyze(String(f[1]), language: .french).sentiment.score
                allocine.add(
                    gold: f[0] == "1" ? "positive" : "negative", predicted: score >= 0 ? "positive" : "negative")
            }
        }
        if allocine.total > 0 {
            row(
                "fr allocine tv reviews, 2 classes (held-out)", allocine.total,
                [("acc", allocine.accuracy), ("macroF1", allocine.macroF1)])
        }
    }

    // MARK: Toxicity

    func toxicity() {
        header("Toxicity (toxic = score >= \(Toxicity.threshold))")
        let labels = ["ok", "toxic"]
        for (name, folder) in [
            ("en offenseval tweeteval", "tweeteval_offensive"), ("en hateval tweeteval", "tweeteval_hate"),
        ] {
            for split in ["val", "train"] {
                guard let texts = DataFiles.lines(path("toxicity/\(folder)/\(split)_text.txt")),
                    let gold = DataFiles.lines(path("toxicity/\(folder)/\(split)_labels.txt"))
                else { continue }
                var c = Confusion(labels: labels)
                for (t, g) in zip(texts, gold) {
                    c.add(
                        gold: g == "1" ? "toxic" : "ok",
                        predicted: analyzer.analyze(t, language: .english).toxicity.toxic ? "toxic" : "ok")
                }
                row(
                    "\(name) \(split) (held-out)", c.total,
                    [
                        ("acc", c.accuracy), ("macroF1", c.macroF1), ("P", c.precision("toxic")),
                        ("R", c.recall("toxic")),
                    ])
            }
        }
        if let rows = DataFiles.csv(path("toxicity/davidson2017/labeled_data.csv")) {
            var c = Confusion(labels: labels)
            var hate = 0, hateCaught = 0
            for r in rows.dropFirst() where r.count >= 7 {
                let gold = r[5] == "2" ? "ok" : "toxic"
                let t = analyzer.analyze(r[6], language: .english).toxicity
                c.add(gold: gold, predicted: t.toxic ? "toxic" : "ok")
                if r[5] == "0" { hate += 1; if t.categories.contains(.hate) { hateCaught += 1 } }
            }
            row(
                "en davidson2017 hate+offensive (ship-ok)", c.total,
                [
                    ("acc", c.accuracy), ("macroF1", c.macroF1), ("P", c.precision("toxic")), ("R", c.recall("toxic")),
                    ("hate-cat recall", Double(hateCaught) / Double(max(1, hate))),
                ])
        }
        if let rows = DataFiles.csv(path("toxicity/mlma2019_en/en_dataset_with_stop_words.csv")) {
            var c = Confusion(labels: labels)
            for r in rows.dropFirst() where r.count >= 3 {
                let gold = r[2] == "normal" ? "ok" : "toxic"
                c.add(gold: gold, predicted: analyzer.analyze(r[1], language: .english).toxicity.toxic ? "toxic" : "ok")
            }
            row(
                "en mlma2019 (ship-ok; nearly all hostile)", c.total,
                [("acc", c.accuracy), ("R toxic", c.recall("toxic"))])
        }
        for (file, name) in [
            ("toxicity_fr.tsv", "fr abuse fixture (own, written; learned)"),
            ("toxicity_fr_more.tsv", "fr abuse, more (own, written; learned)"),
            ("toxicity_fr_heldout.tsv", "fr abuse held-out (own, written; blind)"),
            ("toxicity_en.tsv", "en abuse fixture (own, written)"),
            ("toxicity_en_replies.tsv", "en replies, set A (own, written; read)"),
            ("toxicity_en_replies_heldout.tsv", "en replies, set B (own, written; blind)"),
            ("toxicity_multi.tsv", "es de it pt nl abuse (own, written; learned)"),
            ("toxicity_multi_heldout.tsv", "es de it pt nl abuse held-out (own; blind)"),
        ] {
            fixtureBinary(file, name: name, language: nil) { $0.toxicity.toxic }
        }
        // Ordinary text: the share of real tweets (and French reviews) flagged toxic, per language (should be small).
        for (language, folder) in [
            (Language.french, "french"), (.spanish, "spanish"), (.german, "german"), (.italian, "italian"),
            (.portuguese, "portuguese"),
        ] {
            var texts: [String] = []
            for split in ["train", "val"] {
                texts += DataFiles.lines(path("sentiment/umsab/\(folder)/\(split)_text.txt")) ?? []
            }
            if language == .french { texts += DataFiles.lines(path("sentiment/allocine_tv_fr/dev.tsv")) ?? [] }
            guard !texts.isEmpty else { continue }
            let flagged = texts.filter { analyzer.analyze($0, language: language).toxicity.toxic }.count
            let name = language == .french ? "tweets+reviews" : "tweets"
            row(
                "\(language.rawValue) ordinary \(name) flagged (held-out)", texts.count,
                [("flag rate", Double(flagged) / Double(texts.count))])
        }
    }

    // MARK: Spam

    func spam() {
        header("Spam (spam = score >= \(Spam.threshold))")
        if let lines = DataFiles.lines(path("spam/sms_spam_collection/SMSSpamCollection")) {
            var c = Confusion(labels: ["ham", "spam"])
            for line in lines {
                let f = line.split(separator: "\t", maxSplits: 1)
                guard f.count == 2 else { continue }
                c.add(gold: String(f[0]), predicted: analyzer.analyze(String(f[1])).spam.spam ? "spam" : "ham")
            }
            row(
                "sms spam (ship-ok; word model learned it)", c.total,
                [("acc", c.accuracy), ("F1 spam", c.f1("spam")), ("P", c.precision("spam")), ("R", c.recall("spam"))])
        }
        for (file, name) in [
            ("spam_comments.tsv", "comment spam fixture (own; learned)"),
            ("spam_comments_more.tsv", "more written comments (own; learned)"),
            ("spam_comments_heldout.tsv", "comment spam held-out, en (own, blind)"),
            ("spam_comments_heldout_multi.tsv", "comment spam held-out, multilingual (blind)"),
            ("spam_comments_heldout_music.tsv", "comment spam held-out, music videos (blind)"),
        ] {
            fixtureBinary(file, name: name, language: nil) { $0.spam.spam }
        }
        // Ordinary text flagged as spam (should be rare): UMSAB tweets (training split, held-out) per language, and
        // the own support messages and link shares the word model did not learn from.
        var counts: [String] = []
        for (code, folder) in [
            ("en", "english"), ("fr", "french"), ("es", "spanish"), ("de", "german"), ("it", "italian"),
            ("pt", "portuguese"),
        ] {
            guard let texts = DataFiles.lines(path("sentiment/umsab/\(folder)/train_text.txt")) else { continue }
            counts.append("\(code) \(texts.filter { analyzer.analyze($0).spam.spam }.count)/\(texts.count)")
        }
        if !counts.isEmpty { print("ordinary tweets flagged as spam (UMSAB)        " + counts.joined(separator: "  ")) }
        for (file, name) in [
            ("support_messages_heldout.tsv", "support messages flagged (own, not learned)"),
            ("link_shares_heldout.tsv", "link shares flagged (own, not learned)"),
        ] {
            guard let lines = DataFiles.lines((fixturesPath as NSString).appendingPathComponent(file)) else { continue }
            let texts = lines.filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: "\t", maxSplits: 1).last }
            let flagged = texts.filter { analyzer.analyze(String($0)).spam.spam }.count
            row(name, texts.count, [("flag rate", Double(flagged) / Double(max(texts.count, 1)))])
        }
    }

    // MARK: Intents

    func intents() {
        header("Intents")
        if let rows = DataFiles.csv(path("intent/complaints_preotiuc2019/complaints-dev.csv")) {
            var c = Confusion(labels: ["no", "yes"])
            for r in rows.dropFirst() where r.count >= 3 {
                let yes = analyzer.analyze(r[1], language: .english).intents.contains(.complaint)
                c.add(gold: r[2] == "1" ? "yes" : "no", predicted: yes ? "yes" : "no")
            }
            row(
                "en complaints preotiuc2019 dev (held-out)", c.total,
                [("acc", c.accuracy), ("F1 complaint", c.f1("yes")), ("P", c.precision("yes")), ("R", c.recall("yes"))])
        }
        if let rows = DataFiles.csv(path("intent/semeval2019_suggestions/trial_labeled.csv")) {
            var c = Confusion(labels: ["no", "yes"])
            for r in rows.dropFirst() where r.count >= 3 {
                let yes = analyzer.analyze(r[1], language: .english).intents.contains(.idea)
                c.add(gold: r[2] == "1" ? "yes" : "no", predicted: yes ? "yes" : "no")
            }
            row(
                "en suggestions semeval2019 trial (held-out)", c.total,
                [("acc", c.accuracy), ("F1 idea", c.f1("yes")), ("P", c.precision("yes")), ("R", c.recall("yes"))])
        }
        fixtureBinary("customer_tweets.tsv", name: "en customer tweets, complaint (own, written)", language: nil) {
            $0.intents.contains(.complaint)
        }
        // Own fixture: "lang<TAB>intents (comma-separated or -)<TAB>text".
        guard let lines = DataFiles.lines((fixturesPath as NSString).appendingPathComponent("intents.tsv")) else {
            return
        }
        for code in ["en", "fr"] {
            var perIntent: [(String, Double)] = []
            var n = 0
            for intent in Intent.allCases {
                var c = Confusion(labels: ["no", "yes"])
                for line in lines where !line.hasPrefix("#") {
                    let f = line.split(separator: "\t", maxSplits: 2)
                    guard f.count == 3, f[0] == code else { continue }
                    let gold = f[1].split(separator: ",").contains(Substring(intent.rawValue))
                    let predicted = analyzer.analyze(String(f[2])).intents.contains(intent)
                    c.add(gold: gold ? "yes" : "no", predicted: predicted ? "yes" : "no")
                }
                n = c.total
                perIntent.append((intent.rawValue, c.f1("yes")))
            }
            row("\(code) intents fixture (own, written), F1", n, perIntent)
        }
    }

    /// F1 of `predicate` on an own fixture of "label<TAB>text" lines (label 1 positive, 0 not), or of
    /// "language<TAB>label<TAB>text" lines, then also per language.
    private func fixtureBinary(_ file: String, name: String, language: Language?, _ predicate: (TextAnalysis) -> Bool) {
        guard let lines = DataFiles.lines((fixturesPath as NSString).appendingPathComponent(file)) else { return }
        var all = Confusion(labels: ["0", "1"])
        var perLanguage: [String: Confusion] = [:]
        for line in lines where !line.hasPrefix("#") {
            var f = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard f.count == 2 else { continue }
            var written: String?
            if Language(rawValue: f[0]) != nil {
                written = f[0]
                f = f[1].split(separator: "\t", maxSplits: 1).map(String.init)
                guard f.count == 2 else { continue }
            }
            let predicted = predicate(analyzer.analyze(f[1], language: language)) ? "1" : "0"
            all.add(gold: f[0], predicted: predicted)
            if let written {
                perLanguage[written, default: Confusion(labels: ["0", "1"])].add(gold: f[0], predicted: predicted)
            }
        }
        func scores(_ c: Confusion) -> [(String, Double)] {
            [("acc", c.accuracy), ("F1", c.f1("1")), ("P", c.precision("1")), ("R", c.recall("1"))]
        }
        row(name, all.total, scores(all))
        for (code, c) in perLanguage.sorted(by: { $0.key < $1.key }) { row("  \(code)", c.total, scores(c)) }
    }
}
