import Foundation

/// Finds the `foyer` executable that `swift build` (or `swift test`) put next to the test bundle.
public enum FoyerBinary {
    /// The first executable `foyer` among: `FOYER_BINARY`; the folder of the running test bundle; the
    /// package's `.build/debug` (and `.build/<triple>/debug`) folders found from `sourceFile` upwards.
    ///
    /// - Parameter sourceFile: pass `#filePath` from the test, so the package root can be found.
    public static func locate(
        sourceFile: String = #filePath, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        candidates(sourceFile: sourceFile, environment: environment).first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Where ``locate(sourceFile:environment:)`` looks, in order.
    public static func candidates(sourceFile: String, environment: [String: String]) -> [String] {
        var paths: [String] = []
        if let override = environment["FOYER_BINARY"], !override.isEmpty { return [override] }
        // The test runner is `<build>/debug/<package>PackageTests.xctest` (a file on Linux, a bundle on macOS).
        var bundleFolders: [URL] = []
        if let executable = Bundle.main.executableURL { bundleFolders.append(executable.deletingLastPathComponent()) }
        if let first = CommandLine.arguments.first, first.contains("/") {
            bundleFolders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            bundleFolders.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent())
        }
        for folder in bundleFolders {
            paths.append(folder.appendingPathComponent("foyer").path)
            // macOS: …/debug/fooPackageTests.xctest/Contents/MacOS/
            paths.append(
                folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("foyer").path)
        }
        // From the test's source file up to the package root (the folder holding Package.swift).
        var folder = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                let build = folder.appendingPathComponent(".build")
                paths.append(build.appendingPathComponent("debug/foyer").path)
                let triples = (try? FileManager.default.contentsOfDirectory(atPath: build.path)) ?? []
                for triple in triples.sorted() where triple.contains("-") {
                    paths.append(build.appendingPathComponent("\(triple)/debug/foyer").path)
                }
                break
            }
            folder.deleteLastPathComponent()
        }
        return paths
    }
}
