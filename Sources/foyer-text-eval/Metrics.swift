import Foundation

/// A confusion matrix over string labels, with accuracy and macro-F1.
struct Confusion {
    var labels: [String]
    private(set) var counts: [String: [String: Int]] = [:]
    private(set) var total = 0

    init(labels: [String]) { self.labels = labels }

    mutating func add(gold: String, predicted: String) {
        counts[gold, default: [:]][predicted, default: 0] += 1
        total += 1
    }

    var accuracy: Double {
        guard total > 0 else { return 0 }
        let correct = labels.reduce(0) { $0 + (counts[$1]?[$1] ?? 0) }
        return Double(correct) / Double(total)
    }

    func f1(_ label: String) -> Double {
        let tp = Double(counts[label]?[label] ?? 0)
        let predicted = Double(counts.values.reduce(0) { $0 + ($1[label] ?? 0) })
        let gold = Double(counts[label]?.values.reduce(0, +) ?? 0)
        guard tp > 0 else { return 0 }
        let p = tp / predicted
        let r = tp / gold
        return 2 * p * r / (p + r)
    }

    func precision(_ label: String) -> Double {
        let tp = Double(counts[label]?[label] ?? 0)
        let predicted = Double(counts.values.reduce(0) { $0 + ($1[label] ?? 0) })
        return predicted > 0 ? tp / predicted : 0
    }

    func recall(_ label: String) -> Double {
        let tp = Double(counts[label]?[label] ?? 0)
        let gold = Double(counts[label]?.values.reduce(0, +) ?? 0)
        return gold > 0 ? tp / gold : 0
    }

    var macroF1: Double { labels.isEmpty ? 0 : labels.reduce(0) { $0 + f1($1) } / Double(labels.count) }
}

func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
