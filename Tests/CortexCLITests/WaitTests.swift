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
            arguments: ["nl", "--yes", "deploy payments 2.4.0-broken to staging"],
            environment: PseudoTerminalProcess.standardEnvironment(["HOME": home.path]))
        defer { process.kill() }
        // The simulated cluster never makes the broken image ready, so the wait goes on.
        _ = try process.terminal.expect("replicas updated")
        try process.terminal.send("\u{03}")
        _ = try process.terminal.expect("stopping the wait")
        let status = try process.waitForExit(timeout: .seconds(20))
        #expect(status == 1)
    }
}
