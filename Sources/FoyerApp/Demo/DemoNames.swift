/// First and last names for the demo's community members, per language.
enum DemoNames {
    static let firstNames: [String: [String]] = [
        "fr": [
            "Camille", "Léa", "Manon", "Chloé", "Inès", "Julie", "Sarah", "Emma", "Clémence", "Margaux", "Élodie",
            "Anaïs", "Lucie", "Mathilde", "Océane", "Hugo", "Lucas", "Théo", "Antoine", "Maxime", "Julien", "Thomas",
            "Nicolas", "Romain", "Baptiste", "Mathis", "Quentin", "Étienne", "François", "Amadou", "Yasmine", "Karim",
            "Sofiane", "Aurélien", "Gaëlle", "Benoît", "Loïc", "Maëlle", "Noémie", "Jérôme",
        ],
        "en": [
            "Olivia", "Amelia", "Isla", "Ava", "Grace", "Freya", "Emily", "Sophie", "Chloe", "Hannah", "Megan",
            "Oliver", "George", "Harry", "Jack", "Noah", "Charlie", "Thomas", "James", "William", "Liam", "Ethan",
            "Callum", "Rhys", "Priya", "Aisha", "Ravi", "Mei", "Kwame", "Siobhan", "Eilidh", "Fergus", "Dylan",
        ],
        "es": [
            "Lucía", "Sofía", "María", "Paula", "Valentina", "Carmen", "Alba", "Martina", "Ximena", "Daniela",
            "Hugo", "Mateo", "Pablo", "Álvaro", "Diego", "Javier", "Alejandro", "Iker", "Santiago", "Andrés",
        ],
    ]

    static let lastNames: [String: [String]] = [
        "fr": [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
            "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Gauthier", "Chevalier",
            "Tremblay", "Gagnon", "Côté", "Diallo", "Nguyen", "Benali",
        ],
        "en": [
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
            "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel",
            "Khan", "O'Brien", "MacLeod", "Campbell", "Murphy", "Chen", "Okafor",
        ],
        "es": [
            "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
            "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez", "Romero", "Navarro", "Torres",
        ],
    ]

    /// Pseudonyms some people use instead of their name.
    static let pseudonyms = [
        "randoaddict", "trailqueen", "bivouac_man", "peakbagger", "la_marmotte", "chamois74", "alpine_lou",
        "montanera", "hikerdad", "ultra_tom", "nomad.jo", "le_grimpeur", "cimefan", "summit.sam", "brumeetcimes",
    ]
}
