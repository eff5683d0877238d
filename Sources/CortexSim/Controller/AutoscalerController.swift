import CortexCore
import Foundation

/// The horizontal pod autoscaler over a simulated CPU load.
///
/// Each autoscaled workload carries a steady CPU demand, in the annotation
/// `sim.cortex.dev/cpu-demand` (a CPU quantity for all its pods together): set it with
/// `kubectl annotate` to make the load rise or fall. Without one, the controller writes
/// 60% of what the workload's pods request when it first scales it. Utilisation is that
/// demand spread over the ready pods, as a share of their CPU requests; the desired count
/// follows the Kubernetes formula, `ceil(current × utilisation / target)`, within a 10%
/// tolerance and the autoscaler's range (which holds even without CPU requests). Scaling
/// acts at once in both directions (no stabilisation window).
struct AutoscalerController {
    static let demandAnnotation = "sim.cortex.dev/cpu-demand"
    static let defaultShare = 0.6
    static let tolerance = 0.1

    let store: ObjectStore

    func sync(_ hpa: JSONValue, now: Date) {
        let spec = hpa["spec"] ?? [:]
        let minimum = spec["minReplicas"]?.intValue ?? 1
        let maximum = spec["maxReplicas"]?.intValue ?? minimum
        let targetKind: ResourceKind? = switch spec[path: ["scaleTargetRef", "kind"]]?.stringValue {
        case "Deployment": .deployments
        case "StatefulSet": .statefulSets
        case "ReplicaSet": .replicaSets
        default: nil
        }
        let targetName = spec[path: ["scaleTargetRef", "name"]]?.stringValue ?? ""
        var conditions: [(String, Bool, String, String)] = []
        guard let targetKind, var target = store.get(targetKind, namespace: hpa.namespace, name: targetName)?.value else {
            conditions.append(("AbleToScale", false, "FailedGetScale",
                               "the HPA controller was unable to get the target's current scale: \(targetKind?.qualifiedName ?? "the target") \"\(targetName)\" not found"))
            writeStatus(hpa, current: 0, desired: 0, utilization: nil, average: nil, conditions: conditions, scaled: false, now: now)
            return
        }
        let current = target.desiredReplicas
        let targetPercent = (spec["metrics"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Resource" }?[path: ["resource", "target", "averageUtilization"]]?.intValue
        let request = Self.cpuRequest(target)
        var desired = current
        var utilization: Int?
        var average: Int64?
        if current == 0 {
            conditions.append(("ScalingActive", false, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero"))
        } else if current > maximum {
            desired = maximum
        } else if current < minimum {
            desired = minimum
        } else if let request, request > 0, let targetPercent {
            let demand = demand(of: &target, kind: targetKind, request: request, replicas: current)
            let pods = max(1, readyPods(target, kind: targetKind))
            average = demand / Int64(pods)
            let percent = Int((Double(demand) / Double(Int64(pods) * request) * 100).rounded())
            utilization = percent
            let ratio = Double(percent) / Double(targetPercent)
            if abs(ratio - 1) > Self.tolerance {
                desired = Int((Double(pods) * ratio).rounded(.up))
            }
            conditions.append(("ScalingActive", true, "ValidMetricFound",
                               "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"))
        } else {
            conditions.append(("ScalingActive", false, "FailedGetResourceMetric",
                               "the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu"))
        }
        let bounded = min(max(desired, minimum), maximum)
        if bounded != desired || desired == maximum || desired == minimum {
            let limited = desired > maximum || desired < minimum
            conditions.append(("ScalingLimited", limited, limited ? (desired > maximum ? "TooManyReplicas" : "TooFewReplicas") : "DesiredWithinRange",
                               limited ? "the desired replica count is \(desired > maximum ? "more" : "less") than the \(desired > maximum ? "maximum" : "minimum") replica count"
                                   : "the desired count is within the acceptable range"))
        } else {
            conditions.append(("ScalingLimited", false, "DesiredWithinRange", "the desired count is within the acceptable range"))
        }
        let scaled = bounded != current
        conditions.insert(("AbleToScale", true, scaled ? "SucceededRescale" : "ReadyForNewScale",
                           scaled ? "the HPA controller was able to update the target scale to \(bounded)" : "recommended size matches current size"), at: 0)
        if scaled {
            target[path: ["spec", "replicas"]] = .number(bounded)
            target[path: ["metadata", "generation"]] = .number(target.generation + 1)
            store.put(targetKind, target)
            let reason = bounded > current ? "above" : "below"
            EventRecorder(store: store).record(
                hpa, kind: .horizontalPodAutoscalers, type: "Normal", reason: "SuccessfulRescale",
                message: "New size: \(bounded); reason: cpu resource utilization (percentage of request) \(reason) target",
                component: "horizontal-pod-autoscaler", now: now)
        }
        writeStatus(hpa, current: current, desired: bounded, utilization: utilization, average: average, conditions: conditions, scaled: scaled, now: now)
    }

    /// What one pod of the target requests, in millicores; nil when a container requests no CPU.
    static func cpuRequest(_ target: JSONValue) -> Int64? {
        var total: Int64 = 0
        for container in target[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? [] {
            guard let text = container[path: ["resources", "requests", "cpu"]]?.stringValue, let millis = Quantity.millicores(text) else { return nil }
            total += Int64(millis)
        }
        return total
    }

    /// The workload's CPU demand in millicores, written onto it the first time.
    private func demand(of target: inout JSONValue, kind: ResourceKind, request: Int64, replicas: Int) -> Int64 {
        if let text = target.annotation(Self.demandAnnotation), let millis = Quantity.millicores(text) { return Int64(millis) }
        let millis = Int64((Double(request) * Double(replicas) * Self.defaultShare).rounded())
        target.setAnnotation(Self.demandAnnotation, "\(millis)m")
        target = store.put(kind, target).value
        return millis
    }

    private func readyPods(_ target: JSONValue, kind: ResourceKind) -> Int {
        let selector = LabelSelector(object: target[path: ["spec", "selector"]] ?? [:]) ?? .everything
        return store.list(.pods, namespace: target.namespace).map(\.value)
            .filter { !$0.isBeingDeleted && selector.matches($0.labels) && PodLifecycle.isReady($0) }.count
    }

    private func writeStatus(_ hpa: JSONValue, current: Int, desired: Int, utilization: Int?, average: Int64?,
                             conditions: [(String, Bool, String, String)], scaled: Bool, now: Date) {
        let old = hpa["status"] ?? [:]
        var status: JSONValue = ["currentReplicas": .number(current), "desiredReplicas": .number(desired)]
        status["observedGeneration"] = .number(hpa.generation)
        if let utilization, let average {
            status["currentMetrics"] = [[
                "type": "Resource",
                "resource": ["name": "cpu", "current": ["averageUtilization": .number(utilization), "averageValue": .string("\(average)m")]],
            ]]
        }
        let previous = old["conditions"]?.arrayValue ?? []
        status["conditions"] = .array(conditions.map { type, isTrue, reason, message in
            let state = isTrue ? "True" : "False"
            let earlier = previous.first { $0["type"]?.stringValue == type && $0["status"]?.stringValue == state }
            return [
                "type": .string(type), "status": .string(state), "reason": .string(reason), "message": .string(message),
                "lastTransitionTime": earlier?["lastTransitionTime"] ?? .string(Timestamp.format(now)),
            ]
        })
        status["lastScaleTime"] = scaled ? .string(Timestamp.format(now)) : old["lastScaleTime"]
        guard old != status else { return }
        var changed = hpa
        changed["status"] = status
        store.put(.horizontalPodAutoscalers, changed)
    }
}
