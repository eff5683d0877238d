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
    /// `events`, `warnings`.
    var eventsNoun = false
    /// `what happened`, `what changed`.
    var whatHappened = false
    /// `canary` named.
    var canary = false
    /// `hpa`, `autoscaler`, or the verb `autoscale`.
    var autoscale = false
    /// `env var`, `variable`, or a `NAME=value` written out.
    var variableNoun = false
    var assignment = false
    /// `memory`, `cpu`, `cores` named, or a quantity with a memory unit (`1Gi`).
    var resourceNoun = false
    /// A resource named outside the clauses that only comment on the command.
    var resourceNounInRequest = false
    var memoryQuantity = false
    /// Words that say something is wrong (`failing`, `wrong`, `keeps restarting`).
    var trouble = false
    /// The word `why`.
    var why = false
    /// `why did you …`, `why should we …`: the question is about what a person did or should
    /// do, not about a workload.
    var whyAboutSomeone = false
    /// The sentence opens with a question word (`what went wrong …`, `is …`).
    var opensAsQuestion = false
    /// Words that stop or remove something (`stop`, `disable`, `turn off`, `remove`).
    var stopWord = false
    /// Words that end a canary (`abort`, `cancel`, `kill`, `roll back`).
    var abortWord = false
    /// Words that finish a canary (`promote`, `complete`, `roll forward`).
    var promoteWord = false
    /// A percentage (`10%`, `10 percent`).
    var percent = false
    /// `request`, `limit`, `cap`: which container resources.
    var scopeWord = false
    /// Any number or quantity.
    var anyQuantity = false

    /// Words that describe a failing workload or environment.
    static let troubleWords: Set<String> = [
        "wrong", "weird", "strange", "failing", "fails", "failure", "failures", "broken", "broke", "crashing", "crashes",
        "crash", "crashloop", "crashlooping", "crashloopbackoff", "erroring", "errors", "error",
        "unhealthy", "stuck", "pending", "problem", "problems", "issue", "issues", "outage", "dying",
        "dead", "oom", "oomkilled", "oomkill", "degraded", "flaky", "slow", "sick", "hanging", "hung",
        "unavailable", "unreachable", "misbehaving", "restarting", "5xx", "500s", "timeouts", "timing",
        "evicted", "imagepullbackoff", "errimagepull", "unschedulable", "failed", "died", "panicking",
        "panic", "exceptions", "exception", "throwing", "faulty", "bad", "acting", "fail",
        "worried", "worry", "concerned", "matter", "borked", "busted", "hosed", "wedged", "toast", "fubar", "fire",
        "kaput", "messed", "stall", "stalls", "stalled", "stalling",
    ]
    /// Words that stop, remove or turn off what follows.
    static let stopWords: Set<String> = [
        "stop", "disable", "off", "remove", "delete", "drop", "kill", "rid", "destroy", "no", "without",
        "deactivate", "disactivate", "desactivate", "nuke", "scrap", "tear", "turn", "shut", "uninstall", "cancel", "abort",
    ]
    static let abortWords: Set<String> = [
        "abort", "cancel", "kill", "stop", "remove", "delete", "drop", "revert", "rollback", "back",
        "discard", "scrap", "undo", "rid", "destroy", "nuke", "tear", "end", "terminate", "reject",
        "fail", "bin", "ditch", "plug",
    ]
    static let promoteWords: Set<String> = [
        "promote", "complete", "finish", "finalize", "finalise", "graduate", "forward", "accept",
        "proceed", "full", "100%", "everyone", "all", "stable",
    ]

    init(_ s: Sentence) {
        question = s.isQuestion
        var sawReplicaUnit = false, sawCount = false, sawNumber = false
        // `scale worker-7 to 0, it burned $40 overnight on 2 nodes`: what a comment mentions
        // is no evidence of what the line asks.
        for k in s.range where !s.lexemes[k].commentary {
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
            case .verb(.set), .verb(.give), .verb(.want), .verb(.allocate): setVerb = true
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
        readOperationWords(s)
        if sawReplicaUnit && sawCount { replicaCount = true }
        if sawReplicaUnit && sawNumber { numericReplicaCount = true }
    }

    var budgetLike: Bool { money || budgetNoun }

    /// What people, not workloads, keep doing: `keeps typing`, `keeps asking`.
    private static let peopleKeepDoing: Set<String> = [
        "typing", "asking", "saying", "calling", "pinging", "clicking", "writing", "emailing", "messaging", "complaining", "telling",
        "refreshing", "retrying", "trying", "checking", "paging",
    ]

    /// What a workload fails to do after a negation: `won't start`, `isn't ready`.
    private static let failingToWork: Set<String> = [
        "start", "starting", "work", "working", "come", "coming", "boot", "booting", "ready", "connect", "connecting",
        "respond", "responding", "run", "running", "serve", "serving", "load", "loading", "up", "healthy", "come up",
        // (`what is not OK with fatura-worker`.)
        "ok", "okay", "fine", "right",
    ]

    /// The words and tags that point at diagnosis, events and the workload operations beyond
    /// deploy and scale.
    private mutating func readOperationWords(_ s: Sentence) {
        for k in s.range {
            let l = s.lexemes[k]
            let lower = l.raw.lowercased()
            // `pull it`: a canary pulled is aborted (but `pull up` only shows).
            if lower == "pull" { abortWord = true }
            let words = lower.utf8.contains(UInt8(ascii: " ")) ? lower.split(separator: " ").map(String.init) : [lower]
            for w in words {
                // `customers complain checkout is slow, give it two more instances`: trouble
                // told in a comment does not turn the command into a diagnosis.
                if Self.troubleWords.contains(w), !l.commentary { trouble = true }
                if Self.stopWords.contains(w) { stopWord = true }
                // (`tiles rollback at 3 bought us time; …`: a change told of is not asked for.)
                if Self.abortWords.contains(w), !(l.tag == .noun(.generic) && Lexicon.namesOperation(w)) { abortWord = true }
                if Self.promoteWords.contains(w) { promoteWord = true }
                if w == "why" { why = true }
                if w == "percent" || w == "pct" { percent = true }
                if SlotReader.scopeWords.contains(w) { scopeWord = true }
                if w == "automatically" || w == "automatic" { autoscale = true }
                // (`let geo-router scale itself up to 6 pods`.)
                if w == "itself", s.range.contains(where: { ["grow", "scale", "shrink", "size", "expand"].contains(s.lexemes[$0].word) }) {
                    autoscale = true
                }
                // (`let search-api scale out to 30 pods`: let it scale, up to a bound.)
                if w == "let", k + 2 < s.end, s.lexemes[k + 1].tag == .word, ["scale", "grow", "expand"].contains(s.lexemes[k + 2].word),
                   k + 3 < s.end, ["out", "up"].contains(s.lexemes[k + 3].word)
                {
                    autoscale = true
                }
                // (`let checkout grow on its own up to 30`: by itself.)
                if w == "own", k > s.range.lowerBound, s.lexemes[k - 1].word == "its",
                   s.range.contains(where: { ["grow", "scale", "shrink", "size", "expand"].contains(s.lexemes[$0].word) })
                {
                    autoscale = true
                }
            }
            switch l.tag {
            case .noun(.events): eventsNoun = true
            case .question("happened"): whatHappened = true
            case .noun(.canary): canary = true
            case .noun(.autoscaler), .verb(.autoscale): autoscale = true
            case .noun(.variable): variableNoun = true
            case .assignment where !l.commentary: assignment = true
            case .noun(.memory), .noun(.cpu):
                resourceNoun = true
                if !l.commentary { resourceNounInRequest = true }
            case .measure(_, let unit):
                anyQuantity = true
                if QuantityForm.memory("1" + unit) != nil && unit != "m" { memoryQuantity = true }
            case .decimal:
                anyQuantity = true
            case .number:
                anyQuantity = true
                if k + 1 < s.end, SlotReader.resourceUnitWords.contains(s.lexemes[k + 1].word) { memoryQuantity = true }
            case .percent: percent = true
            case .particle("off") where k > 0 && ["is", "are", "seems", "looks", "feels"].contains(s.lexemes[k - 1].word):
                // `something is off with billing-api`.
                trouble = true
            case .particle("down"):
                // `payments is down`, but not `scale down`, `tear down`.
                if k > 0, case .question = s.lexemes[k - 1].tag { trouble = true }
                if k > 0, s.lexemes[k - 1].tag == .word, k + 1 >= s.end || s.lexemes[k + 1].breakBefore { trouble = true }
            case .negation:
                // `won't start`, `can't connect`, `not working`, `isn't ready`, `why won't the
                // vault statefulset come up`.
                if ((k + 1)..<min(s.end, k + 5)).contains(where: { Self.failingToWork.contains(s.lexemes[$0].word) }) {
                    trouble = true
                }
            default: break
            }
        }
        if let first = s.lexemes.first, case .question = first.tag { opensAsQuestion = true }
        if let k = s.range.first(where: { s.lexemes[$0].word == "why" }) {
            var j = k + 1
            while j < s.end {
                switch s.lexemes[j].tag {
                case .question, .negation:
                    j += 1
                    continue
                case .filler where !["i", "we", "you", "me", "us"].contains(s.lexemes[j].word):
                    j += 1
                    continue
                default: break
                }
                break
            }
            if j < s.end, ["you", "we", "i", "someone", "somebody", "they", "anyone", "he", "she", "u"].contains(s.lexemes[j].word) {
                whyAboutSomeone = true
            }
        }
        // `keeps restarting`, `keep crashing`.
        for k in s.range where ["keep", "keeps", "kept"].contains(s.lexemes[k].word) && k + 1 < s.end {
            // (`Customer keeps typing 'rollback' into the chat`: what people keep doing is no fault.)
            if s.lexemes[k + 1].word.hasSuffix("ing"), !Self.peopleKeepDoing.contains(s.lexemes[k + 1].word) { trouble = true }
        }
    }
}
