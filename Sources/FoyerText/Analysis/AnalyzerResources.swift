/// Everything the analysers read, loaded from the bundle once, on first use, by whichever thread gets there
/// first (a `static let` is initialised exactly once, thread-safely). Immutable afterwards, so shared freely.
final class AnalyzerResources: Sendable {
    static let shared = AnalyzerResources()

    let sentimentLexicon: SentimentLexicon
    let cues: CueTable
    let languageModel: LanguageModel
    let spamWords: WordModel
    let frenchToxicityWords: WordModel
    let toxicityWords: WordModel
    /// Problems met while loading (missing files); empty in a correct build.
    let problems: [String]

    private init() {
        var problems: [String] = []
        sentimentLexicon = SentimentLexicon(problems: &problems)
        var cues = CueTable()
        // LDNOOBW first, with a low weight (the lists mix slurs with words such as "nude" or "bordel"), so that
        // FoyerText's own judgement in cues.tsv overrides them.
        for language in Language.identifiable {
            let mask = CueTable.languageMask(Substring(language.rawValue))
            for line in ResourceFiles.lines("ldnoobw/\(language.rawValue).txt", problems: &problems) {
                cues.add(phrase: line, cue: .init(task: .obscenity, weight: 0.35, languages: mask))
            }
        }
        for line in ResourceFiles.lines("cues.tsv", problems: &problems) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 4, let task = CueTable.Task(name: f[0]), let weight = Float(f[2]) else { continue }
            cues.add(phrase: f[3], cue: .init(task: task, weight: weight, languages: CueTable.languageMask(f[1])))
        }
        cues.finish()
        self.cues = cues
        languageModel = LanguageModel(problems: &problems)
        spamWords = WordModel(.spam, problems: &problems)
        frenchToxicityWords = WordModel(.frenchToxicity, problems: &problems)
        toxicityWords = WordModel(.toxicity, problems: &problems)
        self.problems = problems
    }

    /// The loaded word model of `kind`.
    func wordModel(_ kind: WordModel.Kind) -> WordModel {
        switch kind {
        case .spam: spamWords
        case .frenchToxicity: frenchToxicityWords
        case .toxicity: toxicityWords
        }
    }
}
