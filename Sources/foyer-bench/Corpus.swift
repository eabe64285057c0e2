import Foundation
import FoyerCore

/// Deterministic, realistic inbound traffic: bilingual messages from a few thousand authors, in threads.
struct Corpus {
    static let sentences = [
        "Bonjour, ma commande n'est toujours pas arrivée, pouvez-vous vérifier ?",
        "Super produit, la veste tient vraiment chaud en montagne !",
        "Is there a size guide for the hiking boots? I'm between two sizes.",
        "The zip broke after two weeks, really disappointed with the quality.",
        "Vous pourriez proposer une version imperméable du sac à dos ?",
        "Thanks for the quick answer, problem solved!",
        "Le site plante quand je valide mon panier, c'est la troisième fois.",
        "Any discount for the club members this season?",
        "J'adore la nouvelle collection, bravo à toute l'équipe",
        "It would be great to have a repair service for old jackets.",
        "Où se trouve le magasin le plus proche de Grenoble ?",
        "Worst customer service ever, nobody answers my emails",
        "La livraison a été rapide, merci beaucoup",
        "Can I return an item bought in the shop online?",
        "Le gant droit est décousu dès la première sortie, c'est inadmissible",
        "Love the colours of the new tents, when will they be in stock?",
    ]
    static let words = ["montagne", "trail", "veste", "boots", "sac", "tente", "refuge", "summit", "glacier", "rando"]

    /// Item `index` of the stream: 1 thread per 5 messages, 20,000 authors.
    static func item(_ index: Int, base: Date) -> InboundItem {
        let thread = index / 5
        let author = (index &* 7919) % 20_000
        let text = sentences[index % sentences.count] + " " + words[(index / 3) % words.count] + " #\(index % 997)"
        return InboundItem(
            externalID: "m\(index)", threadID: "t\(thread)", parentID: index % 5 == 0 ? nil : "m\(thread * 5)",
            kind: index % 5 == 0 ? .post : .comment,
            author: InboundAuthor(externalID: "u\(author)", handle: "user\(author)", displayName: "User \(author)"),
            body: text, sentAt: base.addingTimeInterval(Double(index) * 2))
    }

    static let searchTerms = ["commande", "veste", "boots", "livraison", "zip", "magasin", "tente", "service", "montagne", "discount"]
}

/// Latency statistics in milliseconds.
struct Latencies {
    var samples: [Double] = []
    mutating func add(_ milliseconds: Double) { samples.append(milliseconds) }
    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
    var summary: String {
        String(format: "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(50), percentile(95), percentile(99), samples.max() ?? 0)
    }
}

func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

/// VmRSS of this process in MiB (Linux), 0 elsewhere.
func residentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }
    return 0
}

func machineLine() -> String {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
    return String(format: "%d cores, %.0f GiB", cores, memory)
}
