/// The body of every error answer: `{"error": {"code": "…", "message": "…", "field": "…"}}`.
public struct APIErrorEnvelope: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        /// Stable, machine-readable (`not_found`, `invalid_parameter`…).
        public var code: String
        /// For a person: what went wrong and what to do.
        public var message: String
        /// The parameter or body field concerned, when there is one.
        public var field: String?

        public init(code: String, message: String, field: String? = nil) {
            self.code = code
            self.message = message
            self.field = field
        }
    }

    public var error: Detail

    public init(error: Detail) { self.error = error }
}
