@testable import CortexShell
import Foundation
import Testing

/// Giving back the executable's start-up pages leaves it running and shrinks what is resident.
@Suite struct StartupPagesTests {
    /// Resident KiB of this executable's code mappings, from /proc/self/smaps.
    func residentCodeKiB() throws -> Int {
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var total = 0
        var inCode = false
        for line in try String(contentsOfFile: "/proc/self/smaps", encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 5, fields[0].contains("-"), fields[1].count == 4 {
                inCode = fields[1] == "r-xp" && fields.last.map(String.init) == exe
            } else if inCode, fields.first == "Rss:", fields.count >= 2, let kib = Int(fields[1]) {
                total += kib
            }
        }
        return total
    }

    #if os(Linux)
    @Test func releasingDropsResidentCodeAndCodeStillRuns() throws {
        let before = try residentCodeKiB()
        #expect(before > 0)
        StartupPages.release()
        let after = try residentCodeKiB()
        #expect(after < before)
        // Code given back is mapped again when it runs.
        #expect(ShellConfiguration() == ShellConfiguration())
        #expect(try residentCodeKiB() > 0)
    }
    #endif
}
