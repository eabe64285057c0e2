extension DemoPhrases {
    static let french = Bank(
        openers: ["Bonjour,", "Salut !", "Hello", "Bonsoir,", "Coucou l'équipe,", "Bonjour à tous,", "Re,", "Yo"],
        closers: [
            "Merci d'avance !", "Merci !", "Bonne journée", "Cordialement", "Bises", "A+", "Merci pour votre aide",
        ],
        messages: [
            .question: [
                "Quelle taille prendre pour {product} ? J'hésite entre {size} et la taille au-dessus.",
                "Vous livrez au Québec ? Je voudrais commander {product} avant mon départ.",
                "Quelqu'un a testé {product} sur le {trail} ? Ça tient la pluie sur plusieurs jours ?",
                "Ma commande {order} est toujours \"en préparation\" depuis {n} jours, c'est normal ?",
                "Comment on lave {product} sans abîmer la membrane ?",
                "Il y a un magasin à {city} où je peux essayer {product} ?",
                "Vous faites des réductions pour les clubs d'escalade ? On est {n} au club.",
                "{product}, c'est compatible avec une poche à eau ?",
                "C'est quoi la différence entre {product} et l'ancien modèle ?",
                "La garantie couvre les fermetures éclair ? La mienne est sortie du rail.",
                "Vous avez une date pour le retour en stock de {product} en {size} ?",
                "on peut echanger une taille si l'etiquette est coupee ?",
                "Quel poids fait {product} exactement ? Sur le site c'est pas clair",
                "Bonjour, je pars en trek à {city} en février, {product} suffit pour -10° ?",
            ],
            .complaint: [
                "Franchement déçu par {product}, les coutures ont lâché au bout de {n} sorties.",
                "Commande {order} : colis arrivé ouvert et il manque un article. Personne ne répond au téléphone.",
                "Ça fait {n} semaines que j'attends mon remboursement, c'est inadmissible.",
                "J'ai pris l'eau avec {product} dès la première averse. Pour ce prix-là je m'attendais à mieux.",
                "Le service client m'a raccroché au nez. Super l'accueil...",
                "Frais de retour à ma charge alors que l'erreur vient de vous ?? Sérieusement ?",
                "Deuxième fois que ma commande est annulée sans explication. Je vais aller voir ailleurs.",
                "la couleur recue n'a rien a voir avec la photo du site, tres decu",
                "Livraison promise en 48h, {n} jours plus tard toujours rien. Pas top pour un cadeau.",
                "La semelle de {boots} se décolle déjà, moins de {n} mois d'utilisation.",
            ],
            .praise: [
                "Je viens de finir le {trail} avec {product}, rien à redire, au top !",
                "Merci à l'équipe de {city} pour les conseils, {product} est parfait.",
                "Trois ans que j'ai {product} et on dirait du neuf. Bravo !",
                "Service après-vente ultra réactif, réparation faite en {n} jours. Chapeau 👏",
                "Franchement la meilleure marque française d'outdoor, je recommande à tous mes potes.",
                "Reçu {product} hier, les finitions sont superbes.",
                "Merci pour la soirée projection à {city}, super ambiance !",
                "Sauvé par {product} sous l'orage hier soir. Merci Cime !",
                "J'adore le côté réparable de vos produits, continuez comme ça ❤️",
                "trop contente de ma commande, livraison rapide et emballage sans plastique 👌",
            ],
            .idea: [
                "Ce serait top d'avoir {product} dans une version pour enfants.",
                "Suggestion : une appli pour suivre les réparations en cours ?",
                "Vous devriez proposer la location de {product} pour ceux qui partent une seule fois.",
                "Idée : des sorties communautaires avec vos ambassadeurs à {city} !",
                "Pourquoi pas un programme de reprise des vieux produits ? Je le ferais direct.",
                "Un coloris plus discret pour {product}, genre vert kaki, ce serait parfait pour l'observation.",
                "Ce serait bien de pouvoir filtrer le site par poids des produits.",
                "Proposition : un forum pour échanger le matos d'occasion entre membres.",
            ],
            .bug: [
                "Le site plante quand je valide mon panier, erreur 500 à chaque fois.",
                "Impossible de me connecter à mon compte depuis la mise à jour de l'appli.",
                "Le code promo BIENVENUE ne marche pas, il dit \"code invalide\".",
                "Sur l'appli Android, la page de {product} reste blanche.",
                "Le lien de suivi du colis {order} renvoie vers une page 404.",
                "Le paiement a été débité deux fois pour la commande {order} !",
                "Le guide des tailles ne s'affiche pas sur mobile.",
            ],
            .spam: [
                "Gagnez 500€ par jour depuis chez vous !!! Cliquez ici http://gain-facile.example/promo",
                "Allez voir ma chaîne, je teste du matos rando, abonnez-vous 🔥🔥 https://video.example/c/randoking",
                "GIVEAWAY crypto : envoyez 0.1 BTC et recevez 1 BTC en retour, offre limitée !!! http://btc-double.example",
                "Promo exceptionnelle sur les Ray-Ban à -90% www.lunettes-pas-cheres.example",
                "Je suis conseiller en investissement, contactez-moi en DM pour doubler votre capital 💰",
            ],
            .abuse: [
                "Vous êtes vraiment des incapables, bande de nuls.",
                "Ta gueule le community manager, t'es payé à rien faire.",
                "Marque de merde, service client de merde.",
                "Espèce d'idiot, t'as rien compris à ma question.",
                "Bande d'escrocs, vous volez vos clients.",
            ],
        ],
        followUps: [
            .question: [
                "Même question ici !", "+1, ça m'intéresse aussi", "Moi je l'ai pris en {size} et c'est nickel.",
                "J'ai eu le même souci, ça s'est réglé tout seul au bout de {n} jours.",
                "Perso je le lave à 30° sans adoucissant, aucun problème.",
            ],
            .complaint: [
                "Pareil pour moi, {n} semaines d'attente...", "Courage, chez moi ça a fini par s'arranger.",
                "Pas normal en effet.", "Même problème avec {product} 😕",
            ],
            .praise: [
                "Carrément d'accord !", "Pareil, super marque 😍", "Trop beau ce coin !", "Belle photo 👌", "Top !",
            ],
            .idea: [
                "Excellente idée, je vote pour !", "+1000", "Oui ! et en plus ça éviterait le gaspillage.",
                "Je signe direct.",
            ],
            .bug: ["Même chose chez moi sur iPhone.", "Ça marche en vidant le cache.", "Pareil depuis ce matin."],
        ],
        authorReplies: [
            "Merci pour la réponse rapide !", "C'est fait, je vous ai envoyé le numéro en DM.", "Toujours rien reçu...",
            "Super, merci beaucoup 🙏", "Ok je teste ça ce soir.", "Parfait, problème réglé !", "Ah d'accord, merci.",
        ],
        teamReplies: [
            .question: [
                "Bonjour ! Pour {product}, nous conseillons votre taille habituelle. Belle journée !",
                "Merci pour votre message ! Oui, nous livrons au Canada sous 5 à 8 jours ouvrés.",
                "Bonne question : tout est expliqué dans notre guide d'entretien, on vous envoie le lien en DM.",
                "Bonjour, nous regardons votre commande tout de suite et revenons vers vous.",
            ],
            .complaint: [
                "Nous sommes vraiment désolés. Pouvez-vous nous écrire en DM avec votre numéro de commande ? On s'en occupe.",
                "Toutes nos excuses pour ce retard. Votre remboursement a été relancé aujourd'hui.",
                "Merci de nous l'avoir signalé, ce n'est pas l'expérience que nous voulons vous offrir. On vous contacte.",
            ],
            .praise: [
                "Merci infiniment pour ce retour, ça fait chaud au cœur à toute l'équipe ! 🏔️",
                "Merci ! Belles randos à vous 🥾",
            ],
            .idea: [
                "Merci pour l'idée ! On la transmet à l'équipe produit.",
                "Super suggestion, elle est ajoutée à notre tableau d'idées 💡",
            ],
            .bug: [
                "Merci pour le signalement ! L'équipe technique est dessus.",
                "C'est corrigé, pouvez-vous réessayer ? Désolés pour la gêne.",
            ],
        ],
        subjects: [
            .question: ["Question taille", "Livraison Canada", "Entretien membrane", "Retour en stock ?", "Garantie"],
            .complaint: [
                "Commande incomplète", "Remboursement en attente", "Produit défectueux", "Retard de livraison",
            ],
            .praise: ["Merci !", "Retour d'expérience", "Bravo l'équipe"],
            .idea: ["Suggestion", "Idée produit", "Proposition communauté"],
            .bug: ["Bug panier", "Problème appli", "Code promo", "Double paiement"],
            .spam: ["Offre exceptionnelle", "Opportunité"],
            .abuse: ["Scandale", "Honteux"],
        ],
        hashtags: ["#rando", "#montagne", "#bivouac", "#outdoor", "#Annecy", "#trail", "#fabriquéenfrance", "#Cime"],
        products: [
            ("Aiguille", "la veste Aiguille"), ("Refuge 2", "la tente Refuge 2"), ("Crête 35", "le sac Crête 35"),
            ("Névé", "la doudoune Névé"), ("Sentier GTX", "les chaussures Sentier GTX"),
            ("Lueur", "la frontale Lueur"), ("Arête", "les bâtons Arête"), ("Source", "la gourde Source"),
        ]
    )
}
