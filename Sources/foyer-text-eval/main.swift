// Scores FoyerText on the labelled data in the shared `nlp` folder and prints accuracy and F1 per task and
// language. Not shipped and not used by anything else.
//
//   swift run -c release foyer-text-eval --data ../shared/nlp            # quality
//   swift run -c release foyer-text-eval --bench [--seconds 5]           # throughput, one core
//   swift run -c release foyer-text-eval --try "some text"               # one analysis as JSON
//   swift run -c release foyer-text-eval --train-spam                    # re-learns Resources/spam_words.tsv
//   swift run -c release foyer-text-eval --train-toxicity-fr             # re-learns Resources/toxicity_fr_words.tsv
//   swift run -c release foyer-text-eval --train-toxicity                # re-learns Resources/toxicity_words.tsv
import Foundation
import FoyerText

var dataPath = "../shared/nlp"
var fixturesPath = "Tests/FoyerTextTests/Fixtures"
var bench = false
var benchSeconds = 5.0
var tryText: String?
var onlyTask: String?
var predictLanguage: String?
var training: WordModel.Kind?
var trainingOutput: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--data": dataPath = arguments.next() ?? dataPath
    case "--fixtures": fixturesPath = arguments.next() ?? fixturesPath
    case "--bench": bench = true
    case "--seconds": benchSeconds = Double(arguments.next() ?? "") ?? benchSeconds
    case "--try": tryText = arguments.next()
    case "--task": onlyTask = arguments.next()
    case "--predict": predictLanguage = arguments.next() ?? "auto"
    case "--train-spam": training = .spam
    case "--train-toxicity-fr": training = .frenchToxicity
    case "--train-toxicity": training = .toxicity
    case "--output": trainingOutput = arguments.next()
    case "-h", "--help":
        print(
            "usage: foyer-text-eval [--data <nlp folder>] [--fixtures <folder>] [--task <name>] [--bench [--seconds N]] [--try <text>] [--predict <lang|auto>] [--train-spam | --train-toxicity-fr | --train-toxicity [--output <.tsv>]]"
        )
        exit(0)
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

if let training {
    // Learns a word model from the data: the messages the analyser places in the languages it is applied to, on top
    // of the rules' evidence for each.
    let resources = "Sources/FoyerText/Resources"
    let output = trainingOutput ?? "\(resources)/\(training.resource)"
    do {
        try ModelTraining(dataPath: dataPath, fixturesPath: fixturesPath, languageTextsPath: "\(resources)/langid")
            .run(training, output: output)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}

let memoryBeforeLoading = Benchmark.residentMegabytes()
let analyzer = TextAnalyzer()
let memoryAfterLoading = Benchmark.residentMegabytes()
if !analyzer.resourceProblems.isEmpty {
    FileHandle.standardError.write(Data("resource problems: \(analyzer.resourceProblems)\n".utf8))
    exit(1)
}

if let tryText {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(analyzer.analyze(tryText)), as: UTF8.self))
    exit(0)
}

// Reads messages from stdin, prints "language sentiment score toxicity spam intents" per line (for error analysis).
if let predictLanguage {
    let language = Language(code: predictLanguage)
    let input = FileHandle.standardInput.readDataToEndOfFile()
    for lineBytes in input.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
        let line = String(decoding: lineBytes, as: UTF8.self)
        let a = analyzer.analyze(line, language: language)
        print(
            [
                a.language, a.sentiment.label.rawValue, String(a.sentiment.score), String(a.toxicity.score),
                a.toxicity.categories.map(\.rawValue).joined(separator: ","), String(a.spam.score),
                a.intents.map(\.rawValue).joined(separator: ","),
            ].joined(separator: "\t"))
    }
    exit(0)
}

if bench {
    print(
        "resident memory: \(fmt(memoryBeforeLoading)) MB before loading the resources, \(fmt(memoryAfterLoading)) MB after"
    )
    Benchmark(dataPath: dataPath, fixturesPath: fixturesPath, seconds: benchSeconds).run()
    exit(0)
}

Evaluation(dataPath: dataPath, fixturesPath: fixturesPath, only: onlyTask).run()
