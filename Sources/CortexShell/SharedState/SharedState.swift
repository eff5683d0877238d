public import CortexCore
import CortexKube
import Foundation

/// Where audit chain, approvals and ledgers live.
public enum StateKind: String, Sendable, CaseIterable {
    /// Files in the state folder (the default).
    case file
    /// Objects in a namespace of the cluster, shared by every operator who reaches it.
    case cluster
}

/// The shared state of a team in the cluster, opened for one session: the object store,
/// the audit chain, the approval book, and the operator's identity as the cluster gave it
/// (asked once and kept for the session). With file state the identity is asked too, when
/// a kubeconfig cluster is used (`ClusterConnection.reviewedIdentity`).
public final class SharedState {
    public let store: any SharedObjectStore
    public let identity: OperatorIdentity
    public let audit: SharedAuditStore
    public let approvals: SharedApprovalStore

    public static let defaultNamespace = "cortex-system"

    public init(store: any SharedObjectStore, identity: OperatorIdentity, appender: AuditAppender) {
        self.store = store
        self.identity = identity
        audit = SharedAuditStore(store: store, appender: appender)
        approvals = SharedApprovalStore(store: store)
    }

    /// `--state` > `CORTEX_STATE` > `state:` in config.yaml > file.
    public static func kind(flag: String?, environment: [String: String], configuration: ShellConfiguration) throws(CortexError) -> StateKind {
        let given = flag ?? environment["CORTEX_STATE"].flatMap { $0.isEmpty ? nil : $0 }
        guard let given else { return configuration.state ?? .file }
        guard let kind = StateKind(rawValue: given) else {
            throw .usage("unknown state `\(given)`", hint: "use file (the state folder) or cluster (shared through the cluster)")
        }
        return kind
    }

    /// Opens the shared state in the cluster of `choice` (kubeconfig and context), in
    /// `CORTEX_STATE_NAMESPACE`, else `state-namespace:`, else `cortex-system`.
    public static func open(cluster choice: ClusterChoice, environment: [String: String], configuration: ShellConfiguration,
                            appender: AuditAppender, local: AuditActor) throws(CortexError) -> SharedState {
        guard !choice.forceSimulator,
              let clients = try LiveKube.clients(kubeconfig: choice.kubeconfig, context: choice.context, environment: environment,
                                                 transport: LiveKube.transport())
        else {
            throw .usage("state: cluster needs a cluster to keep the state in",
                         hint: "point KUBECONFIG (or --kubeconfig) at the team's cluster, e.g. one printed by `cortex sim serve --users FILE`")
        }
        let client = try clients.client(for: choice.context ?? clients.currentContext)
        let namespace = environment["CORTEX_STATE_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? configuration.stateNamespace ?? defaultNamespace
        let identity = try IdentityReview.identity(client: client, fallback: client.config.userName ?? local.user)
        return SharedState(store: ConfigMapObjectStore(client: client, namespace: namespace), identity: identity,
                           appender: appender)
    }
}

extension ClusterConnection {
    /// Who the cluster says the operator is, asked once for the session: nil for the embedded
    /// simulated cluster (nobody to ask) and when the cluster cannot be reached now (the
    /// request's own reads report that); the kubeconfig user, unverified, where the server
    /// has no SelfSubjectReview.
    func reviewedIdentity(local: AuditActor) -> OperatorIdentity? {
        guard simulator == nil, let client = try? clients.client(for: clients.currentContext) else { return nil }
        return try? IdentityReview.identity(client: client, fallback: client.config.userName ?? local.user)
    }
}
