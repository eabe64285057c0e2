import Testing

@Test func placeholder_FoyerSQLiteTests() {}
