public import CortexCore

/// Builds the understander the settings ask for: the embedded parser alone, or the parser
/// and an LLM endpoint combined by mode, with usage going to the cost ledgers and the LLM
/// budget checked before each call.
public enum UnderstanderFactory {
    /// - Parameters:
    ///   - costs: where usage is recorded and the LLM budget is read; nil records nothing.
    ///   - interactive: whether Ctrl-C should cancel a call in progress.
    ///   - onNotice: hears retries ("the endpoint answered HTTP 429, trying again in 2s").
    public static func make(
        _ settings: LLMSettings, environments: EnvironmentCatalog, processEnvironment: [String: String],
        costs: RoutingCostDispatcher?, interactive: Bool, onNotice: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(CortexError) -> any Understander {
        guard settings.mode != .local, let remote = try endpoint(settings, environments: environments, processEnvironment: processEnvironment,
                                                                costs: costs, interactive: interactive, onNotice: onNotice)
        else { return EmbeddedParser() }
        return ModeUnderstander(mode: settings.mode, remote: remote, threshold: settings.threshold, budgetExhausted: {
            guard let costs, let spent = (try? costs.llmBudgetSpent()) ?? nil else { return nil }
            return CostReportText.embeddedParserNotice(spent)
        })
    }

    /// The endpoint client alone (also for `cortex llm check`); nil when none is configured.
    public static func endpoint(
        _ settings: LLMSettings, environments: EnvironmentCatalog, processEnvironment: [String: String],
        costs: RoutingCostDispatcher?, interactive: Bool, onNotice: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(CortexError) -> EndpointUnderstander? {
        guard let endpoint = settings.endpoint else { return nil }
        let prompt = try PromptFiles.load(folder: settings.promptsFolder, environments: environments)
        let key = try APIKeySource.resolve(provider: endpoint.provider, environment: processEnvironment, command: settings.apiKeyCommand)
        let flag = CancellationFlag()
        let transport = RetryingTransport(
            CurlTransport(cancellation: flag, userAgent: "cortex/\(CortexVersion.string)"), policy: .modelCalls,
            clock: SystemWaitingClock(), cancellation: flag,
            onRetry: { _, delay, reason in onNotice("the LLM endpoint answered \(reason); trying again in \(HTTPTransportError.describe(delay))") })
        return EndpointUnderstander(endpoint: endpoint, prompt: prompt, transport: transport, apiKey: key,
                                    usage: costs?.ledgers, interrupt: interactive ? flag : nil)
    }
}
