public import FoundationEssentials

/// The resource requests of one container, as the Deployment spec writes them.
public struct ContainerRequests: Equatable, Sendable {
    public var name: String
    /// `resources.requests.cpu`, e.g. `250m`; nil when not set.
    public var cpu: String?
    /// `resources.requests.memory`, e.g. `512Mi`; nil when not set.
    public var memory: String?

    public init(name: String, cpu: String?, memory: String?) {
        self.name = name
        self.cpu = cpu
        self.memory = memory
    }
}

/// What one replica (pod) of a workload requests, summed over its containers.
public struct PodRequests: Equatable, Sendable {
    public var cpuMillis: Int64
    public var memoryBytes: Int64
    /// Containers that request no CPU or no memory: the estimate leaves them out, so it is a
    /// lower bound.
    public var containersWithoutRequests: [String]

    public init(cpuMillis: Int64, memoryBytes: Int64, containersWithoutRequests: [String] = []) {
        self.cpuMillis = cpuMillis
        self.memoryBytes = memoryBytes
        self.containersWithoutRequests = containersWithoutRequests
    }

    /// Sums the containers' requests. Fails on a quantity that is not valid Kubernetes
    /// syntax or is negative, naming the container.
    public init(containers: [ContainerRequests]) throws(CortexError) {
        var cpu: Int64 = 0, memory: Int64 = 0
        var missing: [String] = []
        for c in containers {
            if c.cpu == nil || c.memory == nil { missing.append(c.name) }
            if let text = c.cpu { cpu &+= try PodRequests.amount(text, c.name, "cpu", \.millis) }
            if let text = c.memory { memory &+= try PodRequests.amount(text, c.name, "memory", \.units) }
        }
        self.init(cpuMillis: cpu, memoryBytes: memory, containersWithoutRequests: missing)
    }

    private static func amount(_ text: String, _ container: String, _ resource: String,
                               _ unit: KeyPath<ResourceQuantity, Int64?>) throws(CortexError) -> Int64 {
        let q: ResourceQuantity
        do throws(CortexError) { q = try ResourceQuantity(text) } catch {
            throw CortexError(error.message + " (\(resource) request of container `\(container)`)", hint: error.hint, exitCode: .usage)
        }
        guard let v = q[keyPath: unit], v >= 0, v < 1 << 50 else {
            throw .usage("\(resource) request `\(text)` of container `\(container)` is out of range")
        }
        return v
    }
}

/// Cluster spend estimates: replicas × requests × price.
public struct ClusterCostModel: Equatable, Sendable {
    public var prices: ClusterPrices

    /// Hours in a month for monthly figures: 365 × 24 / 12.
    public static let hoursPerMonth = 730

    public init(prices: ClusterPrices) { self.prices = prices }

    /// Spend of `replicas` pods over `seconds`, rounded once to the micro-dollar.
    public func cost(replicas: Int, pod: PodRequests, seconds: Double) -> MicroDollars {
        let perHour = Double(pod.cpuMillis) * Double(prices.perVCPUHour.value) / 1000
            + Double(pod.memoryBytes) * Double(prices.perGiBHour.value) / 1_073_741_824
        return MicroDollars(Int64((Double(replicas) * perHour * seconds / 3600).rounded()))
    }

    /// Spend of `replicas` pods over a month of 730 hours.
    public func monthly(replicas: Int, pod: PodRequests) -> MicroDollars {
        cost(replicas: replicas, pod: pod, seconds: Double(ClusterCostModel.hoursPerMonth * 3600))
    }

    /// The monthly cost change of going from one replica count to another. The price of one
    /// replica is rounded to the cent once; every figure of the change is whole replicas of
    /// it, so the same replicas cost the same in every sentence and the figures add up.
    public func change(from: Int, to: Int, pod: PodRequests) -> MonthlyCostChange {
        MonthlyCostChange(fromReplicas: from, toReplicas: to,
                          perReplica: .cents(monthly(replicas: 1, pod: pod).roundedToCents),
                          isLowerBound: !pod.containersWithoutRequests.isEmpty)
    }

    /// The monthly cost change of new requests for the same replicas: each replica's price,
    /// before and after, rounded to the cent once.
    public func change(replicas: Int, from before: PodRequests, to after: PodRequests) -> MonthlyCostChange {
        var change = MonthlyCostChange(fromReplicas: replicas, toReplicas: replicas,
                                       perReplica: .cents(monthly(replicas: 1, pod: after).roundedToCents),
                                       isLowerBound: !after.containersWithoutRequests.isEmpty)
        change.perReplicaBefore = .cents(monthly(replicas: 1, pod: before).roundedToCents)
        return change
    }
}

/// How an operation changes monthly cluster spend; what every plan shows before confirmation.
/// Its figures are exact multiples of the monthly price of one replica, in whole cents.
public struct MonthlyCostChange: Equatable, Sendable {
    public var fromReplicas: Int
    public var toReplicas: Int
    /// What one replica costs a month, rounded to the cent.
    public var perReplica: MicroDollars
    /// Some container requests nothing, so the true change may be larger.
    public var isLowerBound: Bool
    /// What one replica cost a month before, when the change is to its requests rather than
    /// to the replica count; nil when it is `perReplica`.
    public var perReplicaBefore: MicroDollars?

    public init(fromReplicas: Int, toReplicas: Int, perReplica: MicroDollars, isLowerBound: Bool = false) {
        self.fromReplicas = fromReplicas
        self.toReplicas = toReplicas
        self.perReplica = perReplica
        self.isLowerBound = isLowerBound
    }

    public var before: MicroDollars { MicroDollars((perReplicaBefore ?? perReplica).value &* Int64(fromReplicas)) }
    public var after: MicroDollars { MicroDollars(perReplica.value &* Int64(toReplicas)) }

    /// After minus before: the difference of the two figures shown.
    public var delta: MicroDollars { after - before }

    /// For `ResolvedOperation.monthlyCostDelta`, which speaks dollars: the same figure as the plan.
    public var deltaDollars: Double { Double(delta.roundedToCents) / 100 }

    /// `scaling 3 → 10 replicas costs $204.40 more a month ($87.60 → $292.00)`; for new
    /// requests, `changing the requests of 2 replicas costs $32.84 more a month (…)`.
    public var summary: String {
        let cents = delta.roundedToCents
        let atLeast = isLowerBound ? "at least " : ""
        let effect = cents > 0 ? "costs \(atLeast)\(MoneyText.cents(cents)) more a month (\(before) → \(after))"
            : cents < 0 ? "saves \(atLeast)\(MoneyText.cents(-cents)) a month (\(before) → \(after))"
            : "does not change the monthly cost"
        let action = perReplicaBefore != nil ? "changing the requests of \(replicasText(toReplicas))"
            : fromReplicas == 0 ? "starting \(replicasText(toReplicas))"
            : toReplicas == 0 ? "removing \(replicasText(fromReplicas))"
            : "scaling \(fromReplicas) → \(replicasText(toReplicas))"
        let note = isLowerBound ? "; some containers request no CPU or memory" : ""
        return "\(action) \(effect)\(note)"
    }

    private func replicasText(_ n: Int) -> String { n == 1 ? "1 replica" : "\(n) replicas" }
}

/// The size of one workload from a moment on, as the footprint ledger keeps it: recorded
/// whenever replicas or requests change, so spend is the sum over the intervals between
/// records.
public struct WorkloadFootprint: Equatable, Sendable {
    public var at: Date
    public var service: String
    public var environment: String
    public var replicas: Int
    public var pod: PodRequests

    public init(at: Date, service: String, environment: String, replicas: Int, pod: PodRequests) {
        self.at = at
        self.service = service
        self.environment = environment
        self.replicas = replicas
        self.pod = pod
    }

    /// Whether two footprints describe the same size (the moment aside).
    public func sameSize(as other: WorkloadFootprint) -> Bool {
        replicas == other.replicas && pod.cpuMillis == other.pod.cpuMillis && pod.memoryBytes == other.pod.memoryBytes
    }
}

extension WorkloadFootprint: Codable {
    enum CodingKeys: String, CodingKey {
        case at, service, environment, replicas
        case cpuMillis = "cpu_millis"
        case memoryBytes = "memory_bytes"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        at = try c.decode(LedgerInstant.self, forKey: .at).date
        service = try c.decode(String.self, forKey: .service)
        environment = try c.decode(String.self, forKey: .environment)
        replicas = try c.decode(Int.self, forKey: .replicas)
        pod = PodRequests(cpuMillis: try c.decode(Int64.self, forKey: .cpuMillis),
                          memoryBytes: try c.decode(Int64.self, forKey: .memoryBytes))
        guard replicas >= 0, pod.cpuMillis >= 0, pod.memoryBytes >= 0, !service.isEmpty, !environment.isEmpty else {
            throw InvalidLedgerRecord("negative count or empty name")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LedgerInstant(at), forKey: .at)
        try c.encode(service, forKey: .service)
        try c.encode(environment, forKey: .environment)
        try c.encode(replicas, forKey: .replicas)
        try c.encode(pod.cpuMillis, forKey: .cpuMillis)
        try c.encode(pod.memoryBytes, forKey: .memoryBytes)
    }
}

/// What one workload in one environment cost over a window.
public struct WorkloadSpend: Equatable, Sendable {
    public var service: String
    public var environment: String
    public var amount: MicroDollars
    /// Replicas at the end of the window.
    public var replicas: Int

    public init(service: String, environment: String, amount: MicroDollars, replicas: Int) {
        self.service = service
        self.environment = environment
        self.amount = amount
        self.replicas = replicas
    }
}

extension ClusterCostModel {
    /// Spend per workload between `start` and `end`, from the footprint history: each record
    /// holds until the next record of the same workload. Largest first, then by name.
    public func spend(_ footprints: [WorkloadFootprint], from start: Date, to end: Date) -> [WorkloadSpend] {
        guard end > start else { return [] }
        var byWorkload: [String: [WorkloadFootprint]] = [:]
        for f in footprints { byWorkload[f.environment + "/" + f.service, default: []].append(f) }
        var result: [WorkloadSpend] = []
        for (_, history) in byWorkload {
            // Stable by time: records written in the same second keep ledger order.
            let sorted = history.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            var total = MicroDollars.zero
            var last: WorkloadFootprint?
            for (i, f) in sorted.enumerated() where f.at < end {
                let until = i + 1 < sorted.count ? min(sorted[i + 1].at, end) : end
                let from = max(f.at, start)
                if until > from {
                    total = total + cost(replicas: f.replicas, pod: f.pod, seconds: until.timeIntervalSince(from))
                }
                last = f
            }
            guard let last, total > .zero || last.replicas > 0 else { continue }
            result.append(WorkloadSpend(service: last.service, environment: last.environment, amount: total, replicas: last.replicas))
        }
        return result.sorted { a, b in
            a.amount != b.amount ? a.amount > b.amount : (a.environment, a.service) < (b.environment, b.service)
        }
    }
}
