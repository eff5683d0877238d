/// The keys of one policy rule, read one by one by the rule's kind. Each reader records the
/// key as known, turns a bad value into a `PolicyIssue` naming file, line and key, and
/// returns nil for absent or bad values; whatever no reader asked for is an unknown key.
public struct RuleFields {
    public let file: String
    /// The line where the rule starts.
    public let line: Int
    let catalog: EnvironmentCatalog
    let entries: [PolicyEntry]
    private(set) var known: [String] = []
    public private(set) var issues: [PolicyIssue] = []

    init(file: String, line: Int, entries: [PolicyEntry], catalog: EnvironmentCatalog) {
        self.file = file
        self.line = line
        self.entries = entries
        self.catalog = catalog
    }

    /// Records a problem with a key (or with the rule when `key` is nil).
    public mutating func problem(_ key: String?, _ text: String) {
        let at = key.flatMap { k in entries.first { $0.key == k }?.line } ?? line
        issues.append(PolicyIssue(file: file, line: at, key: key, problem: text))
    }

    /// Records that a rule of this kind needs one of `keys` (present, even if its value is bad).
    public mutating func requireOne(of keys: [String]) {
        guard !entries.contains(where: { keys.contains($0.key) }) else { return }
        let names = keys.map { "'\($0)'" }.joined(separator: " or ")
        problem(nil, "a rule of this kind needs \(names)")
    }

    /// Records that a rule of this kind needs `key`.
    public mutating func require(_ key: String) {
        if !entries.contains(where: { $0.key == key }) { problem(nil, "missing '\(key)'") }
    }

    mutating func entry(_ key: String) -> PolicyEntry? {
        if !known.contains(key) { known.append(key) }
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        if case .null = entry.value.value {
            problem(key, "needs a value")
            return nil
        }
        return entry
    }

    mutating func scalar(_ key: String, expecting what: String) -> String? {
        guard let entry = entry(key) else { return nil }
        guard case .scalar(let text) = entry.value.value else {
            problem(key, "must be \(what), not \(entry.value.shape)")
            return nil
        }
        return text
    }

    /// Free text.
    public mutating func string(_ key: String) -> String? {
        scalar(key, expecting: "text")
    }

    /// A whole number of at least `minimum`.
    public mutating func integer(_ key: String, atLeast minimum: Int) -> Int? {
        let what = "a whole number >= \(minimum)"
        guard let text = scalar(key, expecting: what) else { return nil }
        guard let value = Int(text), value >= minimum else {
            problem(key, "must be \(what), not '\(text)'")
            return nil
        }
        return value
    }

    /// A finite number greater than `minimum` (or equal to it when `inclusive`).
    public mutating func number(_ key: String, above minimum: Double, inclusive: Bool = true) -> Double? {
        let what = "a number \(inclusive ? ">=" : ">") \(Self.plain(minimum))"
        guard let text = scalar(key, expecting: what) else { return nil }
        guard let value = Double(text), value.isFinite, inclusive ? value >= minimum : value > minimum else {
            problem(key, "must be \(what), not '\(text)'")
            return nil
        }
        return value
    }

    /// `true` or `false` (`yes`/`no`, `on`/`off` accepted).
    public mutating func boolean(_ key: String) -> Bool? {
        guard let text = scalar(key, expecting: "true or false") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(key, "must be true or false, not '\(text)'")
            return nil
        }
    }

    /// A length of time: `30s`, `10m`, `2h`, `1d`; in seconds.
    public mutating func duration(_ key: String) -> Double? {
        let what = "a length of time such as 90s, 10m, 2h or 1d"
        guard let text = scalar(key, expecting: what) else { return nil }
        guard let seconds = PolicyDuration.seconds(text) else {
            problem(key, "must be \(what), not '\(text)'")
            return nil
        }
        return seconds
    }

    /// A UTC time of day `HH:MM` from `00:00` to `24:00`; in minutes since midnight.
    public mutating func timeOfDay(_ key: String) -> Int? {
        let what = "a UTC time HH:MM between 00:00 and 24:00"
        guard let text = scalar(key, expecting: what) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m),
              h * 60 + m <= 1440
        else {
            problem(key, "must be \(what), not '\(text)'")
            return nil
        }
        return h * 60 + m
    }

    /// A list of single values; an empty list is a problem (leave the key out instead).
    public mutating func strings(_ key: String) -> [String]? {
        guard let entry = entry(key) else { return nil }
        guard case .list(let nodes) = entry.value.value else {
            problem(key, "must be a list, such as [a, b], not \(entry.value.shape)")
            return nil
        }
        var values: [String] = []
        for node in nodes {
            guard case .scalar(let text) = node.value, !text.isEmpty else {
                issues.append(PolicyIssue(file: file, line: node.line, key: key,
                                          problem: "list items must be single values, not \(node.shape)"))
                return nil
            }
            values.append(text)
        }
        guard !values.isEmpty else {
            problem(key, "must not be empty (leave the key out instead)")
            return nil
        }
        return values
    }

    /// Days of the week: `[mon, tue]`, ranges such as `mon-fri` included.
    public mutating func weekdays(_ key: String) -> Set<Weekday>? {
        guard let names = strings(key) else { return nil }
        var days: Set<Weekday> = []
        for name in names {
            let ends = name.split(separator: "-").map { Weekday(name: String($0)) }
            switch ends.count {
            case 1 where ends[0] != nil:
                days.insert(ends[0]!)
            case 2 where ends[0] != nil && ends[1] != nil:
                var day = ends[0]!
                while day != ends[1]! {
                    days.insert(day)
                    day = day.next
                }
                days.insert(day)
            default:
                problem(key, "'\(name)' is not a day of the week (mon, tue, … sun, or a range such as mon-fri)")
                return nil
            }
        }
        return days
    }

    /// Environment names or aliases, returned as canonical names.
    public mutating func environments(_ key: String) -> Set<String>? {
        guard let names = strings(key) else { return nil }
        var result: Set<String> = []
        for name in names {
            guard let canonical = catalog.canonical(name) else {
                let known = catalog.names.joined(separator: ", ")
                problem(key, "unknown environment '\(name)' (known: \(known))")
                return nil
            }
            result.insert(canonical)
        }
        return result
    }

    /// Kinds of mutating operation.
    public mutating func operations(_ key: String) -> Set<OperationKind>? {
        guard let names = strings(key) else { return nil }
        var result: Set<OperationKind> = []
        let mutations = OperationKind.allCases.filter(\.isMutation).map(\.rawValue).joined(separator: ", ")
        for name in names {
            guard let kind = OperationKind(rawValue: name.lowercased()) else {
                problem(key, "unknown operation '\(name)' (changes are: \(mutations))")
                return nil
            }
            guard kind.isMutation else {
                problem(key, "'\(name)' changes nothing; guardrails only judge changes (\(mutations))")
                return nil
            }
            result.insert(kind)
        }
        return result
    }

    /// The keys present that no reader asked for.
    var unknownKeys: [PolicyEntry] {
        entries.filter { !known.contains($0.key) }
    }

    static func plain(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

extension RuleFields {
    /// The keys of a mapping under `key`, read as fields of their own; problems and unknown
    /// keys are reported under `key`. Nil when the key is absent or not a mapping.
    mutating func nested(_ key: String, known keys: [String], read: (inout RuleFields) -> Void) {
        guard let entry = entry(key) else { return }
        guard case .map(let entries) = entry.value.value else {
            problem(key, "must be a mapping, such as {\(keys.joined(separator: ": …, ")): …}, not \(entry.value.shape)")
            return
        }
        var inner = RuleFields(file: file, line: entry.line, entries: entries, catalog: catalog)
        read(&inner)
        for unknown in inner.unknownKeys {
            inner.problem(unknown.key, "unknown key in '\(key)' (known: \(keys.joined(separator: ", ")))")
        }
        issues += inner.issues.map { var issue = $0; issue.key = issue.key.map { "\(key).\($0)" } ?? key; return issue }
    }

    /// Who may approve: `approvers: {groups: [sre, security], distinct-groups: true}`.
    public mutating func approvers(_ key: String) -> ApproverRequirement? {
        var result: ApproverRequirement?
        nested(key, known: ["groups", "distinct-groups"]) { inner in
            let groups = inner.strings("groups")
            let distinct = inner.boolean("distinct-groups") ?? false
            if distinct, let groups, Set(groups).count < 2 {
                inner.problem("groups", "distinct-groups needs at least two groups")
            }
            result = ApproverRequirement(groups: groups, distinctGroups: distinct)
        }
        return result
    }
}
