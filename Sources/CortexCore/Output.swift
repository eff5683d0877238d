/// Where the shell writes: standard output for results, standard error for notices and
/// errors. Tests capture it; the live implementation writes to the file descriptors.
public protocol OutputSink: AnyObject {
    func write(_ text: String)
    func writeError(_ text: String)
}

extension OutputSink {
    public func line(_ text: String) { write(text + "\n") }
    public func errorLine(_ text: String) { writeError(text + "\n") }
}

/// Renders errors the same way everywhere: `error: message` and an indented hint.
public enum ErrorText {
    public static func render(_ error: CortexError) -> String {
        var s = "error: \(error.message)"
        if let hint = error.hint { s += "\n  hint: \(hint)" }
        return s
    }
}
