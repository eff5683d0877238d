/// The fields of diagnose, events, set-env, set-resources, autoscale and the rollout
/// controls (pause, resume, promote, abort), and the kind every workload operation may name.
extension OperationBuilder {
    /// The kind named in the sentence, when the operation takes one.
    func applyKind(_ op: inout Operation) -> ParseOutcome? {
        // `restart the cleanup-tmp CronJob`: a Job or CronJob is no workload cortex changes.
        if op.op.isMutation, namesAJob(service: op.service) {
            return .unknown("cortex changes Deployments, StatefulSets and DaemonSets; a Job or CronJob is not one of them: change it with your usual tools", Confidence.notARequest)
        }
        var kinds: [WorkloadKind] = []
        for k in slots.kinds where !kinds.contains(k) { kinds.append(k) }
        guard let kind = kinds.first else { return nil }
        if kinds.count > 1 {
            return .unknown("one kind of workload at a time: \(kinds.map(\.rawValue).joined(separator: " or "))?", Confidence.ambiguousTarget)
        }
        if Operation.allowed[op.op, default: []].contains(.kind) { op.kind = kind }
        return nil
    }

    /// The workload is called a Job or CronJob: `the cleanup CronJob`, `the reindex batch job`,
    /// `cronjob/cleanup`.
    private func namesAJob(service: String?) -> Bool {
        let words = sentence.range.map { sentence.lexemes[$0].raw.lowercased() }
        return words.indices.contains { i in
            let word = words[i]
            if word.hasPrefix("cronjob/") || word.hasPrefix("cronjobs/") || word.hasPrefix("cj/") || word.hasPrefix("job/") || word.hasPrefix("jobs/") { return true }
            // (`the batch job has finished`: a job beside the workload is not the workload.)
            guard ["job", "jobs", "cronjob", "cronjobs"].contains(word), let service = service?.lowercased() else { return false }
            if i > 0, words[i - 1] == service { return true }
            if i + 1 < words.count, words[i + 1] == service { return true }
            return i > 1 && ["cron", "batch", "scheduled"].contains(words[i - 1]) && words[i - 2] == service
        }
    }

    func diagnose(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
        op.service = service
        if let refusal = applyKind(&op) { return refusal }
        if !slots.counts.isEmpty || !slots.versions.isEmpty || !slots.since.isEmpty { d.append(Confidence.ignoredSlot) }
        return nil
    }

    func events(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
        op.service = service
        if let refusal = lookBack(&op) { return refusal }
        if !slots.counts.isEmpty || !slots.versions.isEmpty { d.append(Confidence.ignoredSlot) }
        return nil
    }

    /// The one look-back of a logs or events request.
    func lookBack(_ op: inout Operation) -> ParseOutcome? {
        let since = Set(slots.since)
        if since.count > 1 { return .unknown("one time span at a time: \(slots.since.joined(separator: " or "))?", Confidence.ambiguousTarget) }
        op.since = since.first
        return nil
    }

    func setEnv(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
        guard let s = service else { return missingService() }
        op.service = s
        if let refusal = applyKind(&op) { return refusal }
        var env: [String: EnvValue] = [:]
        for (name, value) in slots.env {
            if env[name] != nil { return .unknown("'\(name)' is named twice: one value per variable", Confidence.ambiguousTarget) }
            env[name] = value
        }
        if !slots.bareVariables.isEmpty {
            guard removes else {
                let name = slots.bareVariables[0]
                return .unknown("what value should \(name) take? say: set \(name)=<value> on \(s)", Confidence.missingField)
            }
            for name in slots.bareVariables where env[name] == nil { env[name] = .remove }
        }
        // `remove FOO=1 from cart`: removing and giving a value at once says two things.
        if removes, !slots.env.isEmpty, !setsValues, let (name, _) = slots.env.first {
            return .unknown("remove \(name) or give it a value? say: remove \(name) from \(s), or set \(name)=<value> on \(s)", Confidence.ambiguousTarget)
        }
        if env.isEmpty {
            return .unknown("set-env needs a variable: say, for example, set LOG_LEVEL=debug on \(s)", Confidence.missingField)
        }
        op.env = env
        if !slots.counts.isEmpty || !slots.versions.isEmpty { d.append(Confidence.ignoredSlot) }
        return nil
    }

    /// The sentence gives values: `set`, `change`, `update`, `give`, `make`.
    private var setsValues: Bool {
        sentence.range.contains { k in
            switch sentence.lexemes[k].tag {
            case .verb(.set), .verb(.give), .verb(.update), .verb(.want), .verb(.allocate): true
            default: false
            }
        }
    }

    /// The sentence removes what it names: `unset`, `remove`, `delete`, `drop`, `clear`.
    private var removes: Bool {
        sentence.range.contains { k in
            switch sentence.lexemes[k].tag {
            case .verb(.unset), .verb(.remove), .verb(.delete): true
            // `take OLD_URL out of pricing's variables`.
            case .verb(.phrasal("take")):
                ((k + 1)..<sentence.end).contains {
                    [.particle("out"), .particle("off"), .particle("away")].contains(sentence.lexemes[$0].tag) || sentence.lexemes[$0].raw.lowercased() == "out of"
                }
            default: false
            }
        }
    }

    func setResources(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
        // `make the disk of the node 200GB`: a size of storage is not a container's memory.
        if sentence.range.contains(where: { ["disk", "disks", "storage", "volume", "volumes", "pvc", "ssd", "filesystem"].contains(sentence.lexemes[$0].word) }) {
            return .unknown("cortex sets a workload's cpu and memory, not disk or storage; do that with your usual tools", Confidence.notARequest)
        }
        guard let s = service else { return missingService() }
        op.service = s
        if let refusal = applyKind(&op) { return refusal }
        let cpu = Set(slots.cpu), memory = Set(slots.memory)
        if cpu.count > 1 || memory.count > 1 {
            return .unknown("one cpu and one memory quantity at a time", Confidence.ambiguousTarget)
        }
        // A quantity whose resource is unclear is never dropped beside a clear one.
        if let unclear = slots.unclearQuantity {
            return .unknown("'\(unclear)' needs a unit: say, for example, 512Mi or 1Gi of memory, 500m or 2 cores of cpu", Confidence.missingField)
        }
        // `bump cpu on harbor by 200 millicores`, `give relay 10% more cpu`: a change by an
        // amount, which would need the current value; cortex sets the new value.
        if changesByAnAmount {
            return .unknown("cortex sets a new cpu or memory value, not a change by an amount: say the value, e.g. set the cpu of \(s) to 700m", Confidence.missingField)
        }
        if cpu.isEmpty && memory.isEmpty {
            return .unknown("set-resources needs a quantity: say, for example, set the memory limit of \(s) to 1Gi", Confidence.missingField)
        }
        // `set the cpu limit of atlas to 4 gigs`: a size of memory given for the cpu named alone, or cores for memory.
        let namesCPU = sentence.range.contains { sentence.lexemes[$0].tag == .noun(.cpu) }
        let namesMemory = sentence.range.contains { sentence.lexemes[$0].tag == .noun(.memory) }
        if namesCPU, !namesMemory, cpu.isEmpty, let size = memory.first {
            return .unknown("\(size) is a size of memory, but the request names cpu: give cpu in cores or millicores, e.g. 2 or 500m", Confidence.missingField)
        }
        if namesMemory, !namesCPU, memory.isEmpty, let cores = cpu.first {
            return .unknown("\(cores) is an amount of cpu, but the request names memory: give memory as a size, e.g. 512Mi or 2Gi", Confidence.missingField)
        }
        op.cpu = cpu.first
        op.memory = memory.first
        let scopes = Set(slots.scope)
        if scopes.count == 1 { op.scope = scopes.first }
        if !slots.counts.isEmpty || !slots.versions.isEmpty { d.append(Confidence.ignoredSlot) }
        return nil
    }

    /// `by 200 millicores`, `10% more`, `half a gig extra`: an amount to add or take away.
    private var changesByAnAmount: Bool {
        let lx = sentence.lexemes
        func isAmount(_ k: Int) -> Bool {
            guard k < sentence.end else { return false }
            switch lx[k].tag {
            case .measure, .number, .decimal, .percent, .quantity, .indefinite: return true
            default: return ["half", "quarter"].contains(lx[k].word)
            }
        }
        return sentence.range.contains { k in
            (lx[k].word == "by" && isAmount(k + 1))
                || (isAmount(k) && k + 1 < sentence.end && ["more", "less", "extra", "additional", "fewer"].contains(lx[k + 1].word))
        }
    }

    func autoscale(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
        guard let s = service else { return missingService() }
        op.service = s
        if stopsAutoscaling {
            op.enabled = false
            return nil
        }
        var minimum = slots.minimum, maximum = slots.maximum
        for (low, high) in slots.ranges {
            minimum.append(low)
            maximum.append(high)
        }
        // `autoscale api 2 10`: two bare counts are a range.
        let bare = slots.counts.filter { $0.relative == nil }.map(\.value)
        if minimum.isEmpty, maximum.isEmpty, bare.count == 2 {
            minimum = [bare.min()!]
            maximum = [bare.max()!]
        } else if maximum.isEmpty, bare.count == 1 {
            maximum = bare
        }
        if Set(minimum).count > 1 || Set(maximum).count > 1 || Set(slots.percents).count > 1 {
            return .unknown("one range and one cpu target at a time", Confidence.ambiguousTarget)
        }
        guard let max = maximum.first else {
            return .unknown("autoscale needs the most replicas: say, for example, autoscale \(s) between 2 and 10", Confidence.missingField)
        }
        op.max = max
        op.min = minimum.first
        op.cpuPercent = slots.percents.first
        if let min = op.min, min > max {
            return .unknown("the fewest replicas (\(min)) is above the most (\(max))", Confidence.missingField)
        }
        if let p = op.cpuPercent, !(1...100).contains(p) {
            return .unknown("a cpu target is a percentage from 1 to 100", Confidence.missingField)
        }
        return nil
    }

    /// `stop autoscaling`, `disable the hpa`, `remove the autoscaler`, `turn autoscaling off`.
    private var stopsAutoscaling: Bool {
        sentence.range.contains { k in
            let l = sentence.lexemes[k]
            switch l.tag {
            case .verb(.ambiguous):
                return ["stop", "disable", "turn off", "shut off", "shut down", "shutdown", "suspend", "freeze", "deactivate", "disactivate", "desactivate", "quit"].contains(l.raw.lowercased())
            // (`hold cpu at 70%` keeps a target; `hold off autoscaling` stops it.)
            case .verb(.pause): return l.word != "hold" || (k + 1 < sentence.end && sentence.lexemes[k + 1].word == "off")
            case .verb(.remove), .verb(.delete): return true
            case .negation: return ["cancel", "abort", "no"].contains(l.word)
            case .particle("off"): return true
            default: return ["without", "deactivate", "disactivate", "desactivate", "switch"].contains(l.word) && k + 1 < sentence.end
            }
        }
    }

    /// pause, resume, promote and abort name one workload and nothing else.
    func rolloutControl(_ op: inout Operation, _ service: String?, _ d: inout [Double]) -> ParseOutcome? {
        guard let s = service else { return missingService() }
        op.service = s
        if !slots.counts.isEmpty || !slots.versions.isEmpty || !slots.percents.isEmpty { d.append(Confidence.ignoredSlot) }
        return nil
    }

    /// The canary share of a deploy: `as a 10% canary`, `to 10% of traffic`.
    func canaryShare(_ op: inout Operation) -> ParseOutcome? {
        let named = sentence.range.contains { sentence.lexemes[$0].tag == .noun(.canary) }
        let shares = Set(slots.percents)
        if shares.count > 1 { return .unknown("one canary share at a time", Confidence.ambiguousTarget) }
        guard let share = shares.first else {
            if named {
                return .unknown("what share of traffic should the canary take? say, for example, as a 10% canary", Confidence.missingField)
            }
            return nil
        }
        guard (1...99).contains(share) else {
            return .unknown("a canary takes between 1% and 99% of traffic; to deploy to all of it, leave the percentage out", Confidence.missingField)
        }
        op.canary = share
        return nil
    }
}
