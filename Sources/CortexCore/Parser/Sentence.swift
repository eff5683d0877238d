/// A tagged sentence with its clause structure: where a trailing comment starts, which
/// clause each lexeme belongs to, and whether the line asks for more than one operation.
struct Sentence {
    let lexemes: [Lexeme]
    /// Lexemes from `end` on are a trailing comment (`because it is stuck`) and are ignored.
    let end: Int
    /// A trailing comment was ignored.
    let droppedComment: Bool
    /// Clause number of each lexeme; conjunctions get -1.
    let clause: [Int]
    /// Each lexeme's clause split by punctuation only (`restart gateway and feed` is one).
    let segment: [Int]
    let isQuestion: Bool
    /// The line asks for two or more operations (`restart api and delete web`).
    let hasSeveralOperations: Bool

    init(_ lexemes: [Lexeme], isQuestion: Bool) {
        self.lexemes = lexemes
        self.isQuestion = isQuestion
        var clause: [Int] = []
        clause.reserveCapacity(lexemes.count)
        var current = 0
        for l in lexemes {
            if l.breakBefore { current += 1 }
            if l.tag == .conj {
                clause.append(-1)
                current += 1
            } else {
                clause.append(current)
            }
        }
        self.clause = clause
        var segment = [Int](repeating: 0, count: lexemes.count)
        for k in lexemes.indices.dropFirst() { segment[k] = segment[k - 1] + (lexemes[k].breakBefore ? 1 : 0) }
        self.segment = segment
        // A comment marker after a request ends it; before any request it means nothing.
        var end = lexemes.count
        var sawCue = false
        for k in lexemes.indices {
            if lexemes[k].tag == .tailMarker, sawCue {
                end = k
                break
            }
            if Sentence.operationGroup(lexemes, k) != nil { sawCue = true }
        }
        self.end = end
        self.droppedComment = end < lexemes.count
        self.hasSeveralOperations = Sentence.countOperations(lexemes, clause, end: end) > 1
            || (end < lexemes.count && (end..<lexemes.count).contains { Sentence.mutatingGroup(lexemes, $0) != nil })
    }

    var range: Range<Int> { 0..<end }

    func tag(_ k: Int) -> Tag? { k >= 0 && k < end ? lexemes[k].tag : nil }

    /// A verb used as a noun: `the last deploy`, `a restart`, `api's rollout`.
    static func isNounUse(_ lexemes: [Lexeme], _ k: Int) -> Bool {
        guard k > 0, !lexemes[k].breakBefore else { return false }
        let before = lexemes[k - 1]
        if before.possessive { return true }
        switch before.tag {
        case .article, .relative, .indefinite, .adjective, .noun(.workload), .noun(.kind), .noun(.canary): return true
        // `errors on connect`, `fails during deploy`: after a preposition (but `to`), a verb names an event.
        // (`put the rollout on hold` puts it on hold.)
        case .prep(let p): return p != .to && !(["hold", "pause"].contains(lexemes[k].word) && before.word == "on")
        case .word:
            // `the reports rollout`: a name used as a modifier before the noun (but
            // `get the api deployed` asks for a deploy).
            // (`the last fx-rates release`: `last` between the article and the name.)
            let determined = k >= 2 && (lexemes[k - 2].tag == .article || (lexemes[k - 2].tag == .relative && (k < 3 || lexemes[k - 3].tag == .article)))
            return determined && !lexemes[k].word.hasSuffix("ed")
        default: return false
        }
    }

    /// Which operation a lexeme asks for, coarsely, when it asks for one at all.
    static func operationGroup(_ lexemes: [Lexeme], _ k: Int) -> String? {
        switch lexemes[k].tag {
        case .verb(let v):
            switch v {
            case .lead: return nil
            case .deploy, .update: return "deploy"
            case .scale, .grow, .shrink, .limit: return "scale"
            case .remove: return "remove"
            case .restart: return "restart"
            case .rollback: return "rollback"
            case .delete: return "delete"
            case .status, .show: return "status"
            case .tail, .stream: return "logs"
            case .set, .give, .want, .unset, .allocate: return "set"
            case .ambiguous: return "ambiguous"
            case .phrasal(let p): return p
            case .diagnose: return "diagnose"
            case .pause: return "pause"
            case .resume: return "resume"
            case .autoscale: return "autoscale"
            }
        case .noun(.logs): return "logs"
        case .noun(.events): return "events"
        case .noun(.cost): return "cost"
        case .noun(.budget): return "budget"
        case .noun(.status): return "status"
        case .route: return "route"
        default: return nil
        }
    }

    /// Whether the tag is a verb that changes something, used as a verb or as a noun
    /// (`would a restart fix it?`).
    static func namesAChange(_ tag: Tag) -> Bool {
        guard case .verb(let v) = tag else { return false }
        switch v {
        case .deploy, .update, .scale, .grow, .shrink, .remove, .restart, .rollback, .delete, .phrasal,
             .pause, .resume, .autoscale, .unset:
            return true
        default:
            return false
        }
    }

    /// The group of a verb that changes something, unless it is used as a noun.
    static func mutatingGroup(_ lexemes: [Lexeme], _ k: Int) -> String? {
        guard case .verb(let v) = lexemes[k].tag, !isNounUse(lexemes, k) else { return nil }
        switch v {
        case .deploy, .update: return "deploy"
        case .scale, .grow, .shrink: return "scale"
        case .remove: return "remove"
        case .restart: return "restart"
        case .rollback: return "rollback"
        case .delete: return "delete"
        case .pause: return "pause"
        case .resume: return "resume"
        case .autoscale: return "autoscale"
        case .unset: return "set"
        default: return nil
        }
    }

    /// Whether a variable (`OLD_HOST`, `the env var`) follows the verb at `k`.
    private static func namesVariableNext(_ lexemes: [Lexeme], _ k: Int, _ end: Int) -> Bool {
        var j = k + 1
        while j < end, lexemes[j].tag == .article { j += 1 }
        guard j < end else { return false }
        switch lexemes[j].tag {
        case .envName, .noun(.variable): return true
        default: return false
        }
    }

    /// How many operations the line asks for: clauses with a request in them, and within one
    /// clause, verbs of different changing operations (`restart api delete web`).
    private static func countOperations(_ lexemes: [Lexeme], _ clause: [Int], end: Int) -> Int {
        var clausesWithRequest = Set<Int>()
        var groupsByClause: [Int: Set<String>] = [:]
        var allGroups = Set<String>()
        // `autoscale orders min 3 max 12, keep cpu around 70%`: keeping a target is part of it.
        let autoscaling = (0..<end).contains { operationGroup(lexemes, $0) == "autoscale" }
        let deploying = (0..<end).contains { operationGroup(lexemes, $0) == "deploy" }
        for k in 0..<end where !lexemes[k].commentary {
            guard var group = operationGroup(lexemes, k), clause[k] >= 0 else { continue }
            // `roll out api 2.1 to staging and run it on 4 replicas`: how many to run is part of the deploy.
            if deploying, group != "deploy", ["run", "keep", "have"].contains(lexemes[k].word), countsReplicas(lexemes, after: k, end) { continue }
            if autoscaling, group != "autoscale", ["keep", "target", "hold", "aim", "want"].contains(lexemes[k].word) { continue }
            // `set A=1 and remove B`: removing a variable is one more part of setting them.
            let removesVariable = (group == "remove" || group == "delete") && namesVariableNext(lexemes, k, end)
            if removesVariable { group = "set" }
            allGroups.insert(group)
            // A verb used as a noun asks for nothing by itself (`the last deploy`).
            if case .verb = lexemes[k].tag, isNounUse(lexemes, k) { continue }
            // `start a rolling restart`: a vague verb before a clear one only introduces it.
            if case .verb(.ambiguous) = lexemes[k].tag, k + 1 < end, leadsInto(lexemes, k, end) { continue }
            clausesWithRequest.insert(clause[k])
            if let g = mutatingGroup(lexemes, k) {
                groupsByClause[clause[k], default: []].insert(removesVariable ? "set" : g)
            }
        }
        // `auth needs more memory, make it 2 gigs`: clauses that only set, saying one thing twice.
        // `diagnose and fix payments`: clauses that all diagnose, the same.
        let sayingOneThing = allGroups.count == 1 && (allGroups.contains("set") || allGroups.contains("diagnose"))
        var count = sayingOneThing ? min(clausesWithRequest.count, 1) : clausesWithRequest.count
        for (_, found) in groupsByClause {
            // `remove` reads as scale (with a count) or delete: it agrees with either.
            var groups = found
            // `turn autoscaling off`, `remove the autoscaler`: the verb works the autoscaler.
            if groups.contains("autoscale") { groups.subtract(["scale", "remove", "delete", "set", "deploy"]) }
            // `pause rollout of api`: the rollout is what is paused.
            if groups.contains("pause") || groups.contains("resume") { groups.remove("deploy") }
            if groups.count > 1 { groups.remove("remove") }
            if groups.count > 1 { count += groups.count - 1 }
        }
        return count
    }

    /// Whether a number of replicas follows the verb at `k` within a few words (`run it on 4 replicas`).
    private static func countsReplicas(_ lexemes: [Lexeme], after k: Int, _ end: Int) -> Bool {
        let window = (k + 1)..<min(end, k + 5)
        return window.contains { j in
            guard case .number = lexemes[j].tag, j + 1 < end, case .unit(.replica) = lexemes[j + 1].tag else { return false }
            return true
        }
    }

    /// Whether the verb at `k` is followed (past articles) by a verb that names an operation.
    static func leadsInto(_ lexemes: [Lexeme], _ k: Int, _ end: Int) -> Bool {
        var j = k + 1
        while j < end, lexemes[j].tag == .article || lexemes[j].tag == .indefinite || lexemes[j].tag == .adjective { j += 1 }
        guard j < end, case .verb(let v) = lexemes[j].tag else { return false }
        return v.isStrong && v != .ambiguous
    }
}
