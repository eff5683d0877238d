import ArgumentParser
import CortexCore
import CortexShell
import Foundation

/// `cortex audit`: check and read the audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify and read the tamper-evident audit log.",
        subcommands: [AuditVerifyCommand.self, AuditLogCommand.self, AuditExportCommand.self, AuditImportCommand.self])
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
    @OptionGroup var shared: StateLocation

    @Flag(help: "Also list who did what: each operator's identity and the changes they asked for, approved and ran.")
    var who = false

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let settings = try location.settings()
            let log: [UInt8], name: String, result: AuditVerification
            var objects: [String] = []
            if let state = try shared.shared(audit: settings, fileNamed: location.path != nil) {
                (result, objects, log) = try state.audit.verify(with: settings.verifier)
                name = "audit chain in \(state.store.location)"
            } else {
                let contents = try settings.store().contents()
                (log, name) = (contents.log, settings.logPath)
                result = settings.verifier.verify(log, head: contents.head)
            }
            var report = AuditReport.verification(result, log: name)
            if let line = result.problem?.line, line > 0, line <= objects.count {
                report += "  (line \(line) is the object \(objects[line - 1]))\n"
            }
            CommandOutput.print(report)
            if who || !objects.isEmpty {
                let entries = log.split(separator: 10).compactMap { AuditEntry.decode($0) }
                CommandOutput.print("who did what:\n" + AuditReport.actors(entries))
            }
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

    @OptionGroup var shared: StateLocation

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let filter = try makeFilter(now: Date())
            let settings = try location.settings()
            let contents: AuditContents
            if let state = try shared.shared(audit: settings, fileNamed: location.path != nil) {
                contents = try state.audit.contents()
            } else {
                contents = try settings.store().contents()
            }
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

/// `cortex audit export`: the shared chain as a log file and head record, to verify and keep
/// offline.
struct AuditExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the audit chain kept in the cluster to a log file (and its .head) that `cortex audit verify --audit-log` checks offline.")

    @Option(help: ArgumentHelp("The file to write; it must not exist.", valueName: "file"))
    var output: String

    @OptionGroup var shared: StateLocation

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let settings = try AuditSettings.resolve(flag: nil, environment: ProcessInfo.processInfo.environment)
            guard let state = try shared.shared(audit: settings) else {
                throw .usage("export reads the chain kept in the cluster", hint: "pass --state cluster (and --kubeconfig)")
            }
            guard !FileManager.default.fileExists(atPath: output) else {
                throw .usage("\(output) exists already", hint: "choose a new file; an export never overwrites")
            }
            let snapshot = try state.audit.snapshot()
            guard case .present(let head) = snapshot.head else { throw .failed("the shared chain has no head record") }
            let file = FileAuditStore(path: output, appender: settings.appender)
            do {
                try Data(snapshot.log).write(to: URL(fileURLWithPath: output))
                try Data(head.encoded).write(to: URL(fileURLWithPath: file.headPath))
            } catch {
                throw .failed("cannot write \(output): \(error.localizedDescription)")
            }
            let entries = snapshot.objects.count
            CommandOutput.print("exported \(entries) \(entries == 1 ? "entry" : "entries") from \(state.store.location) to \(output)\n")
            return .success
        }
    }
}

/// `cortex audit import`: a local chain into the cluster.
struct AuditImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Move a local audit log into the chain kept in the cluster.",
        discussion: "The local log must verify. Into an empty shared chain its entries are copied as they are, hashes and all; into one that holds entries already, each is appended anew after them (same records, new links).")

    @OptionGroup var location: AuditLogLocation
    @OptionGroup var shared: StateLocation

    func run() throws {
        try CommandOutput.run { () throws(CortexError) in
            let settings = try location.settings()
            guard let state = try shared.shared(audit: settings) else {
                throw .usage("import writes into the chain kept in the cluster", hint: "pass --state cluster (and --kubeconfig)")
            }
            let contents = try settings.store().contents()
            let result = settings.verifier.verify(contents.log, head: contents.head)
            if let problem = result.problem {
                throw CortexError.failed("\(settings.logPath) does not verify: \(problem.message)", hint: "nothing was imported")
            }
            let lines = contents.log.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
                .filter { EntryHeader(line: $0) != nil }
            if try state.audit.isEmpty, result.recoveredLines.isEmpty, result.tornTail == nil {
                try state.audit.copyVerbatim(lines)
                CommandOutput.print("copied \(lines.count) entries from \(settings.logPath) into \(state.store.location), hashes unchanged\n")
            } else {
                for line in lines {
                    guard let entry = AuditEntry.decode(Array(line.utf8)) else { continue }
                    _ = try state.audit.append(entry.record)
                }
                CommandOutput.print("appended \(lines.count) entries from \(settings.logPath) to the chain in \(state.store.location)\n")
            }
            return .success
        }
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
