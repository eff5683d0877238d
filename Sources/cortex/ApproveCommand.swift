import ArgumentParser
import CortexCore
import CortexShell
import Foundation

/// `cortex approve <id>`: a second operator approves a request the two-person rule holds back.
/// Without an id, lists the pending requests.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve another operator's pending request (two-person rule).",
        discussion: "The requester then runs the request again; the approval counts once, for as long as the rule says. Without an id, lists the pending requests.")

    @Argument(help: "The id of the pending request.")
    var id: String?

    @OptionGroup var approvals: ApprovalsLocation
    @OptionGroup var audit: AuditLogLocation

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let env = ProcessInfo.processInfo.environment
            let store = try approvals.store()
            let now = Date()
            guard let id else {
                let pending = try store.read().pending(at: now)
                CommandOutput.print(pending.isEmpty ? "no pending requests\n" : pending.map(Self.describe).joined())
                return .success
            }
            let actor = AuditIdentity.current(environment: env)
            let log = AuditLog(
                store: try audit.settings().store(),
                origin: AuditOrigin(actor: actor, session: AuditIdentity.newSessionID(), source: .oneshot))
            let approved = try store.update(at: now) { book throws(CortexError) in
                let request = try book.approve(id, by: actor, at: now)
                // On disk before the approval is saved.
                try log.append(AuditEvent(.approved, input: "approve \(id)", operation: request.operation,
                                          environment: request.operation.environment, approval: id))
                return request
            }
            CommandOutput.print("approved request \(id): \(approved.operation.summary), asked by \(approved.requester.user)\n"
                + "\(approved.requester.user) can now run it again\n")
            return .success
        }
    }

    static func describe(_ r: ApprovalRequest) -> String {
        "\(r.id)  \(r.requestedAt)  \(r.requester)  \(r.operation.summary)\n"
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
