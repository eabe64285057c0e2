import Testing

@Test func placeholder_FoyerWebTests() {}
