import Foundation

/// Where the bundled resources (templates, static files, locales) are.
enum WebResources {
    /// The `Resources` folder copied into the module bundle.
    static var directory: URL {
        if let url = Bundle.module.url(forResource: "Resources", withExtension: nil) { return url }
        return Bundle.module.bundleURL.appendingPathComponent("Resources")
    }
}
