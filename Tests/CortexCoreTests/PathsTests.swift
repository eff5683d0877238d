import CortexCore
import Testing

@Suite struct PathsTests {
    @Test func defaultsFollowXDGUnderHome() throws {
        let p = try CortexPaths.resolve(environment: ["HOME": "/home/op"])
        #expect(p.configDirectory == "/home/op/.config/cortex")
        #expect(p.stateDirectory == "/home/op/.local/state/cortex")
        #expect(p.configFile == "/home/op/.config/cortex/config.yaml")
        #expect(p.historyFile == "/home/op/.local/state/cortex/history")
        #expect(p.auditLog == "/home/op/.local/state/cortex/audit.jsonl")
    }

    @Test func xdgVariablesWinOverHomeButRelativeOnesAreIgnored() throws {
        let p = try CortexPaths.resolve(environment: ["HOME": "/h", "XDG_STATE_HOME": "/var/s", "XDG_CONFIG_HOME": "rel/cfg"])
        #expect(p.stateDirectory == "/var/s/cortex")
        #expect(p.configDirectory == "/h/.config/cortex")
    }

    @Test func cortexVariablesAndFlagsWinInThatOrder() throws {
        let env = ["HOME": "/h", "CORTEX_STATE_DIR": "/st", "CORTEX_HISTORY_FILE": "/env/hist", "CORTEX_AUDIT_LOG": "/env/audit"]
        let p = try CortexPaths.resolve(environment: env, overrides: .init(historyFile: "/flag/hist"))
        #expect(p.stateDirectory == "/st")
        #expect(p.historyFile == "/flag/hist")
        #expect(p.auditLog == "/env/audit")
    }

    @Test func noHomeIsAUsageErrorThatSaysWhatToSet() {
        #expect(throws: CortexError.self) { try CortexPaths.resolve(environment: [:]) }
        do {
            _ = try CortexPaths.resolve(environment: [:])
        } catch {
            #expect(error.exitCode == .usage)
            #expect(error.hint?.contains("HOME") == true)
        }
    }

    @Test func eachFolderResolvesOnItsOwn() throws {
        #expect(try CortexPaths.configDirectory(environment: ["XDG_CONFIG_HOME": "/cfg"]) == "/cfg/cortex")
        #expect(try CortexPaths.stateDirectory(environment: ["CORTEX_STATE_DIR": "/st"]) == "/st")
        #expect(throws: CortexError.self) { try CortexPaths.stateDirectory(environment: ["XDG_CONFIG_HOME": "/cfg"]) }
    }
}
