import CortexCore
import FoundationEssentials

extension KubeDispatcher {
    /// `diagnose`: gathers evidence (read-only), runs the analyzers and reports the cause with
    /// its evidence; the suggested fix travels in the report for the shell to offer.
    func diagnose(_ client: KubeClient, _ ns: String, _ operation: Operation, _ env: String) throws(CortexError) -> DispatchReport {
        let gatherer = EvidenceGatherer(client: client)
        guard let service = operation.service else {
            let (all, unreadable) = try gatherer.gatherAll(namespace: ns, environment: env, now: now())
            let reports = all.map { Diagnosis.run($0) }
            var report = DispatchReport(lines: DiagnosisText.renderEnvironment(reports, environment: env, unreadable: unreadable))
            report.data = DiagnosisJSON.environment(reports, environment: env, unreadable: unreadable)
            return report
        }
        let evidence = try gatherer.gather(service, kind: operation.kind?.apiKind, namespace: ns, environment: env, now: now())
        guard evidence.workload != nil else { throw Self.notFound(service, env) }
        let result = Diagnosis.run(evidence)
        var report = DispatchReport(lines: DiagnosisText.render(result))
        report.suggestion = result.fix?.operation
        report.data = DiagnosisJSON.report(result)
        return report
    }

    /// `events`: the events of the environment, or of one workload (its revisions and pods
    /// too), newest last, optionally only those seen within `since`.
    func events(_ client: KubeClient, _ ns: String, _ operation: Operation, _ env: String) throws(CortexError) -> DispatchReport {
        let gatherer = EvidenceGatherer(client: client)
        var events: [EventEvidence]
        var unreadable: [String] = []
        if let service = operation.service {
            let evidence = try gatherer.gatherEvents(service, kind: operation.kind?.apiKind, namespace: ns, environment: env, now: now())
            guard evidence.workload != nil else { throw Self.notFound(service, env) }
            events = evidence.events
            unreadable = evidence.unreadable
        } else {
            do {
                let (items, truncated) = try client.list(KubeRequest(method: .get, path: "/api/v1/namespaces/\(ns)/events"))
                events = items.compactMap(EventEvidence.init(json:))
                if truncated { unreadable.append("events: only the first \(items.count) read") }
            } catch {
                throw error.cortexError(client.context(ns, "events", "list"))
            }
        }
        let at = now()
        var window: Double?
        if let since = operation.since {
            guard let seconds = PolicyDuration.seconds(since) else {
                throw .usage("`\(since)` is not a duration", hint: "write it as 30s, 15m, 2h or 1d")
            }
            window = seconds
            events = events.filter { ($0.lastSeen ?? .distantPast) >= at.addingTimeInterval(-seconds) }
        }
        var report = DispatchReport(lines: EventsText.render(events, now: at, scope: operation.service.map { "\($0) in \(env)" } ?? env,
                                                             window: window, unreadable: unreadable))
        report.data = EventsText.json(events)
        return report
    }
}
