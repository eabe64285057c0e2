import Foundation
import FoyerCore

extension ContentItemPages {
    /// A variant's text checked against its channel's network (``VariantRules``): the counted length
    /// against the limit ("312 / 300"), and the errors and warnings in the interface language.
    static func check(
        body: String, followUps: [String], title: String?, media: [ContentMedia], channel: Channel, kit: PageKit,
        _ context: FoyerRequestContext
    ) -> CheckView {
        let result = VariantRules.check(
            body: body, followUps: followUps, title: title, media: media, kind: channel.kind, settings: channel.settings)
        let unit = kit.text(result.unit == .bytes ? "content.unitBytes" : "content.unitCharacters", context)
        func message(_ issue: VariantIssue) -> String {
            // A part over the limit is the common case: said from the issue's numbers, in the interface language.
            if let limit = issue.limit, let actual = issue.actual, issue.severity == .error,
                issue.field == "body" || issue.field.hasPrefix("followUps"), issue.message.contains(" allows ")
            {
                return kit.text(
                    "content.tooLong", context,
                    [
                        "length": String(actual), "unit": unit, "network": channel.kind.displayName,
                        "limit": String(limit), "over": String(actual - limit),
                    ])
            }
            return kit.message(for: .invalid(field: issue.field, message: issue.message), context)
        }
        let errors = result.issues.filter { $0.severity == .error }.map(message)
        let warnings = result.issues.filter { $0.severity == .warning }.map(message)
        return CheckView(
            counted: "\(result.length) / \(result.limit) \(unit)", over: result.length > result.limit, errors: errors,
            warnings: warnings, hasIssues: !errors.isEmpty || !warnings.isEmpty)
    }
}
