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
