/// One `<option>` of a select box in a template: `{{value}}`, `{{label}}`, `{{#selected}}`.
struct SelectOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}
