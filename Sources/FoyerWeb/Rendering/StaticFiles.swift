import Foundation
import Hummingbird

/// The files under `Resources/Static`, read once at start and served from memory at `/static/<name>`.
///
/// Each response carries a strong ETag and a day of caching; a matching `If-None-Match` gets a 304.
struct StaticFiles: Sendable {
    struct File: Sendable {
        let data: Data
        let contentType: String
        let etag: String
    }

    let files: [String: File]

    init(directory: URL) throws {
        var files: [String: File] = [:]
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in names where !name.hasPrefix(".") {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            let type: String
            switch (name as NSString).pathExtension {
            case "css": type = "text/css; charset=utf-8"
            case "js": type = "text/javascript; charset=utf-8"
            case "svg": type = "image/svg+xml"
            case "png": type = "image/png"
            case "ico": type = "image/x-icon"
            default: type = "application/octet-stream"
            }
            let etag = "\"" + String(SecretToken.digest(String(decoding: data, as: UTF8.self)).prefix(16)) + "\""
            files[name] = File(data: data, contentType: type, etag: etag)
        }
        self.files = files
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("/static/:name") { request, context -> Response in
            guard let name = context.parameters.get("name"), let file = files[name] else {
                throw HTTPError(.notFound)
            }
            var headers: HTTPFields = [
                .contentType: file.contentType, .eTag: file.etag, .cacheControl: "public, max-age=86400",
            ]
            if request.headers[.ifNoneMatch] == file.etag {
                return Response(status: .notModified, headers: headers)
            }
            headers[.contentLength] = String(file.data.count)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
    }
}
