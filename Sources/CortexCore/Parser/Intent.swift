/// The operation a sentence asks for, before its slots are read.
enum Family: String, Equatable, Sendable {
    case deploy, scale, restart, rollback, delete, status, logs, cost, budget
    case diagnose, events, setEnv, setResources, autoscale, pause, resume, promote, abort

    var kind: OperationKind {
        switch self {
        case .diagnose: .diagnose
        case .events: .events
        case .setEnv: .setEnv
        case .setResources: .setResources
        case .autoscale: .autoscale
        case .pause: .pause
        case .resume: .resume
        case .promote: .promote
        case .abort: .abort
        case .deploy: .deploy
        case .scale: .scale
        case .restart: .restart
        case .rollback: .rollback
        case .delete: .delete
        case .status: .status
        case .logs: .logs
        case .cost: .cost
        case .budget: .budget
        }
    }
}

/// How the operation was recognised; the less direct, the lower the confidence.
enum Recognition: Equatable, Sendable {
    /// A verb that names the operation: `restart`, `tear down`.
    case verb
    /// A verb re-read by what follows it: `push api to 3 replicas` is a scale.
    case reread
    /// Nouns and slots without a verb: `6 replicas of api`, `api logs`.
    case nouns
    /// Only a question about a workload or environment: `is api healthy`.
    case question
    /// A verb that only asks to see something: `show …`, `get …`.
    case show
}

/// What the rules decided about the operation.
struct Intent: Equatable, Sendable {
    var family: Family
    var recognition: Recognition
    /// The lexeme that named the operation, when a verb did.
    var verbIndex: Int?
    /// Scaling direction from the verb or its particle (`scale up`, `reduce`).
    var direction: Direction?
    /// The operation was read from a verb used as a noun (`did the payments deploy finish?`).
    var fromNounUse = false
}
