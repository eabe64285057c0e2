import Foundation

/// A `multipart/form-data` body (RFC 7578), for uploads.
struct MultipartForm {
    let boundary = "foyer-" + UUID().uuidString
    private var body = Data()

    /// The `Content-Type` header that goes with the body.
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func field(_ name: String, _ value: String) {
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n".utf8))
        body.append(Data(value.utf8))
        body.append(Data("\r\n".utf8))
    }

    mutating func file(_ name: String, filename: String, mimeType: String, data: Data) {
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(filename))\"\r\nContent-Type: \(Self.quoted(mimeType))\r\n\r\n"
                    .utf8))
        body.append(data)
        body.append(Data("\r\n".utf8))
    }

    /// The body with its closing boundary.
    func finished() -> Data {
        body + Data("--\(boundary)--\r\n".utf8)
    }

    /// A header parameter value without the characters that would end it: quotes, backslashes, line breaks.
    static func quoted(_ value: String) -> String {
        String(value.unicodeScalars.filter { !"\"\\\r\n".unicodeScalars.contains($0) && $0.value >= 0x20 }.map(Character.init))
    }
}
