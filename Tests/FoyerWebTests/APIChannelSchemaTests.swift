import Foundation
import FoyerCore
import Testing

@testable import FoyerWeb

/// The channel wire types write exactly the properties their OpenAPI schemas document, and every
/// required one.
@Suite struct APIChannelSchemaTests {
    static let now = Date(timeIntervalSince1970: 1_768_471_200)

    static let channel = Channel(
        id: .init(2), workspaceID: .init(1), kind: .webhook, name: "Hooks", settings: [:],
        sealedCredentials: Data([1]), health: ChannelHealth(), createdAt: now, webhookToken: "t")

    static let event = InboundEvent(
        id: .init(9), workspaceID: .init(1), channelID: .init(2), source: .webhook, deliveryID: nil,
        payload: Data("secret payload".utf8), status: .dead, attempts: 10, lastError: nil, receivedAt: now,
        nextAttemptAt: nil, processedAt: nil)

    static let samples: [(String, any Encodable & Sendable)] = [
        (
            "ChannelDetail",
            APIChannelDetail(channel, capabilities: ConnectorCapabilities(ingest: .webhook), webhookURL: nil)
        ),
        ("ChannelDetail", APIChannelDetail(channel, capabilities: nil, webhookURL: "https://x/hooks/t")),
        (
            "ChannelCreated",
            APIChannelDetail(channel, capabilities: nil, webhookURL: nil, createdSecret: .some(nil))
        ),
        (
            "ChannelCreated",
            APIChannelDetail(
                channel, capabilities: ConnectorCapabilities(ingest: .webhook, reply: true), webhookURL: "u",
                createdSecret: "s")
        ),
        ("InboundFailure", APIInboundFailure(event)),
        ("InboundRetry", APIInboundRetry(id: 9, status: "pending")),
        ("ChannelCreate", APIChannelCreate(kind: "webhook", name: "n", settings: [:], credentials: ["a": "b"])),
    ]

    @Test(arguments: samples.indices)
    func wireType_writesItsDocumentedProperties(index: Int) throws {
        let (name, sample) = Self.samples[index]
        let data = try APIJSON.encoder.encode(sample)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let keys = Set(object.keys)
        guard case .object(let schema)? = OpenAPISchemas.all[name], case .object(let properties)? = schema["properties"]
        else {
            Issue.record("no object schema for \(name)")
            return
        }
        #expect(
            keys.isSubset(of: Set(properties.keys)), "\(name) writes undocumented \(keys.subtracting(properties.keys))")
        if case .array(let required)? = schema["required"] {
            for case .string(let key) in required { #expect(keys.contains(key), "\(name) requires \(key)") }
        }
        #expect(!String(decoding: data, as: UTF8.self).contains("secret payload"))
    }

    @Test func channelDetail_neverWritesCredentialsOrTheToken() throws {
        let data = try APIJSON.encoder.encode(APIChannelDetail(Self.channel, capabilities: nil, webhookURL: nil))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["sealedCredentials"] == nil)
        #expect(object["webhookToken"] == nil)
        #expect(object["secret"] == nil)
        #expect(object["webhookUrl"] is NSNull)
    }
}
