/// The phrase banks the demo composes its messages from, per language and intent. Written for Cime, an
/// invented outdoor-gear brand from Annecy with customers in France, the UK, Canada, Spain and Mexico.
///
/// Templates use slots filled by ``DemoTextComposer``: `{product}` (with its article), `{name}` (bare product
/// name), `{city}`, `{n}` (a small number), `{order}` (an order number), `{size}`, `{trail}`.
enum DemoPhrases {
    enum Intent: String, CaseIterable, Sendable {
        case question, complaint, praise, idea, bug, spam, abuse
    }

    struct Bank: Sendable {
        /// Opening words, sometimes put in front of a message.
        var openers: [String]
        /// Closing words, sometimes put after a message.
        var closers: [String]
        var messages: [Intent: [String]]
        /// Comments and replies by other members in a thread.
        var followUps: [Intent: [String]]
        /// The original author answering the team.
        var authorReplies: [String]
        /// Outbound answers from the team.
        var teamReplies: [Intent: [String]]
        /// Short subjects for forum threads and e-mails.
        var subjects: [Intent: [String]]
        var hashtags: [String]
        /// Products with their article in this language: (bare name, "la veste Aiguille").
        var products: [(name: String, withArticle: String)]
    }

    static func bank(for language: String) -> Bank {
        switch language {
        case "fr": french
        case "es": spanish
        default: english
        }
    }

    /// Internal notes the team leaves on conversations, in the workspace's language.
    static let notes: [String: [String]] = [
        "fr": [
            "Client fidèle depuis 2019, à traiter en priorité.",
            "Remboursement validé par la compta, attendre la confirmation bancaire.",
            "Vérifié avec l'entrepôt : colis reparti ce matin.",
            "Deuxième signalement sur ce défaut cette semaine, remonté à l'équipe produit.",
            "Ne pas promettre de date de réassort avant la réunion de lundi.",
            "Proposer un bon de réduction de 15 % si le retour est refusé.",
            "Ambassadeur potentiel, très actif sur le forum.",
            "Ton un peu vif mais demande légitime, rester factuel.",
        ],
        "en": [
            "Loyal customer since 2019, handle first.",
            "Refund approved by finance, waiting for the bank confirmation.",
            "Checked with the warehouse: parcel re-sent this morning.",
            "Second report of this defect this week, escalated to the product team.",
            "Don't promise a restock date before Monday's meeting.",
            "Offer a 15% voucher if the return is refused.",
            "Potential ambassador, very active on the forum.",
        ],
    ]

    static let emoji = ["🙂", "😍", "🙏", "👍", "🏔️", "⛺", "🥾", "😅", "🤔", "😡", "🔥", "💪", "☔", "❄️", "👌", "😬"]
    static let cities = [
        "Annecy", "Chamonix", "Grenoble", "Lyon", "Paris", "Montréal", "Québec", "Bruxelles", "Genève", "London",
        "Manchester", "Edinburgh", "Vancouver", "Boston", "Madrid", "Barcelona", "Bilbao", "Ciudad de México",
        "Toulouse", "Nantes",
    ]
    static let trails = [
        "GR20", "Tour du Mont-Blanc", "GR10", "West Highland Way", "Camino del Norte", "Haute Route",
        "Pacific Crest Trail", "Tour des Écrins", "Chemin de Stevenson", "Sentier des Douaniers",
    ]
    static let sizes = ["XS", "S", "M", "L", "XL", "38", "40", "42", "43", "44", "45"]
}
