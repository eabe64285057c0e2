import Foundation

/// Why a page cannot be shown; ``ErrorPageMiddleware`` turns each case into a page or a redirect.
enum PageError: Error, Equatable {
    /// Unknown page, unknown record, or a workspace the person is not a member of (never tell which).
    case notFound
    /// A member whose role does not allow this.
    case forbidden
    /// A state-changing request without the right CSRF token or from another origin.
    case csrfRejected
    /// The page needs a signed-in person; go to sign-in and come back to `returnTo`.
    case signInRequired(returnTo: String)
    /// A form larger than Foyer accepts.
    case payloadTooLarge
}
