/// A request typed as fields rather than as a sentence: `op=scale svc=shipping replicas=4
/// env=stg`, `action: delete | service: scratch-7 | env: stg`, `cost: {service: geo-lookup,
/// period: month}`. Such a line is read as the plain sentence its fields say (`scale shipping
/// to 4 replicas in stg`), so every field goes through the same reading, checks and
/// refusals as words do.
///
/// A line is read this way only when it is nothing but fields of known names (and an
/// operation's name as its label): any other word (`what-if:`, `reminder for later:`,
/// `compare … vs …`, `which is safer?`) leaves the line to the parser, which reads its mood.
enum StructuredFields {
    static func sentence(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "=")) || text.utf8.contains(UInt8(ascii: ":")) else { return nil }
        // `op=status svc=cart env=prod  # checking first`: a comment after the fields of a read.
        var body = text
        if let comment = commentStart(text) {
            guard let fields = fields(of: String(text[..<comment])), let op = fields["op"].flatMap({ operations[$0.lowercased()] }),
                  readOnly.contains(op)
            else { return nil }
            body = String(text[..<comment])
        }
        guard var fields = fields(of: body) else { return nil }
        guard let op = fields.removeValue(forKey: "op").flatMap({ operations[$0.lowercased()] }) else { return nil }
        // A note beside the fields (`note: deciding whether to roll back`) only goes with a read:
        // beside a change it may say when or whether, which fields cannot.
        if fields.removeValue(forKey: "note") != nil, !readOnly.contains(op) { return nil }
        return compose(op, fields)
    }

    /// Where a trailing `# …` or ` -- …` comment starts, if the line has one.
    private static func commentStart(_ text: String) -> String.Index? {
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if previous == " ", c == "#" { return index }
            if previous == " ", c == "-", text[index...].hasPrefix("-- ") { return index }
            previous = c
            index = text.index(after: index)
        }
        return nil
    }

    /// Operations that change nothing.
    private static let readOnly: Set<String> = ["status", "logs", "events", "cost", "diagnose", "route"]

    /// The fields of `text` by canonical name, variables under `var:NAME`; nil when a word is
    /// not part of a field.
    static func fields(of text: String) -> [String: String]? {
        var tokens = tokenize(text)
        guard !tokens.isEmpty else { return nil }
        var fields: [String: String] = [:]
        func add(_ key: String, _ value: String) -> Bool {
            guard !value.isEmpty, fields[key] == nil else { return false }
            fields[key] = value
            return true
        }
        // `deploy: svc=tally, …`, `scale: {service: …}`: the operation as the label.
        if tokens[0].lowercased() == "rollout:", tokens.count > 1, ["pause", "resume", "restart", "undo", "status", "abort", "promote"].contains(tokens[1].lowercased()) {
            // `rollout: pause, service: …`: kubectl's `rollout` and its sub-command.
            fields["op"] = tokens[1].lowercased() == "undo" ? "rollback" : tokens[1]
            tokens.removeFirst(2)
        } else if tokens[0].hasSuffix(":"), operations[String(tokens[0].dropLast()).lowercased()] != nil, tokens.count > 1 {
            fields["op"] = String(tokens[0].dropLast())
            tokens.removeFirst()
        } else if operations[tokens[0].lowercased()] != nil, tokens.count > 1, tokens[1] == "|" {
            // `deploy | svc: orders | …`.
            fields["op"] = tokens[0]
            tokens.removeFirst()
        }
        var i = 0
        var pairs = 0
        while i < tokens.count {
            let token = tokens[i]
            if separators.contains(token) {
                i += 1
                continue
            }
            var key: Substring
            var value: String
            if let equals = token.firstIndex(of: "=") {
                key = token[..<equals]
                value = String(token[token.index(after: equals)...])
                i += 1
            } else if let colon = token.firstIndex(of: ":"), colon != token.startIndex {
                key = token[..<colon]
                value = String(token[token.index(after: colon)...])
                i += 1
                if value.isEmpty {
                    // `svc: orders`, `cpu: 2 cores`: the value is the words up to the next field.
                    var words: [String] = []
                    while i < tokens.count, !separators.contains(tokens[i]), !isKey(tokens[i]) {
                        words.append(tokens[i])
                        i += 1
                    }
                    guard !words.isEmpty else {
                        // `set: {CACHE_TTL: 300}`: a key that only introduces variables.
                        if variableKeys.contains(key.lowercased()) { continue }
                        return nil
                    }
                    value = words.joined(separator: " ")
                }
            } else {
                return nil
            }
            value = unquoted(value)
            let name = key.lowercased()
            if let canonical = keys[name] {
                if canonical == "vars" {
                    // `vars=TIMEOUT_MS=2500,RETRIES=3`, `set=LOG_LEVEL=debug`.
                    for assignment in value.split(separator: ",") {
                        guard let eq = assignment.firstIndex(of: "="), isVariable(assignment[..<eq]) else { return nil }
                        guard add("var:" + assignment[..<eq], String(assignment[assignment.index(after: eq)...])) else { return nil }
                    }
                } else if canonical == "unset" {
                    for variable in value.split(separator: ",") {
                        guard isVariable(variable), add("var:" + variable, "(remove)") else { return nil }
                    }
                } else if canonical == "environment", fields["op"].map({ operations[$0.lowercased()] == "set-env" }) == true,
                          value.contains("=")
                {
                    // `op=set-env … env=LOG_LEVEL=debug`: the variables, under the word for them.
                    guard let eq = value.firstIndex(of: "="), isVariable(value[..<eq]) else { return nil }
                    guard add("var:" + value[..<eq], String(value[value.index(after: eq)...])) else { return nil }
                } else {
                    guard add(canonical, value) else { return nil }
                }
            } else if isVariable(key) {
                guard add("var:" + key, value) else { return nil }
            } else {
                return nil
            }
            pairs += 1
        }
        return pairs >= 1 && fields["op"] != nil ? fields : nil
    }

    /// The words of the line: quoted values kept whole, braces, trailing commas and
    /// semicolons taken off, and a bare `|`, `/` or `;` kept as a separator.
    private static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            if c == "\"" || c == "'" && current.isEmpty || c == "'" && current.last == "=" || c == "'" && current.last == ":" {
                quote = c
                current.append(c)
                continue
            }
            if c == " " || c == "\t" || c == "\n" {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                continue
            }
            current.append(c)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens.map { token in
            var t = Substring(token)
            while let first = t.first, first == "{" || first == "[" { t = t.dropFirst() }
            while let last = t.last, last == "}" || last == "]" || last == "," || last == ";" { t = t.dropLast() }
            return String(t)
        }.filter { !$0.isEmpty }
    }

    /// Whether a token opens a field: `name:`, `name=…` or `name:value` with a known name
    /// or a variable's.
    private static func isKey(_ token: String) -> Bool {
        guard let mark = token.firstIndex(where: { $0 == ":" || $0 == "=" }), mark != token.startIndex else { return false }
        let key = token[..<mark]
        return keys[key.lowercased()] != nil || isVariable(key)
    }

    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else { return value }
        return String(value.dropFirst().dropLast())
    }

    /// `LOG_LEVEL`, `FEATURE_X`: a variable's name, upper case with digits and `_`.
    private static func isVariable(_ name: Substring) -> Bool {
        guard let first = name.first, first.isUppercase, first.isASCII else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_" }
    }

    /// The sentence the fields of operation `op` say.
    private static func compose(_ op: String, _ f: [String: String]) -> String? {
        // `kind=sts`: the kind written before the name as kubectl writes it (`sts/kafka`).
        let kind = f["kind"].map { kinds[$0.lowercased()] ?? $0 }
        let workload = f["service"].map { name in kind.map { $0 + "/" + name } ?? name } ?? ""
        let place = f["environment"].map { " in " + $0 } ?? ""
        var variables: [String] = []
        var removed: [String] = []
        for (key, value) in f where key.hasPrefix("var:") {
            let name = String(key.dropFirst(4))
            if ["(remove)", "remove", "(unset)", "unset", "null", "(delete)", "delete", "none"].contains(value.lowercased()) {
                removed.append(name)
            } else {
                variables.append(name + "=" + value)
            }
        }
        variables.sort()
        removed.sort()
        switch op {
        case "deploy":
            var words = "deploy " + (f["image"].map { "image " + $0 + " as " } ?? "") + (f["service"] ?? "")
            if let version = f["version"] { words += " version " + version }
            words += f["environment"].map { " to " + $0 } ?? ""
            if let replicas = f["replicas"] { words += " with " + replicas + " replicas" }
            if let canary = f["canary"] { words += " as a " + (canary.hasSuffix("%") ? canary : canary + "%") + " canary" }
            return words
        case "scale":
            if let replicas = f["replicas"], let sign = replicas.first, sign == "+" || sign == "-" {
                return scaleBy(replicas, workload, place)
            }
            if let replicas = f["replicas"] { return "scale " + workload + " to " + replicas + " replicas" + place }
            if let delta = f["delta"] { return scaleBy(delta, workload, place) }
            return "scale " + workload + place
        case "rollback":
            return "roll back " + workload + place + (f["revision"].map { " to revision " + $0 } ?? "")
        case "logs":
            var words = f["lines"].map { "last " + $0 + " lines of logs from " } ?? "logs from "
            words += workload + place
            if let since = f["since"] { words += " for the last " + since }
            return words
        case "events":
            return "events" + (f["service"] == nil ? "" : " for " + workload) + place + (f["since"].map { " for the last " + $0 } ?? "")
        case "cost":
            let period = f["period"].map { " this " + periods[$0.lowercased(), default: $0] } ?? ""
            return "cost" + (f["service"] == nil ? "" : " of " + workload) + place + period
        case "budget":
            guard let amount = f["amount"] else { return "set a budget" }
            let period = f["period"].map { " per " + periods[$0.lowercased(), default: $0] } ?? ""
            return "set a budget of " + (amount.hasPrefix("$") ? amount : "$" + amount) + period
        case "route":
            return f["task"].map { "route: " + $0 } ?? "route"
        case "status":
            return "status" + (f["service"] == nil ? "" : " of " + workload) + place
        case "diagnose":
            return "diagnose" + (f["service"] == nil ? "" : " " + workload) + place
        case "set-env":
            var words = "on " + workload + place + ", "
            if !variables.isEmpty { words += "set " + variables.joined(separator: " and ") }
            if !removed.isEmpty { words += (variables.isEmpty ? "" : " and ") + "unset " + removed.joined(separator: " and ") }
            return words
        case "set-resources":
            let scope = f["scope"].map { " " + $0 } ?? ""
            var parts: [String] = []
            if let cpu = f["cpu"] { parts.append("cpu" + scope + " to " + cpu) }
            if let memory = f["memory"] { parts.append("memory" + scope + " to " + memory) }
            return "set " + parts.joined(separator: " and ") + " on " + workload + place
        case "autoscale":
            if let enabled = f["enabled"]?.lowercased(), ["false", "no", "off", "0"].contains(enabled) {
                return "stop autoscaling " + workload + place
            }
            var words = "autoscale " + workload + place
            if let min = f["min"] { words += " min " + min }
            if let max = f["max"] { words += " max " + max }
            if let cpu = f["cpu_percent"] ?? f["cpu"] { words += " at " + (cpu.hasSuffix("%") ? cpu : cpu + "%") + " cpu" }
            return words
        default:
            // restart, delete, pause, resume, promote, abort.
            let verb = op == "pause" || op == "resume" ? op + " the rollout of" : op
            return verb + " " + workload + place
        }
    }

    private static func scaleBy(_ delta: String, _ workload: String, _ place: String) -> String {
        let count = delta.drop { $0 == "+" || $0 == "-" }
        return delta.hasPrefix("-") ? "remove " + count + " replicas from " + workload + place : "add " + count + " replicas to " + workload + place
    }

    /// Words that stand for an operation, by the operation's name.
    private static let operations: [String: String] = {
        var ops: [String: String] = [:]
        let names: [String: [String]] = [
            "deploy": ["deploy", "release", "ship", "rollout"], "scale": ["scale"],
            "restart": ["restart", "bounce", "rollout-restart"], "rollback": ["rollback", "roll-back", "undo", "revert"],
            "delete": ["delete", "remove", "destroy"], "status": ["status", "describe"],
            "logs": ["logs", "log", "tail-logs", "tail"], "route": ["route", "assign"], "cost": ["cost", "spend"],
            "budget": ["budget", "set-budget"], "diagnose": ["diagnose", "debug"], "events": ["events"],
            "set-env": ["set-env", "setenv", "set_env"], "set-resources": ["set-resources", "resources", "set_resources"],
            "autoscale": ["autoscale", "hpa"], "pause": ["pause"], "resume": ["resume"], "promote": ["promote"],
            "abort": ["abort"],
        ]
        for (op, words) in names { for w in words { ops[w] = op } }
        return ops
    }()

    /// Field names, by the name of the field they fill.
    private static let keys: [String: String] = {
        var keys: [String: String] = [:]
        let names: [String: [String]] = [
            "op": ["op", "action", "operation", "cmd", "command", "verb"],
            "service": ["svc", "service", "app", "deployment", "deploy", "workload", "name", "target"],
            "environment": ["env", "environment", "ns", "namespace", "stage"],
            "replicas": ["replicas", "count", "instances", "pods"], "delta": ["delta", "change", "by"],
            "version": ["version", "ver", "tag"], "image": ["image", "img"], "revision": ["revision", "rev", "to-revision"],
            "lines": ["lines", "tail-lines"], "since": ["since", "window", "last"], "period": ["period", "per"],
            "amount": ["amount", "limit", "usd"], "cpu": ["cpu"], "memory": ["memory", "mem"], "scope": ["scope"],
            "min": ["min", "min-replicas", "min_replicas", "minreplicas"], "max": ["max", "max-replicas", "max_replicas", "maxreplicas"],
            "cpu_percent": ["cpu_percent", "cpu-percent", "target_cpu", "target-cpu", "cpu%", "targetcpu"],
            "kind": ["kind", "type"], "task": ["task"], "enabled": ["enabled"], "canary": ["canary", "weight"],
            "vars": ["vars", "set", "variables", "env_vars", "envs"], "unset": ["unset", "remove"],
            "note": ["note", "notes", "context", "comment", "why", "reason"],
        ]
        for (field, words) in names { for w in words { keys[w] = field } }
        return keys
    }()

    /// Keys that only introduce the variables after them.
    private static let variableKeys: Set<String> = ["set", "vars", "variables", "env_vars", "envs", "env"]

    private static let separators: Set<String> = ["|", "/", ";", ",", "-", "—", "–", "·"]

    private static let kinds: [String: String] = [
        "sts": "sts", "statefulset": "sts", "ds": "ds", "daemonset": "ds", "deploy": "deploy", "deployment": "deploy",
    ]

    private static let periods: [String: String] = [
        "daily": "day", "day": "day", "weekly": "week", "week": "week", "monthly": "month", "month": "month",
    ]
}
