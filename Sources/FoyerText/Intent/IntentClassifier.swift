/// Multi-label intents from cues, punctuation and sentiment.
///
/// - question: a sentence ending with "?", or opening with an interrogative ("how", "pourquoi", "est-ce que"),
///   or a help request ("does anyone know", "quelqu'un sait").
/// - idea: suggestion phrasing ("it would be nice", "please add", "il faudrait", "ce serait bien").
/// - bug: breakage vocabulary ("crash", "doesn't work", "ne marche pas", "erreur").
/// - complaint: complaint cues or a bug, with negative sentiment; or strongly negative text aimed at someone.
/// - praise: thanks and congratulations, or strongly positive text, when not a complaint.
struct IntentClassifier: Sendable {
    func classify(_ hits: CueHits, text: NormalizedText, sentiment: Double, toxic: Bool) -> [Intent] {
        var intents: [Intent] = []
        let questionMark = text.sentenceIsQuestion.contains(true)
        let question = questionMark || hits[.questionOpener] > 0 && text.exclamationCount == 0 || hits[.question] >= 1.2
        let bug = hits.reportsBreakage
        let idea = hits[.idea] + hits[.ideaOpener] * 0.8 >= 1.5 && !bug
        // Complaint: problem vocabulary (capped, so a long neutral report does not add up forever), a message
        // addressed to someone (a brand, a moderator), negative mood, or a bug report.
        var complaintEvidence = min(hits[.complaint], 2.0)
        if text.startsWithMention { complaintEvidence += 0.5 }
        if sentiment <= -0.05 { complaintEvidence += 0.3 }
        if sentiment <= -0.4 { complaintEvidence += 0.3 }
        if bug { complaintEvidence += 0.3 }
        if sentiment >= 0.5 { complaintEvidence -= 0.8 }
        // A polite question to someone ("can I cancel part of my order?") is not yet a complaint.
        if question && hits[.complaint] < 0.8 && sentiment > -0.05 { complaintEvidence -= 0.4 }
        let complaint = complaintEvidence >= 0.8
        var praiseEvidence = hits[.praise] * 0.8
        if sentiment >= 0.5 { praiseEvidence += 0.6 }
        if sentiment >= 0.75 { praiseEvidence += 0.3 }
        let praise = praiseEvidence >= 1.0 && sentiment >= 0 && !complaint && !toxic
        if bug { intents.append(.bug) }
        if complaint { intents.append(.complaint) }
        if idea { intents.append(.idea) }
        if praise { intents.append(.praise) }
        if question { intents.append(.question) }
        return intents
    }
}
