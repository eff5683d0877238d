import CortexCore
import Hummingbird

/// Adapts Hummingbird requests to the API layer and its answers back to HTTP, streaming
/// watch events as chunks.
struct SimResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// Bodies larger than this are refused with 413.
    static let maxBodyBytes = 8 << 20

    let engine: ClusterEngine

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maxBodyBytes)
        } catch {
            let status = APIError(
                code: 413, reason: "RequestEntityTooLarge", message: "the request body is larger than 8 MiB", details: nil)
            return Self.response(.error(status))
        }
        var apiRequest = APIRequest(
            method: APIRequest.Method(rawValue: request.method.rawValue) ?? .other,
            target: request.uri.string,
            contentType: request.headers[.contentType],
            accept: request.headers[.accept],
            body: Array(body.readableBytesView))
        apiRequest.authorization = request.headers[.authorization]
        return Self.response(await engine.handle(apiRequest), engine: engine)
    }

    private static func response(_ response: APIResponse, engine: ClusterEngine? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = response.contentType
        let status = HTTPResponse.Status(code: response.code)
        switch response.body {
        case .bytes(let bytes):
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .stream(let stream):
            headers[.cacheControl] = "no-cache, private"
            return Response(
                status: status, headers: headers,
                body: ResponseBody { writer in
                    await engine?.streamOpened()
                    do {
                        for await chunk in stream {
                            try await writer.write(ByteBuffer(bytes: chunk))
                        }
                        try await writer.finish(nil)
                    } catch {
                        await engine?.streamClosed()
                        throw error
                    }
                    await engine?.streamClosed()
                })
        }
    }
}
