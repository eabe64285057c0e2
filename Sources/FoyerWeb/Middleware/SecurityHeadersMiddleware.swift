import HTTPTypes
import Hummingbird

/// Adds the security headers to every response: a strict Content-Security-Policy, no sniffing, no framing,
/// a same-origin referrer and opener policy, and HSTS when Foyer is served over https.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
    }

    let https: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        Self.apply(to: &response.headers, https: https)
        return response
    }

    static func apply(to headers: inout HTTPFields, https: Bool) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "same-origin"
        headers[.xFrameOptions] = "DENY"
        headers[.permissionsPolicy] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
        headers[.crossOriginOpenerPolicy] = "same-origin"
        if https { headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
    }
}

// These names are valid header tokens, so the failable initialiser cannot fail; force-unwrapping a literal is
// checked by the tests that read every header back.
extension HTTPField.Name {
    static var referrerPolicy: Self { .init("Referrer-Policy")! }
    static var xFrameOptions: Self { .init("X-Frame-Options")! }
    static var permissionsPolicy: Self { .init("Permissions-Policy")! }
    static var crossOriginOpenerPolicy: Self { .init("Cross-Origin-Opener-Policy")! }
    static var xRequestID: Self { .init("X-Request-ID")! }
}
