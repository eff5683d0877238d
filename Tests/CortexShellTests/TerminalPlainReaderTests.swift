import CortexCore
import CortexShell
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

@Suite struct TerminalPlainReaderTests {
    /// All reads from a pipe holding `bytes`, until the end of input.
    private func reads(_ bytes: [UInt8]) throws -> [LineInput] {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        bytes.withUnsafeBytes { _ = write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        let reader = PlainLineReader(fileDescriptor: ends[0])
        var all: [LineInput] = []
        while true {
            let input = reader.readLine(prompt: "cortex> ")
            all.append(input)
            if input == .endOfInput || all.count > 100 { return all }
        }
    }

    private func reads(_ text: String) throws -> [LineInput] { try reads(Array(text.utf8)) }

    @Test func linesInOrderThenEndOfInput() throws {
        #expect(try reads("use staging\nstatus\n") == [.line("use staging"), .line("status"), .endOfInput])
    }

    @Test func lastLineWithoutNewline() throws {
        #expect(try reads("use staging\nstatus") == [.line("use staging"), .line("status"), .endOfInput])
    }

    @Test func carriageReturnsAreDropped() throws {
        #expect(try reads("use staging\r\nstatus\r\n") == [.line("use staging"), .line("status"), .endOfInput])
    }

    @Test func blankLinesArriveAsEmptyLines() throws {
        #expect(try reads("\n\nhelp\n") == [.line(""), .line(""), .line("help"), .endOfInput])
    }

    @Test func emptyInputEndsAtOnce() throws {
        #expect(try reads("") == [.endOfInput])
    }

    @Test func invalidUTF8IsReplacedNotFatal() throws {
        #expect(try reads([0x75, 0x73, 0x65, 0x20, 0xFF, 0xFE, 0x0A, 0x6F, 0x6B, 0x0A])
            == [.line("use \u{FFFD}\u{FFFD}"), .line("ok"), .endOfInput])
    }

    @Test func utf8AndByteOrderMark() throws {
        #expect(try reads("\u{FEFF}use stäging\nstatus ✓\n") == [.line("use stäging"), .line("status ✓"), .endOfInput])
    }

    @Test func longLinesSpanningReads() throws {
        let long = String(repeating: "deploy api ", count: 5_000)
        #expect(try reads(long + "\nstatus\n") == [.line(long), .line("status"), .endOfInput])
    }

    @Test func notInteractiveAndKeepsHistoryInMemory() {
        let reader = PlainLineReader(fileDescriptor: -1, historyLimit: 2)
        #expect(!reader.isInteractive)
        reader.remember("status")
        reader.remember("deploy api token=abc")
        reader.remember("help")
        reader.remember("use staging")
        #expect(reader.history == ["help", "use staging"])
        #expect(reader.readLine(prompt: "> ") == .endOfInput)
    }
}

@Suite struct TerminalLocaleTests {
    @Test(arguments: [
        (["LANG": "C.UTF-8"], true), (["LANG": "en_US.utf8"], true), (["LANG": "C"], false), ([:], false),
        (["LANG": "C.UTF-8", "LC_ALL": "POSIX"], false), (["LANG": "C", "LC_CTYPE": "de_DE.UTF-8"], true),
        (["LANG": "en_US.ISO-8859-1"], false), (["LC_ALL": "", "LANG": "C.UTF-8"], true),
    ] as [([String: String], Bool)])
    func theLocaleDecidesWhetherOutputIsUTF8(_ env: [String: String], _ utf8: Bool) {
        #expect(TerminalLocale.outputIsUTF8(environment: env) == utf8)
    }
}
