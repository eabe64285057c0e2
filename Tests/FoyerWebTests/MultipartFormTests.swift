import Foundation
import Testing

@testable import FoyerWeb

@Suite struct MultipartFormTests {
    @Test func parse_readsFieldsAndFiles_keepingTheFileBytesExactly() throws {
        let file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 13, 10, 0x2D, 0x2D, 0, 255]
        let body =
            Array("--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntoken\r\n".utf8)
            + Array("--XyZ\r\nContent-Disposition: form-data; name=\"altText\"\r\n\r\nA \"quoted\" meadow\r\n".utf8)
            + Array("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/a.png\"\r\n".utf8)
            + Array("Content-Type: image/png\r\n\r\n".utf8) + file + Array("\r\n--XyZ--\r\n".utf8)
        let parsed = try #require(MultipartForm.parse(body, boundary: "XyZ"))
        #expect(parsed.fields == ["_csrf": "token", "altText": "A \"quoted\" meadow"])
        #expect(parsed.files.count == 1)
        #expect(parsed.files.first?.filename == "../../etc/a.png")
        #expect(parsed.files.first?.declaredType == "image/png")
        #expect(parsed.files.first.map { [UInt8]($0.data) } == file)
    }

    @Test func parse_refusesATruncatedBody_andBoundaryNeedsMultipart() {
        let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".utf8)
        #expect(MultipartForm.parse(body, boundary: "XyZ") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"abc\"") == "abc")
        #expect(MultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
    }
}
