/// A question planning could not answer alone, put to the operator when one is there: which
/// of two workloads sharing a name is meant, which container of several to change. Never
/// guessed: without an answer the request stops.
public struct ResolutionQuestion: Equatable, Sendable {
    /// What the answer fills in.
    public enum Slot: String, Equatable, Sendable {
        /// The workload's kind (the operation's `kind` field).
        case kind
        /// The container to change (`ResolutionChoices.container`).
        case container
    }

    public var slot: Slot
    /// `which payments in staging?`: the question, without options.
    public var prompt: String
    /// The answers accepted, as typed.
    public var options: [String]

    public init(slot: Slot, prompt: String, options: [String]) {
        self.slot = slot
        self.prompt = prompt
        self.options = options
    }

    /// `? which container of payments in staging? [payments/log-shipper] `
    public var line: String { "? \(prompt) [\(options.joined(separator: "/"))] " }

    /// The option `answer` names (trimmed, case-insensitive), or nil.
    public func option(for answer: String) -> String? {
        let word = answer.trimmedWhitespace.lowercased()
        return options.first { $0.lowercased() == word }
    }
}

/// Answers the operator gave to `ResolutionQuestion`s that are not fields of the operation.
public struct ResolutionChoices: Equatable, Sendable {
    /// The container to change, when the workload has several.
    public var container: String?

    public init(container: String? = nil) { self.container = container }
}
