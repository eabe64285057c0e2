import FoyerTestSupport
import Testing

@Suite("Startup announcement")
struct FoyerStartupAnnouncementTests {
    @Test func parse_ofDemoOutput_readsUrlEmailAndPassword() {
        let output = """
            Creating the demo workspace… done (4 812 messages).
            Foyer is running at http://127.0.0.1:53127
            Sign in as demo@foyer.example with the password: cime-demo-2024
            """
        let announcement = FoyerStartupAnnouncement.parse(output)
        #expect(
            announcement
                == FoyerStartupAnnouncement(
                    baseURL: "http://127.0.0.1:53127", email: "demo@foyer.example", password: "cime-demo-2024"))
    }

    @Test func parse_ofLabelledLines_readsEmailAndPassword() {
        let output =
            "Foyer is running at http://127.0.0.1:8080/.\n  Email:    demo@foyer.example\n  Password: s3cret!\n"
        let announcement = FoyerStartupAnnouncement.parse(output)
        #expect(announcement?.baseURL == "http://127.0.0.1:8080")
        #expect(announcement?.email == "demo@foyer.example")
        #expect(announcement?.password == "s3cret!")
    }

    @Test func parse_beforeTheUrlIsPrinted_isNil() {
        #expect(FoyerStartupAnnouncement.parse("Applying migrations…\nCreating the demo workspace…") == nil)
    }
}
