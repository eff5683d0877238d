import CortexCore
import Foundation

/// The CronJob controller: at each time the schedule names (on the cluster's clock, UTC)
/// since the last one it ran (or since the CronJob was created), it creates a Job
/// `<cronjob>-<minutes since the epoch>` from `jobTemplate`, unless the CronJob is
/// suspended or `concurrencyPolicy: Forbid` finds one still running (`Replace` deletes
/// those first). Only the latest missed time is run, as the real controller does. It keeps
/// `successfulJobsHistoryLimit` finished Jobs and `failedJobsHistoryLimit` failed ones, and
/// writes `active`, `lastScheduleTime` and `lastSuccessfulTime`.
struct CronJobController {
    static let scheduledAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp"

    let store: ObjectStore
    let newUID: () -> String

    func sync(_ cronJob: JSONValue, now: Date) {
        let spec = cronJob["spec"] ?? [:]
        var jobs = store.list(.jobs, namespace: cronJob.namespace, controlledBy: cronJob.uid).map(\.value)
        let recorder = EventRecorder(store: store)
        var status = cronJob["status"] ?? [:]
        let last = status["lastScheduleTime"]?.stringValue.flatMap(Timestamp.parse)
            ?? cronJob[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse) ?? now
        if spec["suspend"]?.boolValue != true, let schedule = try? CronSchedule(spec["schedule"]?.stringValue ?? ""),
            let due = latestDue(schedule, after: last, now: now)
        {
            let running = jobs.filter { !Self.isFinished($0) }
            let policy = spec["concurrencyPolicy"]?.stringValue ?? "Allow"
            if policy == "Forbid", !running.isEmpty {
                recorder.record(cronJob, kind: .cronJobs, type: "Normal", reason: "JobAlreadyActive",
                                message: "Not starting job because prior execution is running and concurrency policy is Forbid",
                                component: "cronjob-controller", now: now)
            } else {
                if policy == "Replace" {
                    for job in running {
                        store.remove(.jobs, namespace: job.namespace, name: job.name)
                        recorder.record(cronJob, kind: .cronJobs, type: "Normal", reason: "SuccessfulDelete",
                                        message: "Deleted job \(job.name)", component: "cronjob-controller", now: now)
                    }
                    jobs.removeAll { running.map(\.uid).contains($0.uid) }
                }
                let name = "\(cronJob.name)-\(Int(due.timeIntervalSince1970 / 60))"
                if !store.contains(.jobs, namespace: cronJob.namespace, name: name) {
                    jobs.append(createJob(name, from: cronJob, scheduled: due, now: now))
                    recorder.record(cronJob, kind: .cronJobs, type: "Normal", reason: "SuccessfulCreate",
                                    message: "Created job \(name)", component: "cronjob-controller", now: now)
                }
            }
            status["lastScheduleTime"] = .string(Timestamp.format(due))
        }
        jobs = removeOldJobs(jobs, of: cronJob, recorder: recorder, now: now)
        let active = jobs.filter { !Self.isFinished($0) }.sorted { $0.name < $1.name }
        status["active"] = active.isEmpty ? nil : .array(active.map { job in
            ["kind": "Job", "namespace": .string(job.namespace), "name": .string(job.name), "uid": .string(job.uid),
             "apiVersion": "batch/v1", "resourceVersion": .string(job.resourceVersion ?? "")]
        })
        if let success = jobs.compactMap({ $0[path: ["status", "completionTime"]]?.stringValue }).max() {
            status["lastSuccessfulTime"] = .string(success)
        }
        guard cronJob["status"] != status else { return }
        var updated = cronJob
        updated["status"] = status
        store.put(.cronJobs, updated)
    }

    /// The latest time the schedule names after `last` and not after `now`.
    private func latestDue(_ schedule: CronSchedule, after last: Date, now: Date) -> Date? {
        var due: Date?
        var cursor = last
        for _ in 0..<1000 {
            guard let next = schedule.next(after: cursor), next <= now else { break }
            due = next
            cursor = next
        }
        return due
    }

    private func createJob(_ name: String, from cronJob: JSONValue, scheduled: Date, now: Date) -> JSONValue {
        let template = cronJob[path: ["spec", "jobTemplate"]] ?? [:]
        var metadata = template["metadata"] ?? [:]
        metadata["name"] = .string(name)
        metadata["namespace"] = .string(cronJob.namespace)
        metadata["uid"] = .string(newUID())
        metadata["creationTimestamp"] = .string(Timestamp.format(now))
        metadata["generation"] = 1
        metadata["ownerReferences"] = [cronJob.ownerReference(kind: .cronJobs)]
        metadata[path: ["annotations", Self.scheduledAnnotation]] = .string(Timestamp.format(scheduled))
        var job: JSONValue = ["apiVersion": "batch/v1", "kind": "Job", "metadata": metadata, "spec": template["spec"] ?? [:], "status": [:]]
        MoreKindsDefaults.job(&job)
        return store.put(.jobs, job).value
    }

    /// Deletes the oldest finished Jobs beyond the history limits.
    private func removeOldJobs(_ jobs: [JSONValue], of cronJob: JSONValue, recorder: EventRecorder, now: Date) -> [JSONValue] {
        var kept = jobs
        for (failed, key, fallback) in [(false, "successfulJobsHistoryLimit", 3), (true, "failedJobsHistoryLimit", 1)] {
            let limit = cronJob[path: ["spec", key]]?.intValue ?? fallback
            let finished = jobs.filter { Self.isFinished($0) && (JobController.statusWord($0) == "Failed") == failed }
                .sorted { ($0[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "") < ($1[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "") }
            for job in finished.dropLast(limit) {
                store.remove(.jobs, namespace: job.namespace, name: job.name)
                kept.removeAll { $0.uid == job.uid }
                recorder.record(cronJob, kind: .cronJobs, type: "Normal", reason: "SuccessfulDelete",
                                message: "Deleted job \(job.name)", component: "cronjob-controller", now: now)
            }
        }
        return kept
    }

    static func isFinished(_ job: JSONValue) -> Bool {
        ["Complete", "Failed"].contains(JobController.statusWord(job))
    }
}
