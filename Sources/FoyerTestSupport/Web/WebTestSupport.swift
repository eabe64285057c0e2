import Foundation
import FoyerCore
import FoyerSQLite
import FoyerWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// The password every web test user signs in with.
public let testPassword = "correct horse battery staple"

/// The instant web tests run at: a day after ``Seed/defaultStart``, so seeded messages are "recent".
public let testNow = Seed.defaultStart.addingTimeInterval(86_400)

/// Web dependencies for tests: bcrypt cost 4, a pinned clock, an http public URL.
public func makeTestWebDependencies(
    storage: Storage, clock: PinnedClock = PinnedClock(testNow), settings: WebSettings? = nil
) -> WebDependencies {
    WebDependencies(
        storage: storage, clock: clock,
        settings: settings ?? WebSettings(publicURL: testPublicURL, bcryptCost: 4),
        media: DirectoryMediaStore(
            folder: FileManager.default.temporaryDirectory.appendingPathComponent("foyer-media-\(UUID().uuidString)")))
}

/// Web dependencies over a migrated test database.
public func makeTestWebDependencies(database: SQLiteDatabase, clock: PinnedClock = PinnedClock(testNow))
    -> WebDependencies
{
    makeTestWebDependencies(storage: database.storage, clock: clock)
}

/// `http://foyer.test`, the public URL of test apps.
public var testPublicURL: URL { URL(string: "http://foyer.test") ?? URL(fileURLWithPath: "/") }

/// Creates (or finds) a user who can sign in with ``testPassword``.
@discardableResult
public func makeSignInUser(
    _ email: String, name: String? = nil, locale: AppLocale? = nil, dependencies: WebDependencies
) async throws -> User {
    if let existing = try await dependencies.storage.users.find(email: email) {
        let hash = try await PasswordHasher(cost: 4).hash(testPassword)
        try await dependencies.storage.users.updatePasswordHash(existing.id, passwordHash: hash)
        return existing
    }
    return try await AccountService(dependencies).createUser(
        email: email, name: name ?? String(email.prefix(while: { $0 != "@" })).capitalized, password: testPassword,
        preferredLocale: locale)
}

/// A signed-in browser in router tests: its cookie and its CSRF token.
public struct TestBrowser: Sendable {
    /// The `Cookie` header value (`foyer_session=…`).
    public var cookie: String
    /// The session's CSRF token, to send as `_csrf`.
    public var csrf: String

    public init(cookie: String, csrf: String) {
        self.cookie = cookie
        self.csrf = csrf
    }

    /// `GET path` with the session cookie.
    public func get(_ client: some TestClientProtocol, _ path: String, headers: HTTPFields = [:]) async throws
        -> TestResponse
    {
        var headers = headers
        headers[.cookie] = cookie
        return try await client.execute(uri: path, method: .get, headers: headers)
    }

    /// `POST path` with a form; `_csrf` is added unless `csrf` says otherwise (`nil` leaves it out).
    public func post(
        _ client: some TestClientProtocol, _ path: String, form: [String: String] = [:], csrf: String?? = .none,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = form
        switch csrf {
        case .none: fields["_csrf"] = self.csrf
        case .some(.some(let token)): fields["_csrf"] = token
        case .some(.none): break
        }
        var headers = headers
        headers[.cookie] = cookie
        return try await client.execute(
            uri: path, method: .post, headers: formHeaders(headers), body: ByteBuffer(string: encodeForm(fields)))
    }
}

/// Signs in through the real sign-in form and returns the browser, ready for `get`/`post`.
///
/// - Throws: ``TestSupportError`` when the form does not sign in (wrong password, throttled…).
public func signIn(_ client: some TestClientProtocol, email: String, password: String = testPassword) async throws
    -> TestBrowser
{
    let anonymous = try await anonymousForm(client, path: "/sign-in")
    var headers: HTTPFields = [.cookie: anonymous.cookie]
    headers = formHeaders(headers)
    let response = try await client.execute(
        uri: "/sign-in", method: .post, headers: headers,
        body: ByteBuffer(string: encodeForm(["email": email, "password": password, "_csrf": anonymous.csrf])))
    guard response.status == .seeOther,
        let session = cookies(in: response).first(where: { $0.name == "foyer_session" && !$0.value.isEmpty })
    else { throw TestSupportError("Sign-in as \(email) failed with status \(response.status.code)") }
    let cookie = "foyer_session=\(session.value)"
    let account = try await client.execute(uri: "/account", method: .get, headers: [.cookie: cookie])
    guard let csrf = csrfToken(in: String(buffer: account.body)) else {
        throw TestSupportError("The account page has no CSRF token")
    }
    return TestBrowser(cookie: cookie, csrf: csrf)
}

/// A visitor who is not signed in: loads `path` and returns its `foyer_csrf` cookie and the form's token.
public func anonymousForm(_ client: some TestClientProtocol, path: String) async throws -> TestBrowser {
    let page = try await client.execute(uri: path, method: .get)
    guard let cookie = cookies(in: page).first(where: { $0.name == "foyer_csrf" }),
        let csrf = csrfToken(in: String(buffer: page.body))
    else { throw TestSupportError("\(path) did not hand out a CSRF token") }
    return TestBrowser(cookie: "foyer_csrf=\(cookie.value)", csrf: csrf)
}

/// The `value` of the first hidden `_csrf` input of a page.
public func csrfToken(in html: String) -> String? {
    guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
    let rest = html[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

/// The cookies a response sets, as name and value.
public func cookies(in response: TestResponse) -> [(name: String, value: String, attributes: String)] {
    response.headers[values: .setCookie].compactMap { header in
        let parts = header.split(separator: ";", maxSplits: 1)
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return nil }
        return (
            String(pair[..<equals]).trimmingCharacters(in: .whitespaces), String(pair[pair.index(after: equals)...]),
            parts.count > 1 ? String(parts[1]) : ""
        )
    }
}

/// `application/x-www-form-urlencoded` encoding of fields.
public func encodeForm(_ fields: [String: String]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._*")
    return fields.sorted { $0.key < $1.key }.map { key, value in
        let name = key.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        let encoded =
            (value.addingPercentEncoding(withAllowedCharacters: allowed.union(.init(charactersIn: " "))) ?? "")
            .replacingOccurrences(of: " ", with: "+")
        return "\(name)=\(encoded)"
    }.joined(separator: "&")
}

private func formHeaders(_ headers: HTTPFields) -> HTTPFields {
    var headers = headers
    headers[.contentType] = "application/x-www-form-urlencoded"
    return headers
}

/// A test helper could not do what it was asked.
public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Request headers from raw names, for headers Hummingbird has no constant for (e.g. `Sec-Fetch-Site`).
/// Names that are not valid header tokens are skipped.
public func rawHeaders(_ pairs: [(String, String)]) -> HTTPFields {
    var headers = HTTPFields()
    for (name, value) in pairs {
        guard let fieldName = HTTPField.Name(name) else { continue }
        headers.append(HTTPField(name: fieldName, value: value))
    }
    return headers
}
