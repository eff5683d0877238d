/// An operation with the parser's confidence in it.
struct ParseOutcome: Equatable, Sendable {
    var operation: Operation
    var confidence: Double

    static func unknown(_ reason: String, _ confidence: Double) -> ParseOutcome {
        ParseOutcome(operation: .unknown(reason), confidence: confidence)
    }
}

/// Puts the slots into the operation the intent chose, rejecting what does not fit and
/// saying why, and scores the result (see `Confidence`).
struct OperationBuilder {
    /// A name read from the slots, or why none can be.
    private enum Resolved {
        case value(String?)
        case refused(ParseOutcome)
    }

    let sentence: Sentence
    let intent: Intent
    let slots: Slots
    let environments: EnvironmentCatalog

    var kind: OperationKind { intent.family.kind }
    var name: String { kind.rawValue }

    func build() -> ParseOutcome {
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
        let result: ParseOutcome?
        switch intent.family {
        case .deploy: result = deploy(&op, &service, &deductions)
        case .scale: result = scale(&op, service, &deductions)
        case .restart, .delete: result = plain(&op, service, &deductions)
        case .rollback: result = rollback(&op, &service, &deductions)
        case .status: result = status(&op, service, &deductions)
        case .logs: result = logs(&op, service, &deductions)
        case .cost: result = cost(&op, service, &deductions)
        case .budget: result = budget(&op, service, environment, &deductions)
        case .diagnose: result = diagnose(&op, service, &deductions)
        case .events: result = events(&op, service, &deductions)
        case .setEnv: result = setEnv(&op, service, &deductions)
        case .setResources: result = setResources(&op, service, &deductions)
        case .autoscale: result = autoscale(&op, service, &deductions)
        case .pause, .resume, .promote, .abort: result = rolloutControl(&op, service, &deductions)
        }
        if let result { return result }
        guard op.violations.isEmpty else {
            return .unknown("\(name) could not be completed from this sentence", Confidence.missingField)
        }
        return ParseOutcome(operation: op, confidence: Confidence.score(deductions))
    }

    func isEnv(_ tag: Tag) -> Bool {
        if case .env = tag { return true }
        return false
    }

    /// A negation right before a verb of the request (`don't set`, `never lower`).
    private var negatesAVerb: Bool {
        let lx = sentence.lexemes
        return lx.indices.dropLast().contains { k in
            guard lx[k].tag == .negation else { return false }
            var next = k + 1
            while next < lx.count, lx[next].tag == .filler { next += 1 }
            guard next < lx.count else { return false }
            if case .verb = lx[next].tag { return true }
            return false
        }
    }

    /// The operation changes a workload (a budget changes a setting, not a workload).
    var isChange: Bool { kind.isMutation && kind != .budget }

    // MARK: - Shared checks

    private func commonRefusal() -> ParseOutcome? {
        if slots.negation && isChange {
            return .unknown("the request says not to \(name); nothing to do", Confidence.negated)
        }
        // `don't lower the monthly budget below 3000`: the budget is not to be changed. (`make
        // sure we don't spend more than $500 a month` sets one: the negation is of spending.)
        if slots.negation, kind == .budget, negatesAVerb {
            return .unknown("the request says not to change the budget; nothing to do", Confidence.negated)
        }
        if let stray = slots.strayEnvironment {
            let known = environments.names.joined(separator: ", ")
            return .unknown("'\(stray)' is not a known environment (known: \(known))", Confidence.unknownEnvironment)
        }
        if let version = slots.unreadableVersion, intent.family != .budget {
            return .unknown("'\(version)' is not a version cortex can read: write it as v1.2.3, 1.2.3-rc.1 or an image tag", Confidence.missingField)
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
        if let named = slots.kindNamed { names.append(named) }
        if let explicit = slots.explicitName, !names.contains(explicit) { names.append(explicit) }
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
        if names.isEmpty, slots.weakCandidates.count == 1, Operation.required[kind, default: []].contains(.service) {
            deductions.append(Confidence.nounAsName)
            return .value(slots.weakCandidates[0])
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

    func isParticle(_ t: Tag) -> Bool {
        if case .particle = t { return true }
        return false
    }

    func quoted(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: " and ") + (names.count == 2 ? " are both named" : " are all named")
    }

    /// Why a required service is missing, in the user's terms.
    func missingService() -> ParseOutcome {
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
    func rejectExtras(
        _ deductions: inout [Double], counts: Bool = true, versions: Bool = true, lines: Bool = true,
        revisions: Bool = true, amounts: Bool = true, periods: Bool = true
    ) -> ParseOutcome? {
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
}
