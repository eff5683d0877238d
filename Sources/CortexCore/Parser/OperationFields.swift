/// The fields of each operation: what it accepts from the slots, what it requires, and
/// what it refuses with a reason.
extension OperationBuilder {
    func deploy(_ op: inout Operation, _ service: inout String?, _ d: inout [Double]) -> ParseOutcome? {
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
        if let refusal = canaryShare(&op) { return refusal }
        // `I want orders-api back on its previous release`: an earlier version, unnamed, is
        // the one before: a rollback.
        if op.version == nil, op.image == nil, op.replicas == nil, op.canary == nil {
            let words = sentence.range.map { sentence.lexemes[$0].word }
            let earlier = words.indices.dropLast().contains { k in
                ["previous", "prior", "earlier", "older", "former"].contains(words[k])
                    && words[(k + 1)..<min(words.count, k + 3)].contains { ["release", "version", "build", "image", "revision"].contains($0) }
            }
            if earlier {
                op.op = .rollback
                d.append(Confidence.rollbackAsDeploy)
                return applyKind(&op)
            }
        }
        // `update the status page`: `update` without a version, an image, replicas or a canary
        // says nothing about what to roll out.
        if op.version == nil, op.image == nil, op.replicas == nil, op.canary == nil,
           let v = intent.verbIndex, sentence.lexemes[v].word == "update"
        {
            return .unknown("update \(s) to what? say, for example: deploy \(s) v1.2.3", Confidence.missingField)
        }
        return applyKind(&op)
    }

    func scale(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
        guard let s = service else { return missingService() }
        op.service = s
        if let refusal = rejectExtras(&d, counts: false) { return refusal }
        if let m = slots.multiplier {
            return .unknown("'\(m)' needs the current count: say how many replicas", Confidence.missingField)
        }
        var counts = slots.counts.filter { $0.preposition != .from }
        // `add one more replica to click-dedup, sorry, just one`: the count said again.
        if counts.count > 1, counts.dropFirst().allSatisfy({ $0.value == counts[0].value && $0.preposition == nil && $0.relative == nil }) {
            counts = [counts[0]]
        }
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
                // `bring the replicas of api down by two`: the particle may stand after the object.
                var direction = intent.direction
                if direction == nil {
                    let particles = sentence.range.compactMap { k -> Direction? in
                        switch sentence.lexemes[k].tag {
                        case .particle("up"): .up
                        case .particle("down"): .down
                        default: nil
                        }
                    }
                    if Set(particles).count == 1 { direction = particles[0] } else { d.append(Confidence.guessedCountRole) }
                }
                op.delta = direction == .down ? -c.value : c.value
            } else if let direction = intent.direction {
                if case .verb(.scale)? = intent.verbIndex.map({ sentence.lexemes[$0].tag }) { d.append(Confidence.guessedCountRole) }
                op.delta = direction == .down ? -c.value : c.value
            } else if sentence.range.dropFirst().contains(where: { k in
                sentence.lexemes[k].tag == .particle("off") && sentence.lexemes[k - 1].tag == .unit(.replica)
            }) {
                // `knock a replica off footy-scores`: taken off what runs.
                op.delta = -c.value
            } else {
                op.replicas = c.value
            }
        }
        if op.delta == 0 {
            return .unknown("a change of zero replicas changes nothing: how many replicas?", Confidence.missingField)
        }
        return applyKind(&op)
    }

    func plain(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
        guard let s = service else { return missingService() }
        op.service = s
        if intent.family == .delete, slots.counts.contains(where: { $0.hasReplicaUnit }) {
            return .unknown("delete removes the whole workload; to scale down say 'remove 2 replicas from \(s)'", Confidence.missingField)
        }
        if intent.family == .delete, sentence.range.contains(where: { sentence.lexemes[$0].tag == .unit(.replica) }) {
            return .unknown("delete removes the whole workload, not its pods: say 'restart \(s)' or 'delete \(s)'", Confidence.missingField)
        }
        if let refusal = applyKind(&op) { return refusal }
        return rejectExtras(&d)
    }

    func rollback(_ op: inout Operation, _ service: inout String?, _ d: inout [Double]) -> ParseOutcome? {
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
        return applyKind(&op)
    }

    func status(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
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
            // `memory on search-api was 3Gi before the rollback, right?`: how things were, which
            // no read shows; settled here, so no model reads a request into it.
            if !subject, intent.recognition == .question, let service,
               sentence.range.contains(where: { ["was", "were"].contains(sentence.lexemes[$0].word) })
            {
                return .unknown("that asks how things were, which cortex does not keep; to see how they are now, say: status of \(service)", Confidence.notARequest)
            }
            if !subject { return unrelated() }
        }
        if !slots.counts.isEmpty || !slots.versions.isEmpty || !slots.lines.isEmpty { d.append(Confidence.ignoredSlot) }
        return applyKind(&op)
    }

    /// A question about how a workload is: `how is …`, `is … healthy`, `… up?`, `… doing`.
    var asksAboutState: Bool {
        sentence.range.contains { k in
            let l = sentence.lexemes[k]
            switch l.tag {
            case .adjective: return true
            case .particle(let p): return p == "up" || p == "down"
            case .question: return l.word.hasPrefix("how")
            case .filler:
                return ["doing", "going", "looking", "performing", "holding up", "behaving", "ok", "okay", "alright", "good"]
                    .contains(l.raw.lowercased())
            default: return false
            }
        }
    }

    func logs(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
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
        if let refusal = lookBack(&op) { return refusal }
        if let refusal = applyKind(&op) { return refusal }
        return rejectExtras(&d, counts: false, lines: false)
    }

    func cost(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
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

    /// A question about spending against the budget: `are we over budget?`, `how much budget is left?`.
    private var asksAboutTheBudget: Bool {
        let words = sentence.lexemes.map(\.word)
        guard let first = sentence.lexemes.first(where: { $0.tag != .filler }) else { return false }
        let opensAsking: Bool
        if case .question = first.tag { opensAsking = true } else { opensAsking = ["are", "is", "am", "were", "did", "have", "has"].contains(first.word) }
        return opensAsking && words.contains { ["over", "under", "within", "close", "left", "remaining", "near", "exceeded", "blown"].contains($0) }
    }

    func budget(_ op: inout Operation, _ service: String?, _ environment: String?, _ d: inout [Double]) -> ParseOutcome? {
        if let foreign = slots.foreignCurrency {
            return .unknown("budgets are in US dollars, not \(foreign)", Confidence.missingField)
        }
        if let bad = slots.badPeriod {
            return .unknown("'\(bad)' is not a budget period: per day, week or month", Confidence.missingField)
        }
        if service != nil || environment != nil {
            return .unknown("a budget covers all spending; it cannot be set for one service or environment", Confidence.missingField)
        }
        if slots.amountIsChange || slots.counts.contains(where: { $0.preposition == .by }) {
            return .unknown("a budget is set to an amount, not changed by one: say 'set the monthly budget to $600'", Confidence.missingField)
        }
        var amounts = slots.amounts
        if amounts.isEmpty {
            let counts = slots.counts.filter { $0.preposition != .from && !$0.hasReplicaUnit }
            amounts = counts.map { Double($0.value) } + slots.decimals.compactMap(Double.init)
        }
        let periods = Set(slots.periods)
        // `Are we over budget?`, `how close are we to the budget this month?`: spending asked
        // about against the budget is a cost report, which shows the budget beside it.
        if amounts.isEmpty, periods.count <= 1, asksAboutTheBudget {
            op = Operation(.cost, period: periods.first)
            return nil
        }
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

    func unrelated() -> ParseOutcome {
        .unknown("not an operations request: try 'status', 'deploy <service> to <environment>' or 'help'", Confidence.unrelated)
    }
}
