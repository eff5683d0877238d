import ArgumentParser
import CortexCore
import CortexShell
import Foundation

/// `cortex audit`: check and read the audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify and read the tamper-evident audit log.",
        subcommands: [AuditVerifyCommand.self, AuditLogCommand.self])
}

/// Where the audit log is: `--audit-log`, else `CORTEX_AUDIT_LOG`, else the XDG state folder.
struct AuditLogLocation: ParsableArguments {
    @Option(name: .customLong("audit-log"), help: "The audit log (default: $CORTEX_AUDIT_LOG, else $XDG_STATE_HOME/cortex/audit.jsonl).")
    var path: String?

    func settings() throws(CortexError) -> AuditSettings {
        try AuditSettings.resolve(flag: path, environment: ProcessInfo.processInfo.environment)
    }
}

/// `cortex audit verify`: exit 0 when the chain is intact, else 1 naming the first bad entry.
struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit log's hash chain.",
        discussion: "Exits 0 when every entry is intact, 1 naming the first entry that was edited, deleted, moved or removed, 2 when the log is keyed and CORTEX_AUDIT_KEY is not set. A line left by an interrupted write is reported as such.")

    @OptionGroup var location: AuditLogLocation

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let settings = try location.settings()
            let contents = try settings.store().contents()
            let result = settings.verifier.verify(contents.log, head: contents.head)
            CommandOutput.print(AuditReport.verification(result, log: settings.logPath))
            return result.problem?.exitCode ?? .success
        }
    }
}

/// `cortex audit log`: the entries, filtered.
struct AuditLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show audit entries, oldest first.")

    @OptionGroup var location: AuditLogLocation

    @Option(help: "Only entries at or after this UTC time (2025-03-07, 2025-03-07T16:00) or this long ago (2h, 7d).")
    var since: String?

    @Option(help: "Only entries before this UTC time, or this long ago.")
    var until: String?

    @Option(help: "Only entries about this environment.")
    var environment: String?

    @Option(help: "Only entries about this service.")
    var service: String?

    @Flag(help: "Print the entries as stored, one JSON object a line.")
    var json = false

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let filter = try makeFilter(now: Date())
            let contents = try location.settings().store().contents()
            for line in contents.log.split(separator: 10) {
                guard let entry = AuditEntry.decode(line), filter.matches(entry) else { continue }
                CommandOutput.print((json ? String(decoding: line, as: UTF8.self) : AuditReading.describe(entry)) + "\n")
            }
            return .success
        }
    }

    func makeFilter(now: Date) throws(CortexError) -> AuditFilter {
        func time(_ text: String?, _ flag: String) throws(CortexError) -> Date? {
            guard let text else { return nil }
            guard let date = AuditFilter.time(text, now: now) else {
                throw .usage("--\(flag) '\(text)' is not a time", hint: "use 2025-03-07, 2025-03-07T16:00 (UTC), or 2h, 7d")
            }
            return date
        }
        let env = environment.map { EnvironmentCatalog.standard.canonical($0) ?? $0 }
        return AuditFilter(since: try time(since, "since"), until: try time(until, "until"), environment: env, service: service)
    }
}

/// How cortex's own commands print and end: output on stdout, a `CortexError` as one message
/// (and hint) on stderr, and its exit code.
enum CommandOutput {
    /// Runs a command's body; its result (or its error's) is the exit code.
    static func run(_ body: () throws(CortexError) -> CortexCore.ExitCode) throws {
        let code: CortexCore.ExitCode
        do {
            code = try body()
        } catch let error {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            code = error.exitCode
        }
        if code != .success { throw ArgumentParser.ExitCode(code.rawValue) }
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
