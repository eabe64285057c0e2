import Foundation
import Hummingbird

/// A generated file (a CSV export, a calendar feed) as an answer that is never cached.
enum FileDownload {
    /// - Parameters:
    ///   - filename: ASCII, without quotes; the browser saves the file under it (`attachment`) or shows it
    ///     (`inline`).
    static func response(_ data: Data, type: String, filename: String, attachment: Bool = true) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "no-store",
                .contentDisposition: "\(attachment ? "attachment" : "inline"); filename=\"\(filename)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
