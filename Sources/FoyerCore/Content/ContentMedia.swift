import Foundation

public typealias MediaID = Identifier<ContentMedia>

/// A file attached to a content item, stored in the data folder.
public struct ContentMedia: Sendable, Equatable, Identifiable {
    public var id: MediaID
    public var workspaceID: WorkspaceID
    public var contentID: ContentItemID
    public var filename: String
    public var mimeType: String
    public var byteCount: Int
    /// Hex SHA-256 of the bytes: the name of the file in the media folder.
    public var sha256: String
    public var altText: String?
    public var createdAt: Date

    public init(
        id: MediaID, workspaceID: WorkspaceID, contentID: ContentItemID, filename: String, mimeType: String,
        byteCount: Int, sha256: String, altText: String?, createdAt: Date
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.contentID = contentID
        self.filename = filename
        self.mimeType = mimeType
        self.byteCount = byteCount
        self.sha256 = sha256
        self.altText = altText
        self.createdAt = createdAt
    }

    public var isImage: Bool { mimeType.hasPrefix("image/") }
    public var isVideo: Bool { mimeType.hasPrefix("video/") }
}

/// The files Foyer accepts, recognised by their first bytes (the declared type and name are not trusted).
public enum MediaPolicy {
    public static let maxImageBytes = 10 * 1024 * 1024
    public static let maxVideoBytes = 100 * 1024 * 1024

    /// The type the bytes really are, or `nil` when Foyer does not take them.
    public static func sniff(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(12))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if starts(Array("ftyp".utf8), at: 4) { return "video/mp4" }
        return nil
    }

    /// Checks an upload and returns its real type and a safe file name.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` on `file` for an unknown type, an empty or too large
    ///   file, or a declared type that is not what the bytes are.
    public static func check(_ data: Data, filename: String, declaredType: String?) throws -> (mimeType: String, filename: String) {
        guard !data.isEmpty else { throw DomainError.invalid(field: "file", message: "The file is empty.") }
        guard let type = sniff(data) else {
            throw DomainError.invalid(field: "file", message: "Attach a JPEG, PNG, GIF or WebP image, or an MP4 video.")
        }
        let limit = type.hasPrefix("video/") ? maxVideoBytes : maxImageBytes
        guard data.count <= limit else {
            throw DomainError.invalid(
                field: "file", message: "The file is \(data.count / 1_048_576) MB; the limit is \(limit / 1_048_576) MB for this type.")
        }
        if let declared = declaredType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
            !declared.isEmpty, declared != "application/octet-stream", declared != type,
            !(declared == "image/jpg" && type == "image/jpeg")
        {
            throw DomainError.invalid(field: "file", message: "The file says it is \(declared.prefix(40)) but it is \(type).")
        }
        return (type, safeFilename(filename, type: type))
    }

    /// The last path component, without control characters or separators, at most 100 characters, with
    /// an extension matching the type.
    static func safeFilename(_ raw: String, type: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "\"" }.map(Character.init))
        name = name.trimmingCharacters(in: .whitespaces)
        while name.hasPrefix(".") { name.removeFirst() }
        if name.isEmpty { name = "file" }
        let ext = type.split(separator: "/").last.map { $0 == "jpeg" ? "jpg" : String($0) } ?? "bin"
        if !name.lowercased().hasSuffix(".\(ext)") && !(ext == "jpg" && name.lowercased().hasSuffix(".jpeg")) {
            name += ".\(ext)"
        }
        return String(name.suffix(100))
    }
}

/// Where media bytes live: files named by their SHA-256 under the data folder.
public protocol MediaStore: Sendable {
    /// Stores the bytes and returns their hex SHA-256; storing the same bytes twice keeps one file.
    func put(_ data: Data) async throws -> String
    func get(_ sha256: String) async throws -> Data
}
