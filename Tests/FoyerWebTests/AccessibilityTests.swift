import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AccessibilityTests {
    /// Every visible `<input>` and `<select>` has an `id` that a `<label for>` names.
    static func unlabelledControls(in html: String) throws -> [String] {
        let controls = try NSRegularExpression(pattern: "<(input|select)\\b[^>]*>")
        let labels = try NSRegularExpression(pattern: "<label[^>]*\\bfor=\"([^\"]+)\"")
        let range = NSRange(html.startIndex..., in: html)
        let labelled = Set(
            labels.matches(in: html, range: range).compactMap {
                Range($0.range(at: 1), in: html).map { String(html[$0]) }
            })
        var missing: [String] = []
        for match in controls.matches(in: html, range: range) {
            guard let tagRange = Range(match.range, in: html) else { continue }
            let tag = String(html[tagRange])
            if tag.contains("type=\"hidden\"") || tag.contains("type=\"submit\"") || tag.contains(" hidden") {
                continue
            }
            guard let idRange = tag.range(of: "id=\"") else {
                missing.append(tag)
                continue
            }
            let id = tag[idRange.upperBound...].prefix { $0 != "\"" }
            if !labelled.contains(String(id)) { missing.append(tag) }
        }
        return missing
    }

    @Test func everyPage_labelsEveryControl_andHasOneMainLandmark() async throws {
        let app = try await WebTestApp.make()
        let fixture = try await AccessTests.fixture(app)
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            var paths = SiteRoute.allCases.filter { $0.isWorkspaceRoute && $0.method == .get && !$0.isDownload }
                .map(fixture.path)
            paths += ["/workspaces", "/account"]
            for path in paths {
                let html = try await owner.get(client, path).html
                let missing = try Self.unlabelledControls(in: html)
                #expect(missing.isEmpty, "\(path): \(missing)")
                #expect(html.components(separatedBy: "<main").count == 2, "\(path) needs exactly one <main>")
                #expect(html.contains("<h1"), "\(path) has no heading")
            }
            let signInPage = try await client.execute(uri: "/sign-in", method: .get).html
            #expect(try Self.unlabelledControls(in: signInPage).isEmpty)
        }
    }
}
