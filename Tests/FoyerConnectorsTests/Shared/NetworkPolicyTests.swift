import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct NetworkPolicyTests {
    let strict = NetworkPolicy(allowPrivateNetworks: false)

    private func refusal(_ url: String) throws -> ConnectorError? {
        let parsed = try #require(URL(string: url))
        do {
            try strict.checkBlocking(parsed)
            return nil
        } catch let error as ConnectorError {
            return error
        }
    }

    @Test(arguments: [
        "http://127.0.0.1/", "http://127.8.9.10:8080/x", "http://10.1.2.3/", "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/",
        "http://100.127.255.254/",
        "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/", "http://[::1]/", "http://[::]/",
        "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[ff02::1]/",
        "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::a00:1]/", "https://localhost/", "https://LOCALHOST:8443/", "https://localhost./",
        "https://api.localhost/",
    ])
    func privateAndLoopbackHosts_areRefused(url: String) throws {
        let error = try #require(try refusal(url))
        #expect(error.kind == .configuration)
        #expect(error.message.contains("may not reach private or loopback addresses"))
        #expect(error.message.contains("FOYER_ALLOW_PRIVATE_NETWORKS=true"))
    }

    @Test(arguments: [
        "https://93.184.215.14/feed", "http://8.8.8.8/", "https://[2606:4700::1111]/", "http://172.32.0.1/",
        "http://100.128.0.1/", "http://192.169.0.1/",
    ])
    func publicLiterals_pass(url: String) throws {
        #expect(try refusal(url) == nil)
    }

    @Test func namesResolvingToLoopback_areRefusedAfterLookup() throws {
        // Not literals in standard notation: getaddrinfo reads them as 127.0.0.1, and every answer is checked.
        #expect(try refusal("http://127.1/")?.kind == .configuration)
        #expect(try refusal("http://2130706433/")?.kind == .configuration)
    }

    @Test(arguments: ["ftp://example.org/file", "file:///etc/passwd", "gopher://example.org/", "javascript:alert(1)"])
    func nonHTTPSchemes_areRefused(url: String) throws {
        let error = try #require(try refusal(url))
        #expect(error.kind == .configuration)
        #expect(error.message.contains("http:// or https://"))
    }

    @Test func userInfo_isRefused() throws {
        let error = try #require(try refusal("https://alice:secret@example.org/"))
        #expect(error.message.contains("user name or password"))
        #expect(!error.message.contains("secret"))
    }

    @Test func allowingPrivateNetworks_letsLoopbackThrough_butNotOtherSchemes() throws {
        let lenient = NetworkPolicy(allowPrivateNetworks: true)
        try lenient.checkBlocking(try #require(URL(string: "http://127.0.0.1:8080/")))
        try lenient.checkBlocking(try #require(URL(string: "http://localhost/")))
        #expect(throws: ConnectorError.self) {
            try lenient.checkBlocking(try #require(URL(string: "ftp://127.0.0.1/")))
        }
    }

    @Test func asyncCheck_refusesLoopback_literalOrResolved() async throws {
        for url in ["http://127.0.0.1:1/", "http://127.1/"] {
            let error = await #expect(throws: ConnectorError.self) { try await strict.check(try #require(URL(string: url))) }
            #expect(error?.kind == .configuration)
        }
    }

    @Test func errorMessage_showsSchemeAndHostOnly() throws {
        let error = try #require(try refusal("http://10.0.0.1/hook?token=abc"))
        #expect(error.message.contains("http://10.0.0.1"))
        #expect(!error.message.contains("token=abc"))
    }
}
