import Foundation

/// One line of a JSON Lines file, without its line break.
struct ImportLine: Equatable, Sendable {
    var number: Int
    var bytes: Data
    /// Set when the line was longer than ``LineSplitter/maximumLineBytes`` and was cut.
    var tooLong: Bool
}

/// Splits a byte stream into lines (LF or CRLF), one chunk at a time, keeping at most one line in memory.
struct LineSplitter {
    static let maximumLineBytes = 1024 * 1024

    private var current = Data()
    private var number = 1
    private var tooLong = false

    mutating func consume(_ chunk: Data, emit: (ImportLine) throws -> Void) rethrows {
        var start = chunk.startIndex
        while let newline = chunk[start...].firstIndex(of: 0x0A) {
            append(chunk[start..<newline])
            try flush(emit: emit)
            start = chunk.index(after: newline)
        }
        append(chunk[start...])
    }

    mutating func finish(emit: (ImportLine) throws -> Void) rethrows {
        if !current.isEmpty || tooLong { try flush(emit: emit) }
    }

    private mutating func append(_ bytes: Data) {
        guard !tooLong else { return }
        if current.count + bytes.count > Self.maximumLineBytes {
            tooLong = true
            current.append(bytes.prefix(Self.maximumLineBytes - current.count))
        } else {
            current.append(bytes)
        }
    }

    private mutating func flush(emit: (ImportLine) throws -> Void) rethrows {
        if current.last == 0x0D { current.removeLast() }
        let line = ImportLine(number: number, bytes: current, tooLong: tooLong)
        current = Data()
        tooLong = false
        number += 1
        try emit(line)
    }
}
