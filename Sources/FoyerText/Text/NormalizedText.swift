/// A message normalised once and shared by every analyser: tokens with precomputed hashes, folded and
/// lower-case byte buffers, and surface counts (punctuation, capitals, links, emoji…).
///
/// Built in one pass over the Unicode scalars, without regular expressions or per-token Foundation calls.
struct NormalizedText: Sendable {
    var tokens: [Token] = []
    /// Lower-case, accent-free letters of every word, back to back (ASCII for Latin scripts).
    var folded: [UInt8] = []
    /// Lower-case letters of every word with accents kept (UTF-8), back to back.
    var lower: [UInt8] = []
    /// Extra keys for toxicity: de-obfuscated chunks ("f.u.c.k", "sh1t", "i d i o t"), both cut forms.
    var obfuscatedKeys: [UInt64] = []
    /// For each sentence, whether it ends with a question mark.
    var sentenceIsQuestion: [Bool] = []

    var scalarCount = 0
    var letterCount = 0
    var upperLetterCount = 0
    var digitCount = 0
    var longestDigitRun = 0
    var exclamationCount = 0
    var questionCount = 0
    var urlCount = 0
    var mentionCount = 0
    var hashtagCount = 0
    var emojiCount = 0
    var currencyCount = 0
    var wordCount = 0
    var allCapsWordCount = 0
    /// Letters written in a styled alphabet or as look-alikes from another script ("𝐅𝐑𝐄𝐄", "frее"); they are
    /// read as the letters they show.
    var disguisedLetterCount = 0
    /// Letters of other scripts than Latin (Cyrillic, Greek, Arabic, CJK…).
    var nonLatinLetterCount = 0

    /// The folded bytes of a word token.
    func foldedBytes(of token: Token) -> ArraySlice<UInt8> {
        folded[Int(token.foldedStart)..<Int(token.foldedStart + token.foldedCount)]
    }

    /// The lower-case bytes of a word token (accents kept).
    func lowerBytes(of token: Token) -> ArraySlice<UInt8> {
        lower[Int(token.lowerStart)..<Int(token.lowerStart + token.lowerCount)]
    }

    /// Whether the message opens with a mention ("@support my order…"): addressed to someone.
    var startsWithMention: Bool { tokens.first?.kind == .mention }

    /// Whether most letters are capitals (shouting), with enough letters to tell.
    var isShouting: Bool { letterCount >= 8 && upperLetterCount * 10 >= letterCount * 7 }

    /// The longest quotation, in tokens, whose words are flagged ``Token/Flags/quoted``.
    static let longestQuotedWords = 6

    /// Normalises `text`. `emoticons` holds the FNV hashes of the raw emoticons to recognise (":)", "<3"…).
    init(_ text: String, emoticons: [UInt64: Float] = [:], maxScalars: Int = 20_000) {
        var builder = Builder(emoticons: emoticons)
        folded.reserveCapacity(64)
        lower.reserveCapacity(64)
        tokens.reserveCapacity(16)
        var count = 0
        // Scraped text often carries escapes ("don\\u2019t", "&amp;"): decoded first, only when present.
        let text = Self.needsUnescaping(text) ? Self.unescaped(text) : text
        for scalar in text.unicodeScalars {
            count += 1
            // Long inputs are cut: the beginning of a message says what it is, and the cost stays bounded.
            if count > maxScalars { break }
            builder.feed(scalar, into: &self)
        }
        builder.endChunk(into: &self)
        builder.dropUnclosedQuote(into: &self)
        scalarCount = count
        if sentenceIsQuestion.isEmpty { sentenceIsQuestion.append(false) }
        joinSpacedLetters()
    }

    private static func needsUnescaping(_ text: String) -> Bool {
        text.utf8.contains(where: { $0 == 0x5C || $0 == 0x26 })
    }

    /// Decodes `\\uXXXX` escapes, numeric character references and the common HTML entities.
    static func unescaped(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func hex(_ s: Unicode.Scalar) -> UInt32? {
            switch s.value {
            case 0x30...0x39: s.value - 0x30
            case 0x41...0x46: s.value - 0x41 + 10
            case 0x61...0x66: s.value - 0x61 + 10
            default: nil
            }
        }
        func decimal(_ s: Unicode.Scalar) -> UInt32? { s.value >= 0x30 && s.value <= 0x39 ? s.value - 0x30 : nil }
        let entities: [(String, Unicode.Scalar)] = [
            ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"),
            ("&nbsp;", " "),
        ]
        outer: while i < scalars.count {
            let s = scalars[i]
            if s == "\\", i + 5 < scalars.count, scalars[i + 1] == "u" {
                var v: UInt32 = 0
                var ok = true
                for k in 2...5 {
                    if let h = hex(scalars[i + k]) { v = v << 4 | h } else { ok = false; break }
                }
                if ok, let decoded = Unicode.Scalar(v) {
                    out.append(decoded)
                    i += 6
                    continue
                }
            } else if s == "&" {
                // Numeric references: "&#128514;", "&#x1F602;".
                if i + 3 < scalars.count, scalars[i + 1] == "#" {
                    let isHex = scalars[i + 2] == "x" || scalars[i + 2] == "X"
                    var j = i + (isHex ? 3 : 2)
                    var v: UInt32 = 0
                    let start = j
                    while j < scalars.count, j - start < 7, let d = isHex ? hex(scalars[j]) : decimal(scalars[j]) {
                        v = v * (isHex ? 16 : 10) + d
                        j += 1
                    }
                    if j > start, j < scalars.count, scalars[j] == ";", let decoded = Unicode.Scalar(v) {
                        out.append(decoded)
                        i = j + 1
                        continue
                    }
                }
                for (entity, replacement) in entities {
                    let e = Array(entity.unicodeScalars)
                    if i + e.count <= scalars.count, Array(scalars[i..<(i + e.count)]) == e {
                        out.append(replacement)
                        i += e.count
                        continue outer
                    }
                }
            }
            out.append(s)
            i += 1
        }
        return String(out)
    }

    /// "i d i o t" and "f u c k" become obfuscation keys.
    private mutating func joinSpacedLetters() {
        var i = 0
        while i < tokens.count {
            guard tokens[i].isWord, tokens[i].foldedCount == 1 else { i += 1; continue }
            var j = i
            while j < tokens.count, tokens[j].isWord, tokens[j].foldedCount == 1 { j += 1 }
            if j - i >= 3 {
                var h2 = FNV.offset
                var h1 = FNV.offset
                var last: UInt8 = 0
                for k in i..<j {
                    let b = folded[Int(tokens[k].foldedStart)]
                    h2 = FNV.add(h2, b)
                    if b != last { h1 = FNV.add(h1, b) }
                    last = b
                }
                obfuscatedKeys.append(h2)
                obfuscatedKeys.append(h1)
            }
            i = j
        }
    }
}

extension NormalizedText {
    /// The scanning state machine. Scalars are grouped into whitespace-separated chunks; a chunk is then a URL,
    /// a mention, an emoticon, or split into words, emoji and punctuation.
    fileprivate struct Builder {
        let emoticons: [UInt64: Float]
        var chunk: [Unicode.Scalar] = []
        var sentence: UInt16 = 0
        var sentenceHasContent = false
        /// A comma, colon, bracket, quote, dash or slash was seen since the last word.
        var pause = false
        /// The chunk holds a scalar outside Latin (from U+0250): it may hold styled letters or look-alikes.
        var chunkMayBeDisguised = false
        /// Index of the first token after an opening quotation mark not closed yet.
        var quoteStart: Int?

        init(emoticons: [UInt64: Float]) {
            self.emoticons = emoticons
            chunk.reserveCapacity(32)
        }

        @inline(__always)
        mutating func feed(_ s: Unicode.Scalar, into text: inout NormalizedText) {
            let v = s.value
            if v == 0x20 || v == 0x0A || v == 0x09 || v == 0x0D || v == 0xA0 || (v >= 0x2000 && v <= 0x200A)
                || v == 0x3000
            {
                endChunk(into: &text)
                if v == 0x0A { endSentence(into: &text, question: false) }
            } else if v == 0x200B || v == 0x200C || v == 0x2060 || v == 0xFEFF || v == 0xAD || v == 0x180E {
                // Invisible: zero-width spaces, word joiner, byte-order mark, soft hyphen. Dropped, so that
                // "su\u{200B}bscribe" is one word, as the reader sees it.
            } else {
                if v >= 0x250 { chunkMayBeDisguised = true }
                chunk.append(s)
            }
        }

        /// Styled letters ("𝐒𝐔𝐁", "ｆｒｅｅ", "ᴄʜᴇᴄᴋ") become the ASCII letters they show, and Cyrillic or Greek
        /// look-alikes inside a chunk that also has ASCII letters ("frее") become Latin; each one is counted.
        private mutating func undisguise(into text: inout NormalizedText) {
            let hasASCIILetter = chunk.contains { ($0.value | 0x20) >= 0x61 && ($0.value | 0x20) <= 0x7A }
            var disguised = 0
            for i in chunk.indices where chunk[i].value >= 0x250 {
                let v = chunk[i].value
                // 🅰️ 🅱️ 🅾️ 🅿️ with an emoji selector are emoji.
                if i + 1 < chunk.count, chunk[i + 1].value == 0xFE0F { continue }
                if let plain = DisguisedLetters.plain(v) ?? (hasASCIILetter ? DisguisedLetters.lookAlike(v) : nil) {
                    chunk[i] = plain
                    disguised += 1
                }
            }
            text.disguisedLetterCount += disguised
        }

        mutating func endSentence(into text: inout NormalizedText, question: Bool) {
            guard sentenceHasContent else {
                if question, !text.sentenceIsQuestion.isEmpty {
                    text.sentenceIsQuestion[text.sentenceIsQuestion.count - 1] = true
                }
                return
            }
            text.sentenceIsQuestion.append(question)
            if sentence < UInt16.max - 1 { sentence += 1 }
            sentenceHasContent = false
        }

        mutating func endChunk(into text: inout NormalizedText) {
            guard !chunk.isEmpty else { return }
            defer { chunk.removeAll(keepingCapacity: true) }
            if chunkMayBeDisguised {
                chunkMayBeDisguised = false
                undisguise(into: &text)
            }
            if isURL() {
                text.urlCount += 1
                append(
                    Token(
                        kind: .url, flags: [], sentence: sentence, hash: 0, hashSingle: 0, lowerStart: 0,
                        lowerCount: 0, foldedStart: 0, foldedCount: 0), into: &text)
                return
            }
            // A quotation opening on a mention (“@user: …”, how retweets were quoted): the mark, then the mention.
            if chunk.count > 2, chunk[1] == "@", [0x22, 0x201C, 0xAB, 0x201E].contains(chunk[0].value) {
                quotationMark(chunk[0].value, into: &text)
                chunk.removeFirst()
            }
            if chunk.count > 1, chunk[0] == "@", isWordScalar(chunk[1]) || chunk[1] == "_" {
                text.mentionCount += 1
                append(
                    Token(
                        kind: .mention, flags: [], sentence: sentence, hash: 0, hashSingle: 0, lowerStart: 0,
                        lowerCount: 0, foldedStart: 0, foldedCount: 0), into: &text)
                return
            }
            if chunk.count >= 2, chunk.count <= 6, let emoticon = emoticonHash(chunk[...]) {
                appendEmoticon(emoticon, into: &text)
                return
            }
            // An emoticon glued to the end of a word ("monday:(", "merci:)"): the words, then the emoticon.
            if chunk.count >= 3, let emoticon = trailingEmoticon() {
                chunk.removeLast(emoticon.length)
                scanWords(into: &text)
                obfuscationKey(into: &text)
                appendEmoticon(emoticon.hash, into: &text)
                return
            }
            scanWords(into: &text)
            obfuscationKey(into: &text)
        }

        /// A known emoticon of two or three scalars that opens with an eye (":" or ";") and ends the chunk right
        /// after a letter ("monday:(", but not "4:3"), with its hash and length.
        private func trailingEmoticon() -> (hash: UInt64, length: Int)? {
            for length in [3, 2] where chunk.count > length {
                let start = chunk.count - length
                let eye = chunk[start]
                guard eye == ":" || eye == ";", isWordScalar(chunk[start - 1]), !isDigitScalar(chunk[start - 1]) else {
                    continue
                }
                if let h = emoticonHash(chunk[start...]) { return (h, length) }
            }
            return nil
        }

        private mutating func appendEmoticon(_ hash: UInt64, into text: inout NormalizedText) {
            append(
                Token(
                    kind: .emoticon, flags: [], sentence: sentence, hash: hash, hashSingle: hash, lowerStart: 0,
                    lowerCount: 0, foldedStart: 0, foldedCount: 0), into: &text)
        }

        private mutating func append(_ token: Token, into text: inout NormalizedText) {
            text.tokens.append(token)
            sentenceHasContent = true
        }

        private func isDigitScalar(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

        private func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            if v < 0x80 {
                return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
            }
            if v >= ScalarFolding.latinStart && v < ScalarFolding.latinEnd {
                return ScalarFolding.shared.isLetter[Int(v - ScalarFolding.latinStart)]
            }
            return s.properties.isAlphabetic
        }

        /// The hash of `scalars` when they are a known emoticon.
        private func emoticonHash(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64? {
            var h = FNV.offset
            for s in scalars {
                guard s.value < 0x80 else { return nil }
                h = FNV.add(h, UInt8(s.value))
            }
            return emoticons[h] != nil ? h : nil
        }

        private func isURL() -> Bool {
            guard chunk.count >= 4, chunk.contains(where: { $0 == "." || $0 == "/" }) else { return false }
            var lowerASCII: [UInt8] = []
            lowerASCII.reserveCapacity(chunk.count)
            var dots = 0
            var slash = false
            for s in chunk {
                let v = s.value
                if v >= 0x80 { lowerASCII.append(0x80); continue }
                var b = UInt8(v)
                if b >= 0x41 && b <= 0x5A { b += 32 }
                if b == 0x2E { dots += 1 }
                if b == 0x2F { slash = true }
                lowerASCII.append(b)
            }
            func hasPrefix(_ p: StaticString) -> Bool {
                let n = p.utf8CodeUnitCount
                guard lowerASCII.count >= n else { return false }
                return p.withUTF8Buffer { buf in
                    for i in 0..<n where buf[i] != lowerASCII[i] { return false }
                    return true
                }
            }
            if hasPrefix("http://") || hasPrefix("https://") || hasPrefix("www.") || hasPrefix("http") && slash {
                return true
            }
            guard dots > 0 else { return false }
            // bit.ly/xyz, example.com, youtu.be/…: letters, a dot, then a known top-level domain.
            var start = 0
            while start < lowerASCII.count, !(lowerASCII[start] >= 0x61 && lowerASCII[start] <= 0x7A) { start += 1 }
            var end = lowerASCII.count
            while end > start,
                lowerASCII[end - 1] == 0x2E || lowerASCII[end - 1] == 0x2C || lowerASCII[end - 1] == 0x21
                    || lowerASCII[end - 1] == 0x3F || lowerASCII[end - 1] == 0x29
            {
                end -= 1
            }
            guard end - start >= 4 else { return false }
            var i = start
            while i < end {
                if lowerASCII[i] == 0x2E, i > start {
                    var j = i + 1
                    while j < end, lowerASCII[j] >= 0x61, lowerASCII[j] <= 0x7A { j += 1 }
                    let tldLength = j - i - 1
                    if tldLength >= 2, tldLength <= 4, j == end || lowerASCII[j] == 0x2F || lowerASCII[j] == 0x3F {
                        let tld = Array(lowerASCII[(i + 1)..<j])
                        if Self.tlds.contains(tld) || (slash && j < end) { return true }
                    }
                }
                i += 1
            }
            return false
        }

        private static let tlds: Set<[UInt8]> = Set(
            [
                "com", "net", "org", "ly", "io", "co", "me", "gl", "tk", "xyz", "info", "biz", "fr", "be", "de", "es",
                "it",
                "nl", "pt", "uk", "us", "ca", "ru", "tv", "gg", "to", "cc", "club", "site", "top", "app", "link",
                "shop",
                "live", "online", "vip", "win", "click", "mobi", "bet", "ch", "br", "mx",
                "ws",
            ].map { Array($0.utf8) })

        // MARK: Words

        private struct Word {
            var foldedStart = 0
            var lowerStart = 0
            var letters = 0
            var uppers = 0
            var digits = 0
            var h2 = FNV.offset
            var h1 = FNV.offset
            var last: UInt8 = 0
            var run = 0
            var elongated = false
            var capitalized = false
            var active = false
        }

        private mutating func scanWords(into text: inout NormalizedText) {
            var word = Word()
            var hashtag = false
            var afterApostrophe = false
            var digitRun = 0
            let n = chunk.count
            var i = 0
            while i < n {
                let s = chunk[i]
                let v = s.value
                var foldedBytes: (UInt8, UInt8) = (0, 0)  // up to two ASCII bytes; 0 = none
                var extraFolded: [UInt8] = []
                var isLetter = false
                var isUpper = false
                var isDigit = false
                var lowerScalar = s
                if v < 0x80 {
                    if v >= 0x61 && v <= 0x7A {
                        isLetter = true; foldedBytes.0 = UInt8(v)
                    } else if v >= 0x41 && v <= 0x5A {
                        isLetter = true; isUpper = true; foldedBytes.0 = UInt8(v + 32)
                        lowerScalar = Unicode.Scalar(UInt8(v + 32))
                    } else if v >= 0x30 && v <= 0x39 {
                        isDigit = true; foldedBytes.0 = UInt8(v)
                    }
                } else if v >= ScalarFolding.latinStart && v < ScalarFolding.latinEnd {
                    let idx = Int(v - ScalarFolding.latinStart)
                    let table = ScalarFolding.shared
                    if table.isLetter[idx] {
                        isLetter = true
                        lowerScalar = table.lower[idx]
                        isUpper = lowerScalar != s
                        let f = table.folded[idx]
                        if f.count == 1 {
                            foldedBytes.0 = f[0]
                        } else if f.count == 2 {
                            foldedBytes = (f[0], f[1])
                        } else {
                            extraFolded = f
                        }
                    }
                } else if isEmoji(v) {
                    flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
                    hashtag = false
                    text.emojiCount += 1
                    append(
                        Token(
                            kind: .emoji, flags: [], sentence: sentence, hash: UInt64(v), hashSingle: UInt64(v),
                            lowerStart: 0, lowerCount: 0, foldedStart: 0, foldedCount: 0), into: &text)
                    i += 1
                    continue
                } else if v == 0xFE0F || v == 0x200D || (v >= 0x1F3FB && v <= 0x1F3FF) || v == 0x20E3 {
                    i += 1
                    continue  // emoji modifiers and joiners
                } else if s.properties.isAlphabetic {
                    isLetter = true
                    text.nonLatinLetterCount += 1
                    if s.properties.isUppercase, let l = s.properties.lowercaseMapping.unicodeScalars.first {
                        isUpper = true
                        lowerScalar = l
                    }
                    extraFolded = Array(String(lowerScalar).utf8)
                } else if s.properties.numericType != nil {
                    isDigit = true
                    foldedBytes.0 = 0x30
                }

                if isLetter || isDigit {
                    if isDigit { digitRun += 1; text.digitCount += 1 } else { digitRun = 0 }
                    if digitRun > text.longestDigitRun { text.longestDigitRun = digitRun }
                    if !word.active {
                        word = Word()
                        word.active = true
                        word.foldedStart = text.folded.count
                        word.lowerStart = text.lower.count
                        word.capitalized = isUpper
                    }
                    if isLetter {
                        word.letters += 1
                        text.letterCount += 1
                        if isUpper { word.uppers += 1; text.upperLetterCount += 1 }
                    } else {
                        word.digits += 1
                    }
                    if foldedBytes.0 != 0 { push(foldedBytes.0, &word, &text) }
                    if foldedBytes.1 != 0 { push(foldedBytes.1, &word, &text) }
                    for b in extraFolded { push(b, &word, &text) }
                    appendLower(lowerScalar, &text)
                    i += 1
                    continue
                }

                // Not a word character.
                digitRun = 0
                switch v {
                case 0x27, 0x2019, 0x2BC:  // apostrophes: "don't" → "do" "not", "l'amour" → "l" "amour"
                    flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
                    afterApostrophe = true
                    i += 1
                    continue
                case 0x23:  // '#'
                    flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
                    hashtag = true
                    text.hashtagCount += 1
                    i += 1
                    continue
                case 0x21, 0xA1:  // '!'
                    text.exclamationCount += 1
                    flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
                    if v == 0x21 { endSentenceAfterRun(&i, into: &text) } else { i += 1 }
                    hashtag = false
                    continue
                case 0x3F, 0xBF:  // '?'
                    text.questionCount += 1
                    flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
                    if v == 0x3F { endSentenceAfterRun(&i, into: &text) } else { i += 1 }
                    hashtag = false
                    continue
                case 0x2E, 0x2026, 0x3B:  // '.', '…', ';'
                    // A dot between digits ("3.5") or letters ("e.g", "f.u.c.k") does not end a sentence.
                    flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
                    let nextIsWord = i + 1 < n && isWordScalar(chunk[i + 1])
                    if !nextIsWord { endSentence(into: &text, question: false) }
                    i += 1
                    continue
                case 0x24, 0x20AC, 0xA3:
                    text.currencyCount += 1
                case 0x2C, 0x3A, 0x28, 0x29, 0x5B, 0x5D, 0x22, 0x201C, 0x201D, 0x201E, 0xAB, 0xBB, 0x2013, 0x2014, 0x2F,
                    0x7C:
                    // , : ( ) [ ] " “ ” „ « » – — / |: the word before ends here; the next one comes after a pause.
                    flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
                    pause = true
                    quotationMark(v, into: &text)
                case 0x2D:  // '-' standing alone is a dash; inside a word ("Jean-Luc", "e-mail") it is not
                    if i == 0 || i + 1 == n || !isWordScalar(chunk[i - 1]) || !isWordScalar(chunk[i + 1]) {
                        flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
                        pause = true
                    }
                default:
                    break
                }
                flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
                if v != 0x5F && v != 0x2D { hashtag = false }  // "#feature_request", "#anti-spam" stay hashtags
                afterApostrophe = false
                i += 1
            }
            flush(&word, hashtag: hashtag, afterApostrophe: &afterApostrophe, into: &text)
        }

        /// Opens or closes a quotation: " and “ toggle (“ closes „ in German), « and „ open, » and ” close.
        private mutating func quotationMark(_ v: UInt32, into text: inout NormalizedText) {
            let opens: Bool
            switch v {
            case 0x22, 0x201C: opens = quoteStart == nil
            case 0xAB, 0x201E: opens = true
            case 0xBB, 0x201D: opens = false
            default: return
            }
            if opens {
                if quoteStart == nil { quoteStart = text.tokens.count }
            } else if let start = quoteStart {
                // A long quotation, or one that opens with a mention (a retweet's “@user: …”), is a message passed on,
                // not words reported.
                if text.tokens.count - start > NormalizedText.longestQuotedWords
                    || (start < text.tokens.count && text.tokens[start].kind == .mention)
                {
                    unquote(from: start, in: &text)
                }
                quoteStart = nil
            }
        }

        /// A quotation still open at the end was not one ("5" screen", a stray «): its words are not quoted.
        mutating func dropUnclosedQuote(into text: inout NormalizedText) {
            if let start = quoteStart { unquote(from: start, in: &text) }
        }

        private func unquote(from start: Int, in text: inout NormalizedText) {
            for i in start..<text.tokens.count { text.tokens[i].flags.remove(.quoted) }
        }

        /// Consumes a run of '!' and '?' and ends the sentence; a question when the run holds a '?'.
        private mutating func endSentenceAfterRun(_ i: inout Int, into text: inout NormalizedText) {
            var question = chunk[i] == "?"
            i += 1
            while i < chunk.count, chunk[i] == "!" || chunk[i] == "?" {
                if chunk[i] == "?" { question = true; text.questionCount += 1 } else { text.exclamationCount += 1 }
                i += 1
            }
            endSentence(into: &text, question: question)
        }

        @inline(__always)
        private func isEmoji(_ v: UInt32) -> Bool {
            (v >= 0x1F000 && v <= 0x1FAFF && !(v >= 0x1F3FB && v <= 0x1F3FF)) || (v >= 0x2600 && v <= 0x27BF)
                || (v >= 0x2B00 && v <= 0x2BFF) || v == 0x2764 || (v >= 0x2190 && v <= 0x21FF)
                || (v >= 0x2300 && v <= 0x23FF) || v == 0x3030 || v == 0x303D || v == 0x3297 || v == 0x3299
        }

        @inline(__always)
        private func push(_ b: UInt8, _ word: inout Word, _ text: inout NormalizedText) {
            if b == word.last {
                word.run += 1
            } else {
                word.run = 1
                word.last = b
                word.h1 = FNV.add(word.h1, b)
            }
            if word.run <= 2 {
                word.h2 = FNV.add(word.h2, b)
                text.folded.append(b)
            } else if b >= 0x61 {
                word.elongated = true
            } else {
                word.h2 = FNV.add(word.h2, b)  // digits keep their runs ("1000")
                text.folded.append(b)
            }
        }

        @inline(__always)
        private func appendLower(_ s: Unicode.Scalar, _ text: inout NormalizedText) {
            let v = s.value
            if v < 0x80 {
                text.lower.append(UInt8(v))
            } else {
                text.lower.append(contentsOf: String(s).utf8)
            }
        }

        private mutating func flush(
            _ word: inout Word, hashtag: Bool, afterApostrophe: inout Bool, into text: inout NormalizedText
        ) {
            guard word.active else { return }
            word.active = false
            let foldedCount = text.folded.count - word.foldedStart
            if word.letters == 0 {
                // A number: dropped from the buffers, kept as a token for counts.
                text.folded.removeLast(foldedCount)
                text.lower.removeLast(text.lower.count - word.lowerStart)
                append(
                    Token(
                        kind: .number, flags: [], sentence: sentence, hash: word.h2, hashSingle: word.h2,
                        lowerStart: 0, lowerCount: 0, foldedStart: 0, foldedCount: 0), into: &text)
                afterApostrophe = false
                return
            }
            var flags: Token.Flags = []
            if word.letters >= 2 && word.uppers == word.letters { flags.insert(.allCaps) }
            if word.elongated { flags.insert(.elongated) }
            if hashtag { flags.insert(.hashtag) }
            if word.capitalized { flags.insert(.capitalized) }
            if word.digits > 0 { flags.insert(.hasDigit) }
            if pause { flags.insert(.afterPause) }
            if quoteStart != nil { flags.insert(.quoted) }
            if Self.hasAcuteEnding(text.lower[word.lowerStart...]) { flags.insert(.acuteEnding) }
            pause = false
            var h2 = word.h2
            var h1 = word.elongated ? word.h1 : word.h2
            // "don't", "can't": the "t" after an apostrophe becomes "not".
            if afterApostrophe, foldedCount == 1, text.folded.last == 0x74 {
                h2 = Self.notHash
                h1 = Self.notHash
                // The verb before it reads as "wont", "dont", "cant" (so "won" is not "won a prize").
                if let last = text.tokens.indices.last, text.tokens[last].isWord,
                    text.folded[Int(text.tokens[last].foldedStart + text.tokens[last].foldedCount) - 1] == 0x6E
                {
                    var h = text.tokens[last].hash
                    h = FNV.add(h, 0x74)
                    text.tokens[last].hash = h
                    text.tokens[last].hashSingle = h
                }
            }
            afterApostrophe = false
            text.wordCount += 1
            if flags.contains(.allCaps) { text.allCapsWordCount += 1 }
            append(
                Token(
                    kind: .word, flags: flags, sentence: sentence, hash: h2, hashSingle: h1,
                    lowerStart: Int32(word.lowerStart), lowerCount: Int32(text.lower.count - word.lowerStart),
                    foldedStart: Int32(word.foldedStart), foldedCount: Int32(foldedCount)), into: &text)
        }

        static let notHash = FNV.hash(bytes: "not".utf8)

        /// Whether a lower-case word ends in "é", "ée", "és" or "ées" (UTF-8 "é" is C3 A9).
        static func hasAcuteEnding(_ word: ArraySlice<UInt8>) -> Bool {
            var end = word.endIndex
            if end - word.startIndex >= 3, word[end - 1] == 0x73 { end -= 1 }  // s
            if end - word.startIndex >= 3, word[end - 1] == 0x65 { end -= 1 }  // e
            return end - word.startIndex >= 2 && word[end - 2] == 0xC3 && word[end - 1] == 0xA9
        }

        // MARK: Obfuscation

        /// Profanity commonly written with masked letters ("f**k", "sh*t", "b***h", "p*tain").
        private static let maskable: [[UInt8]] = [
            "fuck", "fucking", "fucker", "shit", "bitch", "cunt", "dick", "pussy", "asshole", "bastard", "whore",
            "slut", "nigger", "nigga", "faggot", "merde", "putain", "connard", "connasse", "salope", "pute",
            "encule", "enfoire", "batard",
        ].map { Array($0.utf8) }

        /// "f**k" → "fuck": a chunk with '*' in place of letters matches a known word of the same length whose
        /// other letters agree (first letter required).
        private func maskedWord(start: Int, end: Int, into text: inout NormalizedText) {
            let length = end - start
            guard length >= 3, length <= 8, chunk[start] != "*" else { return }
            var hasMask = false
            var pattern: [UInt8] = []
            pattern.reserveCapacity(length)
            for k in start..<end {
                let v = chunk[k].value
                switch v {
                case 0x2A: pattern.append(0x2A); hasMask = true
                case 0x61...0x7A: pattern.append(UInt8(v))
                case 0x41...0x5A: pattern.append(UInt8(v + 32))
                default: return
                }
            }
            guard hasMask else { return }
            for word in Self.maskable where word.count == length {
                var matches = true
                for i in 0..<length where pattern[i] != 0x2A && pattern[i] != word[i] {
                    matches = false
                    break
                }
                if matches {
                    text.obfuscatedKeys.append(FNV.hash(bytes: word))
                    return
                }
            }
        }

        /// "sh1t", "f*ck", "a$$hole", "f.u.c.k": maps look-alike characters to letters, drops separators,
        /// and records the result when it differs from the plain words.
        private func obfuscationKey(into text: inout NormalizedText) {
            guard chunk.count >= 3, chunk.count <= 40 else { return }
            var start = 0
            var end = chunk.count
            func isTrim(_ s: Unicode.Scalar) -> Bool {
                switch s {
                case ".", ",", "!", "?", ";", ":", "\"", "(", ")", "'", "-", "_", "’", "«", "»", "“", "”": return true
                default: return false
                }
            }
            while start < end, isTrim(chunk[start]) { start += 1 }
            while end > start, isTrim(chunk[end - 1]) { end -= 1 }
            guard end - start >= 3 else { return }
            // Plain words (the vast majority) need no de-obfuscation.
            var plain = true
            for k in start..<end {
                let v = chunk[k].value
                if !((v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || v >= 0xC0) { plain = false; break }
            }
            if plain { return }
            maskedWord(start: start, end: end, into: &text)
            var mapped: [UInt8] = []
            mapped.reserveCapacity(end - start)
            var substituted = false
            var letters = 0
            for k in start..<end {
                let v = chunk[k].value
                switch v {
                case 0x61...0x7A: mapped.append(UInt8(v)); letters += 1
                case 0x41...0x5A: mapped.append(UInt8(v + 32)); letters += 1
                case 0x30: mapped.append(0x6F); substituted = true  // 0 → o
                case 0x31, 0x21, 0x7C: mapped.append(0x69); substituted = true  // 1 ! | → i
                case 0x33: mapped.append(0x65); substituted = true  // 3 → e
                case 0x34, 0x40: mapped.append(0x61); substituted = true  // 4 @ → a
                case 0x35, 0x24: mapped.append(0x73); substituted = true  // 5 $ → s
                case 0x37: mapped.append(0x74); substituted = true  // 7 → t
                case 0x2A, 0x2E, 0x2D, 0x5F, 0x2C, 0x27, 0x2019, 0x22, 0x7E, 0x2B, 0x5E: substituted = true  // separators
                default:
                    if v >= ScalarFolding.latinStart && v < ScalarFolding.latinEnd {
                        let f = ScalarFolding.shared.folded[Int(v - ScalarFolding.latinStart)]
                        if f.isEmpty { return }
                        mapped.append(contentsOf: f)
                        letters += 1
                    } else {
                        return
                    }
                }
            }
            guard substituted, letters >= 2, mapped.count >= 3 else { return }
            var h2 = FNV.offset
            var h1 = FNV.offset
            var last: UInt8 = 0
            var run = 0
            for b in mapped {
                if b == last { run += 1 } else { run = 1; last = b; h1 = FNV.add(h1, b) }
                if run <= 2 { h2 = FNV.add(h2, b) }
            }
            text.obfuscatedKeys.append(h2)
            if h1 != h2 { text.obfuscatedKeys.append(h1) }
        }
    }
}
