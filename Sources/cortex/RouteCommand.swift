import ArgumentParser
import CortexCore
import CortexShell

/// `cortex route`: which specialist should take a task, and how routed tasks turned out.
struct Route: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Name the specialist that should take a task, or record how a routed task went.",
        discussion: """
        Examples:
          cortex route "the nightly build has been red since yesterday"
          cortex route outcome r7 success
        """,
        subcommands: [RouteTask.self, RouteOutcome.self],
        defaultSubcommand: RouteTask.self)
}

struct RouteTask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Rank the specialists for a task and record the route under a new id.")

    @Argument(parsing: .remaining, help: "The task, in plain words.")
    var words: [String] = []

    func run() throws {
        let lines = try RoutingCostCommands.route(words.joined(separator: " "), processEnvironment: processEnvironment())
        for line in lines { StandardConsole().line(line) }
    }
}

struct RouteOutcome: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "Record whether a routed task succeeded; later routings of that kind of task learn from it.")

    @Argument(help: ArgumentHelp("The route's id, as `cortex route` printed it (r7, or 7).", valueName: "id"))
    var id: String

    @Argument(help: ArgumentHelp("success or failure.", valueName: "result"))
    var result: String

    func run() throws {
        let lines = try RoutingCostCommands.outcome(id: id, result: result, processEnvironment: processEnvironment())
        for line in lines { StandardConsole().line(line) }
    }
}

/// `cortex llm`: the LLM endpoint.
struct LLMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm",
        abstract: "Check the LLM endpoint.",
        subcommands: [LLMCheckCommand.self])
}

struct LLMCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Tell whether the LLM endpoint answers, which model, and the round-trip time of one request.",
        discussion: "Sends one request (\"\(LLMCheck.probe)\") and shows the operation it became. Exit 0 when the endpoint answered.")

    @OptionGroup var session: SessionOptions

    func run() throws {
        for line in try LLMCheck.run(session.launch()) { StandardConsole().line(line) }
    }
}
