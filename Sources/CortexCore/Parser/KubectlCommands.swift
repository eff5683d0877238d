/// kubectl's own command lines typed as requests, where its words would read otherwise:
/// `get deploy ledger -n prod` reads a Deployment (not a deploy of ledger), and `set image
/// deploy/anchor anchor=ghcr.io/acme/anchor:3.1.0` rolls out an image (not a variable named
/// after the container). Each is rewritten as the kind and name joined by `/`, and the image
/// after `to`, as the parser reads them anywhere.
enum KubectlCommands {
    static func rewrite(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        var start = 0
        if words.first?.lowercased() == "kubectl" { start = 1 }
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

    /// kubectl's verbs that take a kind and a name.
    private static let verbs: Set<String> = ["get", "describe", "delete", "create", "scale", "edit", "patch", "rollout"]

    /// Kinds as kubectl names them, that are also English verbs or nouns of the request.
    private static let kindWords: Set<String> = ["deploy", "deployment", "deployments", "deploy.apps", "deployments.apps"]
}
