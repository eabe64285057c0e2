import Foundation
import FoyerCore
import Testing

@Suite("iCalendar feed")
struct ICalendarWriterTests {
    let start = Date(timeIntervalSince1970: 1_774_767_600)  // 2026-03-29 07:00:00 UTC
    let modified = Date(timeIntervalSince1970: 1_774_000_000.75)  // 2026-03-20 09:46:40 UTC

    func event(
        uid: String = "publication-1@foyer.test", summary: String = "Spring contest", description: String = "",
        url: String? = nil, status: CalendarFeedEvent.Status = .confirmed, start: Date? = nil
    ) -> CalendarFeedEvent {
        CalendarFeedEvent(
            uid: uid, start: start ?? self.start, durationMinutes: 30, summary: summary, description: description,
            url: url,
            status: status, lastModified: modified)
    }

    /// Unfolds the physical lines and splits the content lines into (name, value).
    func contentLines(_ feed: String) -> [(name: String, value: String)] {
        feed.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").dropLast().map { line in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
    }

    /// Reverses TEXT escaping.
    func unescape(_ value: String) -> String {
        var out = ""
        var escaping = false
        for character in value {
            if escaping {
                out.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    @Test func calendar_hasTheRequiredPropertiesAndCRLF() throws {
        let feed = ICalendarWriter.write(
            name: "Foyer, planning", events: [event(url: "https://foyer.test/w/1/publications/1", status: .tentative)])
        #expect(feed.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!feed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!feed.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let lines = contentLines(feed)
        #expect(lines.first.map { "\($0.name):\($0.value)" } == "BEGIN:VCALENDAR")
        let properties = Dictionary(lines.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(properties["VERSION"] == "2.0")
        #expect(properties["PRODID"] == ICalendarWriter.productID)
        #expect(properties["X-WR-CALNAME"] == "Foyer\\, planning")
        #expect(properties["DTSTART"] == "20260329T070000Z")
        #expect(properties["DTSTAMP"] == "20260320T094640Z")
        #expect(properties["LAST-MODIFIED"] == "20260320T094640Z")
        #expect(properties["DURATION"] == "PT30M")
        #expect(properties["STATUS"] == "TENTATIVE")
        #expect(properties["URL"] == "https://foyer.test/w/1/publications/1")
        #expect(lines.filter { $0.name == "BEGIN" }.map(\.value) == ["VCALENDAR", "VEVENT"])
    }

    @Test func text_isEscaped() {
        let feed = ICalendarWriter.write(
            name: "Plan", events: [event(summary: #"a,b;c\d"#, description: "line 1\r\nline 2\nline 3\u{7}")])
        let lines = contentLines(feed)
        #expect(lines.first { $0.name == "SUMMARY" }?.value == #"a\,b\;c\\d"#)
        #expect(lines.first { $0.name == "DESCRIPTION" }?.value == #"line 1\nline 2\nline 3"#)
    }

    @Test func longLines_areFoldedAt75OctetsWithoutSplittingACharacter() throws {
        // Two-, three- and four-byte characters so a fold lands next to every kind of sequence.
        let summary = String(repeating: "é€😀a", count: 40)
        let feed = ICalendarWriter.write(name: "Plan", events: [event(summary: summary)])
        let bytes = Array(feed.utf8)
        var physical: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                physical.append([])
                index += 2
            } else {
                physical[physical.count - 1].append(bytes[index])
                index += 1
            }
        }
        #expect(physical.allSatisfy { $0.count <= 75 })
        // Every physical line is valid UTF-8 on its own: no sequence was cut.
        #expect(physical.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
        #expect(physical.filter { $0.first == 0x20 }.count >= 5)
        // Unfolding gives the text back.
        #expect(contentLines(feed).first { $0.name == "SUMMARY" }.map { unescape($0.value) } == summary)
    }

    @Test func parseBack_givesTheEventsBack() {
        let events = [
            event(
                uid: "b@foyer.test", summary: "Deuxième, l'été; \"quoted\" \\ 👩‍👩‍👧", description: "Multi\nline, text",
                start: start + 3600),
            event(uid: "a@foyer.test", summary: "First", status: .cancelled),
        ]
        let feed = ICalendarWriter.write(name: "Plan", events: events)
        let lines = contentLines(feed)
        #expect(lines.filter { $0.name == "UID" }.map(\.value) == ["a@foyer.test", "b@foyer.test"])
        #expect(lines.filter { $0.name == "SUMMARY" }.map { unescape($0.value) } == ["First", events[0].summary])
        #expect(lines.filter { $0.name == "DESCRIPTION" }.map { unescape($0.value) } == ["Multi\nline, text"])
        #expect(lines.filter { $0.name == "STATUS" }.map(\.value) == ["CANCELLED", "CONFIRMED"])
        // The same input gives the same bytes.
        #expect(ICalendarWriter.write(name: "Plan", events: events.reversed()) == feed)
    }

    @Test func unsafeURLs_areLeftOut() {
        for url in ["javascript:alert(1)", "https://foyer.test/a b", "https://foyer.test/\r\nX-INJECTED:1"] {
            let feed = ICalendarWriter.write(name: "Plan", events: [event(url: url)])
            #expect(!feed.contains("URL:"))
            #expect(!feed.contains("X-INJECTED"))
        }
    }
}
