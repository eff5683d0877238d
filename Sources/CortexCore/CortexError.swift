/// The exit codes of `cortex nl` and script mode, as DESIGN.md fixes them.
public enum ExitCode: Int32, Comparable, Sendable, CaseIterable {
    case success = 0
    /// Failed while executing.
    case failed = 1
    /// Usage or configuration error.
    case usage = 2
    /// Denied by a guardrail.
    case denied = 3
    /// Needed confirmation and did not get it.
    case notConfirmed = 4
    /// Not understood.
    case notUnderstood = 5

    /// Which of two outcomes is worse, for script mode's "exit code of the worst failure".
    /// Configuration errors outrank the rest, then execution failures, then refusals.
    public var severity: Int {
        switch self {
        case .success: 0
        case .notUnderstood: 1
        case .notConfirmed: 2
        case .denied: 3
        case .failed: 4
        case .usage: 5
        }
    }

    public static func < (lhs: ExitCode, rhs: ExitCode) -> Bool { lhs.severity < rhs.severity }
}

/// An error as the user sees it: one message, an optional hint saying what to do, and the
/// exit code it ends the process with. Every failure is turned into one of these and rendered
/// in one place; the message never contains a secret.
public struct CortexError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public var exitCode: ExitCode
    /// A choice that would settle it (which kind, which container): the shell asks it when a
    /// person can answer and plans again; otherwise the error stands.
    public var question: ResolutionQuestion?

    public init(_ message: String, hint: String? = nil, exitCode: ExitCode, question: ResolutionQuestion? = nil) {
        self.message = message
        self.hint = hint
        self.exitCode = exitCode
        self.question = question
    }

    public var description: String {
        if let hint { return "\(message)\n  hint: \(hint)" }
        return message
    }

    public static func usage(_ message: String, hint: String? = nil) -> CortexError {
        CortexError(message, hint: hint, exitCode: .usage)
    }

    public static func failed(_ message: String, hint: String? = nil) -> CortexError {
        CortexError(message, hint: hint, exitCode: .failed)
    }
}
