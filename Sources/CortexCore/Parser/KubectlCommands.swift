/// kubectl's own command lines typed as requests, where its words would read otherwise:
/// `get deploy ledger -n prod` reads a Deployment (not a deploy of ledger), and `set image
/// deploy/anchor anchor=ghcr.io/acme/anchor:3.1.0` rolls out an image (not a variable named
/// after the container). Each is rewritten as the kind and name joined by `/`, and the image
/// after `to`, as the parser reads them anywhere.
enum KubectlCommands {
    static func rewrite(_ text: String) -> String {
        var words = withoutSlash(text).split(separator: " ").map(String.init)
        // `k get pods`: kubectl's usual alias.
        if words.count > 1, words[0].lowercased() == "k", aliasVerbs.contains(words[1].lowercased()) { words[0] = "kubectl" }
        let text = words.joined(separator: " ")
        var start = 0
        if words.first?.lowercased() == "kubectl" { start = 1 }
        // `k get deploy`, `kubectl get sts`: every workload of a kind listed, a status.
        if start + 2 == words.count, ["get", "list"].contains(words[start].lowercased()), kindWords.contains(words[start + 1].lowercased()) {
            return "status"
        }
        guard start + 2 < words.count else { return text }
        let verb = words[start].lowercased()
        // `get deploy ledger`, `delete deployment old-gateway`, `rollout restart deploy api`:
        // the kind, then the name, as kubectl takes them.
        let k = verb == "rollout" ? start + 2 : start + 1
        if verbs.contains(verb), k + 1 < words.count, kindWords.contains(words[k].lowercased()),
           !words[k + 1].hasPrefix("-"), !words[k + 1].contains("/"), ServiceName.isValid(words[k + 1].lowercased()),
           // (the name ends the command, or a flag or the place follows it.)
           k + 2 == words.count || words[k + 2].hasPrefix("-") || ["in", "on", "to"].contains(words[k + 2].lowercased())
        {
            words.replaceSubrange(k...(k + 1), with: [words[k] + "/" + words[k + 1]])
            return words.joined(separator: " ")
        }
        // `set image deploy/anchor anchor=ghcr.io/acme/anchor:3.1.0`: one container's image.
        if verb == "set", words[start + 1].lowercased() == "image", start + 3 < words.count, words[start + 2].contains("/"),
           let equals = words[start + 3].firstIndex(of: "="), words[start + 3][words[start + 3].index(after: equals)...].contains(":")
                || words[start + 3][words[start + 3].index(after: equals)...].contains("/")
        {
            let image = String(words[start + 3][words[start + 3].index(after: equals)...])
            words[start + 3] = "to " + image
            return words.joined(separator: " ")
        }
        return text
    }

    /// `/deploy beacon v2.9.0`, `/setenv orders-api …`: a chat-ops slash command, read as
    /// the words of its operation.
    static func withoutSlash(_ text: String) -> String {
        // (`set-resources quote-engine cpu=500m prod`: the operation's own name, typed without the slash.)
        if text.utf8.starts(with: "set-resources ".utf8) { return "set resources " + text.dropFirst(14) }
        guard text.first == "/" else { return text }
        let command = text.dropFirst().prefix { $0.isLetter || $0 == "-" }
        guard let words = slashCommands[command.lowercased()] else { return text }
        let rest = text.dropFirst(1 + command.count)
        guard rest.isEmpty || rest.first == " " else { return text }
        return words + rest
    }

    /// Slash commands and the words they stand for.
    private static let slashCommands: [String: String] = {
        var commands: [String: String] = [:]
        for op in ["deploy", "restart", "rollback", "scale", "status", "logs", "cost", "budget", "diagnose", "events", "pause", "resume",
                   "promote", "abort", "delete", "route", "autoscale", "canary"] { commands[op] = op }
        commands["setenv"] = "set env"
        commands["set-env"] = "set env"
        commands["resources"] = "set resources"
        commands["set-resources"] = "set resources"
        commands["undo"] = "roll back"
        return commands
    }()

    /// kubectl's verbs after which `k` is kubectl itself.
    private static let aliasVerbs: Set<String> = ["get", "describe", "delete", "create", "scale", "edit", "patch", "rollout", "logs", "set", "top", "autoscale", "annotate", "label", "apply", "exec", "events"]

    /// kubectl's verbs that take a kind and a name.
    private static let verbs: Set<String> = ["get", "describe", "delete", "create", "scale", "edit", "patch", "rollout"]

    /// Kinds as kubectl names them, that are also English verbs or nouns of the request.
    private static let kindWords: Set<String> = ["deploy", "deployment", "deployments", "deploy.apps", "deployments.apps"]
}
