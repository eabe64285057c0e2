import Foundation
import FoyerApp
import FoyerWeb
import Logging
import Testing

@Suite struct ConfigurationTests {
    let base = URL(fileURLWithPath: "/srv/foyer")

    @Test func resolve_withNothingGiven_usesDefaults() throws {
        let configuration = try FoyerConfiguration.resolve(flags: .init(), environment: [:], currentDirectory: base)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.dataDirectory.path == "/srv/foyer/foyer-data")
        #expect(configuration.databaseURL.path == "/srv/foyer/foyer-data/foyer.sqlite")
        #expect(configuration.publicURL.absoluteString == "http://127.0.0.1:8080")
        #expect(configuration.secretKey == .keyFile(URL(fileURLWithPath: "/srv/foyer/foyer-data/secret.key")))
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .logfmt)
    }

    @Test func resolve_flagBeatsEnvironmentBeatsDefault() throws {
        let environment = [
            "FOYER_HOST": "0.0.0.0", "FOYER_PORT": "9000", "FOYER_DATA_DIR": "/var/lib/foyer",
            "FOYER_LOG_LEVEL": "debug", "FOYER_PUBLIC_URL": "https://env.example.org",
        ]
        let fromEnvironment = try FoyerConfiguration.resolve(
            flags: .init(), environment: environment, currentDirectory: base)
        #expect(fromEnvironment.host == "0.0.0.0")
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.dataDirectory.path == "/var/lib/foyer")
        #expect(fromEnvironment.logLevel == .debug)
        #expect(fromEnvironment.publicURL.absoluteString == "https://env.example.org")

        let flags = ConfigurationInput(
            host: "127.0.0.2", port: "9100", dataDirectory: "data", publicURL: "https://flag.example.org/",
            logLevel: "error")
        let fromFlags = try FoyerConfiguration.resolve(flags: flags, environment: environment, currentDirectory: base)
        #expect(fromFlags.host == "127.0.0.2")
        #expect(fromFlags.port == 9100)
        #expect(fromFlags.dataDirectory.path == "/srv/foyer/data")
        #expect(fromFlags.logLevel == .error)
        #expect(fromFlags.publicURL.absoluteString == "https://flag.example.org")
        #expect(fromFlags.webSettings.secureCookies)
    }

    @Test func resolve_withEmptyEnvironmentValue_treatsItAsUnset() throws {
        let configuration = try FoyerConfiguration.resolve(
            flags: .init(), environment: ["FOYER_PORT": ""], currentDirectory: base)
        #expect(configuration.port == 8080)
    }

    @Test func resolve_derivesPublicURLFromHostAndPort_andRebindsItForPortZero() throws {
        let configuration = try FoyerConfiguration.resolve(
            flags: .init(host: "0.0.0.0", port: "0"), environment: [:], currentDirectory: base)
        #expect(configuration.publicURLIsDerived)
        #expect(configuration.bound(to: 54_321).publicURL.absoluteString == "http://localhost:54321")

        let given = try FoyerConfiguration.resolve(
            flags: .init(port: "0", publicURL: "https://foyer.example.org"), environment: [:], currentDirectory: base)
        #expect(given.bound(to: 54_321).publicURL.absoluteString == "https://foyer.example.org")
    }

    @Test func resolve_withConfiguredSecretKey_decodesIt() throws {
        let key = Data(repeating: 7, count: 32)
        let configuration = try FoyerConfiguration.resolve(
            flags: .init(), environment: ["FOYER_SECRET_KEY": key.base64EncodedString()], currentDirectory: base)
        #expect(configuration.secretKey == .configured(key))
    }

    @Test(
        arguments: [
            (ConfigurationInput(port: "abc"), [:], "--port: \"abc\" is not a port number (0-65535)"),
            (ConfigurationInput(), ["FOYER_PORT": "abc"], "FOYER_PORT: \"abc\" is not a port number (0-65535)"),
            (ConfigurationInput(), ["FOYER_PORT": "70000"], "FOYER_PORT: \"70000\" is not a port number (0-65535)"),
            (ConfigurationInput(port: "-1"), [:], "--port: \"-1\" is not a port number (0-65535)"),
            (ConfigurationInput(publicURL: "ftp://x"), [:], "--public-url: \"ftp://x\" must be an http or https URL"),
            (
                ConfigurationInput(), ["FOYER_PUBLIC_URL": "localhost:8080"],
                "FOYER_PUBLIC_URL: \"localhost:8080\" must be an http or https URL"
            ),
            (
                ConfigurationInput(host: "bad host"), [:],
                "--host: \"bad host\" is not a host name or IP address (for example 127.0.0.1 or 0.0.0.0)"
            ),
            (
                ConfigurationInput(), ["FOYER_HOST": "exa$mple"],
                "FOYER_HOST: \"exa$mple\" is not a host name or IP address (for example 127.0.0.1 or 0.0.0.0)"
            ),
            (
                ConfigurationInput(dataDirectory: " "), [:],
                "--data: \" \" is not a folder path (for example ./foyer-data)"
            ),
            (
                ConfigurationInput(logLevel: "loud"), [:],
                "--log-level: \"loud\" is not a log level (trace, debug, info, notice, warning, error, critical)"
            ),
            (
                ConfigurationInput(), ["FOYER_LOG_FORMAT": "xml"],
                "FOYER_LOG_FORMAT: \"xml\" is not a log format (logfmt, json)"
            ),
        ] as [(ConfigurationInput, [String: String], String)])
    func resolve_withBadValue_namesTheKeyAndWhatIsExpected(
        flags: ConfigurationInput, environment: [String: String], message: String
    ) {
        #expect(throws: ConfigurationError.self) {
            try FoyerConfiguration.resolve(flags: flags, environment: environment, currentDirectory: base)
        }
        do {
            _ = try FoyerConfiguration.resolve(flags: flags, environment: environment, currentDirectory: base)
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func resolve_withShortSecretKey_namesTheKeyWithoutEchoingTheSecret() {
        let secret = Data(repeating: 1, count: 16).base64EncodedString()
        do {
            _ = try FoyerConfiguration.resolve(
                flags: .init(), environment: ["FOYER_SECRET_KEY": secret], currentDirectory: base)
            Issue.record("A 16-byte key was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("FOYER_SECRET_KEY: must be the base64 of 32 random bytes"))
            #expect(!message.contains(secret))
        }
    }

    @Test func resolve_withDataPathThatIsAFile_refusesIt() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("plain.txt")
        try Data("x".utf8).write(to: file)
        #expect(
            throws: ConfigurationError(key: "FOYER_DATA_DIR", message: "\"\(file.path)\" is a file; give a folder path")
        ) {
            try FoyerConfiguration.resolve(flags: .init(), environment: ["FOYER_DATA_DIR": file.path])
        }
    }
}

@Suite struct StructuredLogTests {
    @Test func render_logfmt_quotesValuesWithSpacesAndEscapesNewlines() {
        let line = StructuredLogHandler.render(
            [("level", "info"), ("msg", "Request done"), ("path", "/health"), ("note", "a\nb")], format: .logfmt)
        #expect(line == #"level=info msg="Request done" path=/health note="a\nb""#)
    }

    @Test func render_json_escapesQuotesAndControlCharacters() {
        let line = StructuredLogHandler.render([("msg", "say \"hi\"\t"), ("id", "1")], format: .json)
        #expect(line == #"{"msg":"say \"hi\"\t","id":"1"}"#)
    }
}
