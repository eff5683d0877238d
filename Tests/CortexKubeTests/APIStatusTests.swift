import CortexCore
@testable import CortexKube
import Foundation
import Testing

/// A failed response's `Status` is read from the parsed JSON where its fields have their
/// plain types and by `JSONDecoder` otherwise: either way, what `JSONDecoder` reads.
@Suite struct APIStatusTests {
    static let bodies: [String] = [
        #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"x\" not found","reason":"NotFound","details":{"name":"x","group":"apps","kind":"deployments"},"code":404}"#,
        #"{"status":"Failure","message":"m","reason":"Invalid","code":422,"details":{"name":"web","kind":"Deployment","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1","field":"spec.replicas"},{"reason":"x"}]}}"#,
        #"{"status":"Failure","message":"too many","reason":"TooManyRequests","code":429,"details":{"retryAfterSeconds":3}}"#,
        #"{"status":null,"message":null,"reason":null,"code":null,"details":null}"#,
        #"{"details":{"causes":null,"name":null}}"#,
        #"{}"#,
        #"{"message":"é \u00e9 \ud83d\ude00 \"q\" \\ \/","code":500}"#,
        // Types the plain reading leaves to the decoder.
        #"{"code":404.0}"#, #"{"code":4.04e2}"#, #"{"code":"404"}"#, #"{"code":1e30}"#, #"{"message":3}"#,
        #"{"details":[]}"#, #"{"details":{"causes":{}}}"#, #"{"details":{"causes":[1]}}"#, #"{"details":{"retryAfterSeconds":1.5}}"#,
        #"{"status":true}"#, #"[]"#, #""Failure""#, #"null"#, #"not json"#, "", #"{"code":404"#,
    ]

    @Test(arguments: bodies)
    func readsWhatTheDecoderReads(_ body: String) {
        let data = Data(body.utf8)
        #expect(APIStatus.decoded(from: data) == (try? JSONDecoder().decode(APIStatus.self, from: data)))
    }

    @Test func readsAStatusFromItsPlainFields() throws {
        let status = try #require(APIStatus.decoded(from: Data(Self.bodies[1].utf8)))
        #expect(status.code == 422 && status.reason == "Invalid" && status.details?.causes?.count == 2)
        #expect(status.details?.causes?.first?.field == "spec.replicas")
    }
}
