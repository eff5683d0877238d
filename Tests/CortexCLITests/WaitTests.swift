import CortexTestSupport
import Foundation
import Testing

/// Waiting for a rollout on a terminal: a live progress line, and Ctrl-C ends the wait
/// without undoing the change.
@Suite struct WaitTests {
    @Test func ctrlCStopsWaitingForABrokenRollout() throws {
        let binary = try #require(CortexBinary.url, "the cortex executable is not next to the tests")
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let process = try PseudoTerminalProcess(
            executable: binary.path,
            // Pods that run but never become ready: no failure is ever certain, so no automatic
            // rollback ends the wait before Ctrl-C does.
            arguments: ["nl", "--yes", "deploy payments 2.4.0-unready to staging"],
            environment: PseudoTerminalProcess.standardEnvironment(["HOME": home.path]))
        defer { process.kill() }
        _ = try process.terminal.expect("replicas updated")
        try process.terminal.send("\u{03}")
        _ = try process.terminal.expect("stopping the wait")
        let status = try process.waitForExit(timeout: .seconds(20))
        #expect(status == 1)
    }
}
