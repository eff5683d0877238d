import CortexCore
import CortexTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

@testable import CortexShell

@Suite struct TerminalHistoryFilterTests {
    @Test(arguments: [
        "deploy api with token=abc123",
        "curl -H 'Authorization: Bearer eyJhbGciOi'",
        "set llm key sk-ant-api03-abcdef",
        "use key sk_live_51Habc",
        "login with password hunter2",
        "PASSWD=x restart api",
        "export OPENAI_API_KEY=1",
        "secret=shh deploy web",
        "-----BEGIN PRIVATE KEY-----",
    ])
    func secretLookingLinesAreRefused(_ line: String) {
        #expect(HistoryFilter.mayCarrySecret(line))
        #expect(!HistoryFilter.admits(line))
    }

    @Test(arguments: [
        "deploy security-worker to staging with 3 replicas",
        "restart task-runner in prod",
        "scale disk-cleaner to 2",
        "status of tokenizer-service",
        "roll back web to revision 3",
    ])
    func ordinaryRequestsAreAdmitted(_ line: String) {
        #expect(HistoryFilter.admits(line))
    }

    @Test func blankLinesAreRefused() {
        #expect(!HistoryFilter.admits(""))
        #expect(!HistoryFilter.admits(" \t "))
    }
}

@Suite struct TerminalHistoryListTests {
    @Test func keepsTrimmedLinesWithoutRepeatsOrSecrets() {
        var list = HistoryList(limit: 10)
        #expect(list.add("  status  ") == "status")
        #expect(list.add("status") == nil)
        #expect(list.add("") == nil)
        #expect(list.add("deploy api token=x") == nil)
        #expect(list.add("use staging") == "use staging")
        #expect(list.add("status") == "status")
        #expect(list.entries == ["status", "use staging", "status"])
    }

    @Test func dropsTheOldestBeyondTheLimit() {
        var list = HistoryList(limit: 2)
        for line in ["one", "two", "three"] { list.add(line) }
        #expect(list.entries == ["two", "three"])
        #expect(HistoryList(["a", "b", "c"], limit: 2).entries == ["b", "c"])
        #expect(HistoryList(["a"], limit: 0).entries.isEmpty)
    }
}

@Suite struct TerminalHistoryFileTests {
    @Test func appendsAndLoadsAcrossInstances() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = HistoryFile(path: dir.file("state/cortex/history"))
        #expect(try file.load().isEmpty)
        try file.append("use staging")
        try file.append("deploy api ✓ stäging")
        #expect(try HistoryFile(path: file.path).load() == ["use staging", "deploy api ✓ stäging"])
    }

    @Test func createsFileOwnerOnlyInsidePrivateDirectories() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = HistoryFile(path: dir.file("a/b/history"))
        try file.append("status")
        #expect(try permissions(of: file.path) == 0o600)
        #expect(try permissions(of: dir.file("a/b")) == 0o700)
        #expect(try permissions(of: dir.file("a")) == 0o700)
    }

    @Test func narrowsAFileOthersCouldRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        try #require(FileManager.default.createFile(atPath: path, contents: Data("status\n".utf8), attributes: [.posixPermissions: 0o644]))
        try HistoryFile(path: path).append("help")
        #expect(try permissions(of: path) == 0o600)
    }

    @Test func loadKeepsTheNewestAndBoundsTheFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = HistoryFile(path: dir.file("history"), limit: 3)
        for i in 1...5 { try file.append("request \(i)") }
        #expect(try file.load() == ["request 3", "request 4", "request 5"])
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "request 3\nrequest 4\nrequest 5\n")
        #expect(try permissions(of: file.path) == 0o600)
    }

    @Test func loadSkipsBlankLinesCarriageReturnsAndSecrets() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        try Data("status\r\n\n\ndeploy api token=abc\nhelp\n\u{FF}x\n".utf8 + [0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(try HistoryFile(path: path).load() == ["status", "help", "\u{FF}x", "\u{FFFD}"])
    }

    @Test func limitZeroKeepsNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = HistoryFile(path: dir.file("history"), limit: 0)
        try file.append("status")
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func unwritableLocationIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try #require(FileManager.default.createFile(atPath: dir.file("blocker"), contents: Data()))
        let file = HistoryFile(path: dir.file("blocker/history"))
        let error = #expect(throws: CortexError.self) { try file.append("status") }
        #expect(error?.message.contains("cannot create the history directory") == true)
        #expect(error?.message.contains(dir.file("blocker")) == true)
        #expect(error?.hint?.contains("--history-file") == true)
    }

    @Test func unreadableFileIsAClearError() throws {
        guard geteuid() != 0 else { return }  // root reads any file
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        try #require(FileManager.default.createFile(atPath: path, contents: Data("x\n".utf8), attributes: [.posixPermissions: 0o000]))
        let error = #expect(throws: CortexError.self) { try HistoryFile(path: path).load() }
        #expect(error?.message.contains("cannot read the history file") == true)
    }

    @Test func sizeComesFromTheEnvironment() throws {
        #expect(try HistoryFile.limit(environment: [:]) == 1_000)
        #expect(try HistoryFile.limit(environment: ["CORTEX_HISTORY_SIZE": " 50 "]) == 50)
        #expect(try HistoryFile.limit(environment: ["CORTEX_HISTORY_SIZE": "0"]) == 0)
        for bad in ["lots", "-1", "1e3", "100001", ""] {
            let error = #expect(throws: CortexError.self) { try HistoryFile.limit(environment: ["CORTEX_HISTORY_SIZE": bad]) }
            #expect(error?.exitCode == .usage)
            #expect(error?.message.contains("CORTEX_HISTORY_SIZE") == true)
        }
    }

    private func permissions(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }
}
