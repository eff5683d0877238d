import ArgumentParser
import CortexCore
import CortexShell
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options every command that runs requests understands.
struct SessionOptions: ParsableArguments {
    @Option(name: .customLong("env"), help: ArgumentHelp("Start in this environment (also CORTEX_ENV).", valueName: "environment"))
    var environment: String?

    @Option(help: ArgumentHelp("History file (also CORTEX_HISTORY_FILE; default $XDG_STATE_HOME/cortex/history).", valueName: "path"))
    var historyFile: String?

    @Option(help: ArgumentHelp("Configuration file (also CORTEX_CONFIG; default $XDG_CONFIG_HOME/cortex/config.yaml).", valueName: "path"))
    var config: String?

    @Option(help: ArgumentHelp("Kubeconfig file (instead of KUBECONFIG or ~/.kube/config).", valueName: "path"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("Kubeconfig context to use instead of the current one.", valueName: "name"))
    var context: String?

    @Option(help: ArgumentHelp("`sim` forces the embedded simulated cluster. Without a kubeconfig it is the default.", valueName: "sim"))
    var cluster: String?

    @Option(help: ArgumentHelp("Where the audit chain, approvals and ledgers live: file (the state folder) or cluster (shared through the cluster; also CORTEX_STATE and state: in config.yaml).", valueName: "kind"))
    var state: String?

    @OptionGroup(title: "Understanding") var llm: LLMFlags

    func validate() throws {
        try validateClusterFlag(cluster)
    }

    /// The launch options, with the safeguard flags of commands that run requests.
    func launch(_ guards: GuardOptions? = nil) -> LaunchOptions {
        var options = LaunchOptions(environment: environment, historyFile: historyFile, configFile: config,
                                    cluster: ClusterChoice(kubeconfig: kubeconfig, context: context, forceSimulator: cluster == "sim"),
                                    policyFolder: guards?.policyFolder,
                                    auditLog: guards?.auditLog, assumeYes: guards?.yes ?? false, confirmName: guards?.confirm,
                                    llm: llm.options, processEnvironment: processEnvironment())
        options.state = state
        return options
    }
}

/// `--cluster` takes one value, `sim`; a real cluster comes from --kubeconfig and --context.
func validateClusterFlag(_ cluster: String?) throws {
    if let cluster, cluster != "sim" {
        throw CortexError.usage("unknown --cluster `\(cluster)`", hint: "the only value is `sim`; a real cluster comes from --kubeconfig and --context")
    }
}

/// How sentences are understood: the embedded parser, an LLM endpoint, or both.
struct LLMFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "local: the embedded parser only (default); llm: the LLM endpoint for every request; auto: the endpoint "
            + "when the parser is unsure, the parser when the endpoint fails (also CORTEX_UNDERSTAND).",
        valueName: "mode"))
    var understand: String?

    @Option(name: .customLong("llm-url"), help: ArgumentHelp("The endpoint's base URL, e.g. http://127.0.0.1:8080/v1 (also CORTEX_LLM_URL).", valueName: "url"))
    var url: String?

    @Option(name: .customLong("llm-model"), help: ArgumentHelp("The model name the endpoint knows (also CORTEX_LLM_MODEL).", valueName: "name"))
    var model: String?

    @Option(name: .customLong("llm-provider"), help: ArgumentHelp(
        "openai (any OpenAI-compatible server: OpenAI, Ollama, llama.cpp, vLLM, LM Studio) or anthropic (also CORTEX_LLM_PROVIDER).",
        valueName: "name"))
    var provider: String?

    @Option(name: .customLong("llm-dialect"), help: ArgumentHelp(
        "How an OpenAI-compatible server is asked for the schema: json_schema (default) or json_object (llama-cpp-python) (also CORTEX_LLM_DIALECT).",
        valueName: "dialect"))
    var dialect: String?

    @Option(name: .customLong("prompts"), help: ArgumentHelp(
        "A folder with system.md and examples.jsonl (also CORTEX_PROMPTS_DIR; default the built-in prompt).", valueName: "dir"))
    var promptsFolder: String?

    var options: LLMOptions {
        LLMOptions(understand: understand, url: url, model: model, provider: provider, dialect: dialect, promptsFolder: promptsFolder)
    }
}

/// Options of commands that run requests through the guardrails and the audit log.
struct GuardOptions: ParsableArguments {
    @Flag(help: "Answer yes to plain confirmations (never to one that needs the service name typed back).")
    var yes = false

    @Option(help: ArgumentHelp("Answer a confirmation of a change to this service, including one that needs the name typed back.", valueName: "service"))
    var confirm: String?

    @Option(name: .customLong("policy"), help: ArgumentHelp("A folder of guardrail policy files (default: $CORTEX_POLICY_DIR, else $XDG_CONFIG_HOME/cortex/guardrails, else the built-in policy).", valueName: "dir"))
    var policyFolder: String?

    @Option(help: ArgumentHelp("The audit log (default: $CORTEX_AUDIT_LOG, else $XDG_STATE_HOME/cortex/audit.jsonl).", valueName: "file"))
    var auditLog: String?
}

struct Cortex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cortex",
        abstract: "A natural-language operations shell.",
        discussion: """
        With no command, cortex starts an interactive shell on a terminal, or reads one \
        request per line from standard input (script mode). Requests are plain sentences, \
        e.g. "deploy security-worker to staging with 3 replicas".

        An LLM endpoint's API key comes from CORTEX_LLM_API_KEY, OPENAI_API_KEY or \
        ANTHROPIC_API_KEY, or from `llm: api-key-command` in config.yaml.

        Exit codes: 0 done, 1 failed while executing, 2 usage or configuration error, \
        3 denied by a guardrail, 4 needed confirmation and did not get it, 5 not understood.
        """,
        version: CortexVersion.string,
        subcommands: [Shell.self, NL.self, Parse.self, PolicyCommand.self, AuditCommand.self, ApproveCommand.self, Route.self, LLMCommand.self, SimCommand.self, RunCommand.self, RecordCommand.self],
        defaultSubcommand: Shell.self)
}

struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Start the interactive shell (or script mode when stdin is not a terminal).")

    @OptionGroup var session: SessionOptions
    @OptionGroup var guards: GuardOptions

    @Option(help: ArgumentHelp("Run the requests of this runbook, one per line (`#` starts a comment; `-` reads standard input), without comparing output. The exit code is that of the worst failure.", valueName: "file"))
    var script: String?

    func run() throws {
        try finish(App.shell(options: session.launch(guards), script: script))
    }
}

struct NL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nl",
        abstract: "Run one request given in plain words.",
        discussion: "Example: cortex nl \"scale payments to 3 in staging\"")

    @OptionGroup var session: SessionOptions
    @OptionGroup var guards: GuardOptions

    @Option(help: ArgumentHelp("text (default), or json: the plan, verdict, outcome and exit code as one JSON document on standard output; nobody is asked anything.", valueName: "format"))
    var output: String = "text"

    @Argument(parsing: .remaining, help: "The request, in plain words.")
    var words: [String] = []

    func validate() throws {
        guard ["text", "json"].contains(output) else {
            throw CortexError.usage("unknown --output `\(output)`", hint: "choose text or json")
        }
    }

    func run() throws {
        let text = words.joined(separator: " ")
        guard !text.isEmpty else { throw CortexError.usage("no request given", hint: "cortex nl \"restart payments in staging\"") }
        guard output == "json" else { try finish(App.oneShot(text, options: session.launch(guards))) }
        let (json, code) = try App.oneShotJSON(text, options: session.launch(guards))
        StandardConsole(asciiOnly: false).line(json)
        finish(code)
    }
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the typed operation a sentence becomes, without running it.",
        discussion: "Always exits 0, also when the sentence is not understood (op \"unknown\").")

    @Flag(help: "Print the operation as one line of canonical JSON.")
    var json = false

    @OptionGroup var session: SessionOptions

    @Argument(parsing: .remaining, help: "The sentence.")
    var words: [String] = []

    func run() throws {
        try Self.answer(words, json: json, options: session.launch())
    }

    /// Prints the operation of the sentence `words` make (shared with `FastPath`).
    static func answer(_ words: [String], json: Bool, options: LaunchOptions) throws(CortexError) {
        // Joined by hand: the generic `joined(separator:)` resolves its collection's associated
        // types by mangled name at run time, which costs a one-shot command more than the join.
        var sentence = ""
        for (index, word) in words.enumerated() {
            if index > 0 { sentence += " " }
            sentence += word
        }
        let text = try App.parse(sentence, json: json, options: options)
        StandardConsole(asciiOnly: json ? false : !TerminalLocale.processOutputIsUTF8).line(text)
    }
}

/// The process environment. Each entry is split at its first `=` byte (never part of a
/// longer UTF-8 sequence) and both halves decoded as UTF-8, invalid bytes repaired as
/// `String(cString:)` repairs them; an entry without `=` is left out. Sized up front.
func processEnvironment() -> [String: String] {
    var count = 0
    while environ[count] != nil { count += 1 }
    var env: [String: String] = [:]
    env.reserveCapacity(count)
    for index in 0..<count {
        guard let entry = environ[index] else { continue }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self), count: strlen(entry))
        guard let eq = bytes.firstIndex(of: UInt8(ascii: "=")) else { continue }
        env[String(decoding: bytes[..<eq], as: UTF8.self)] = String(decoding: bytes[(eq + 1)...], as: UTF8.self)
    }
    return env
}

/// Ends the process with a pipeline's exit code.
func finish(_ code: CortexCore.ExitCode) -> Never {
    exit(code.rawValue)
}

// `cortex --version` alone needs none of the command tree that parsing builds: answered first,
// with the text ArgumentParser would print.
if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "--version" {
    print(CortexVersion.string)
    exit(0)
}

/// Ends the process with a pipeline error's message and exit code.
func fail(_ error: CortexError) -> Never {
    StandardConsole().errorLine(ErrorText.render(error))
    exit(error.exitCode.rawValue)
}

// `cortex parse [--json] <words>`, the common form, without building the command tree.
if let parse = FastPath.parseCommand(CommandLine.arguments.dropFirst()) {
    do throws(CortexError) {
        try Parse.answer(parse.words, json: parse.json, options: FastPath.defaultLaunch())
        exit(0)
    } catch {
        fail(error)
    }
}

// Every error becomes one message and one exit code, here and nowhere else.
do {
    var command = try Cortex.parseAsRoot()
    try command.run()
} catch let error as CortexError {
    fail(error)
} catch let code as ArgumentParser.ExitCode where code != .success {
    // A command that already said what went wrong (`CommandOutput`) ends with its own code.
    exit(code.rawValue)
} catch {
    let code = Cortex.exitCode(for: error)
    if code == .success { Cortex.exit(withError: error) }  // --help, --version
    StandardConsole().errorLine(Cortex.fullMessage(for: error))
    exit(CortexCore.ExitCode.usage.rawValue)
}
