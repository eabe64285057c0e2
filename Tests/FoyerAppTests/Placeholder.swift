import Testing

@Test func placeholder_FoyerAppTests() {}
