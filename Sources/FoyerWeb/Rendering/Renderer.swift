import Foundation
import FoyerCore
import Hummingbird
import Mustache

/// Renders the Mustache templates under `Resources/Templates`, loaded once at start.
///
/// Templates only ever use `{{name}}`, which HTML-escapes; view models are plain structs read by Mirror.
struct Renderer: Sendable {
    let library: MustacheLibrary
    let localizer: Localizer
    let staticFiles: StaticFiles

    init(library: MustacheLibrary, localizer: Localizer, staticFiles: StaticFiles) {
        self.library = library
        self.localizer = localizer
        self.staticFiles = staticFiles
    }

    /// Loads templates, catalogs and static files from the module's resources.
    ///
    /// A missing or malformed resource is a packaging error: it stops the process at start, never later.
    static func loadBundled() -> Renderer {
        let root = WebResources.directory
        do {
            var library = MustacheLibrary()
            let templates = root.appendingPathComponent("Templates")
            for name in try FileManager.default.contentsOfDirectory(atPath: templates.path)
            where name.hasSuffix(".mustache") {
                let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            }
            return Renderer(
                library: library,
                localizer: try Localizer(directory: root.appendingPathComponent("Locales")),
                staticFiles: try StaticFiles(directory: root.appendingPathComponent("Static")))
        } catch {
            preconditionFailure("Foyer's web resources could not be loaded from \(root.path): \(error)")
        }
    }

    /// Renders a template; an unknown template name renders nothing (caught by the tests over every page).
    func render(_ template: String, _ object: Any) -> String {
        library.render(object, withTemplate: template) ?? ""
    }

    /// An HTML response that no cache keeps.
    func html(_ template: String, _ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let body = render(template, object)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension Renderer {
    /// The bundled resources, loaded once per process.
    static let bundled = Renderer.loadBundled()
}
