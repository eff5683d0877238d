import FoundationEssentials

/// The diagnosis as the operator reads it: a verdict line, the ranked findings each with its
/// evidence (where it came from and how long ago), the suggested fix, and what could not be
/// read. Bounded: a few findings, a few lines each, cluster text sanitised and cut.
public enum DiagnosisText {
    public static let maxFindings = 5
    public static let maxEvidence = 5

    public static func render(_ report: DiagnosisReport) -> [String] {
        var lines = ["diagnosis: \(ClusterText.sanitize(report.headline, maxLength: 400))"]
        let problems = report.findings.filter { $0.severity >= .warning }
        if problems.isEmpty {
            for line in report.health { lines.append("  " + evidence(line, now: report.gatheredAt)) }
            for info in report.findings.prefix(maxFindings) { lines.append("  note: \(ClusterText.sanitize(info.cause))") }
        } else {
            for (i, finding) in report.findings.prefix(maxFindings).enumerated() {
                lines.append("  \(i + 1). [\(finding.severity.label)] \(ClusterText.sanitize(finding.cause, maxLength: 400))")
                for line in finding.evidence.prefix(maxEvidence) {
                    lines.append("       " + evidence(line, now: report.gatheredAt))
                }
                if finding.evidence.count > maxEvidence {
                    lines.append("       … \(finding.evidence.count - maxEvidence) more")
                }
            }
            if report.findings.count > maxFindings {
                lines.append("  … \(report.findings.count - maxFindings) more findings (--output json lists them all)")
            }
            if let fix = report.fix, let op = fix.operation {
                lines.append("suggested fix: \(op.summary)")
                lines.append("  why: \(ClusterText.sanitize(fix.explanation, maxLength: 400))")
            } else if let advice = report.findings.lazy.compactMap(\.fix).first {
                lines.append("suggested: \(ClusterText.sanitize(advice.explanation, maxLength: 400))")
            }
        }
        if !report.unreadable.isEmpty {
            lines.append("could not read: " + report.unreadable.map { ClusterText.sanitize($0) }.joined(separator: "; "))
        }
        return lines
    }

    /// `Pod/x  event BackOff ×7, 3s ago: Back-off restarting …`.
    static func evidence(_ line: EvidenceLine, now: Date) -> String {
        let ago = line.at.map { ", \(age(now.timeIntervalSince($0)))" } ?? ""
        let text = ClusterText.sanitize(line.text)
        switch line.source {
        case .spec: return "spec    \(line.object): \(text)"
        case .status: return "status  \(line.object)\(ago): \(text)"
        case .event(let reason, let count):
            let times = count > 1 ? " ×\(count)" : ""
            return "event   \(line.object) \(ClusterText.sanitize(reason, maxLength: 64))\(times)\(ago): \(text)"
        case .log(let container, let previous):
            return "log     \(line.object) (\(previous ? "previous instance of " : "")\(container)): \(text)"
        }
    }

    /// `12s ago`, `4m ago`, `3h ago`, `2d ago`; `just now` under a second.
    public static func age(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 1 else { return "just now" }
        return shortAge(seconds) + " ago"
    }

    /// `12s`, `4m`, `3h`, `2d`, as kubectl's LAST SEEN column.
    public static func shortAge(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 1 else { return "0s" }
        let s = Int(seconds)
        if s < 120 { return "\(s)s" }
        if s < 7200 { return "\(s / 60)m" }
        if s < 172_800 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }

    /// One line per workload of an environment, the failing and degraded ones first.
    public static func renderEnvironment(_ reports: [DiagnosisReport], environment: String, unreadable: [String]) -> [String] {
        guard !reports.isEmpty else { return ["diagnosis: no workloads in \(environment)"] }
        let order: [DiagnosisReport.Verdict: Int] = [.failing: 0, .degraded: 1, .missing: 2, .healthy: 3]
        let sorted = reports.sorted { (order[$0.verdict] ?? 9, $0.subject.name) < (order[$1.verdict] ?? 9, $1.subject.name) }
        let bad = sorted.filter { $0.verdict != .healthy }
        var lines = [bad.isEmpty ? "diagnosis: all \(AnalyzerSupport.plural(reports.count, "workload")) in \(environment) are healthy"
                                 : "diagnosis: \(bad.count) of \(AnalyzerSupport.plural(reports.count, "workload")) in \(environment) need attention"]
        for report in sorted {
            let mark = report.verdict == .healthy ? "ok  " : report.verdict == .failing ? "FAIL" : "WARN"
            lines.append("  \(mark) \(ClusterText.sanitize(report.headline, maxLength: 300))")
            if report.verdict != .healthy, let fix = report.fix?.operation {
                lines.append("       fix: \(fix.summary)")
            }
        }
        if !bad.isEmpty, let first = bad.first {
            lines.append("ask `why is \(first.subject.name) failing in \(environment)` for the evidence")
        }
        if !unreadable.isEmpty {
            lines.append("could not read: " + unreadable.map { ClusterText.sanitize($0) }.joined(separator: "; "))
        }
        return lines
    }
}
