/// An operation with the parser's confidence in it.
struct Verdict: Equatable, Sendable {
    var operation: Operation
    var confidence: Double

    static func unknown(_ reason: String, _ confidence: Double) -> Verdict {
        Verdict(operation: .unknown(reason), confidence: confidence)
    }
}

/// Puts the slots into the operation the intent chose, rejecting what does not fit and
/// saying why, and scores the result (see `Confidence`).
struct OperationBuilder {
    /// A name read from the slots, or why none can be.
    private enum Resolved {
        case value(String?)
        case refused(Verdict)
    }

    let sentence: Sentence
    let intent: Intent
    let slots: Slots
    let environments: EnvironmentCatalog

    private var kind: OperationKind { intent.family.kind }
    private var name: String { kind.rawValue }

    func build() -> Verdict {
        var deductions: [Double] = []
        if let refusal = commonRefusal() { return refusal }
        let environment: String?
        switch resolveEnvironment() {
        case .value(let env): environment = env
        case .refused(let verdict): return verdict
        }
        var service: String?
        switch resolveService(&deductions) {
        case .value(let s): service = s
        case .refused(let verdict): return verdict
        }
        if slots.fuzzyEnvironments > 0 { deductions.append(Confidence.fuzzyEnvironment * Double(slots.fuzzyEnvironments)) }
        if sentence.lexemes.contains(where: { $0.fuzzy && $0.tag != .word && !isEnv($0.tag) }) { deductions.append(Confidence.fuzzyVerb) }
        if sentence.droppedComment { deductions.append(Confidence.droppedComment) }
        switch intent.recognition {
        case .reread: deductions.append(Confidence.reread)
        case .nouns, .question: deductions.append(Confidence.withoutVerb)
        case .verb, .show: break
        }
        let unexplained = min(slots.leftovers.count, Confidence.maxUnexplainedWords)
        deductions.append(Double(unexplained) * Confidence.unexplainedWord)

        var op = Operation(kind, environment: environment)
        let result: Verdict?
        switch intent.family {
        case .deploy: result = deploy(&op, &service, &deductions)
        case .scale: result = scale(&op, service, &deductions)
        case .restart, .delete: result = plain(&op, service, &deductions)
        case .rollback: result = rollback(&op, &service, &deductions)
        case .status: result = status(&op, service, &deductions)
        case .logs: result = logs(&op, service, &deductions)
        case .cost: result = cost(&op, service, &deductions)
        case .budget: result = budget(&op, service, environment, &deductions)
        }
        if let result { return result }
        guard op.violations.isEmpty else {
            return .unknown("\(name) could not be completed from this sentence", Confidence.missingField)
        }
        return Verdict(operation: op, confidence: Confidence.score(deductions))
    }

    private func isEnv(_ tag: Tag) -> Bool {
        if case .env = tag { return true }
        return false
    }

    private var isChange: Bool {
        switch intent.family {
        case .deploy, .scale, .restart, .rollback, .delete: true
        default: false
        }
    }

    // MARK: - Shared checks

    private func commonRefusal() -> Verdict? {
        if slots.negation && isChange {
            return .unknown("the request says not to \(name); nothing to do", Confidence.negated)
        }
        if let stray = slots.strayEnvironment {
            let known = environments.names.joined(separator: ", ")
            return .unknown("'\(stray)' is not a known environment (known: \(known))", Confidence.unknownEnvironment)
        }
        if let invalid = slots.invalidName, intent.family != .budget {
            return .unknown("'\(invalid)' is not a valid workload name (lowercase letters, digits and '-')", Confidence.missingField)
        }
        if let flag = slots.commandFlag {
            return .unknown("command-line flags such as '\(flag)' are not understood; say it in words", Confidence.missingField)
        }
        return nil
    }

    private func resolveEnvironment() -> Resolved {
        var names: [String] = []
        let targets = slots.environments.filter { !$0.isSource }
        for e in (targets.isEmpty ? slots.environments : targets) where !names.contains(e.name) { names.append(e.name) }
        if names.count > 1 {
            return .refused(.unknown("one environment at a time: \(quoted(names))", Confidence.ambiguousTarget))
        }
        return .value(names.first)
    }

    private func resolveService(_ deductions: inout [Double]) -> Resolved {
        var names: [String] = []
        if let explicit = slots.explicitName { names.append(explicit) }
        for c in slots.candidates where !names.contains(c) { names.append(c) }
        for t in slots.taggedServices where !names.contains(t) { names.append(t) }
        let takesService = intent.family != .budget
        if takesService, let split = slots.splitName {
            return .refused(.unknown("'\(split)' is not one workload name: use the service's exact name", Confidence.ambiguousTarget))
        }
        if names.count == 2, let to = slots.wordAfterTo, names.contains(to) {
            let known = environments.names.joined(separator: ", ")
            return .refused(.unknown("'\(to)' is not a known environment (known: \(known))", Confidence.unknownEnvironment))
        }
        if names.count > 1 {
            return .refused(.unknown("one workload at a time: \(quoted(names))", Confidence.ambiguousTarget))
        }
        if names.isEmpty, isChange, let noun = nounAfterVerb() {
            // `restart billing`: a workload named like one of the parser's nouns.
            deductions.append(Confidence.nounAsName)
            return .value(noun)
        }
        if names.isEmpty, intent.family == .deploy, slots.images.count == 1,
            let derived = TokenShapes.serviceName(fromImage: slots.images[0])
        {
            deductions.append(Confidence.serviceFromImage)
            return .value(derived)
        }
        return .value(names.first)
    }

    /// A single-word noun (`billing`, `logging`, `health`) right after the verb, where the
    /// workload belongs.
    private func nounAfterVerb() -> String? {
        guard let v = intent.verbIndex else { return nil }
        var j = v + 1
        while let t = sentence.tag(j), t == .article || t == .filler || isParticle(t) { j += 1 }
        guard let t = sentence.tag(j), sentence.lexemes[j].end - sentence.lexemes[j].first == 1 else { return nil }
        switch t {
        case .noun(.cost), .noun(.logs), .noun(.status), .noun(.budget):
            let word = sentence.lexemes[j].word
            return ServiceName.isValid(word) ? word : nil
        default:
            return nil
        }
    }

    private func isParticle(_ t: Tag) -> Bool {
        if case .particle = t { return true }
        return false
    }

    private func quoted(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: " and ") + (names.count == 2 ? " are both named" : " are all named")
    }

    /// Why a required service is missing, in the user's terms.
    private func missingService() -> Verdict {
        if let invalid = slots.invalidName {
            return .unknown("'\(invalid)' is not a valid workload name (lowercase letters, digits and '-')", Confidence.missingField)
        }
        if let pronoun = slots.pronoun {
            return .unknown("'\(pronoun)' does not say which workload: \(name) needs a service name", Confidence.missingField)
        }
        if slots.everything {
            return .unknown("\(name) works on one workload at a time: which service?", Confidence.ambiguousTarget)
        }
        return .unknown("\(name) needs a service: which workload?", Confidence.missingField)
    }

    /// Slots the operation has no field for: a refusal, or a deduction when harmless.
    private func rejectExtras(
        _ deductions: inout [Double], counts: Bool = true, versions: Bool = true, lines: Bool = true,
        revisions: Bool = true, amounts: Bool = true, periods: Bool = true
    ) -> Verdict? {
        var extra: [String] = []
        if counts && (!slots.counts.isEmpty || !slots.signed.isEmpty) { extra.append("a count") }
        if versions && (!slots.versions.isEmpty || !slots.images.isEmpty || !slots.decimals.isEmpty) { extra.append("a version") }
        if lines && !slots.lines.isEmpty { extra.append("a line count") }
        if revisions && (!slots.revisions.isEmpty || !slots.hashNumbers.isEmpty || slots.revisionCount) { extra.append("a revision") }
        if amounts && !slots.amounts.isEmpty { extra.append("an amount") }
        if !extra.isEmpty {
            return .unknown("\(name) does not take \(extra.joined(separator: " or ")): say it another way", Confidence.missingField)
        }
        if periods && (!slots.periods.isEmpty || slots.badPeriod != nil) { deductions.append(Confidence.ignoredSlot) }
        return nil
    }

    // MARK: - Operations

    private func deploy(_ op: inout Operation, _ service: inout String?, _ d: inout [Double]) -> Verdict? {
        // `deploy two more replicas of api` asks for a relative change: that is a scale.
        if !slots.signed.isEmpty || slots.counts.contains(where: { $0.relative != nil }) {
            let verdict = OperationBuilder(
                sentence: sentence, intent: Intent(family: .scale, recognition: .reread, verbIndex: intent.verbIndex, direction: nil),
                slots: slots, environments: environments)
            return verdict.build()
        }
        guard let s = service else { return missingService() }
        op.service = s
        if let refusal = rejectExtras(&d, counts: false, versions: false) { return refusal }
        if slots.images.count > 1 { return .unknown("one image at a time", Confidence.ambiguousTarget) }
        op.image = slots.images.first
        var versions: [String] = []
        for v in slots.versions + slots.decimals where !versions.contains(v) { versions.append(v) }
        if versions.isEmpty, slots.latest, op.image == nil { versions.append("latest") }
        if versions.count > 1 {
            return .unknown("one version at a time: \(quoted(versions))", Confidence.ambiguousTarget)
        }
        op.version = versions.first
        let withUnit = slots.counts.filter { $0.hasReplicaUnit }
        if slots.counts.count > withUnit.count {
            let bare = slots.counts.first { !$0.hasReplicaUnit }!
            return .unknown("what does '\(bare.value)' count? say '\(bare.value) replicas'", Confidence.missingField)
        }
        if withUnit.count > 1 { return .unknown("one replica count at a time", Confidence.ambiguousTarget) }
        op.replicas = withUnit.first?.value
        return nil
    }

    private func scale(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> Verdict? {
        guard let s = service else { return missingService() }
        op.service = s
        if let refusal = rejectExtras(&d, counts: false) { return refusal }
        if let m = slots.multiplier {
            return .unknown("'\(m)' needs the current count: say how many replicas", Confidence.missingField)
        }
        let counts = slots.counts.filter { $0.preposition != .from }
        if !slots.signed.isEmpty {
            guard slots.signed.count == 1, counts.isEmpty else { return .unknown("one replica change at a time", Confidence.ambiguousTarget) }
            op.delta = slots.signed[0]
        } else if counts.isEmpty && slots.allReplicas && intent.direction == .down {
            op.replicas = 0
        } else if counts.isEmpty {
            if let vague = slots.vague {
                return .unknown("'\(vague)' is not a number: how many replicas?", Confidence.missingField)
            }
            return .unknown("scale needs a replica count: how many replicas?", Confidence.missingField)
        } else if counts.count > 1 {
            return .unknown("one replica count at a time: \(counts.map { String($0.value) }.joined(separator: " and "))", Confidence.ambiguousTarget)
        } else {
            let c = counts[0]
            if let relative = c.relative {
                op.delta = relative == .up ? c.value : -c.value
            } else if c.preposition == .to {
                op.replicas = c.value
            } else if c.preposition == .by {
                if intent.direction == nil { d.append(Confidence.guessedCountRole) }
                op.delta = intent.direction == .down ? -c.value : c.value
            } else if let direction = intent.direction {
                if case .verb(.scale)? = intent.verbIndex.map({ sentence.lexemes[$0].tag }) { d.append(Confidence.guessedCountRole) }
                op.delta = direction == .down ? -c.value : c.value
            } else {
                op.replicas = c.value
            }
        }
        if op.delta == 0 {
            return .unknown("a change of zero replicas changes nothing: how many replicas?", Confidence.missingField)
        }
        return nil
    }

    private func plain(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> Verdict? {
        guard let s = service else { return missingService() }
        op.service = s
        if intent.family == .delete, slots.counts.contains(where: { $0.hasReplicaUnit }) {
            return .unknown("delete removes the whole workload; to scale down say 'remove 2 replicas from \(s)'", Confidence.missingField)
        }
        if intent.family == .delete, sentence.range.contains(where: { sentence.lexemes[$0].tag == .unit(.replica) }) {
            return .unknown("delete removes the whole workload, not its pods: say 'restart \(s)' or 'delete \(s)'", Confidence.missingField)
        }
        return rejectExtras(&d)
    }

    private func rollback(_ op: inout Operation, _ service: inout String?, _ d: inout [Double]) -> Verdict? {
        guard let s = service else { return missingService() }
        op.service = s
        if slots.revisionCount {
            return .unknown("rollback takes a revision number, not a count of revisions: which revision?", Confidence.missingField)
        }
        var revisions = slots.revisions + slots.hashNumbers
        let toCounts = slots.counts.filter { $0.preposition == .to && !$0.hasReplicaUnit }
        if revisions.isEmpty, toCounts.count == 1, slots.counts.count == 1 {
            revisions = [toCounts[0].value]
            d.append(Confidence.guessedCountRole)
        } else if !slots.counts.isEmpty {
            return .unknown("rollback does not take a count: which revision?", Confidence.missingField)
        }
        let versions = slots.versions + slots.decimals
        if revisions.isEmpty, versions.count == 1 {
            // Returning to a named version is deploying that version.
            op.op = .deploy
            op.version = versions[0]
            d.append(Confidence.rollbackAsDeploy)
            return rejectExtras(&d, counts: false, versions: false, revisions: false)
        }
        if let refusal = rejectExtras(&d, counts: false, revisions: false) { return refusal }
        if Set(revisions).count > 1 { return .unknown("one revision at a time", Confidence.ambiguousTarget) }
        op.revision = revisions.first
        return nil
    }

    private func status(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> Verdict? {
        op.service = service
        if intent.recognition == .question || intent.recognition == .show {
            let namesKind = sentence.range.contains { k in
                switch sentence.lexemes[k].tag {
                case .noun(.workload), .noun(.everything), .noun(.status), .unit(.replica): true
                default: false
                }
            }
            let subject = op.environment != nil || (intent.recognition == .show && (service != nil || namesKind))
                || (intent.recognition == .question && service != nil && asksAboutState)
            if !subject { return unrelated() }
        }
        if !slots.counts.isEmpty || !slots.versions.isEmpty || !slots.lines.isEmpty { d.append(Confidence.ignoredSlot) }
        return nil
    }

    /// A question about how a workload is: `how is …`, `is … healthy`, `… up?`, `… doing`.
    private var asksAboutState: Bool {
        sentence.range.contains { k in
            let l = sentence.lexemes[k]
            switch l.tag {
            case .adjective: return true
            case .particle(let p): return p == "up" || p == "down"
            case .question: return l.word.hasPrefix("how")
            case .filler: return ["doing", "going", "looking", "performing", "holding up", "behaving"].contains(l.raw.lowercased())
            default: return false
            }
        }
    }

    private func logs(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> Verdict? {
        guard let s = service else {
            if slots.everything && slots.invalidName == nil && slots.pronoun == nil {
                return .unknown("logs come from one workload at a time: which service?", Confidence.ambiguousTarget)
            }
            return missingService()
        }
        op.service = s
        var lines = slots.lines
        if lines.isEmpty, slots.counts.count == 1 {
            let c = slots.counts[0]
            if !c.afterRelativeWord { d.append(Confidence.guessedCountRole) }
            lines = [c.value]
        } else if !slots.counts.isEmpty {
            return .unknown("one line count at a time", Confidence.ambiguousTarget)
        }
        if Set(lines).count > 1 { return .unknown("one line count at a time", Confidence.ambiguousTarget) }
        if let n = lines.first {
            guard n >= 1 else { return .unknown("a log request needs at least one line", Confidence.missingField) }
            op.lines = n
        }
        return rejectExtras(&d, counts: false, lines: false)
    }

    private func cost(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> Verdict? {
        op.service = service
        if let bad = slots.badPeriod {
            return .unknown("'\(bad)' is not a period cost knows: day, week or month", Confidence.missingField)
        }
        let periods = Set(slots.periods)
        if periods.count > 1 { return .unknown("one period at a time: day, week or month", Confidence.ambiguousTarget) }
        op.period = periods.first
        if !slots.amounts.isEmpty || !slots.counts.isEmpty { d.append(Confidence.ignoredSlot) }
        return rejectExtras(&d, counts: false, amounts: false, periods: false)
    }

    private func budget(_ op: inout Operation, _ service: String?, _ environment: String?, _ d: inout [Double]) -> Verdict? {
        if let foreign = slots.foreignCurrency {
            return .unknown("budgets are in US dollars, not \(foreign)", Confidence.missingField)
        }
        if let bad = slots.badPeriod {
            return .unknown("'\(bad)' is not a budget period: per day, week or month", Confidence.missingField)
        }
        if service != nil || environment != nil {
            return .unknown("a budget covers all spending; it cannot be set for one service or environment", Confidence.missingField)
        }
        var amounts = slots.amounts
        if amounts.isEmpty {
            let counts = slots.counts.filter { $0.preposition != .from && !$0.hasReplicaUnit }
            amounts = counts.map { Double($0.value) } + slots.decimals.compactMap(Double.init)
        }
        let periods = Set(slots.periods)
        if Set(amounts).count > 1 { return .unknown("one budget amount at a time", Confidence.ambiguousTarget) }
        if periods.count > 1 { return .unknown("one budget period at a time: day, week or month", Confidence.ambiguousTarget) }
        switch (amounts.first, periods.first) {
        case (nil, nil):
            return .unknown("budget needs an amount and a period, e.g. 'set the monthly budget to $500'", Confidence.missingField)
        case (nil, _):
            return .unknown("budget needs an amount in dollars: how much?", Confidence.missingField)
        case (_, nil):
            return .unknown("budget needs a period: per day, week or month?", Confidence.missingField)
        case (let amount?, let period?):
            op.amount = amount
            op.period = period
        }
        return rejectExtras(&d, counts: false, versions: false, amounts: false, periods: false)
    }

    private func unrelated() -> Verdict {
        .unknown("not an operations request: try 'status', 'deploy <service> to <environment>' or 'help'", Confidence.unrelated)
    }
}
