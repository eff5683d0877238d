/// Commands of the delivery tools operators also use, typed as requests: `helm upgrade
/// quote-engine to 2.7.1`, `helm uninstall legacy-exporter from dev`, `argo promote
/// risk-scorer`, `flux suspend mailer-outbox`. The tool's name and verb are rewritten as the
/// words of the operation they stand for; a verb of the tool without one here is left as
/// written, and the tool's name is never read as a workload (`SlotReader.neverNames`).
enum ToolCommands {
    static func rewrite(_ text: String) -> String {
        // (Most lines open with no tool's name: they are ruled out before the words are split.)
        let first = text.utf8.prefix { $0 != UInt8(ascii: " ") }
        guard (4...7).contains(first.count),
              openers.contains(String(decoding: first.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self))
        else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count >= 2 else { return text }
        var start = 0
        // `kubectl argo rollouts promote …`: the plugin's own command line.
        if words[0].lowercased() == "kubectl", words.count > 3, words[1].lowercased() == "argo" { start = 1 }
        guard let verbs = tools[words[start].lowercased()] else { return text }
        var next = start + 1
        // `argo rollouts abort …`, `argocd app sync …`: the tool's sub-command.
        while next < words.count, ["rollouts", "rollout", "app", "release"].contains(words[next].lowercased()) { next += 1 }
        guard next < words.count, let meaning = verbs[words[next].lowercased()] else { return text }
        words.replaceSubrange(0...next, with: [meaning])
        return words.joined(separator: " ")
    }

    /// The first words a tool's command line opens with.
    private static let openers: Set<String> = Set(tools.keys).union(["kubectl"])

    /// Each tool's verbs, with the words of the operation they stand for.
    private static let tools: [String: [String: String]] = {
        let helm = [
            "upgrade": "deploy", "install": "deploy", "rollback": "roll back", "uninstall": "delete", "delete": "delete",
            "del": "delete", "status": "status", "ls": "status", "list": "status",
        ]
        let argo = [
            "promote": "promote", "abort": "abort", "pause": "pause", "resume": "resume", "undo": "roll back",
            "restart": "restart", "status": "status", "get": "status", "list": "status",
        ]
        let flux = ["suspend": "pause", "resume": "resume", "get": "status"]
        return ["helm": helm, "argo": argo, "argocd": argo, "flux": flux, "fluxcd": flux]
    }()
}
