import ArgumentParser
import CortexCore
import CortexShell
import Foundation

/// `cortex policy`: check the guardrail policy and see what it says about a request.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check the guardrail policy and explain its verdicts.",
        subcommands: [PolicyCheckCommand.self, PolicyExplainCommand.self])
}

/// Where the policy is: `--policy`, else `CORTEX_POLICY_DIR`, else
/// `$XDG_CONFIG_HOME/cortex/guardrails` when it exists, else the built-in default.
struct PolicyLocation: ParsableArguments {
    @Option(name: .customLong("policy"), help: "A folder of policy files (default: $CORTEX_POLICY_DIR, else $XDG_CONFIG_HOME/cortex/guardrails, else the built-in policy).")
    var folder: String?

    var source: PolicySource { PolicySource.resolve(flag: folder, environment: ProcessInfo.processInfo.environment) }
}

/// `cortex policy check [DIR]`: exit 0 when the policy is valid, else 1 listing every problem.
struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate policy files and list their rules.")

    @Argument(help: "The folder to check (default: the policy cortex would use).")
    var folder: String?

    @OptionGroup var location: PolicyLocation

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let source = folder.map(PolicySource.folder) ?? location.source
            let loader = PolicyLoader()
            let documents = try loader.documents(source)
            do throws(PolicyProblems) {
                let policy = try loader.reader.policy(from: documents)
                CommandOutput.print(PolicyReport.check(policy, source: source.description))
                return .success
            } catch {
                CommandOutput.print(PolicyReport.problems(error.issues, source: source.description))
                return .failed
            }
        }
    }
}

/// `cortex policy explain "<text>"`: which rules would speak about a request, and why.
struct PolicyExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show which rules would apply to a request and why, without executing anything.",
        discussion: "The verdict uses the current time, the recent changes in the audit log (for rate limits) and the approvals on record. The live state is not read: rules on replica counts and images see only what the request states.")

    @Argument(help: "The request, as you would type it.")
    var text: String?

    @Option(help: "A typed operation as JSON instead of a request (the format of `cortex parse --json`).")
    var operation: String?

    @Option(help: "The environment to assume when the request names none.")
    var environment: String?

    @OptionGroup var location: PolicyLocation
    @OptionGroup var audit: AuditLogLocation
    @OptionGroup var approvals: ApprovalsLocation
    @OptionGroup var state: StateLocation

    func validate() throws {
        guard (text == nil) != (operation == nil) else {
            throw ValidationError("give either a request or --operation")
        }
    }

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let env = ProcessInfo.processInfo.environment
            let policy = try PolicyLoader().load(location.source)
            let op = try understood()
            let session = environment.map { EnvironmentCatalog.standard.canonical($0) ?? $0 }
            let resolved = ResolvedOperation(operation: op, environment: op.environment ?? session,
                                             environmentFromSession: op.environment == nil && session != nil)
            let local = AuditIdentity.current(environment: env)
            let settings = try audit.settings()
            let shared = try state.shared(audit: settings)
            let context: PolicyContext
            if let shared {
                context = try GuardrailContext.gather(policy: policy, actor: local, now: Date(), audit: shared.audit,
                                                      approvals: shared.approvals, identity: shared.identity)
            } else {
                context = try GuardrailContext.gather(policy: policy, actor: local, now: Date(), audit: settings.store(),
                                                      approvals: try approvals.store())
            }
            let verdict = Guardrails(policy: policy).evaluate(resolved, context: context)
            CommandOutput.print(PolicyReport.explain(input: text, resolved: resolved, verdict: verdict, policy: policy,
                                                     liveStateRead: false))
            let who = shared.map { "identity: \($0.identity) (from the cluster, \($0.identity.verified ? "verified by SelfSubjectReview" : "which cannot say who this is: the kubeconfig user"))" }
                ?? "identity: \(local.user) (the local account, unverified; --state cluster asks the cluster)"
            CommandOutput.print(who + "\n")
            let narrowed = policy.rules.filter { !$0.audience.isEveryone }
            for rule in narrowed {
                let applies = rule.audience.covers(context.principal) ? "applies" : "does not apply"
                CommandOutput.print("  rule \(rule.id) is for \(rule.audience.summary): \(applies) to \(context.principal.name)\n")
            }
            return .success
        }
    }

    func understood() throws(CortexError) -> CortexCore.Operation {
        if let operation {
            guard let op = try? JSONDecoder().decode(CortexCore.Operation.self, from: Data(operation.utf8)) else {
                throw .usage("--operation is not a typed operation", hint: "use the JSON of `cortex parse --json`")
            }
            return op
        }
        let context = UnderstandingContext(currentEnvironment: environment)
        let understanding = EmbeddedParser().understand(text ?? "", context: context)
        guard understanding.operation.op != .unknown else {
            throw CortexError("not understood: \(understanding.operation.reason ?? "no operation found")",
                              hint: "rephrase, or pass the typed operation with --operation", exitCode: .notUnderstood)
        }
        return understanding.operation
    }
}
