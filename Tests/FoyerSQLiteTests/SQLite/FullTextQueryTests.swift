import FoyerSQLite
import Testing

@Suite("Full-text query building")
struct FullTextQueryTests {
    @Test func words_becomeQuotedPrefixTerms() {
        #expect(FullTextQuery.make(from: "café au lait") == "\"café\"* \"au\"* \"lait\"*")
    }

    @Test func ftsSyntax_isNeutralised() {
        #expect(
            FullTextQuery.make(from: "NEAR(a b) OR \"x\" body:y*")
                == "\"NEAR\"* \"a\"* \"b\"* \"OR\"* \"x\"* \"body\"* \"y\"*")
        #expect(FullTextQuery.make(from: "l'été") == "\"l\"* \"été\"*")
    }

    @Test(arguments: ["", "   ", "\"", "*", ")", "(", "--", "\"*\"", "^-+:"])
    func punctuationOnly_matchesNothing(query: String) {
        #expect(FullTextQuery.make(from: query) == nil)
    }

    @Test func veryLongQueries_keepAtMostTheMaximumTerms() {
        let query = FullTextQuery.make(from: Array(repeating: "word", count: 100).joined(separator: " "))
        #expect(query?.split(separator: " ").count == FullTextQuery.maximumTerms)
    }
}
