/// When a failed exchange is tried again and after how long: a pure value.
///
/// 429 is always retried (the server did not act on the request). 502, 503 and 504 are
/// retried for idempotent methods, and for any method when the server sent `Retry-After`
/// (it says it did not act). A connection that never came up is retried for every method.
/// The wait doubles from `initialDelay` up to `maxDelay`; a `Retry-After` in seconds
/// replaces it, capped at `maxRetryAfter`.
public struct RetryPolicy: Equatable, Sendable {
    /// Attempts in all, the first included. 1 disables retries.
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var multiplier: Int
    public var maxDelay: Duration
    public var maxRetryAfter: Duration
    /// Every request may be sent again whatever its method, so 500, 502-504 and 529
    /// (overloaded) are retried too: model calls, which change nothing on the server.
    public var repeatable = false

    public init(
        maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(500), multiplier: Int = 2,
        maxDelay: Duration = .seconds(8), maxRetryAfter: Duration = .seconds(30)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.multiplier = max(1, multiplier)
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    public static let standard = RetryPolicy()

    /// For LLM endpoints: three attempts, every server error retried.
    public static let modelCalls: RetryPolicy = {
        var p = RetryPolicy(maxAttempts: 3)
        p.repeatable = true
        return p
    }()
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The outcome of one attempt, as far as retrying is concerned.
    public enum Outcome: Sendable {
        case response(HTTPResponse)
        case failure(HTTPTransportError)
    }

    /// How long to wait before attempt `attempt + 1`, or nil to stop and return the outcome.
    /// `attempt` counts from 1.
    public func delay(after attempt: Int, method: HTTPMethod, outcome: Outcome) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        switch outcome {
        case .failure(.connectionFailed):
            return backoff(attempt)
        case .failure:
            return nil
        case .response(let response):
            let retryAfter = Self.retryAfter(response.headers["Retry-After"])
            let retryable: Bool
            switch response.status {
            case 429: retryable = true
            case 502, 503, 504: retryable = method.isIdempotent || repeatable || retryAfter != nil
            case 500, 529: retryable = repeatable
            default: retryable = false
            }
            guard retryable else { return nil }
            if let retryAfter { return min(retryAfter, maxRetryAfter) }
            return backoff(attempt)
        }
    }

    /// The exponential wait before attempt `attempt + 1`.
    public func backoff(_ attempt: Int) -> Duration {
        var d = initialDelay
        for _ in 1..<max(1, attempt) {
            d = d * multiplier
            if d >= maxDelay { return maxDelay }
        }
        return min(d, maxDelay)
    }

    /// `Retry-After` as delta-seconds. HTTP-dates are not honoured (they need a wall clock)
    /// and fall back to the exponential backoff.
    public static func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.filter { $0 != " " && $0 != "\t" }), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}

/// Reads a monotonic time and waits: the only two things retrying and waiting need from a
/// clock. Tests use a fake that advances instantly.
public protocol WaitingClock: Sendable {
    /// Time since an arbitrary fixed point; only differences matter.
    func now() -> Duration
    /// Waits `duration`, returning early when `cancellation` fires.
    func sleep(for duration: Duration, cancellation: any CancellationSignal)
}

/// Retries another transport's requests according to a `RetryPolicy`.
public struct RetryingTransport: HTTPTransport {
    public let base: any HTTPTransport
    public let policy: RetryPolicy
    public let clock: any WaitingClock
    public let cancellation: any CancellationSignal
    /// Told before each wait: the attempt that failed and the wait ahead.
    public let onRetry: @Sendable (_ attempt: Int, _ delay: Duration, _ reason: String) -> Void

    public init(
        _ base: any HTTPTransport, policy: RetryPolicy = .standard, clock: any WaitingClock,
        cancellation: any CancellationSignal = NeverCancelled(),
        onRetry: @escaping @Sendable (Int, Duration, String) -> Void = { _, _, _ in }
    ) {
        self.base = base
        self.policy = policy
        self.clock = clock
        self.cancellation = cancellation
        self.onRetry = onRetry
    }

    public func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        var attempt = 1
        while true {
            let outcome: RetryPolicy.Outcome
            do { outcome = .response(try base.send(request)) } catch { outcome = .failure(error) }
            guard let delay = policy.delay(after: attempt, method: request.method, outcome: outcome) else {
                switch outcome {
                case .response(let r): return r
                case .failure(let e): throw e
                }
            }
            let reason: String
            switch outcome {
            case .response(let r): reason = "HTTP \(r.status)"
            case .failure(let e): reason = e.description
            }
            onRetry(attempt, delay, reason)
            clock.sleep(for: delay, cancellation: cancellation)
            if cancellation.isCancelled { throw .cancelled }
            attempt += 1
        }
    }
}
