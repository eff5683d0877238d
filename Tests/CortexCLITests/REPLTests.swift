import CortexTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `cortex` binary in a session of its own on a pseudo-terminal, with its files in a
/// temporary home.
private final class Shell {
    let process: PseudoTerminalProcess
    var terminal: PseudoTerminal { process.terminal }

    init(_ arguments: [String] = [], home: TemporaryDirectory, environment: [String: String] = [:], standardOutput: String? = nil) throws {
        let binary = try #require(CortexBinary.url, "the cortex executable is not next to the tests")
        process = try PseudoTerminalProcess(
            executable: binary.path, arguments: arguments,
            environment: Shell.environment(home: home).merging(environment) { $1 },
            standardOutput: standardOutput)
    }

    static func environment(home: TemporaryDirectory) -> [String: String] {
        PseudoTerminalProcess.standardEnvironment([
            "HOME": home.path,
            "XDG_STATE_HOME": home.file("state"),
            "XDG_CONFIG_HOME": home.file("config"),
        ])
    }

    /// Waits for `prompt`, then types `keys` once the line editor is reading.
    func type(_ keys: String, at prompt: String) throws {
        try terminal.expect(prompt)
        try terminal.waitForRawMode()
        try terminal.send(keys)
    }
}

@Suite struct REPLTests {
    @Test func promptShowsTheEnvironmentChosenWithUse() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(home: home)
        try shell.type("use staging\r", at: "cortex> ")
        try shell.terminal.expect("using staging")
        try shell.type("exit\r", at: "cortex (staging)> ")
        #expect(try shell.process.waitForExit() == 0)
    }

    @Test func promptShowsTheEnvironmentGivenWithEnvAndCtrlDLeaves() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(["--env", "stage"], home: home)
        try shell.type("\u{04}", at: "cortex (staging)> ")
        #expect(try shell.process.waitForExit() == 0)
    }

    /// A request typed at the prompt gives what the same request gives in script mode.
    @Test func aTypedRequestShowsItsResult() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let script = try CortexBinary.run(input: "restart api in staging\n", environment: Shell.environment(home: home))
        let printed = script.standardOutput.isEmpty ? script.standardError : script.standardOutput
        let result = printed.split(separator: "\n").first.map(String.init) ?? ""
        try #require(!result.isEmpty)

        let shell = try Shell(home: home)
        try shell.type("restart api in staging\r", at: "cortex> ")
        try shell.terminal.expect(result)
        try shell.type("exit\r", at: "cortex> ")
        // The script reports the request's failure; leaving the interactive shell does not.
        #expect(script.status != 0)
        #expect(try shell.process.waitForExit() == 0)
    }

    @Test func upArrowRecallsThePreviousLine() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(home: home)
        try shell.type("use staging\r", at: "cortex> ")
        try shell.terminal.expect("using staging")
        try shell.type("use none\r", at: "cortex (staging)> ")
        try shell.terminal.expect("no environment chosen")
        try shell.type("\u{1b}[A\u{1b}[A\r", at: "cortex> ")
        try shell.terminal.expect("using staging")
        try shell.type("exit\r", at: "cortex (staging)> ")
        #expect(try shell.process.waitForExit() == 0)
    }

    @Test func tabCompletesBuiltinsVerbsAndEnvironments() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(home: home)
        try shell.type("use st\t\r", at: "cortex> ")
        try shell.terminal.expect("using staging")
        try shell.type("resta\tapi\r", at: "cortex (staging)> ")
        try shell.type("hist\t\r", at: "cortex (staging)> ")
        let listing = try shell.terminal.expect("3  history")
        #expect(listing.contains("1  use staging"))
        #expect(listing.contains("2  restart api"))
        try shell.type("exit\r", at: "cortex (staging)> ")
        _ = try shell.process.waitForExit()
    }

    /// Service names come from the cluster (here the simulated one) when the shell starts.
    @Test func tabCompletesServiceNamesFromTheCluster() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(home: home)
        try shell.terminal.expect("cluster: simulated")
        try shell.type("status of securi\t\r", at: "cortex> ")
        try shell.terminal.expect("> status of security-worker")
        try shell.type("exit\r", at: "cortex> ")
        _ = try shell.process.waitForExit()
    }

    @Test func ctrlCClearsTheLineAndThePromptComesBack() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(home: home)
        try shell.type("delete everything", at: "cortex> ")
        try shell.terminal.expect("everything")
        try shell.terminal.send("\u{03}")
        try shell.terminal.expect("^C")
        try shell.type("history\r", at: "cortex> ")
        let listing = try shell.terminal.expect("1  history")
        #expect(!listing.contains("delete"))
        try shell.type("exit\r", at: "cortex> ")
        #expect(try shell.process.waitForExit() == 0)
    }

    /// After Ctrl-Z and `fg` the shell restores the terminal's settings, interrupt
    /// character included; cortex switches it off again when it continues.
    @Test func ctrlCStaysAKeyAfterTheShellResumesCortex() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(home: home)
        try shell.type("delete everything", at: "cortex> ")
        try shell.terminal.expect("everything")
        try shell.terminal.setInterruptCharacter(3)
        #expect(kill(shell.process.pid, SIGCONT) == 0)
        let deadline = ContinuousClock.now + .seconds(15)
        while try shell.terminal.interruptCharacter() != nil, ContinuousClock.now < deadline {
            try shell.terminal.drain(for: .milliseconds(10))
        }
        #expect(try shell.terminal.interruptCharacter() == nil)
        try shell.terminal.send("\u{03}")
        try shell.terminal.expect("^C")
        try shell.type("exit\r", at: "cortex> ")
        #expect(try shell.process.waitForExit() == 0)
    }

    /// A SIGINT while the prompt waits (`kill -INT`) clears the line like the key does.
    @Test func sigintAtThePromptClearsTheLineToo() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(home: home)
        try shell.type("delete everything", at: "cortex> ")
        try shell.terminal.expect("everything")
        try shell.process.waitUntilSleeping()
        #expect(kill(shell.process.pid, SIGINT) == 0)
        try shell.terminal.expect("^C")
        try shell.type("history\r", at: "cortex> ")
        let listing = try shell.terminal.expect("1  history")
        #expect(!listing.contains("delete"))
        try shell.type("exit\r", at: "cortex> ")
        #expect(try shell.process.waitForExit() == 0)
    }

    @Test func utf8ReachesTheShellIntact() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(home: home, environment: ["LANG": "C", "LC_ALL": "C"])
        try shell.type("use ステージ\r", at: "cortex> ")
        try shell.terminal.expect("unknown environment `ステージ`")
        try shell.type("use stäging\r", at: "cortex> ")
        try shell.type("history\r", at: "cortex (staging)> ")
        let listing = try shell.terminal.expect("3  history")
        #expect(listing.contains("1  use ステージ"))
        #expect(listing.contains("2  use stäging"))
        try shell.type("exit\r", at: "cortex (staging)> ")
        #expect(try shell.process.waitForExit() == 0, "leaving an interactive shell is not a failure, whatever went wrong before")
    }

    @Test func historyPersistsAcrossRunsBoundedAndPrivate() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let size = ["CORTEX_HISTORY_SIZE": "3"]
        let first = try Shell(home: home, environment: size)
        try first.type("use staging\r", at: "cortex> ")
        try first.type("help\r", at: "cortex (staging)> ")
        try first.type("use production\r", at: "cortex (staging)> ")
        try first.type("deploy api token=s3cr3t\r", at: "cortex (production)> ")
        try first.type("use development\r", at: "cortex (production)> ")
        try first.type("\u{04}", at: "cortex (development)> ")
        _ = try first.process.waitForExit()

        let file = home.file("state/cortex/history")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "help\nuse production\nuse development\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o777 } == 0o600)

        let second = try Shell(home: home, environment: size)
        try second.type("\u{1b}[A\u{1b}[A\r", at: "cortex> ")
        try second.terminal.expect("using production")
        try second.type("exit\r", at: "cortex (production)> ")
        #expect(try second.process.waitForExit() == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "use development\nuse production\nexit\n")
    }

    @Test func historyFileFlagWins() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let shell = try Shell(["--history-file", home.file("elsewhere/h")], home: home)
        try shell.type("help\r", at: "cortex> ")
        try shell.type("exit\r", at: "cortex> ")
        #expect(try shell.process.waitForExit() == 0)
        #expect(try String(contentsOfFile: home.file("elsewhere/h"), encoding: .utf8) == "help\nexit\n")
        #expect(!FileManager.default.fileExists(atPath: home.file("state/cortex/history")))
    }

    /// With stdout piped, the editor draws on stderr (still the terminal) and keeps editing.
    @Test func editingStaysOnWhenStdoutIsPiped() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let output = home.file("stdout.txt")
        let shell = try Shell(home: home, standardOutput: output)
        try shell.type("use st\t\r", at: "cortex> ")
        try shell.type("exit\r", at: "cortex (staging)> ")
        #expect(try shell.process.waitForExit() == 0)
        let printed = try String(contentsOfFile: output, encoding: .utf8)
        #expect(printed.contains("using staging"))
        #expect(!printed.contains("cortex>"))
    }
}

@Suite struct REPLScriptModeTests {
    @Test func readsLinesWithoutPrompt() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let run = try CortexBinary.run(input: "use staging\nhelp\n", environment: Shell.environment(home: home))
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("using staging\n"))
        #expect(!(run.standardOutput + run.standardError).contains("cortex>"))
        #expect(!(run.standardOutput + run.standardError).contains("cortex (staging)>"))
    }

    @Test func exitsWithTheWorstExitCode() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let env = Shell.environment(home: home)
        let notUnderstood = try CortexBinary.run(input: "use staging\nsing me a song\nhelp\n", environment: env)
        #expect(notUnderstood.status == 5)
        let usage = try CortexBinary.run(input: "sing me a song\nuse nowhere\nhelp\n", environment: env)
        #expect(usage.status == 2)
        #expect(usage.standardError.contains("unknown environment `nowhere`"))
    }

    @Test func keepsNoHistoryFile() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        _ = try CortexBinary.run(input: "use staging\n", environment: Shell.environment(home: home))
        #expect(!FileManager.default.fileExists(atPath: home.file("state/cortex/history")))
    }

    @Test func lastLineWithoutNewlineAndInvalidUTF8() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let bytes = Array("help\r\nuse ".utf8) + [0xFF, 0xFE] + Array("xyz".utf8)
        let run = try CortexBinary.run(input: bytes, environment: Shell.environment(home: home))
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("Built-ins:"))
        #expect(run.standardError.contains("unknown environment `\u{FFFD}\u{FFFD}xyz`"))
    }
}
