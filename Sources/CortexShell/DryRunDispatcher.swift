public import CortexCore

/// A dispatcher that changes nothing and reports what it would do: the pipeline's end
/// where no cluster, routing or cost module is attached.
public struct DryRunDispatcher: Dispatcher {
    public init() {}

    public func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        ResolvedOperation(operation: operation, environment: environment)
    }

    public func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        DispatchReport(lines: ["dry run, no module attached: \(resolved.operation.summary) (nothing was changed)"])
    }
}
