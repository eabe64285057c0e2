import Foundation

/// Reads a file in fixed-size chunks, so an import never holds more than one chunk of the file in memory.
///
/// A UTF-8 byte order mark at the very start is dropped (spreadsheets write one).
struct ImportByteSource {
    static let chunkSize = 64 * 1024
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private let next: () throws -> Data?
    private var atStart = true

    /// Chunks of `handle` until end of file.
    init(handle: FileHandle) {
        // An empty read means end of file.
        next = {
            guard let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty else { return nil }
            return chunk
        }
    }

    /// The bytes of `data`, in chunks of `chunkSize` (tests use small chunks to cross every boundary).
    init(data: Data, chunkSize: Int = ImportByteSource.chunkSize) {
        var offset = data.startIndex
        let size = max(1, chunkSize)
        next = {
            guard offset < data.endIndex else { return nil }
            let end = data.index(offset, offsetBy: size, limitedBy: data.endIndex) ?? data.endIndex
            defer { offset = end }
            return data[offset..<end]
        }
    }

    /// The next chunk, or `nil` at the end of the input.
    mutating func read() throws -> Data? {
        guard atStart else { return try next() }
        atStart = false
        // Gather at least three bytes so the mark is recognised even when the first chunk is tiny.
        var head = Data()
        while head.count < Self.byteOrderMark.count, let chunk = try next() { head.append(chunk) }
        if head.starts(with: Self.byteOrderMark) { head.removeFirst(Self.byteOrderMark.count) }
        return head.isEmpty ? try next() : head
    }
}
