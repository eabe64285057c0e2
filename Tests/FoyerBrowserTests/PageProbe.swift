import FoyerTestSupport

/// What the browser test reads from each page it opens, in one script call.
struct PageProbe: Sendable {
    var url: String
    /// The HTTP status of the document (Navigation Timing's `responseStatus`; 0 when unknown).
    var status: Int
    var language: String
    var title: String
    var links: [CrawlPolicy.Link]
    /// `<img src="x">` elements: the demo member's name, unescaped, would create one.
    var injectedImages: Int
    /// Elements with an inline `onerror` handler: never written by Foyer's templates.
    var inlineErrorHandlers: Int
    /// `<script>` elements whose text calls `alert(`: the demo message, unescaped, would create one.
    var injectedScripts: Int
    /// Calls to `alert`, `confirm` or `prompt` caught by the trap installed before each page's scripts.
    var trappedDialogs: [String]
    /// Which of the hostile strings the page shows as text.
    var visibleHostileText: [String]
    /// Images that failed to load.
    var brokenImages: [String]
    /// The text of every `<nav>` (the workspace switcher and the main navigation), whitespace collapsed.
    var navigationText: String

    /// Installed with ``WebDriverSession/addScriptOnNewDocument(_:)``: turns dialogs into a recorded flag,
    /// so injected script shows up as data instead of blocking the browser.
    static let dialogTrap = """
        (() => {
          const record = (kind) => (message) => {
            (window.__foyerDialogs = window.__foyerDialogs || []).push(kind + ': ' + String(message));
          };
          window.alert = record('alert');
          window.confirm = (message) => { record('confirm')(message); return false; };
          window.prompt = (message) => { record('prompt')(message); return null; };
        })();
        """

    static let script = """
        const hostile = arguments[0];
        const navigation = performance.getEntriesByType('navigation')[0];
        const body = document.body ? document.body.innerText : '';
        return {
          url: location.href,
          status: navigation && navigation.responseStatus ? navigation.responseStatus : 0,
          language: document.documentElement.getAttribute('lang') || '',
          title: document.title,
          links: [...document.querySelectorAll('a[href]')].map(a => ({href: a.href, rel: a.getAttribute('rel') || ''})),
          injectedImages: document.querySelectorAll('img[src="x"]').length,
          inlineErrorHandlers: document.querySelectorAll('[onerror]').length,
          injectedScripts: [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
          trappedDialogs: window.__foyerDialogs || [],
          visibleHostileText: hostile.filter(h => body.includes(h)),
          brokenImages: [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src),
          navigationText: [...document.querySelectorAll('nav')].map(n => n.textContent).join(' ')
            .replace(/\\s+/g, ' ').trim()
        };
        """

    /// Reads the current page.
    static func read(_ browser: WebDriverSession, hostile: [String]) async throws -> PageProbe {
        let value = try await browser.executeScript(script, arguments: [.array(hostile.map(WebDriverJSON.string))])
        func strings(_ key: String) -> [String] { (value[key]?.arrayValue ?? []).compactMap(\.stringValue) }
        func int(_ key: String) -> Int { Int(value[key]?.numberValue ?? 0) }
        return PageProbe(
            url: value["url"]?.stringValue ?? "",
            status: int("status"),
            language: value["language"]?.stringValue ?? "",
            title: value["title"]?.stringValue ?? "",
            links: (value["links"]?.arrayValue ?? []).map {
                CrawlPolicy.Link(href: $0["href"]?.stringValue ?? "", rel: $0["rel"]?.stringValue ?? "")
            },
            injectedImages: int("injectedImages"),
            inlineErrorHandlers: int("inlineErrorHandlers"),
            injectedScripts: int("injectedScripts"),
            trappedDialogs: strings("trappedDialogs"),
            visibleHostileText: strings("visibleHostileText"),
            brokenImages: strings("brokenImages"),
            navigationText: value["navigationText"]?.stringValue ?? ""
        )
    }

    /// Everything wrong with the page, as sentences; empty when the page is fine.
    var problems: [String] {
        var found: [String] = []
        if status >= 400 { found.append("answered HTTP \(status)") }
        if injectedImages > 0 { found.append("has \(injectedImages) injected <img src=x> (unescaped user content)") }
        if inlineErrorHandlers > 0 {
            found.append("has \(inlineErrorHandlers) element(s) with an inline onerror handler")
        }
        if injectedScripts > 0 {
            found.append("has \(injectedScripts) <script> calling alert( (unescaped user content)")
        }
        if !trappedDialogs.isEmpty { found.append("opened dialogs: \(trappedDialogs)") }
        if !brokenImages.isEmpty { found.append("has broken images: \(brokenImages)") }
        return found
    }
}
