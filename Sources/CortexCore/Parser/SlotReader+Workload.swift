/// The slots of the operations beyond deploy and scale: workload kinds, look-backs,
/// environment variables, container resources, autoscaler bounds and canary shares. Read
/// before the counts, so that `512 megs`, `last 15 minutes` or `between 2 and 10` are never
/// taken for replica or line counts.
extension SlotReader {
    /// Words the slots explain, never a workload name.
    static let explainedWords: Set<String> = [
        "traffic", "percent", "percents", "procent", "prozent", "pct", "gig", "gigs", "gb", "gigabyte", "gigabytes", "meg", "megs", "mb", "giga", "gigas", "mega", "megas",
        "megabyte", "megabytes", "mi", "gi", "mib", "gib", "half", "quarter", "usage", "utilisation",
        "utilization", "target", "targeting", "average", "load", "downtime", "safe", "happen", "happens",
        "resources", "resource", "request", "requests", "req", "reqs", "limits", "lim", "lims", "quota", "causing", "cause", "caused",
        "behind", "done", "finished", "finish", "complete", "completed", "succeeded", "succeed", "successful",
        "landed", "through", "gone", "went", "progress", "progressing", "keeps", "kept", "paused", "stopped",
        "halted", "frozen", "calls", "completions", "automatically", "auto",
    ]

    /// Everyday nouns the lexicon counts as chatter that are also common service names.
    static let nameableNouns: Set<String> = [
        "mail", "email", "calendar", "news", "users", "customers", "website", "tickets", "files", "music", "game",
    ]

    /// -ing words that are names of business functions, and so of services, more often than verbs.
    static let gerundNames: Set<String> = [
        "billing", "shipping", "messaging", "streaming", "ranking", "tracking", "booking", "onboarding",
        "matching", "scoring", "accounting", "marketing", "advertising", "ticketing", "invoicing", "mapping",
        "queueing", "queuing", "indexing", "crawling", "ingesting", "labeling", "labelling", "pricing",
        "caching", "monitoring", "alerting", "reporting", "scheduling",
    ]

    /// Words that never name a workload: times of day, amounts, and the like.
    static let neverNames: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "resources", "top", "per", "everywhere", "nobody", "noone",
        // `the rollout looks fine`: how something seems.
        "looks", "seems", "appears", "sounds",
        // `the present state of staging`, `his events`: words around a name, never one.
        "present", "situation", "standpoint", "his", "hers", "their", "its", "death", "own", "same", "nightly", "reason", "can",
        // `the runbook for deploys`: changes in the plural are talked about, not named.
        "deploys", "rollbacks", "restarts", "rollouts", "honest", "urgent",
        "night", "nights", "today", "yesterday", "tomorrow", "week", "weeks", "day", "days",
        "overnight", "lately", "recently", "much", "tonight", "morning", "afternoon", "evening", "again",
        "anymore", "yet", "later", "soon", "meanwhile", "instead", "either", "whichever", "thoughts",
        "whoever", "whatever", "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "know",
        "high", "low", "expensive", "cheap", "come", "comes", "came", "normal", "grand", "nip", "needful", "craic",
        // Chatter around a request.
        "sorry", "but", "however", "anyway", "anyways", "lol", "lmao", "haha", "fyi", "btw", "able", "ask",
        "bother", "new", "here", "sure", "silly", "cursed", "awful", "terrible", "number", "incident", "port",
        "enough", "lone", "wknd", "team", "candidate", "full", "met", "everywhere", "returns", "throws",
        "serves", "verbose", "jvm", "heap", "before", "after", "clearly", "weird", "runbook", "queries", "room", "headroom",
        // (`set its limits to 2 cores`: the scope of a quantity, never the workload.)
        "limits", "requests",
        // (`root-cause the OOMKills on invoke-renderer`, `which events fired`: what happened, not who.)
        // (`Pre-implementation check for …`, `post-deploy verification`: a stage of a change.)
        "pre-implementation", "post-implementation", "pre-window", "post-window", "pre-check", "post-check", "pre-deploy",
        "post-deploy", "pre-deployment", "post-deployment", "pre-release", "post-release", "pre-change", "post-change",
        "pre-launch", "post-launch", "pre-migration", "post-migration", "pre-flight", "preflight", "post-incident",
        "pre-maintenance", "post-maintenance", "pre-cutover", "post-cutover", "pre-upgrade", "post-upgrade",
        "actual", "numbers", "side", "crept", "triples", "doubles", "halves", "quadruples",
        "oomkill", "oomkills", "oomkilled", "evictions", "crashloops", "timeouts", "fired", "happened", "occurred",
        "p50", "p90", "p95", "p99", "latency", "explain", "left", "leftover", "leftovers", "only", "go", "use", "longer", "needed", "asks", "wants", "needs", "says", "complains", "trafic", "auditors", "auditor", "stakeholders", "execs", "postmortem", "post-mortem", "retro", "writeup", "write-up", "rca", "clients", "client", "conns", "connections", "works", "work", "sale", "launch", "demo", "holiday", "weekend", "thx", "ty", "cheers", "mate", "boss", "ugh", "oops",
        "company", "org", "organisation", "organization", "business", "firm", "board", "leadership", "management", "ceo", "cfo", "cto",
        // (`Escalate to on-call if …`: a step for people.)
        "escalate", "escalated",
        // Exclamations, the speaker, and words of a question around the name (`oh no. did I
        // …`, `am I allowed to`, `is the autoscaler even on?`, `what you think?`, `the event
        // history for …`).
        "oh", "ah", "uh", "hmm", "ugh", "wow", "yikes", "oops", "whoa", "wonderful", "fantastic", "awesome", "lovely",
        "myself", "yourself", "ourselves", "am", "even", "think", "approval", "rolling", "history", "close", "dashboard", "dashboards",
        // The keys of fields typed as `op: deploy, service: …`.
        "op", "action", "ver", "something", "anything", "everything", "nothing",
        // Delivery tools whose words operators borrow (`helm rollback pdf-stamper`, `the flux
        // reconcile looks weird`): the tool, never the workload.
        "helm", "argo", "argocd", "flux", "fluxcd", "spinnaker", "terraform", "kustomize", "skaffold", "chart", "charts",
        "argo-style", "helm-style", "flux-style", "enchilada", "smth", "sth", "smthg", "me", "u", "ur", "equivalent", "step", "steps", "desu", "kudasai", "onegaishimasu", "masu", "thank", "spill", "big", "huge", "existence", "press", "button", "hack", "chore", "wip", "always", "constantly", "both", "leave", "rest",
        // Small words of the languages teams mix into English (`logs de pagos-api`, `notif-relay
        // ka status`, `die Logs von auth-gw`, `escala o cart`): never a workload's name.
        "de", "la", "el", "los", "las", "para", "por", "con", "en", "y", "que", "como", "se", "lo", "le", "les", "des", "du", "une", "und",
        "von", "vom", "der", "die", "das", "den", "dem", "auf", "aus", "mit", "zu", "ist", "bitte", "ka", "ki", "ke", "ko", "hai", "mein", "karo",
        "kar", "aur", "o", "os", "um", "uma", "da", "dos", "das", "na", "nas", "pra", "com",
    ]

    /// Units of a length of time after a count, with how a look-back writes them.
    static let timeUnits: [String: (multiplier: Int, unit: Character)] = [
        "s": (1, "s"), "sec": (1, "s"), "secs": (1, "s"), "second": (1, "s"), "seconds": (1, "s"),
        "m": (1, "m"), "min": (1, "m"), "mins": (1, "m"), "minute": (1, "m"), "minutes": (1, "m"),
        "h": (1, "h"), "hr": (1, "h"), "hrs": (1, "h"), "hour": (1, "h"), "hours": (1, "h"),
        "d": (1, "d"), "day": (1, "d"), "days": (1, "d"), "week": (7, "d"), "weeks": (7, "d"), "wk": (7, "d"),
        // (`der letzten 2 Stunden`, `los ultimos 10 minutos`, `pichle 2 ghante`.)
        "stunden": (1, "h"), "stunde": (1, "h"), "horas": (1, "h"), "hora": (1, "h"), "heures": (1, "h"), "ghante": (1, "h"), "ghanta": (1, "h"),
        "minuten": (1, "m"), "minutos": (1, "m"), "minuti": (1, "m"),
    ]

    /// Look-backs said in words, as the lexicon joins them.
    private static let lookBackPhrases: [String: String] = [
        "last hour": "1h", "past hour": "1h", "the last hour": "1h", "the past hour": "1h", "an hour": "1h",
        "hour": "1h", "last day": "1d", "past day": "1d", "yesterday": "1d", "since yesterday": "1d",
        "last 24 hours": "24h", "past 24 hours": "24h", "day": "1d", "last week": "7d", "past week": "7d",
        "last 7 days": "7d", "past 7 days": "7d", "last seven days": "7d", "past seven days": "7d", "week": "7d",
        "this past week": "7d", "today": "1d", "today so far": "1d", "so far today": "1d", "for today": "1d",
        "in the last day": "1d", "minute": "1m", "last minute": "1m", "half hour": "30m", "half an hour": "30m",
        "last half hour": "30m", "past half hour": "30m", "the last half hour": "30m", "the past half hour": "30m",
        "quarter of an hour": "15m", "a quarter of an hour": "15m", "quarter hour": "15m", "quarter-hour": "15m",
    ]

    static let memoryUnits: [String: String] = [
        "gig": "Gi", "gigs": "Gi", "gb": "Gi", "g": "Gi", "gi": "Gi", "gib": "Gi", "gigabyte": "Gi", "gigabytes": "Gi",
        "giga": "Gi", "gigas": "Gi",
        "meg": "Mi", "megs": "Mi", "mb": "Mi", "mi": "Mi", "mib": "Mi", "megabyte": "Mi", "megabytes": "Mi", "mega": "Mi", "megas": "Mi",
    ]
    /// Which bound of an autoscaler a word names, if any: `minimum`, `at most`.
    enum Bound { case min, max }
    static func autoscalerBound(_ word: String) -> Bound? {
        if minWords.contains(word) { return .min }
        if maxWords.contains(word) { return .max }
        return nil
    }

    private static let maxWords: Set<String> = ["max", "maximum", "up to", "at most", "no more than", "to max", "to a max of", "upper", "most", "maximo", "maximal"]
    private static let minWords: Set<String> = ["min", "minimum", "at least", "no fewer than", "no less than", "lower", "least", "minimo", "minimal"]

    func readWorkloadSlots(_ slots: inout Slots, _ used: inout [Bool]) {
        let lx = sentence.lexemes
        let end = sentence.end
        func raw(_ k: Int) -> String { k >= 0 && k < end ? lx[k].raw.lowercased() : "" }
        // `half a core`, `a quarter of a gig`, `three quarters of a core`: the fraction read
        // with the quantity after it is used, so that it is never taken for a workload.
        func markFraction(before k: Int, _ used: inout [Bool]) {
            var j = k - 1
            if raw(j) == "of" { j -= 1 }
            guard ["half", "quarter", "quarters"].contains(raw(j)) else { return }
            used[j] = true
            if raw(j) == "quarters", raw(j - 1) == "three" { used[j - 1] = true }
        }
        for k in 0..<end where !used[k] {
            // `half of core`, `quarter core`, `half gig`: the fraction without its article.
            if family == .setResources, ["half", "quarter"].contains(raw(k)) {
                let unit = raw(k + 1) == "of" ? k + 2 : k + 1
                if case .noun(.cpu)? = sentence.tag(unit) {
                    slots.cpu.append(raw(k) == "half" ? "500m" : "250m")
                    used[k] = true
                    if unit > k + 1 { used[k + 1] = true }
                    continue
                }
                if Self.memoryUnits[raw(unit)] == "Gi" {
                    slots.memory.append(raw(k) == "half" ? "512Mi" : "256Mi")
                    for j in k...unit { used[j] = true }
                    continue
                }
            }
            switch lx[k].tag {
            case .noun(.kind(let kind)):
                slots.kinds.append(kind)
            case .kindName(let kind, let service):
                slots.kinds.append(kind)
                slots.kindNamed = service
            case .assignment(let name, let value):
                slots.env.append((name, .set(value)))
            case .envName(let name):
                readVariable(name, at: k, &slots, &used)
            case .percent(let n):
                slots.percents.append(n)
                used[k] = true
            case .range(let low, let high):
                slots.ranges.append((low, high))
                used[k] = true
            case .measure(let n, let unit):
                readMeasure(n, unit, at: k, &slots, &used)
            case .number(let n):
                readWorkloadNumber(n, at: k, &slots, &used)
            case .decimal:
                // (`0.5 cpu`, and in a list of fields `cpu 0.5`.)
                if family == .setResources, sentence.tag(k + 1) == .noun(.cpu) || (k > 0 && sentence.tag(k - 1) == .noun(.cpu)),
                   let cpu = QuantityForm.cpu(lx[k].raw)
                {
                    slots.cpu.append(cpu)
                    used[k] = true
                }
                // `2.5 gigs`, `two and a half gigs`: a fraction of a gibibyte in whole mebibytes.
                if family == .setResources, let unit = Self.memoryUnits[raw(k + 1)], let value = Double(lx[k].raw) {
                    let mebibytes = unit == "Gi" ? value * 1024 : value
                    if mebibytes > 0, mebibytes == mebibytes.rounded(), mebibytes < 1_048_576 {
                        slots.memory.append("\(Int(mebibytes))Mi")
                        used[k] = true
                        used[k + 1] = true
                    }
                }
            case .indefinite where family == .setResources && Self.memoryUnits[raw(k + 1)] == "Gi":
                // `half a gig`, `a quarter of a gig`, `a gig and a half`.
                let half = raw(k + 2) == "and" && raw(k + 3) == "a" && raw(k + 4) == "half"
                switch raw(k - 1) {
                case "half": slots.memory.append("512Mi")
                case "of" where raw(k - 2) == "half": slots.memory.append("512Mi")
                case "of" where raw(k - 2) == "quarter": slots.memory.append("256Mi")
                default: slots.memory.append(half ? "1536Mi" : "1Gi")
                }
                used[k] = true
                used[k + 1] = true
                markFraction(before: k, &used)
            case .indefinite:
                // `a quarter core`, `a half core`.
                if family == .setResources, ["quarter", "half"].contains(raw(k + 1)), case .noun(.cpu)? = sentence.tag(k + 2) {
                    slots.cpu.append(raw(k + 1) == "half" ? "500m" : "250m")
                    used[k] = true
                    break
                }
                // `a core`, `half a core`, `a quarter of a core`.
                guard family == .setResources, case .noun(.cpu)? = sentence.tag(k + 1) else { break }
                switch raw(k - 1) {
                case "half": slots.cpu.append("500m")
                case "quarter": slots.cpu.append("250m")
                case "of" where raw(k - 2) == "half": slots.cpu.append("500m")
                case "of" where raw(k - 2) == "quarter": slots.cpu.append("250m")
                case "of" where raw(k - 2) == "quarters" && raw(k - 3) == "three": slots.cpu.append("750m")
                default: slots.cpu.append("1")
                }
                used[k] = true
                markFraction(before: k, &used)
            case .badPeriod, .period:
                // (`I already set it yesterday, now show me its logs`: a day told of in a comment.)
                if family == .logs || family == .events || family == .diagnose, !sentence.lexemes[k].commentary,
                   let since = Self.lookBackPhrases[raw(k)]
                {
                    slots.since.append(since)
                    used[k] = true
                }
            default:
                break
            }
        }
        if family == .setResources {
            for k in 0..<end {
                for w in raw(k).split(separator: " ") {
                    // (`…, it hit its memory ceiling again`: a ceiling a comment tells of is no scope.)
                    if lx[k].commentary, ["ceiling", "cap"].contains(w) { continue }
                    // (`requests, not limits`: the scope denied is not the one meant.)
                    if k > 0, ["not", "no", "never", "instead of", "rather than"].contains(raw(k - 1)) { continue }
                    if Self.limitWords.contains(String(w)) { slots.scope.append(.limits) }
                    if Self.requestWords.contains(String(w)) { slots.scope.append(.requests) }
                }
                // `use one core at most`: a bound the container may not pass is its limit;
                // `at least 256Mi`, what it is always given, its request.
                if lx[k].commentary { continue }
                // (`let session-cache use up to 6Gi`: as much as it may use.)
                if ["at most", "no more than", "not more than"].contains(raw(k))
                    || raw(k) == "up to" && k > 0 && ["use", "take", "consume", "eat", "grab"].contains(raw(k - 1))
                {
                    slots.scope.append(.limits)
                }
                if raw(k) == "at", k + 1 < end, raw(k + 1) == "least" { slots.scope.append(.requests) }
            }
        }
    }

    /// `LOG_LEVEL to debug`, `TIMEOUT on checkout to 30s`: the value after the nearest `to`;
    /// without one, the name alone (`unset DEBUG`).
    private func readVariable(_ name: String, at k: Int, _ slots: inout Slots, _ used: inout [Bool]) {
        let lx = sentence.lexemes
        var j = k + 1
        var skipped = 0
        while j < sentence.end, skipped < 5, sentence.clause[j] == sentence.clause[k] {
            if case .prep(.to) = lx[j].tag, lx[j].word == "to", j + 1 < sentence.end, lx[j + 1].end - lx[j + 1].first == 1 {
                slots.env.append((name, .set(lx[j + 1].raw)))
                used[j] = true
                used[j + 1] = true
                return
            }
            if case .envName = lx[j].tag { break }
            if case .assignment = lx[j].tag { break }
            j += 1
            skipped += 1
        }
        // `make IMGPROXY_MAX_SRC_RESOLUTION equal 50`.
        if k + 2 < sentence.end, ["equal", "equals"].contains(lx[k + 1].word), lx[k + 2].end - lx[k + 2].first == 1 {
            slots.env.append((name, .set(lx[k + 2].raw)))
            used[k + 1] = true
            used[k + 2] = true
            return
        }
        // `Put the variable LOG_LEVEL on debug`: a value a variable is typically given, right
        // after `on` or `at` (`on payments` names a workload and sets nothing).
        if k + 2 < sentence.end, ["on", "at"].contains(lx[k + 1].word), lx[k + 2].end - lx[k + 2].first == 1,
           Self.settingValues.contains(lx[k + 2].word) || Int(lx[k + 2].word) != nil
        {
            slots.env.append((name, .set(lx[k + 2].raw)))
            used[k + 1] = true
            used[k + 2] = true
            return
        }
        slots.bareVariables.append(name)
    }

    /// Values a setting is typically given, which no workload is named.
    private static let settingValues: Set<String> = [
        "debug", "info", "warn", "warning", "error", "trace", "true", "false", "yes", "no", "enabled", "disabled", "verbose",
    ]

    private func readMeasure(_ n: Int, _ unit: String, at k: Int, _ slots: inout Slots, _ used: inout [Bool]) {
        let timeUnit = Self.timeUnits[unit]
        switch family {
        case .logs, .events, .diagnose:
            guard let t = timeUnit, n > 0 else { return }
            slots.since.append("\(n * t.multiplier)\(t.unit)")
            used[k] = true
        case .setResources:
            // `from 500m to 1 core`: the value changed from is not the one asked for.
            if k > 0, sentence.lexemes[k - 1].tag == .prep(.from) {
                used[k] = true
                return
            }
            // `cpu 500m memory 1Gi`: millicores are cpu unless memory is named right before them.
            let memoryBefore = k > 0 && sentence.lexemes[k - 1].tag == .noun(.memory)
            if unit == "m", !memoryBefore, nearestResource(k) != .memory || (k > 0 && sentence.lexemes[k - 1].tag == .noun(.cpu)) {
                if let cpu = QuantityForm.cpu("\(n)m") { slots.cpu.append(cpu) }
            } else if let memory = QuantityForm.memory("\(n)\(unit)") {
                slots.memory.append(memory)
            } else {
                slots.unclearQuantity = "\(n)\(unit)"
            }
            used[k] = true
        case .cost, .budget:
            if n == 24, unit == "h" {
                slots.periods.append(.day)
                used[k] = true
            }
        default:
            break
        }
    }

    /// A number that a unit, a bound word or a percent sign after it makes a quantity,
    /// a look-back, an autoscaler bound or a share of traffic.
    private func readWorkloadNumber(_ n: Int, at k: Int, _ slots: inout Slots, _ used: inout [Bool]) {
        let lx = sentence.lexemes
        let next = k + 1 < sentence.end ? lx[k + 1].raw.lowercased() : ""
        let before = k > 0 ? lx[k - 1].raw.lowercased() : ""
        // (`hpa api 2-10 cpu 70`: a bare number after `cpu` is the autoscaler's target.)
        // (`twenty-five per cent`: two words.)
        let perCent = next == "per" && k + 2 < sentence.end && lx[k + 2].raw.lowercased() == "cent"
        let percentWord = ["percent", "percents", "pct", "per cent", "procent", "prozent"].contains(next) || perCent
        if percentWord || (family == .autoscale && before == "cpu" && (1...100).contains(n)) {
            slots.percents.append(n)
            used[k] = true
            if percentWord { used[k + 1] = true }
            if perCent { used[k + 2] = true }
            return
        }
        switch family {
        case .logs, .events, .diagnose:
            if let t = Self.timeUnits[next], n > 0 {
                slots.since.append("\(n * t.multiplier)\(t.unit)")
                used[k] = true
                used[k + 1] = true
            }
        case .setResources:
            if before == "from" {
                used[k] = true
                if Self.memoryUnits[next] != nil || sentence.tag(k + 1) == .noun(.cpu) { used[k + 1] = true }
                return
            }
            if case .unit(.replica)? = sentence.tag(k + 1) {
                // (`up to 30 instances, target 60% CPU`: a count of replicas is no resource.)
                slots.unclearQuantity = String(n)
            } else if let unit = Self.memoryUnits[next] {
                slots.memory.append("\(n)\(unit)")
                used[k + 1] = true
            } else if case .noun(.cpu)? = sentence.tag(k + 1) {
                slots.cpu.append(["millicores", "millicore", "millicpu"].contains(next) ? (QuantityForm.cpu("\(n)m") ?? "\(n)m") : String(n))
            } else if (k > 0 && sentence.lexemes[k - 1].tag == .noun(.cpu)) || nearestResource(k) == .cpu {
                // `cpu 1 mem 256Mi`: a bare number right after `cpu` is its cores.
                slots.cpu.append(String(n))
            } else {
                slots.unclearQuantity = String(n)
            }
            used[k] = true
        case .autoscale:
            // `a minimum of 3`, `maximum of 10`.
            let bound = before == "of" && k >= 2 ? lx[k - 2].raw.lowercased() : before
            if Self.maxWords.contains(bound) {
                slots.maximum.append(n)
            } else if Self.minWords.contains(bound) {
                slots.minimum.append(n)
            } else if next == "to", k + 2 < sentence.end, case .number = lx[k + 2].tag {
                // `2 to 6 replicas`: a range; the second number is the maximum.
                slots.minimum.append(n)
            } else if Self.maxWords.contains(before) {
                slots.maximum.append(n)
            } else if Self.minWords.contains(before) {
                slots.minimum.append(n)
            } else if ["max", "maximum"].contains(next) {
                slots.maximum.append(n)
            } else if ["min", "minimum"].contains(next) {
                slots.minimum.append(n)
            } else if prepBefore(k) == .from {
                slots.minimum.append(n)
            } else if prepBefore(k) == .to {
                slots.maximum.append(n)
            } else {
                return
            }
            used[k] = true
        default:
            break
        }
    }

    private enum Resource { case cpu, memory }

    /// The resource noun closest to `k`, preferring one after it (`500m cpu`).
    private func nearestResource(_ k: Int) -> Resource? {
        var best: (distance: Int, resource: Resource)?
        for j in sentence.range {
            let resource: Resource
            switch sentence.lexemes[j].tag {
            case .noun(.cpu): resource = .cpu
            case .noun(.memory): resource = .memory
            default: continue
            }
            // A noun across `and` belongs to the other quantity (`cpu to 2 and memory to 4Gi`).
            let distance = abs(j - k) * 2 - (j > k ? 1 : 0) + (sentence.clause[j] == sentence.clause[k] ? 0 : 20)
            if best == nil || distance < best!.distance { best = (distance, resource) }
        }
        return best?.resource
    }
}

extension SlotReader {
    /// Words that name a resource's limit (`cpu lim 500m`).
    static let limitWords: Set<String> = ["limit", "limits", "lim", "lims", "ceiling", "cap"]
    /// Words that name a resource's request (`mem req 256Mi`).
    static let requestWords: Set<String> = ["request", "requests", "req", "reqs", "reservation", "reservations", "reserved", "reserve", "guaranteed"]
    /// The words of either scope.
    static let scopeWords = limitWords.union(requestWords)

    /// Units that make a number a container resource (`6 gigs`, `2 cores`).
    static let resourceUnitWords: Set<String> = Set(memoryUnits.keys).subtracting(["g"])
        .union(["core", "cores", "cpu", "cpus", "vcpu", "vcpus", "millicores", "millicore"])
}
