import Foundation

/// A file sent in a `multipart/form-data` form.
public struct UploadedFile: Sendable, Equatable {
    /// The form field's name.
    public var field: String
    /// The name the browser gave (never trusted as a path).
    public var filename: String
    /// The type the browser declared, if any (never trusted either: ``MediaPolicy`` reads the bytes).
    public var declaredType: String?
    public var data: Data
}

/// `multipart/form-data` bodies (RFC 7578): text fields and files.
enum MultipartForm {
    /// The boundary of a `multipart/form-data` content type, or `nil` for another type.
    static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard (1...70).contains(value.count) else { return nil }
            return value
        }
        return nil
    }

    /// Text fields (first value wins, like ``FormData``) and files; `nil` when the body is malformed.
    static func parse(_ body: [UInt8], boundary: String) -> (fields: [String: String], files: [UploadedFile])? {
        let delimiter = Array("--\(boundary)".utf8)
        var fields: [String: String] = [:]
        var files: [UploadedFile] = []
        guard var position = find(delimiter, in: body, from: 0) else { return nil }
        position += delimiter.count
        while position + 2 <= body.count {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") { break }
            guard body[position] == 13, body[position + 1] == 10 else { return nil }
            position += 2
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: position) else { return nil }
            let headerText = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find([13, 10] + delimiter, in: body, from: contentStart) else { return nil }
            let content = body[contentStart..<next]
            var name: String?
            var filename: String?
            var type: String?
            for line in headerText.components(separatedBy: "\r\n") {
                let pieces = line.split(separator: ":", maxSplits: 1)
                guard pieces.count == 2 else { continue }
                let header = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
                let value = pieces[1].trimmingCharacters(in: .whitespaces)
                if header == "content-disposition" {
                    name = parameter("name", in: value)
                    filename = parameter("filename", in: value)
                } else if header == "content-type" {
                    type = value
                }
            }
            if let name {
                if let filename {
                    if !(filename.isEmpty && content.isEmpty) {
                        files.append(UploadedFile(field: name, filename: filename, declaredType: type, data: Data(content)))
                    }
                } else if fields[name] == nil {
                    fields[name] = String(decoding: content, as: UTF8.self)
                }
            }
            position = next + 2 + delimiter.count
        }
        return (fields, files)
    }

    /// `name="value"` inside a Content-Disposition header.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { pin -> Int? in
                while index <= last {
                    if hay[index] == first {
                        var matched = true
                        for offset in 1..<pin.count where hay[index + offset] != pin[offset] {
                            matched = false
                            break
                        }
                        if matched { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }
}
