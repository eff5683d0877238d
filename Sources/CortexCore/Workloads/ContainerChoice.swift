/// Which container of a pod template a change applies to: the only one; else the one the
/// operator chose; else the one named like the workload; else a question, never a guess.
public enum ContainerChoice {
    /// - Parameters:
    ///   - containers: the template's container names, in order.
    ///   - workload: the workload's name.
    ///   - chosen: the operator's answer to an earlier question, if any.
    ///   - place: `payments in staging`, for messages.
    public static func pick(_ containers: [String], workload: String, chosen: String?, place: String) throws(CortexError) -> String {
        if let chosen {
            guard containers.contains(chosen) else {
                throw .usage("\(place) has no container `\(chosen)`", hint: "its containers: \(containers.joined(separator: ", "))")
            }
            return chosen
        }
        if containers.count == 1 { return containers[0] }
        if containers.contains(workload) { return workload }
        guard !containers.isEmpty else { throw .failed("\(place) has no container to change") }
        throw CortexError(
            "\(place) has \(containers.count) containers (\(containers.joined(separator: ", "))) and none is named like it: which one?",
            hint: "run the request in the interactive shell to choose, or change it with kubectl -c <container>",
            exitCode: .usage,
            question: ResolutionQuestion(slot: .container, prompt: "which container of \(place)?", options: containers))
    }
}
