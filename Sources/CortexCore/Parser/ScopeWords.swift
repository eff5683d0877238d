/// Words that widen a change beyond one workload: a quantifier over a plural of workloads
/// (`each of the workers`, `all the frontend services`), or a second workload added in a
/// later clause (`restart cart, and orders too`). cortex changes one workload at a time, so
/// such a change is refused with a question; a read over all of them is fine.
enum ScopeWords {
    /// Letters every line that widens a change has (`each`, `all`, `too`, a kind's name).
    private static let widening: [[UInt8]] = ["each", "every", "all", "too", "well", "also", "set", "deploy", "sts", "ds", "whole", "entire"].map { Array($0.utf8) }
    /// Letters every line that names a workload's kind has (`statefulset`, `ds`, `sts`).
    private static let kindCues: [[UInt8]] = ["set", "ds", "sts"].map { Array($0.utf8) }

    static func refusal(_ text: String, service: String?) -> String? {
        // (Most requests have none of the words looked for: they are ruled out without splitting.)
        guard ByteSearch.containsAny(widening, in: text) else { return nil }
        let lower = text.lowercased()
        let words = Self.words(of: lower, dropping: ".!?")
        if namesManyWorkloads(words) {
            return "that asks to change several workloads; cortex changes one at a time: say which workload, e.g. restart cart in staging"
        }
        // `delete both the zk statefulset and the zk deployment`: two kinds of workload.
        let kinds = Set(words.compactMap { kindWords[$0] })
        if kinds.count > 1 {
            return "that names more than one kind of workload; cortex changes one at a time: say which, e.g. restart the zk statefulset"
        }
        if let other = addedWorkload(words, service: service) {
            return "one workload at a time: '\(service ?? "")' and '\(other)' are both named"
        }
        return nil
    }

    /// `the 10% canary of cart-sync ran for 48h with 0.01% errors`: one clause, opening with a
    /// thing and telling what it did in the past, asks for nothing.
    static func tellsWhatAThingDid(_ text: String) -> Bool {
        let opening = text.utf8.prefix { $0 != UInt8(ascii: " ") }.map(ByteSearch.asciiLowercased)
        guard thingOpeners.contains(String(decoding: opening, as: UTF8.self)) else { return false }
        // (A clause after a dash may be the request: `… -- Fatima saw it -- so add three replicas`.)
        let marks = zip(text, text.dropFirst()).contains { ".?!,;".contains($0.0) && $0.1 == " " }
            || ByteSearch.containsAny(PastedOutput.clauseDashes, in: text)
        guard !marks, text.last != "?" else { return false }
        let w = text.lowercased().split(separator: " ").map(String.init)
        // (`the dashboard shows kyc-checker at 6 replicas`: what a thing shows, in the present.)
        if w.dropFirst().prefix(3).contains(where: ["shows", "says", "reports", "lists", "displays", "indicates", "claims"].contains) { return true }
        return w.dropFirst(2).contains { Tagger.irregularPasts.contains($0) && !["hit", "set", "put", "cut", "let"].contains($0) }
    }

    /// The kind a later clause says the workload is (`…, it's a daemonset`, `…, it is a
    /// statefulset`), or nil.
    static func kindSaidOfIt(_ text: String) -> WorkloadKind? {
        let bytes = ByteSearch.asciiLowercased(Array(text.utf8))
        guard ByteSearch.first(Array("it".utf8), in: bytes) != nil, kindCues.contains(where: { ByteSearch.first($0, in: bytes) != nil }) else { return nil }
        let lower = text.lowercased()
        let w = Self.words(of: lower, dropping: ".!")
        for k in w.indices.dropFirst() where w[k] == "a" && k + 1 < w.count {
            let said = w[k - 1] == "it's" || w[k - 1] == "its" || (k >= 2 && w[k - 1] == "is" && w[k - 2] == "it")
            guard said else { continue }
            switch kindWords[w[k + 1]] {
            case "sts": return .statefulset
            case "ds": return .daemonset
            default: return nil
            }
        }
        return nil
    }

    /// The words that open a line about a thing (`the canary …`, `our cache …`).
    private static let thingOpeners: Set<String> = ["the", "our", "that", "this", "my"]

    /// The words of a lowered line, cut at spaces, commas and semicolons, without the marks
    /// of `dropping`.
    private static func words(of lower: String, dropping: String) -> [String] {
        lower.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map { String($0.filter { !dropping.contains($0) }) }
    }

    /// `each of the workers`, `every frontend service`, `all our apps`.
    static func namesManyWorkloads(_ w: [String]) -> Bool {
        for k in w.indices.dropFirst() {
            let next = k + 1 < w.count ? w[k + 1] : ""
            // `scale everything to zero`, `restart all in staging`: every workload as the object.
            if ["everything", "all"].contains(w[k]), changeVerbs.contains(w[k - 1]), ["", "to", "in", "on", "and", "down", "up", "now"].contains(next) {
                return true
            }
            // `restart the whole hospital`, `delete the entire cluster` (but `the whole payments
            // service` is one).
            if ["whole", "entire"].contains(w[k]), w[k - 1] == "the", k >= 2, changeVerbs.contains(w[k - 2]), !next.isEmpty, next != "of", !next.contains("-"),
               !(k + 2 < w.count && (kindWords[w[k + 2]] != nil || ["service", "app", "workload"].contains(w[k + 2])))
            {
                return true
            }
        }
        for i in w.indices where ["each", "every", "all"].contains(w[i]) {
            var j = i + 1
            if j < w.count, w[j] == "of" { j += 1 }
            if j < w.count, ["the", "our", "my", "your", "these", "those", "their"].contains(w[j]) { j += 1 }
            for k in j..<min(w.count, j + 3) {
                // (`all 6 pods of pdf-render`: a count of one workload's pods.)
                if w[k].first?.isNumber == true { break }
                if pluralWorkloads.contains(w[k]) { return true }
            }
        }
        return false
    }

    /// A workload named in a later clause with `too`, `as well` or `also` (`…, and
    /// coupon-svc too`), other than the operation's own.
    static func addedWorkload(_ w: [String], service: String?) -> String? {
        for k in w.indices.dropFirst() {
            let word = w[k]
            guard word != service, word.contains("-"), ServiceName.isValid(word) else { continue }
            let next = k + 1 < w.count ? w[k + 1] : ""
            let after = k + 2 < w.count ? w[k + 2] : ""
            if next == "too" || (next == "as" && after == "well") || (k > 1 && w[k - 1] == "also" && w[k - 2] == "and") { return word }
        }
        return nil
    }

    /// Verbs of a change, as typed.
    private static let changeVerbs: Set<String> = [
        "scale", "restart", "delete", "deploy", "bounce", "kill", "nuke", "stop", "redeploy", "rollback", "remove", "pause", "resume", "reboot",
    ]

    private static let kindWords: [String: String] = [
        "statefulset": "sts", "statefulsets": "sts", "sts": "sts", "daemonset": "ds", "daemonsets": "ds", "ds": "ds",
        "deployment": "deploy", "deployments": "deploy",
    ]

    private static let pluralWorkloads: Set<String> = [
        "services", "apps", "applications", "workloads", "deployments", "microservices", "workers", "statefulsets", "daemonsets",
        "frontends", "backends", "consumers", "apis",
    ]
}
