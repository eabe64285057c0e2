import Foundation
import FoyerText

/// Throughput of the whole pipeline on one core: messages per second over a mix of real short texts
/// (tweets, SMS, sentences in seven languages) taken from the data folder, cycled for `seconds`.
struct Benchmark {
    let dataPath: String
    let fixturesPath: String
    let seconds: Double

    /// Resident set size from /proc (Linux); 0 elsewhere.
    static func residentMegabytes() -> Double {
        guard let status = DataFiles.text("/proc/self/status") else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }

    func run() {
        var corpus: [String] = []
        let files = [
            "sentiment/tweeteval_en/val_text.txt", "sentiment/umsab/french/val_text.txt",
            "sentiment/umsab/spanish/val_text.txt", "sentiment/umsab/german/val_text.txt",
            "langid/lingua_testdata/sentences/it.txt", "langid/lingua_testdata/sentences/pt.txt",
            "langid/lingua_testdata/sentences/nl.txt",
        ]
        for f in files { corpus += DataFiles.lines((dataPath as NSString).appendingPathComponent(f)) ?? [] }
        if let sms = DataFiles.lines(
            (dataPath as NSString).appendingPathComponent("spam/sms_spam_collection/SMSSpamCollection"))
        {
            corpus += sms.prefix(2000).compactMap { $0.split(separator: "\t", maxSplits: 1).last.map(String.init) }
        }
        if corpus.isEmpty { corpus = ["This is great, thanks!", "Ça ne marche pas, vous pouvez corriger ?"] }
        let analyzer = TextAnalyzer()
        _ = analyzer.analyze("warm up")
        let averageLength = Double(corpus.reduce(0) { $0 + $1.utf8.count }) / Double(corpus.count)
        var count = 0
        var checksum = 0.0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        while elapsed < seconds {
            for text in corpus {
                let result = analyzer.analyze(text)
                checksum += result.sentiment.score
            }
            count += corpus.count
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        // Parts, for orientation: language identification alone, and the pipeline with the language given.
        for (name, body) in [
            ("identifyLanguage only", { (t: String) in _ = analyzer.identifyLanguage(t) }),
            ("analyze, language given", { (t: String) in _ = analyzer.analyze(t, language: .english) }),
        ] as [(String, (String) -> Void)] {
            let partStart = DispatchTime.now().uptimeNanoseconds
            for text in corpus { body(text) }
            let partElapsed = Double(DispatchTime.now().uptimeNanoseconds - partStart) / 1e9
            print("  \(name): \(fmt(partElapsed / Double(corpus.count) * 1e6)) µs/message")
        }
        print(
            "messages: \(count) in \(fmt(elapsed)) s on one thread (corpus \(corpus.count) texts, mean \(Int(averageLength)) bytes)"
        )
        print(
            "throughput: \(Int(Double(count) / elapsed)) messages/s  (\(fmt(elapsed / Double(count) * 1e6)) µs/message)  checksum \(fmt(checksum))"
        )
    }
}
