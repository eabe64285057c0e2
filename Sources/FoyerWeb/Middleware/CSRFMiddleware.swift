import Foundation
import FoyerCore
import HTTPTypes
import Hummingbird

/// Guards every state-changing page request (anything but GET and HEAD outside `/api/` and `/hooks/`).
///
/// A request from another origin (`Origin` header naming another site) is refused; then the form is read
/// (at most 64 KiB, `application/x-www-form-urlencoded`; `multipart/form-data` with files on the upload routes
/// of ``SiteRoute/uploadLimit(method:path:)``) and its `_csrf` field must equal the session's
/// token (or the visitor's `foyer_csrf` cookie before sign-in), compared in constant time. A refused request
/// reaches no handler, so it changes nothing. The parsed form is handed on in ``FoyerRequestContext/form``.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = FoyerRequestContext

    static let maximumFormSize = 64 * 1024
    static let fieldName = "_csrf"
    // A valid header token, so the initialiser cannot fail.
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

    let publicURL: URL

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let method = request.method
        let path = request.uri.path
        // The API signs in with bearer tokens and webhooks with signatures: neither carries a cookie.
        guard method != .get, method != .head, method != .options, !path.hasPrefix("/api/"), !path.hasPrefix("/hooks/")
        else {
            return try await next(request, context)
        }
        if let origin = request.headers[.origin], !isSameOrigin(origin, request: request) {
            throw PageError.csrfRejected
        }
        // Browsers say where a request comes from; a form posted from another site is refused outright.
        if let site = request.headers[Self.secFetchSite]?.lowercased(), site == "cross-site" {
            throw PageError.csrfRejected
        }
        var request = request
        // Upload forms (content media, CSV files) take more; every other form stays small.
        let limit = SiteRoute.uploadLimit(method: method, path: path) ?? Self.maximumFormSize
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            throw PageError.payloadTooLarge
        }
        let rawContentType = request.headers[.contentType] ?? ""
        let contentType = rawContentType.lowercased()
        var form: [String: String] = [:]
        var uploads: [UploadedFile] = []
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            form = FormData.parse(String(buffer: body))
        } else if limit > Self.maximumFormSize, let boundary = MultipartForm.boundary(contentType: rawContentType),
            let parsed = MultipartForm.parse(Array(body.readableBytesView), boundary: boundary)
        {
            form = parsed.fields
            uploads = parsed.files
        }
        let expected = context.csrfToken
        guard !expected.isEmpty, let sent = form[Self.fieldName], SecretToken.constantTimeEquals(sent, expected) else {
            throw PageError.csrfRejected
        }
        var context = context
        context.form = form
        context.uploads = uploads
        return try await next(request, context)
    }

    /// Same scheme, host and port as the public URL, or as the `Host` the request was sent to.
    func isSameOrigin(_ origin: String, request: Request) -> Bool {
        guard origin != "null", let url = URL(string: origin), let host = url.host?.lowercased() else { return false }
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        if let publicHost = publicURL.host?.lowercased() {
            let publicScheme = publicURL.scheme?.lowercased() ?? "http"
            let publicPort = publicURL.port ?? (publicScheme == "https" ? 443 : 80)
            if host == publicHost, scheme == publicScheme, port == publicPort { return true }
        }
        if let authority = request.head.authority?.lowercased() {
            let originAuthority = url.port.map { "\(host):\($0)" } ?? host
            return authority == originAuthority
        }
        return false
    }
}

/// `application/x-www-form-urlencoded` bodies.
enum FormData {
    /// Field name → value; a repeated field keeps its first value. Malformed escapes are dropped.
    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first else { continue }
            let name = decode(rawName)
            let value = parts.count > 1 ? decode(parts[1]) : ""
            guard let name, let value, fields[name] == nil else { continue }
            fields[name] = value
        }
        return fields
    }

    private static func decode(_ raw: Substring) -> String? {
        raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
