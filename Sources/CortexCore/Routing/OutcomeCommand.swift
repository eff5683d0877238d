/// `route outcome <id> success|failure` as typed at the REPL (also `outcome r7 failed`):
/// the session recognises it before the pipeline, as it does its other built-ins.
public struct OutcomeCommand: Equatable, Sendable {
    public var id: String
    public var result: RoutingResult

    public init(id: String, result: RoutingResult) {
        self.id = id
        self.result = result
    }

    /// Nil when the line is not an outcome command at all; a usage error when it is one
    /// with a missing or unreadable part.
    public static func parse(_ line: String) throws(CortexError) -> OutcomeCommand? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        if words.first == "route" { words.removeFirst() }
        guard words.first == "outcome" else { return nil }
        words.removeFirst()
        guard words.count == 2 else {
            throw .usage("usage: route outcome <id> success|failure", hint: "e.g. route outcome r7 success")
        }
        return OutcomeCommand(id: words[0], result: try RoutingResult(word: words[1]))
    }
}

extension RoutingResult {
    /// `success`, `succeeded`, `ok`, `done`; `failure`, `failed`, `fail`.
    public init(word: String) throws(CortexError) {
        switch word.lowercased() {
        case "success", "succeeded", "ok", "done": self = .success
        case "failure", "failed", "fail": self = .failure
        default: throw .usage("`\(word)` is not an outcome", hint: "say success or failure")
        }
    }
}
