import ArgumentParser
import CortexCore
import CortexShell
import Foundation

/// `cortex approve <id>`: a second operator approves a request the two-person rule holds back.
/// Without an id, lists the pending requests. With `--state cluster` the request may come
/// from another machine, and the approver is who the cluster says the credentials belong to.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve another operator's pending request (two-person rule).",
        discussion: "The requester then runs the request again, or the approver runs it at once with --run; either way it is judged by the rules as they are then, and the approval counts once. Without an id, lists the pending requests.")

    @Argument(help: "The id of the pending request.")
    var id: String?

    @Flag(name: .customLong("run"), help: "Run the request once it is approved (judged by the rules as they are now).")
    var runIt = false

    @Option(help: ArgumentHelp("With --run: answer a confirmation of a change to this service, including one that needs the name typed back.", valueName: "service"))
    var confirm: String?

    @OptionGroup var approvals: ApprovalsLocation
    @OptionGroup var audit: AuditLogLocation
    @OptionGroup var state: StateLocation

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let env = ProcessInfo.processInfo.environment
            let settings = try audit.settings()
            let shared = try state.shared(audit: settings)
            let store: any ApprovalStore
            if let shared { store = shared.approvals } else { store = try approvals.store() }
            let now = Date()
            guard let id else {
                let pending = try store.read().pending(at: now)
                CommandOutput.print(pending.isEmpty ? "no pending requests\n" : pending.map(Self.describe).joined())
                return .success
            }
            let actor = AuditIdentity.current(environment: env)
            let identity = shared?.identity
            let auditStore: any AuditStore
            if let shared { auditStore = shared.audit } else { auditStore = settings.store() }
            let log = AuditLog(store: auditStore,
                               origin: AuditOrigin(actor: actor, session: AuditIdentity.newSessionID(), source: .oneshot, identity: identity))
            // A shared book may run the change again after a conflict: the entry is written once.
            var recorded = false
            let approved = try store.update(at: now) { book throws(CortexError) in
                let request = try book.approve(id, by: actor, identity: identity, at: now)
                // On disk before the approval is saved.
                if !recorded {
                    try log.append(AuditEvent(.approved, input: "approve \(id)", operation: request.operation,
                                              environment: request.operation.environment, approval: id))
                    recorded = true
                }
                return request
            }
            let requester = approved.requesterPrincipal.name
            var text = Self.describe(approved)
            for line in approved.plan ?? [] { text += "  " + line + "\n" }
            let me = Principal(actor: actor, identity: identity).name
            if approved.approver == nil {
                let needs = approved.requirement?.summary ?? "another operator"
                text += "approved by \(me); it still needs \(needs)\n"
            } else {
                text += "approved request \(id): \(approved.operation.summary), asked by \(requester)\n"
                if !runIt { text += "\(requester) can now run it again\n" }
            }
            CommandOutput.print(text)
            guard runIt, approved.approver != nil else { return .success }
            return try Self.execute(approved, state: state, auditLog: audit.path, confirm: confirm)
        }
    }

    /// Runs the approved operation through the pipeline, as a request of the approver's.
    static func execute(_ request: ApprovalRequest, state: StateLocation, auditLog: String?, confirm: String?) throws(CortexError) -> CortexCore.ExitCode {
        var options = LaunchOptions(configFile: state.config,
                                    cluster: ClusterChoice(kubeconfig: state.kubeconfig, context: state.context),
                                    auditLog: auditLog, assumeYes: true, confirmName: confirm,
                                    processEnvironment: ProcessInfo.processInfo.environment)
        options.state = state.state
        options.runningApproval = request.id
        let console = StandardConsole()
        let runtime = try Runtime.open(options, source: .oneShot, output: console,
                                       understander: ApprovedOperation(operation: request.operation))
        defer { runtime.close() }
        return runtime.pipeline.handle(request.operation.summary, source: .oneShot, state: runtime.state, reader: nil)
    }

    static func describe(_ r: ApprovalRequest) -> String {
        let who = r.requesterIdentity.map { "\($0) via \(r.requester)" } ?? r.requester.description
        return "\(r.id)  \(r.requestedAt)  \(who)  \(r.operation.summary)  (expires \(r.expiresAt))\n"
    }
}

/// The understander of `approve --run`: the request is the approved operation, exactly.
struct ApprovedOperation: Understander {
    let operation: CortexCore.Operation

    func understand(_ text: String, context: UnderstandingContext) -> Understanding {
        Understanding(operation: operation, confidence: 1, source: "approval", settled: true)
    }
}

/// Where pending approvals are kept: `--approvals`, else `CORTEX_APPROVALS`, else the XDG state folder.
struct ApprovalsLocation: ParsableArguments {
    @Option(name: .customLong("approvals"), help: "The pending-approval file (default: $CORTEX_APPROVALS, else $XDG_STATE_HOME/cortex/approvals.json).")
    var path: String?

    func store() throws(CortexError) -> FileApprovalStore {
        FileApprovalStore(path: try FileApprovalStore.path(flag: path, environment: ProcessInfo.processInfo.environment))
    }
}
