public import CortexCore

/// What the pipeline learnt about one request, step by step, for a report other than the
/// text (`cortex nl --output json`). The pipeline fills it when one is given.
public final class RequestTrace {
    public private(set) var operation: Operation?
    public private(set) var resolved: ResolvedOperation?
    public private(set) var verdict: Verdict?
    public private(set) var lines: [String]?

    public init() {}

    /// Set while a step cortex took of itself follows the request (the undoing of a failed
    /// rollout): the request keeps its own operation, plan and verdict, and the follow-up's
    /// lines are added to its outcome.
    var followingUp = false

    func understood(_ operation: Operation) { if !followingUp { self.operation = operation } }
    func resolved(_ resolved: ResolvedOperation) { if !followingUp { self.resolved = resolved } }
    func judged(_ verdict: Verdict) { if !followingUp { self.verdict = verdict } }
    func dispatched(_ report: DispatchReport) { followingUp ? noted(report.lines) : (lines = report.lines) }
    func noted(_ more: [String]) { lines = (lines ?? []) + more }

    /// The JSON report of the request, given its exit code and the error text it printed.
    public func report(request: String, errorText: String, exitCode: ExitCode) -> RequestReport {
        let errors = errorText.split(separator: "\n").compactMap { line -> String? in
            line.hasPrefix("error: ") ? String(line.dropFirst("error: ".count)) : nil
        }
        return RequestReport(request: request, operation: operation, resolved: resolved, verdict: verdict,
                             lines: lines, errors: errors, exitCode: exitCode)
    }
}
