import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where commands write their output and read standard input. Commands use ``Console/current``; tests bind a
/// ``Console`` that records, with `Console.$current.withValue(…)`.
///
/// Results go to standard output; diagnostics and errors to standard error.
public struct Console: Sendable {
    public var writeOutput: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void
    /// Everything on standard input up to end of file; at a terminal, one line typed without echo.
    public var readInput: @Sendable () -> Data
    /// The environment variables configuration is read from.
    public var environment: [String: String]

    public init(
        writeOutput: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
        readInput: @escaping @Sendable () -> Data, environment: [String: String] = [:]
    ) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.readInput = readInput
        self.environment = environment
    }

    /// The process's standard output, error and input.
    public static let standard = Console(
        writeOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
        readInput: {
            if isatty(STDIN_FILENO) != 0, let typed = getpass("Password: ") {
                return Data(String(cString: typed).utf8)
            }
            return FileHandle.standardInput.readDataToEndOfFile()
        },
        environment: FoyerConfiguration.processEnvironment()
    )

    @TaskLocal public static var current: Console = .standard

    /// Writes one line to standard output.
    public func print(_ line: String) { writeOutput(line + "\n") }

    /// Writes one line to standard error.
    public func printError(_ line: String) { writeError(line + "\n") }
}
