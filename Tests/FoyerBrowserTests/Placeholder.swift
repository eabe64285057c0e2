import Testing

@Test func placeholder_browser() {}
