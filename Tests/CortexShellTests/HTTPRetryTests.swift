import CortexCore
import Foundation
import Testing

/// Answers from a script, recording what was sent.
final class ScriptedHTTP: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Result<HTTPResponse, HTTPTransportError>]
    private(set) var attempts = 0
    init(_ answers: [Result<HTTPResponse, HTTPTransportError>]) { self.answers = answers }
    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        lock.lock(); defer { lock.unlock() }
        attempts += 1
        return try answers.removeFirst().get()
    }
}

/// Time that moves only when slept; records the waits.
final class InstantClock: WaitingClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time: Duration = .zero
    private(set) var sleeps: [Duration] = []
    let onSleep: @Sendable () -> Void
    init(onSleep: @escaping @Sendable () -> Void = {}) { self.onSleep = onSleep }
    func now() -> Duration { lock.lock(); defer { lock.unlock() }; return time }
    func sleep(for duration: Duration, cancellation: any CancellationSignal) {
        lock.lock(); sleeps.append(duration); time += duration; lock.unlock()
        onSleep()
    }
}

func answer(_ status: Int, retryAfter: String? = nil) -> Result<HTTPResponse, HTTPTransportError> {
    var headers = HTTPHeaders()
    if let retryAfter { headers.add("Retry-After", retryAfter) }
    return .success(HTTPResponse(status: status, headers: headers))
}

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, initialDelay: .milliseconds(500), multiplier: 2, maxDelay: .seconds(3), maxRetryAfter: .seconds(20))

    @Test func backoffDoublesUpToTheCap() {
        #expect((1...5).map(policy.backoff) == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3)])
    }

    @Test(arguments: [
        (429, HTTPMethod.post, nil as String?, Duration.milliseconds(500) as Duration?),
        (429, .get, "7", .seconds(7)),
        (429, .get, "600", .seconds(20)),          // capped
        (429, .get, "Wed, 21 Oct 2015 07:28:00 GMT", .milliseconds(500)),  // HTTP-date: backoff instead
        (503, .get, nil, .milliseconds(500)),
        (504, .delete, nil, .milliseconds(500)),
        (503, .patch, nil, nil),                   // not idempotent, and the server did not say it did nothing
        (503, .post, "2", .seconds(2)),
        (500, .get, nil, nil),
        (404, .get, nil, nil),
        (409, .put, nil, nil),
    ])
    func whichAnswersAreRetried(_ status: Int, _ method: HTTPMethod, _ retryAfter: String?, _ expected: Duration?) throws {
        let response = try answer(status, retryAfter: retryAfter).get()
        #expect(policy.delay(after: 1, method: method, outcome: .response(response)) == expected)
    }

    @Test func transportFailures() {
        #expect(policy.delay(after: 2, method: .post, outcome: .failure(.connectionFailed(host: "h", detail: "refused"))) == .seconds(1))
        #expect(policy.delay(after: 1, method: .get, outcome: .failure(.tls(host: "h", detail: "bad cert"))) == nil)
        #expect(policy.delay(after: 1, method: .get, outcome: .failure(.timedOut(host: "h", after: nil))) == nil)
        #expect(policy.delay(after: 5, method: .get, outcome: .failure(.connectionFailed(host: "h", detail: "refused"))) == nil)
    }
}

@Suite struct RetryingTransportTests {
    @Test func honoursRetryAfterThenSucceeds() throws {
        let base = ScriptedHTTP([answer(429, retryAfter: "3"), answer(503), answer(200)])
        let clock = InstantClock()
        let response = try RetryingTransport(base, clock: clock).send(HTTPRequest(method: .get, url: "https://x"))
        #expect(response.status == 200)
        #expect(clock.sleeps == [.seconds(3), .seconds(1)])
    }

    @Test func givesUpAfterMaxAttemptsWithTheLastAnswer() throws {
        let base = ScriptedHTTP([answer(503), answer(503), answer(503), answer(503), answer(200)])
        let clock = InstantClock()
        let response = try RetryingTransport(base, policy: RetryPolicy(maxAttempts: 4), clock: clock).send(HTTPRequest(method: .get, url: "https://x"))
        #expect(response.status == 503)
        #expect(base.attempts == 4)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
    }

    @Test func reportsEachRetry() throws {
        let log = RetryLog()
        let base = ScriptedHTTP([.failure(.connectionFailed(host: "h", detail: "refused")), answer(200)])
        _ = try RetryingTransport(base, clock: InstantClock(), onRetry: { log.add("\($0) \($1) \($2)") }).send(HTTPRequest(method: .post, url: "https://x"))
        #expect(log.items == ["1 0.5 seconds cannot connect to h: refused"])
    }

    @Test func nonRetryableErrorsPassThrough() {
        let base = ScriptedHTTP([.failure(.tls(host: "h", detail: "unknown CA")), answer(200)])
        #expect(throws: HTTPTransportError.tls(host: "h", detail: "unknown CA")) {
            try RetryingTransport(base, clock: InstantClock()).send(HTTPRequest(method: .get, url: "https://x"))
        }
        #expect(base.attempts == 1)
    }

    @Test func cancellationDuringTheWaitStops() {
        let flag = TestFlag()
        let base = ScriptedHTTP([answer(429, retryAfter: "10"), answer(200)])
        #expect(throws: HTTPTransportError.cancelled) {
            try RetryingTransport(base, clock: InstantClock(onSleep: { flag.set() }), cancellation: flag).send(HTTPRequest(method: .get, url: "https://x"))
        }
        #expect(base.attempts == 1)
    }
}

final class RetryLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func add(_ s: String) { lock.lock(); values.append(s); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return values }
}

@Suite struct HTTPValueTests {
    @Test func secretsNeverPrint() {
        let request = HTTPRequest(method: .get, url: "https://x/api", bearerToken: Secret("tok-123"),
                                  tls: TLSSettings(clientKey: .data(Data("KEY-MATERIAL".utf8))))
        for text in [String(describing: request), String(reflecting: request.bearerToken!), "\(request.tls)", "\(Secret("tok-123"))"] {
            #expect(!text.contains("tok-123") && !text.contains("KEY-MATERIAL"), "\(text)")
        }
    }

    @Test func headersAreCaseInsensitive() {
        var h: HTTPHeaders = ["Content-Type": "a"]
        h.add("warning", "1")
        h.add("Warning", "2")
        #expect(h["content-type"] == "a")
        #expect(h.values("WARNING") == ["1", "2"])
        h.set("WARNING", "3")
        #expect(h.values("warning") == ["3"])
    }

    @Test func sizeLimit() {
        #expect(ResponseSizeLimit(bytes: 10).isExceeded(by: 11))
        #expect(!ResponseSizeLimit(bytes: 10).isExceeded(by: 10))
    }
}
