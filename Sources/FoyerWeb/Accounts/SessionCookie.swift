import Foundation
import Hummingbird

/// The cookies Foyer sets: all HttpOnly, SameSite=Lax, Path=/, and Secure when served over https.
enum SessionCookie {
    /// The session token; the database keeps its SHA-256.
    static let sessionName = "foyer_session"
    /// A CSRF token for forms shown before sign-in (sign-in, invitation), checked by double submit.
    static let anonymousCSRFName = "foyer_csrf"
    /// The interface language chosen by someone not signed in.
    static let localeName = "foyer_locale"

    static func make(name: String, value: String, maxAge: TimeInterval?, secure: Bool) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge.map { Int($0) }, path: "/", secure: secure, httpOnly: true,
            sameSite: .lax)
    }

    /// A cookie that makes the browser forget `name`.
    static func expired(name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Whether a cookie value is safe to echo back (tokens are base64url).
    static func isWellFormed(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 128
            && value.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
            }
    }
}
