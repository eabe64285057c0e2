import Testing

@Test func placeholder_FoyerCoreTests() {}
