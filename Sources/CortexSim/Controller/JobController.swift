import CortexCore
import Foundation

/// The Job controller: keeps up to `parallelism` pods of a Job running until `completions`
/// of them have succeeded (the simulated pods of a Job run their command and exit 0 about
/// two simulated seconds after they are created, see `ContainerTimeline`), counts failed
/// pods against `backoffLimit` (waiting 10, 20, 40... simulated seconds before replacing
/// them), and writes the status (`startTime`, `active`, `ready`,
/// `succeeded`, `failed`, conditions `SuccessCriteriaMet` and `Complete`, or
/// `FailureTarget` and `Failed`, and `completionTime`). A suspended Job has no pods; one
/// active longer than `activeDeadlineSeconds` fails (`DeadlineExceeded`); a finished one with
/// `ttlSecondsAfterFinished` is deleted that long after it finished.
struct JobController {
    let store: ObjectStore
    let pace: SimulationPace
    let factory: PodFactory
    let newSuffix: () -> String

    func sync(_ job: JSONValue, now: Date) {
        if let expiry = ttlExpiry(job), expiry <= now {
            // The TTL-after-finished controller: the Job goes, and its pods with it.
            store.remove(.jobs, namespace: job.namespace, name: job.name)
            return
        }
        let pods = store.list(.pods, namespace: job.namespace, controlledBy: job.uid).map(\.value)
        let phase = { (pod: JSONValue) in pod[path: ["status", "phase"]]?.stringValue ?? "Pending" }
        let succeeded = pods.filter { phase($0) == "Succeeded" }.count
        let failed = pods.filter { phase($0) == "Failed" }.count
        var active = pods.filter { !["Succeeded", "Failed"].contains(phase($0)) && !$0.isBeingDeleted }
        let spec = job["spec"] ?? [:]
        let completions = spec["completions"]?.intValue
        let parallelism = spec["parallelism"]?.intValue ?? 1
        let backoffLimit = spec["backoffLimit"]?.intValue ?? 6
        let suspended = spec["suspend"]?.boolValue == true
        var status = job["status"] ?? [:]
        let conditions = status["conditions"]?.arrayValue ?? []
        let finished = conditions.contains { ["Complete", "Failed"].contains($0["type"]?.stringValue) && $0["status"] == "True" }
        let recorder = EventRecorder(store: store)
        let stamp = JSONValue.string(Timestamp.format(now))

        if !finished {
            // Without `completions`, the first success finishes the Job once no pod is active.
            let complete = completions.map { succeeded >= $0 } ?? (succeeded > 0 && active.isEmpty)
            if complete {
                for pod in active { store.remove(.pods, namespace: pod.namespace, name: pod.name) }
                active = []
                status["conditions"] = .array(conditions + [
                    Self.condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", at: stamp),
                    Self.condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", at: stamp),
                ])
                status["completionTime"] = stamp
                recorder.record(job, kind: .jobs, type: "Normal", reason: "Completed", message: "Job completed",
                                component: "job-controller", now: now)
            } else if let (reason, message) = failure(job, failed: failed, backoffLimit: backoffLimit, now: now) {
                for pod in active { store.remove(.pods, namespace: pod.namespace, name: pod.name) }
                active = []
                status["conditions"] = .array(conditions + [
                    Self.condition("FailureTarget", reason, message, at: stamp), Self.condition("Failed", reason, message, at: stamp),
                ])
                recorder.record(job, kind: .jobs, type: "Warning", reason: reason, message: message, component: "job-controller", now: now)
            } else if suspended {
                for pod in active { store.remove(.pods, namespace: pod.namespace, name: pod.name) }
                active = []
                status["startTime"] = nil
            } else {
                if status["startTime"] == nil { status["startTime"] = stamp }
                let remaining = completions.map { max(0, $0 - succeeded) } ?? parallelism
                let wanted = min(parallelism, remaining)
                while active.count < wanted, !backingOff(pods.filter { phase($0) == "Failed" }, now: now) {
                    var name = ""
                    repeat { name = "\(job.name)-\(newSuffix())" } while store.contains(.pods, namespace: job.namespace, name: name)
                    active.append(factory.create(
                        name, generateName: "\(job.name)-", owner: job, ownerKind: .jobs, component: "job-controller",
                        message: "Created pod: \(name)", reason: "SuccessfulCreate", now: now))
                }
            }
        }
        status.setCount(["active"], active.count)
        status["ready"] = .number(active.filter(PodLifecycle.isReady).count)
        status.setCount(["succeeded"], succeeded)
        status.setCount(["failed"], failed)
        status["terminating"] = 0
        if status["uncountedTerminatedPods"] == nil { status["uncountedTerminatedPods"] = [:] }
        guard job["status"] != status else { return }
        var updated = job
        updated["status"] = status
        store.put(.jobs, updated)
    }

    /// Why the Job fails now: more failed pods than `backoffLimit`, or active longer than
    /// `activeDeadlineSeconds` (simulated seconds since `startTime`).
    private func failure(_ job: JSONValue, failed: Int, backoffLimit: Int, now: Date) -> (String, String)? {
        if failed > backoffLimit { return ("BackoffLimitExceeded", "Job has reached the specified backoff limit") }
        if let deadline = job[path: ["spec", "activeDeadlineSeconds"]]?.intValue,
            let start = job[path: ["status", "startTime"]]?.stringValue.flatMap(Timestamp.parse),
            pace.simulatedSeconds(now.timeIntervalSince(start)) >= Double(deadline)
        {
            return ("DeadlineExceeded", "Job was active longer than specified deadline")
        }
        return nil
    }

    /// Whether new pods wait after failures: 10 simulated seconds after the last one failed,
    /// doubling with each failure, at most 10 minutes.
    private func backingOff(_ failedPods: [JSONValue], now: Date) -> Bool {
        guard !failedPods.isEmpty else { return false }
        let finished = failedPods.flatMap { $0[path: ["status", "containerStatuses"]]?.arrayValue ?? [] }
            .compactMap { $0[path: ["state", "terminated", "finishedAt"]]?.stringValue.flatMap(Timestamp.parse) }
        guard let last = finished.max() else { return false }
        let delay = min(10 * pow(2, Double(failedPods.count - 1)), 600)
        return now < last.addingTimeInterval(pace.wallSeconds(delay))
    }

    /// When a finished Job with `ttlSecondsAfterFinished` is due to be deleted.
    private func ttlExpiry(_ job: JSONValue) -> Date? {
        guard let ttl = job[path: ["spec", "ttlSecondsAfterFinished"]]?.intValue else { return nil }
        let finished = (job[path: ["status", "conditions"]]?.arrayValue ?? [])
            .first { ["Complete", "Failed"].contains($0["type"]?.stringValue) && $0["status"] == "True" }
        guard let time = finished?["lastTransitionTime"]?.stringValue.flatMap(Timestamp.parse) else { return nil }
        return time.addingTimeInterval(pace.wallSeconds(Double(ttl)))
    }

    private static func condition(_ type: String, _ reason: String, _ message: String, at time: JSONValue) -> JSONValue {
        ["type": .string(type), "status": "True", "lastProbeTime": time, "lastTransitionTime": time,
         "reason": .string(reason), "message": .string(message)]
    }

    /// The Job's state as kubectl's STATUS column names it.
    static func statusWord(_ job: JSONValue) -> String {
        let conditions = job[path: ["status", "conditions"]]?.arrayValue ?? []
        func has(_ type: String) -> Bool { conditions.contains { $0["type"]?.stringValue == type && $0["status"] == "True" } }
        if has("Failed") { return "Failed" }
        if has("Complete") { return "Complete" }
        if has("Suspended") || job[path: ["spec", "suspend"]]?.boolValue == true { return "Suspended" }
        if has("FailureTarget") { return "FailureTarget" }
        if has("SuccessCriteriaMet") { return "SuccessCriteriaMet" }
        return "Running"
    }
}
