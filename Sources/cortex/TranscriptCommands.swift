import ArgumentParser
import CortexCore
import CortexShell

/// Where a transcript command runs: a fresh simulated cluster unless a kubeconfig is named.
struct TranscriptClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run against the cluster of this kubeconfig instead of a fresh simulated one. Times, names and ids then vary: no determinism is guaranteed.", valueName: "path"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("Kubeconfig context to use instead of the current one (implies a real cluster).", valueName: "name"))
    var context: String?

    @Option(help: ArgumentHelp("`sim` (the default): a fresh simulated cluster for each transcript, with a fixed clock.", valueName: "sim"))
    var cluster: String?

    func validate() throws {
        try validateClusterFlag(cluster)
    }

    /// nil for the simulated cluster.
    var choice: ClusterChoice? {
        guard cluster == nil, kubeconfig != nil || context != nil else { return nil }
        return ClusterChoice(kubeconfig: kubeconfig, context: context)
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay transcripts and compare what they show.",
        discussion: """
        Each transcript runs against a fresh simulated cluster (seeded as its @seed says), a \
        fresh state folder and a fixed clock (2026-01-05T10:00:00Z), through the same pipeline \
        as the shell. A folder stands for its *.txt files in name order. Prints `ok` or `FAIL` \
        with a unified diff for each, then a summary. With --kubeconfig the transcripts run \
        against that cluster instead, without any determinism guarantee.

        A transcript that needs an LLM endpoint (@understand llm or auto) is skipped, with the \
        reason, when none is configured; skipped transcripts do not change the exit code.

        Exit codes: 0 all match, 1 some differ, 2 some cannot be read or are invalid.
        """)

    @Flag(help: "Rewrite the expected output of transcripts that differ, keeping their header.")
    var update = false

    @OptionGroup var target: TranscriptClusterOptions

    @OptionGroup(title: "Understanding (for transcripts with @understand llm or auto)") var llm: LLMFlags

    @Argument(help: ArgumentHelp("Transcript files or folders.", valueName: "file|folder"))
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty { throw CortexError.usage("no transcript given", hint: "cortex run transcripts/") }
    }

    func run() throws {
        let env = processEnvironment(), flags = llm.options
        // Without an endpoint, transcripts that need one are skipped; a broken setting is still an error.
        var local = flags
        local.understand = "local"
        let hasEndpoint = try LLMSettings.resolve(local, environment: env, config: LLMConfigSection()).endpoint != nil
        let understanders: TranscriptReplay.ModeUnderstanders = { mode throws(CortexError) in
            var options = flags
            options.understand = mode.rawValue
            let settings = try LLMSettings.resolve(options, environment: env, config: LLMConfigSection())
            return try UnderstanderFactory.make(settings, environments: .standard, processEnvironment: env, costs: nil, interactive: false)
        }
        let replay = TranscriptReplay(cluster: target.choice, understanders: hasEndpoint ? understanders : nil, processEnvironment: env)
        finish(TranscriptRunner(replay: replay, update: update, output: StandardConsole()).run(paths))
    }
}

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Run an interactive session and write it down as a transcript.",
        discussion: """
        The session runs as `cortex run` replays it: a fresh simulated cluster, a fresh state \
        folder and the fixed clock, so that the transcript replays as it was shown. Reads \
        piped input too (then nobody answers questions: @interactive no).
        """)

    @Flag(help: "Overwrite the file if it exists.")
    var force = false

    @Option(name: .customLong("env"), help: ArgumentHelp("Start in this environment (written as @env).", valueName: "environment"))
    var environment: String?

    @OptionGroup var target: TranscriptClusterOptions

    @Argument(help: ArgumentHelp("The transcript to write.", valueName: "file"))
    var file: String

    func run() throws {
        let recorder = try TranscriptRecorder(path: file, force: force, environment: environment, cluster: target.choice,
                                              processEnvironment: processEnvironment())
        finish(try recorder.record())
    }
}
