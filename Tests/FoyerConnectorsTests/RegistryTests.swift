import FoyerConnectors
import FoyerCore
import Testing

@Suite struct RegistryTests {
    @Test func kindsAreUnique() {
        let all = Connectors.all()
        #expect(Set(all.map(\.kind)).count == all.count)
    }
}
