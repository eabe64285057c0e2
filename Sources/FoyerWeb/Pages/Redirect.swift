import Hummingbird

extension Response {
    /// A `303 See Other` to a path of this site (after a form, the browser fetches it with `GET`).
    static func seeOther(_ url: SiteURL) -> Response {
        seeOther(path: url.path)
    }

    static func seeOther(path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }
}

/// Keeps `next` parameters on this site: only absolute paths, never `//host` or `/\host`.
enum SafeReturnPath {
    static func validated(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.hasPrefix("/\\"), raw.count <= 512,
            !raw.contains(where: { $0.isWhitespace || $0.isNewline })
        else { return nil }
        return raw
    }
}
