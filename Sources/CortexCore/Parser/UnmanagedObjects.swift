/// Objects cortex does not manage, named in a change the way people name them: after their
/// own name (`the team-sandbox namespace`, `the zookeeper PDB`, `the ingest-gw-env ConfigMap`)
/// or after a count that is the verb's object (`add three nodes`). A namespace named as the
/// place (`in the payments namespace`) and nodes a comment counts (`disk at 91% on 7 nodes`)
/// are not the object.
enum UnmanagedObjects {
    static func named(in text: String) -> String? {
        // (Most lines name none of these kinds: one look at the bytes settles them.)
        guard ByteSearch.containsAny(cues, in: text) else { return nil }
        // (`We fixed the bad secret on geo-lookup. Resume the rollout there.`: the request's
        // own sentence, the last.)
        var bytes = Array(text.utf8)
        var from = 0
        while let stop = ByteSearch.first(sentenceStop, in: bytes, from: from) { from = stop + 2 }
        bytes = Array(bytes[from...])
        let tokens = Tokenizer.tokenize(bytes).tokens
        let w = tokens.map(\.word)
        for k in w.indices.dropFirst() where kinds.contains(w[k]) && !tokens[k].breakBefore {
            let before = w[k - 1]
            let twoBefore = k >= 2 ? w[k - 2] : ""
            if NumberWords.single(before) != nil {
                if countingVerbs.contains(twoBefore) { return w[k] }
                continue
            }
            // (Nodes are named by a count only: `the shared node pool` is where, `the dev nodes` whose.)
            guard !["node", "nodes"].contains(w[k]), !notNames.contains(before), EnvironmentCatalog.standard.canonical(before) == nil, !tokens[k - 1].breakBefore || k == 1 else { continue }
            // (`the session secret`: a plain word names an object only before `namespace` or a
            // kind written as Kubernetes writes it, `the zookeeper PDB`.)
            let shaped = before.contains(where: { $0 == "-" || $0.isNumber })
            guard shaped || w[k].hasPrefix("namespace") || (tokens[k].raw.contains(where: \.isUppercase) && !w[k].hasPrefix("secret")) else { continue }
            // (`in the payments namespace`, `in payments namespace`: where, not what.)
            let place = twoBefore == "in" || (k >= 3 && ["the", "a"].contains(twoBefore) && w[k - 3] == "in")
            if !place, k == 1 || ["the", "a", "an", "this", "that", "our", "its"].contains(twoBefore) || changeVerbs.contains(twoBefore) {
                return w[k]
            }
        }
        return nil
    }

    private static let sentenceStop = Array(". ".utf8)

    private static let kinds: Set<String> = [
        "namespace", "namespaces", "configmap", "configmaps", "secret", "secrets", "pdb", "pdbs", "poddisruptionbudget",
        "pvc", "pvcs", "resourcequota", "node", "nodes",
    ]

    private static let cues: [[UInt8]] = ["namespace", "configmap", "secret", "pdb", "poddisruption", "pvc", "resourcequota", "node"].map { Array($0.utf8) }

    /// Verbs whose object a count of nodes is (`add three nodes`).
    private static let countingVerbs: Set<String> = ["add", "remove", "drain", "cordon", "delete", "provision", "spin", "give", "need", "want"]

    private static let changeVerbs: Set<String> = ["delete", "remove", "restart", "scale", "edit", "patch", "update", "expand", "resize", "set", "create", "drop", "bump"]

    /// Words before a kind that make it no object's own name.
    private static let notNames: Set<String> = [
        "the", "a", "an", "in", "on", "of", "at", "to", "for", "per", "and", "or", "all", "every", "each", "its", "our", "their",
        "his", "her", "my", "your", "this", "that", "which", "what", "same", "other", "new", "rotated", "default", "whole",
        "bad", "broken", "wrong", "expired", "old", "stale", "missing", "leaked",
    ]
}
