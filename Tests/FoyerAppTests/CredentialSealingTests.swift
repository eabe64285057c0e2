import Foundation
import FoyerApp
import FoyerCore
import Testing

@Suite struct CredentialSealingTests {
    let key = Data((0..<32).map { UInt8($0) })

    @Test func seal_thenOpen_returnsThePlaintext() throws {
        let sealer = try AESGCMCredentialSealer(key: key)
        let credentials = ["accessToken": "syt_secret", "apiKey": "k-123"]
        let sealed = try sealer.seal(credentials: credentials)
        #expect(sealed.first == AESGCMCredentialSealer.formatVersion)
        #expect(sealed.range(of: Data("syt_secret".utf8)) == nil)
        #expect(try sealer.openCredentials(sealed) == credentials)
    }

    @Test func seal_twice_usesAFreshNonceEachTime() throws {
        let sealer = try AESGCMCredentialSealer(key: key)
        let first = try sealer.seal(Data("same".utf8))
        let second = try sealer.seal(Data("same".utf8))
        #expect(first != second)
        #expect(first.dropFirst().prefix(12) != second.dropFirst().prefix(12))
    }

    @Test func open_withAlteredByte_fails() throws {
        let sealer = try AESGCMCredentialSealer(key: key)
        var sealed = try sealer.seal(Data("secret".utf8))
        sealed[sealed.count - 20] ^= 0x01
        #expect(throws: CredentialSealingError.authenticationFailed) { try sealer.open(sealed) }
    }

    @Test func open_withAnotherKey_fails() throws {
        let sealed = try AESGCMCredentialSealer(key: key).seal(Data("secret".utf8))
        let other = try AESGCMCredentialSealer(key: Data(repeating: 9, count: 32))
        #expect(throws: CredentialSealingError.authenticationFailed) { try other.open(sealed) }
    }

    @Test func open_withUnknownVersionOrTruncatedData_fails() throws {
        let sealer = try AESGCMCredentialSealer(key: key)
        var sealed = try sealer.seal(Data("secret".utf8))
        #expect(throws: CredentialSealingError.malformed) { try sealer.open(Data()) }
        #expect(throws: CredentialSealingError.malformed) { try sealer.open(sealed.prefix(10)) }
        sealed[0] = 2
        #expect(throws: CredentialSealingError.unsupportedVersion(2)) { try sealer.open(sealed) }
    }

    @Test func init_withWrongKeyLength_fails() {
        #expect(throws: CredentialSealingError.invalidKeyLength(16)) {
            try AESGCMCredentialSealer(key: Data(repeating: 0, count: 16))
        }
    }

    @Test func keyFile_isCreatedWithMode0600_andReused() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("secret.key")
        let created = try SecretKeyFile.loadOrCreate(at: url)
        #expect(created.count == 32)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try SecretKeyFile.loadOrCreate(at: url) == created)
    }

    @Test func keyFile_readableByOthers_isRefusedWithTheFix() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("secret.key")
        _ = try SecretKeyFile.loadOrCreate(at: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        #expect(throws: SecretKeyFileError.tooOpen(path: url.path, mode: 0o644)) {
            try SecretKeyFile.loadOrCreate(at: url)
        }
        #expect(SecretKeyFileError.tooOpen(path: url.path, mode: 0o644).description.contains("chmod 600"))
    }

    @Test func keyFile_withWrongLength_isRefused() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("secret.key")
        try Data((Data(repeating: 1, count: 16).base64EncodedString() + "\n").utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        #expect(throws: SecretKeyFileError.wrongLength(path: url.path)) { try SecretKeyFile.loadOrCreate(at: url) }
    }
}
