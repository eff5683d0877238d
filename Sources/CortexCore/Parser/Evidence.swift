/// The facts about a sentence that choose between operations when a verb can mean several.
struct Evidence {
    var replicaCount = false
    /// `replicas`, `pods`, `instances` named, with or without a count.
    var replicaNoun = false
    /// A replica count in digits or words, not just `a`: enough to make a scale without a verb.
    var numericReplicaCount = false
    var countAfterPreposition = false
    var versionOrImage = false
    var money = false
    var period = false
    var budgetNoun = false
    var costNoun = false
    var logsNoun = false
    var lineCount = false
    var statusNoun = false
    var showVerb = false
    var setVerb = false
    var question = false
    var multiplier = false

    init(_ s: Sentence) {
        question = s.isQuestion
        var sawReplicaUnit = false, sawCount = false, sawNumber = false
        for k in s.range {
            switch s.lexemes[k].tag {
            case .unit(.replica):
                sawReplicaUnit = true
                replicaNoun = true
            case .number, .quantity:
                sawCount = true
                sawNumber = true
            case .indefinite:
                if case .unit(.replica)? = s.tag(k + 1) { sawCount = true }
                if s.tag(k + 1) == .more, case .unit(.replica)? = s.tag(k + 2) { sawCount = true }
            case .signed:
                replicaCount = true
                numericReplicaCount = true
            case .more, .fewer:
                if case .number? = s.tag(k - 1) {
                    replicaCount = true
                    numericReplicaCount = true
                }
            case .version, .image, .serviceTag: versionOrImage = true
            case .unit(.version), .unit(.image):
                if let next = s.tag(k + 1), next != .article { versionOrImage = true }
            case .decimal:
                if case .verb? = s.tag(k - 1) { versionOrImage = true }
                if case .word? = s.tag(k - 1) { versionOrImage = true }
            case .money, .moneyPer, .currency: money = true
            case .period: period = true
            case .noun(.budget): budgetNoun = true
            case .noun(.cost): costNoun = true
            case .noun(.logs): logsNoun = true
            case .noun(.status): statusNoun = true
            case .unit(.line), .lineFlag:
                lineCount = true
            case .verb(.show), .verb(.stream): showVerb = true
            case .verb(.set), .verb(.give), .verb(.want): setVerb = true
            case .question: question = true
            case .multiplier: multiplier = true
            case .noun(.everything):
                if case .unit(.replica)? = s.tag(k + 1) { replicaCount = true }
            case .prep(.to), .prep(.by):
                if case .number? = s.tag(k + 1) {
                    switch s.tag(k + 2) {
                    case .unit(.line)?, .unit(.revision)?, .currency?: break
                    default: countAfterPreposition = true
                    }
                }
            default: break
            }
        }
        if sawReplicaUnit && sawCount { replicaCount = true }
        if sawReplicaUnit && sawNumber { numericReplicaCount = true }
    }

    var budgetLike: Bool { money || budgetNoun }
}
