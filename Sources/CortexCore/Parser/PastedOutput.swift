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
        return false
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
