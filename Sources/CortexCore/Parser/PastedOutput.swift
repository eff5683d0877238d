/// Recognises a line pasted from a terminal rather than typed as a request: a kubelet or
/// klog line (`E1202 03:14:07 …`), or a row of `kubectl get pods` (`billing-6d4f9c-xk2 0/1
/// CrashLoopBackOff 14 (2m ago) 47m`). Such a line asks for nothing, whatever words it holds.
enum PastedOutput {
    static func recognises(_ tokens: [Token]) -> Bool {
        let raws = tokens.map(\.raw)
        guard let first = raws.first else { return false }
        if isKlogHeader(first), raws.count > 1, isClockTime(raws[1]) { return true }
        // A pod row: a name, READY as `n/m`, then a pod status.
        if raws.count >= 3, isReadyRatio(raws[1]), podStatuses.contains(raws[2]) { return true }
        // A table header: `NAME READY UP-TO-DATE AVAILABLE AGE`.
        if first == "NAME", raws.count > 2, raws[1].count > 1, raws[1] == raws[1].uppercased(), raws[1].contains(where: \.isLetter) { return true }
        // kubectl's report of what it did: `deployment.apps/payouts-v2 restarted`.
        if raws.count >= 2, isResourceName(first), raws[1].hasSuffix("ed") { return true }
        return false
    }

    /// Whether `text` may open as a paste (a digit or a capital first, or a colon early on):
    /// most lines are ruled out here, before they are tokenized.
    /// (A paste followed by the user's own words after a dash or on a line of its own,
    /// `WARN … -- set RATE_LIMIT=100 on public-api`, is read from those words.)
    static func mayOpenAsPaste(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, !bytes.contains(UInt8(ascii: "\n")),
              !clauseDashes.contains(where: { ByteSearch.first($0, in: bytes) != nil })
        else { return false }
        // A date first; a level, an event type or a tool's stream as the first word; or a
        // label, before an early colon, that names output or a paste.
        if first >= 48 && first <= 57 { return bytes.count >= 10 && bytes[4] == UInt8(ascii: "-") }
        let word = String(decoding: bytes.prefix { $0 != 0x20 && $0 != UInt8(ascii: ":") }, as: UTF8.self)
        if logLevels.contains(word) || ["Normal", "Warning"].contains(word) || ["changelog", "stdout", "stderr"].contains(word.lowercased()) { return true }
        guard let colon = bytes.prefix(48).firstIndex(of: UInt8(ascii: ":")) else { return false }
        return ByteSearch.containsAny(labelCues, in: String(decoding: bytes[..<colon], as: UTF8.self))
    }

    /// A line that opens as text copied from the cluster or a tool: a log line's timestamp or
    /// level (`2024-05-02T10:14:03Z WARN …`, `FATAL: …`), a row of `kubectl get events`
    /// (`Normal  ScalingReplicaSet  Scaled up …`), a tool's output or changelog (`job output:
    /// …`, `CHANGELOG v2.0.0: …`), or a label saying it was pasted (`Customer pasted this from
    /// their terminal: …`). Whatever such text says to do is not the user's request.
    static func opensAsPaste(_ tokens: [Token]) -> Bool {
        guard let first = tokens.first?.raw else { return false }
        if isTimestamp(first) || logLevels.contains(first) { return true }
        if tokens.count > 2, ["Normal", "Warning"].contains(first), eventReason(tokens[1].raw) { return true }
        if ["changelog", "stdout", "stderr"].contains(tokens[0].word) { return true }
        let label = tokens.prefix(7).prefix { !$0.colonAfter }
        guard label.count < min(tokens.count, 7) else { return false }
        if tokens[label.count].word == "output" { return true }
        return tokens[...label.count].contains { ["pasted", "posted", "forwarded", "copied"].contains($0.word) }
    }

    /// Dashes that set a clause apart, after which the user's own words may follow a paste.
    static let clauseDashes: [[UInt8]] = [" — ", " -- ", " – "].map { Array($0.utf8) }
    private static let labelCues: [[UInt8]] = ["output", "paste", "posted", "forwarded", "copied"].map { Array($0.utf8) }

    private static let logLevels: Set<String> = ["WARN", "WARNING", "ERROR", "ERR", "FATAL", "INFO", "DEBUG", "TRACE", "CRITICAL", "CRIT", "PANIC"]

    /// `2024-05-02T10:14:03Z`, `2024-05-02`: a date as logs print it.
    private static func isTimestamp(_ word: String) -> Bool {
        let b = Array(word.utf8)
        guard b.count >= 10 else { return false }
        let digit = { (i: Int) in b[i] >= 48 && b[i] <= 57 }
        return (0..<4).allSatisfy(digit) && b[4] == UInt8(ascii: "-") && digit(5) && digit(6) && b[7] == UInt8(ascii: "-") && digit(8) && digit(9)
    }

    /// `ScalingReplicaSet`, `BackOff`, `FailedScheduling`: an event's reason, one word in
    /// capitalised parts.
    private static func eventReason(_ word: String) -> Bool {
        let capitals = word.filter(\.isUppercase).count
        return word.first?.isUppercase == true && word.allSatisfy(\.isLetter) && (capitals >= 2 || ["Killing", "Pulled", "Pulling", "Created", "Started", "Scheduled", "Unhealthy", "Evicted", "Preempting"].contains(word))
    }

    /// `deployment.apps/payouts-v2`, `pod/x`, `service/web`: a resource as kubectl prints it.
    private static func isResourceName(_ word: String) -> Bool {
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return false }
        let kind = parts[0].split(separator: ".").first.map(String.init) ?? ""
        return ["deployment", "pod", "service", "replicaset", "statefulset", "daemonset", "job", "cronjob", "configmap",
                "secret", "namespace", "horizontalpodautoscaler", "ingress", "persistentvolumeclaim"].contains(kind)
    }

    private static let podStatuses: Set<String> = [
        "Running", "Pending", "CrashLoopBackOff", "Error", "Completed", "ImagePullBackOff", "ErrImagePull",
        "Terminating", "ContainerCreating", "OOMKilled", "Evicted", "Init:0/1", "PodInitializing", "Unknown",
    ]

    /// `E1202`, `I0614`: klog's severity letter and month-day.
    private static func isKlogHeader(_ word: String) -> Bool {
        let b = Array(word.utf8)
        guard b.count == 5, [UInt8(ascii: "I"), UInt8(ascii: "W"), UInt8(ascii: "E"), UInt8(ascii: "F")].contains(b[0]) else { return false }
        return b.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// `03:14:07`, `03:14:07.123456`.
    private static func isClockTime(_ word: String) -> Bool {
        let parts = word.split(separator: ":")
        return parts.count == 3 && parts.allSatisfy { part in part.first?.isNumber == true && part.allSatisfy { $0.isNumber || $0 == "." } }
    }

    /// `0/1`, `2/2`.
    private static func isReadyRatio(_ word: String) -> Bool {
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
