/// Chooses the operations whose cue is a noun or a word of trouble rather than the first verb:
/// canaries, autoscalers, environment variables, container resources, paused rollouts and
/// diagnosis. Runs before the verb rules, so that `delete the hpa for api` removes the
/// autoscaler (not the workload) and `abort the payments canary` ends the canary (not the
/// request); nil leaves the sentence to the verb rules.
enum WorkloadIntents {
    /// Verbs that describe how something is or went (`the canary looks great`).
    static let describingVerbs: Set<String> = [
        "looks", "looked", "seems", "seemed", "sounds", "is", "was", "went", "performed", "behaves", "behaved",
    ]

    static func decide(_ s: Sentence, _ e: Evidence, primary: Int?) -> IntentRules.Outcome? {
        var verb: Verb?
        if let k = primary, case .verb(let v) = s.lexemes[k].tag { verb = v }
        let looks = verb == .status || (verb == nil && (e.showVerb || e.question) && !e.setVerb)
        func intent(_ family: Family) -> IntentRules.Outcome {
            IntentRules.intent(family, verb == nil ? .nouns : .verb, primary)
        }

        if e.canary {
            if e.logsNoun || e.eventsNoun { return nil }
            // (`did the checkout canary get promoted?` asks after a promotion.)
            // (`roll back fraud-scorer, the canary got promoted by mistake`: a canary told of
            // beside the command is neither promoted nor ended by it.)
            if hasWord(s, "promote", inRequest: true) || hasWord(s, "promoted", inRequest: true) { return intent(.promote) }
            let told = !s.range.contains { s.lexemes[$0].tag == .noun(.canary) && !s.lexemes[$0].commentary }
            if told, verb == .rollback || verb == .delete || verb == .remove { return nil }
            if e.abortWord || verb == .rollback || verb == .delete || verb == .remove { return intent(.abort) }
            if looks { return nil }
            // `that 20% canary looks great`: with no verb of change, a canary the line
            // describes is a remark, not a request to start one.
            if verb == nil, s.range.contains(where: { describingVerbs.contains(s.lexemes[$0].word) }) { return nil }
            // `deploy feed v12 as a 25% canary on all nodes`: a new version or a share of
            // traffic starts a canary, whoever else the line mentions.
            let share = s.range.contains { k in
                if case .percent(let n) = s.lexemes[k].tag { return n < 100 }
                return false
            }
            if verb == .deploy || verb == .update, share || e.versionOrImage { return IntentRules.intent(.deploy, .verb, primary) }
            if e.promoteWord { return intent(.promote) }
            if verb == .deploy || verb == .update || e.versionOrImage || e.percent || s.lexemes.first?.tag == .noun(.canary) {
                return IntentRules.intent(.deploy, .verb, primary)
            }
            return nil
        }
        // `abort media in live`: aborting a workload ends its canary.
        if let first = s.range.first(where: { s.lexemes[$0].tag != .filler }), s.lexemes[first].word == "abort",
           s.lexemes[first].tag == .negation, primary == nil
        {
            return intent(.abort)
        }
        // `promote grpc-gateway in staging`: promoting with no environment to promote it to
        // finishes the canary; `promote grpc-gateway to prod` is a deploy there.
        if verb == .deploy, let k = primary, s.lexemes[k].word == "promote", !namesTargetEnvironment(s), !e.versionOrImage {
            return intent(.promote)
        }
        if e.autoscale {
            if e.costNoun { return nil }
            if looks { return IntentRules.intent(.status, .show, primary) }
            return intent(.autoscale)
        }
        // `which env vars does auth have`: reading variables is reading the workload.
        if e.variableNoun, looks, !e.assignment { return IntentRules.intent(.status, .show, primary) }
        if e.assignment || verb == .unset || (e.variableNoun && !looks) || namesVariableToSet(s, verb) {
            if looks && !e.assignment { return IntentRules.intent(.status, .show, primary) }
            return intent(.setEnv)
        }
        // `what's the memory limit of cart`: a question without a quantity reads the workload.
        if e.resourceNoun, e.opensAsQuestion, !e.anyQuantity, !e.why, !e.trouble {
            return IntentRules.intent(.status, .show, primary)
        }
        // (`remove two replicas from etl-loader; Grace mentioned the cluster is tight on
        // memory`: a resource only a comment names, beside a count of replicas.)
        if e.resourceNoun || e.memoryQuantity, !(e.replicaCount && !e.resourceNounInRequest && !e.memoryQuantity) {
            switch verb {
            case .set?, .give?, .grow?, .shrink?, .update?, .allocate?, .want?, .limit?, .scale?:
                return intent(.setResources)
            case nil where e.setVerb || e.scopeWord || (e.memoryQuantity && !e.question) || (!e.question && opensWithSizesFor(s)):
                return intent(.setResources)
            case .show? where e.memoryQuantity && !e.question:
                return intent(.setResources)
            // `drop its cpu limit to 250m` lowers it; `remove the memory limit of forum` asks for
            // what no operation does, and never deletes the workload.
            case .remove? where e.anyQuantity:
                return intent(.setResources)
            case .remove?:
                return .unclear(s.lexemes[primary ?? s.range.lowerBound].word)
            default:
                break
            }
        }
        // `stop the rollout of payments`, `freeze the rollout`: a rollout stopped where it stands is paused.
        if let k = s.range.first(where: { s.lexemes[$0].tag == .verb(.ambiguous) && ["stop", "freeze", "suspend"].contains(s.lexemes[$0].word) }),
           mentionsRollout(s), verb == nil || verb == .ambiguous || verb == .deploy
        {
            return IntentRules.intent(.pause, .reread, k)
        }
        // `Rollout of promo-engine on prod put on pause please`: the rollout named first, then
        // what is to happen to it.
        if verb == .deploy, let r = s.range.first(where: { ["rollout", "roll-out"].contains(s.lexemes[$0].word) }),
           r + 1 < s.end, s.lexemes[r + 1].word == "of",
           let k = s.range.first(where: { $0 > r + 1 && (s.lexemes[$0].tag == .verb(.pause) || s.lexemes[$0].tag == .verb(.resume)) })
        {
            return IntentRules.intent(s.lexemes[k].tag == .verb(.pause) ? .pause : .resume, .reread, k)
        }
        // `I want the rollout of catalog frozen where it is`, `… moving again`, `the paused
        // rollout … to carry on`: the state wished for a rollout.
        if verb == nil || verb == .want || verb == .deploy, !s.isQuestion, !e.why, let r = s.range.first(where: { ["rollout", "roll-out"].contains(s.lexemes[$0].word) }) {
            let words = s.range.map { s.lexemes[$0].word }
            let again = words.indices.dropFirst().contains { words[$0] == "again" && ["moving", "going", "running", "rolling"].contains(words[$0 - 1]) }
            if again || words.contains(where: { ["unpaused", "unfrozen", "resumed", "carry", "continue", "proceed"].contains($0) }) {
                return IntentRules.intent(.resume, .reread, r)
            }
            if words[(r - s.range.lowerBound + 1)...].contains(where: { ["frozen", "halted", "paused"].contains($0) }) {
                return IntentRules.intent(.pause, .reread, r)
            }
        }
        if verb == .diagnose { return IntentRules.intent(.diagnose, .verb, primary) }
        if e.trouble || (e.why && !e.eventsNoun) {
            if e.logsNoun && !e.why { return nil }
            // `why is our cloud bill so high`: a question about spend.
            if e.costNoun && !e.trouble { return nil }
            if e.eventsNoun { return IntentRules.intent(.events, .nouns, primary) }
            switch verb {
            case nil, .status?, .show?, .want?, .lead?, .stream?, .set?, .give?, .ambiguous?:
                return IntentRules.intent(.diagnose, verb == nil ? .question : .reread, primary)
            default:
                // `why did checkout restart 40 times`, `what went wrong with the cart deploy`:
                // a question about what a workload did asks for the cause, not for the act.
                if !e.whyAboutSomeone, e.why || (e.trouble && e.opensAsQuestion) {
                    return IntentRules.intent(.diagnose, .reread, primary)
                }
                return nil
            }
        }
        return nil
    }

    /// `half a core for label-printer in dev`, `2 cores and 1 gig for cart`: the sizes first,
    /// then whom they are for.
    private static func opensWithSizesFor(_ s: Sentence) -> Bool {
        guard let f = s.range.first(where: { s.lexemes[$0].word == "for" }), f > s.range.lowerBound else { return false }
        var sized = false
        for k in s.range.lowerBound..<f {
            switch s.lexemes[k].tag {
            case .noun(.cpu), .noun(.memory): sized = true
            case .measure, .number, .decimal, .indefinite, .conj: break
            default: if !["half", "quarter", "of", "gig", "gigs", "core", "cores"].contains(s.lexemes[k].word) { return false }
            }
        }
        return sized
    }

    /// Whether a lexeme of the sentence has `word` among its words (`inRequest`: outside the
    /// clauses that only comment on the command).
    private static func hasWord(_ s: Sentence, _ word: String, inRequest: Bool = false) -> Bool {
        s.range.contains { k in
            !(inRequest && s.lexemes[k].commentary) && s.lexemes[k].raw.lowercased().split(separator: " ").contains { $0 == word }
        }
    }

    /// `to prod`, `into staging`, `from stage to live`: an environment something moves to.
    private static func namesTargetEnvironment(_ s: Sentence) -> Bool {
        s.range.contains { k in
            guard s.lexemes[k].tag == .prep(.to) || s.lexemes[k].word == "into" else { return false }
            var j = k + 1
            while j < s.range.upperBound, s.lexemes[j].tag == .article { j += 1 }
            guard j < s.range.upperBound, case .env = s.lexemes[j].tag else { return false }
            return true
        }
    }

    /// `rollout`, `deploy`, `deployment` named as a thing.
    private static func mentionsRollout(_ s: Sentence) -> Bool {
        s.range.contains { k in
            ["rollout", "roll-out", "deploy", "deployment", "release", "update", "upgrade"].contains(s.lexemes[k].word)
        }
    }

    /// `set LOG_LEVEL to debug`, `remove FEATURE_X from cart`: a variable name with a verb that
    /// sets or removes it.
    private static func namesVariableToSet(_ s: Sentence, _ verb: Verb?) -> Bool {
        guard let k = s.range.first(where: { if case .envName = s.lexemes[$0].tag { true } else { false } }) else { return false }
        if k + 1 < s.end, s.lexemes[k + 1].tag == .prep(.to) { return true }
        return s.range.contains { j in
            switch s.lexemes[j].tag {
            case .verb(.set), .verb(.update), .verb(.remove), .verb(.delete), .verb(.grow), .verb(.unset), .verb(.give): true
            default: false
            }
        } || verb == nil
    }
}
