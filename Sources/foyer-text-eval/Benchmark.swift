import Foundation
import FoyerText

/// Throughput of the whole pipeline on one core: messages per second over a mix of real short texts
/// (tweets, SMS, sentences in seven languages) taken from the data folder, cycled for `seconds`.
struct Benchmark {
    let dataPath: String
    let fixturesPath: String
    let seconds: Double

    func run() {
        var corpus: [String] = []
        let files = [
            "sentiment/tweeteval_en/val_text.txt", "sentiment/umsab/french/val_text.txt",
            "sentiment/umsab/spanish/val_text.txt", "sentiment/umsab/german/val_text.txt",
            "langid/lingua_testdata/sentences/it.txt", "langid/lingua_testdata/sentences/pt.txt",
            "langid/lingua_testdata/sentences/nl.txt",
        ]
        for f in files { corpus += DataFiles.lines((dataPath as NSString).appendingPathComponent(f)) ?? [] }
        if let sms = DataFiles.lines((dataPath as NSString).appendingPathComponent("spam/sms_spam_collection/SMSSpamCollection")) {
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
        print("messages: \(count) in \(fmt(elapsed)) s on one thread (corpus \(corpus.count) texts, mean \(Int(averageLength)) bytes)")
        print("throughput: \(Int(Double(count) / elapsed)) messages/s  (\(fmt(elapsed / Double(count) * 1e6)) µs/message)  checksum \(fmt(checksum))")
    }
}
