import Foundation
import FoyerCore
import Synchronization
import Testing

@Suite("Credentials opened once per sealed value")
struct OpenedCredentialsTests {
    /// Seals by reversing the bytes and adding a zero byte; counts the opens and refuses values without it.
    final class CountingSealer: CredentialSealer {
        let opens = Mutex(0)

        func seal(_ plaintext: Data) throws -> Data { Data(plaintext.reversed() + [0]) }

        func open(_ sealed: Data) throws -> Data {
            opens.withLock { $0 += 1 }
            guard sealed.last == 0 else { throw CocoaError(.coderReadCorrupt) }
            return Data(sealed.dropLast().reversed())
        }
    }

    @Test func aSealedValue_isOpenedOnce_andANewOneIsOpenedAgain() throws {
        let sealer = CountingSealer()
        let opened = OpenedCredentials()
        let first = try sealer.seal(credentials: ["secret": "one"])
        #expect(try opened.open(first, with: sealer) == ["secret": "one"])
        #expect(try opened.open(first, with: sealer) == ["secret": "one"])
        #expect(sealer.opens.withLock { $0 } == 1)
        let rotated = try sealer.seal(credentials: ["secret": "two"])
        #expect(try opened.open(rotated, with: sealer) == ["secret": "two"])
        #expect(sealer.opens.withLock { $0 } == 2)
    }

    @Test func aValueThatDoesNotOpen_failsEveryTime() throws {
        let sealer = CountingSealer()
        let opened = OpenedCredentials()
        let broken = Data("altered".utf8)
        #expect(throws: (any Error).self) { try opened.open(broken, with: sealer) }
        #expect(throws: (any Error).self) { try opened.open(broken, with: sealer) }
        #expect(sealer.opens.withLock { $0 } == 2)
    }
}
