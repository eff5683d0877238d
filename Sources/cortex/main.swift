import ArgumentParser
import CortexCore
import CortexShell

struct Cortex: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cortex", version: CortexVersion.string)
}
Cortex.main()
