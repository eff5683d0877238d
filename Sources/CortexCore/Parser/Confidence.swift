/// How sure the embedded parser is of its answer, on 0...1.
///
/// A recognised operation starts at 1 and loses a fixed amount for each thing that made it
/// less direct; it never goes below `floor`, so any recognised operation ranks above
/// chit-chat. A route is `route`: its wrapper is recognised, its task is free text.
///
/// | cause | cost |
/// | --- | --- |
/// | each word nothing explains (`restart api pronto`), at most 4 counted | 0.10 |
/// | an environment read through a typo (`stagin`) | 0.15 |
/// | the verb read through a typo (`restrat`) | 0.20 |
/// | a verb re-read by its slots (`push api to 3 replicas` → scale) | 0.10 |
/// | a count whose role is guessed from its place (`rollback api to 3`, `logs api 50`, `scale up api 2`) | 0.15 |
/// | the workload taken from an image path (`deploy ghcr.io/acme/api:1.2`) | 0.15 |
/// | the workload named like a noun the parser knows (`restart billing`) | 0.15 |
/// | `roll back api to 1.2.0` read as a deploy of that version | 0.20 |
/// | operation read from nouns only (`6 replicas of api`) or a question only (`is api up`) | 0.05 |
/// | a trailing comment ignored (`… because it is stuck`) | 0.05 |
/// | a word the operation has no field for (`deploy api today`) | 0.10 |
///
/// An `unknown` carries how sure the parser is that nothing should be done from the text
/// as it stands: unrelated text is near 0 (a language model may still make sense of it);
/// missing fields sit in the middle; text the parser refuses on purpose (shell, SQL,
/// instructions, several operations, a negated request) is high, so that a fallback
/// threshold does not send it on to a model.
enum Confidence {
    static let floor = 0.3

    static let unexplainedWord = 0.10
    static let maxUnexplainedWords = 4
    static let fuzzyEnvironment = 0.15
    static let fuzzyVerb = 0.20
    static let reread = 0.10
    static let guessedCountRole = 0.15
    static let serviceFromImage = 0.15
    static let nounAsName = 0.15
    static let rollbackAsDeploy = 0.20
    static let withoutVerb = 0.05
    static let droppedComment = 0.05
    static let ignoredSlot = 0.10
    /// A route: the wrapper was recognised, the task is free text.
    static let route = 0.95

    // Unknowns.
    static let empty = 0.0
    static let unrelated = 0.1
    static let unclearVerb = 0.4
    static let missingField = 0.5
    /// A tool's message alone (`Grafana: [Alerting] …`) or a change told in the past tense
    /// with nothing asked (`Omar rolled back fraud-scorer`): unrelated to any operation, but
    /// sure enough that no model is asked to read a request into it. In a message of several
    /// sentences it counts as unrelated.
    static let toolMessage = 0.55
    static let unknownEnvironment = 0.6
    static let ambiguousTarget = 0.7
    static let negated = 0.8
    /// A change read from a question, a hypothetical, a condition or a report.
    static let notARequest = 0.85
    static let severalOperations = 0.9
    static let refused = 0.95

    /// The confidence left after the given deductions, never below `floor`.
    static func score(_ deductions: [Double]) -> Double {
        max(floor, 1 - deductions.reduce(0, +))
    }
}
