/// The embedded, rule-based understander: no network, no model files.
///
/// A sentence goes through these steps (see `Parser/`):
/// 1. `Tokenizer`: words, clause breaks and question marks, scanning UTF-8 bytes.
/// 2. `SafetyScreen`: shell syntax, SQL and instruction-like text are refused outright.
/// 3. `RouteRules`: `who should …`, `route: …` and the like keep the task in the user's words.
/// 4. `Tagger`: lexicon phrases, numbers in words, versions, images, amounts, environments
///    (aliases and typos from the context's catalog).
/// 5. `Sentence`: clauses, trailing comments, several operations in one line.
/// 6. `IntentRules`: which operation, from the verb and what follows it.
/// 7. `SlotReader` and `OperationBuilder`: the fields, what does not fit, and `Confidence`.
///
/// Fields the sentence does not state are left out; the session environment is filled in
/// later in the pipeline, never here.
public struct EmbeddedParser: Understander {
    /// The lead words an operator types, for tab completion.
    public static let verbs: [String] = Lexicon.completionVerbs

    /// Longer input is not a request anyone types.
    static let maximumLength = 1000

    public init() {}

    public func understand(_ said: String, context: UnderstandingContext) -> Understanding {
        // `> should we delete the old deployment?` then `yeah, delete invoice-gen in dev`: only
        // the reply under the quoted lines is the writer's.
        let reply = ChatQuotes.reply(in: said)
        guard case .text(let text) = reply else {
            return Understanding(operation: .unknown(reply.refusal ?? ""), confidence: Confidence.notARequest, source: "embedded", settled: true)
        }
        var verdict = interpret(text, context)
        // `scale each of the workers to 2`, `restart cart, and orders too`: a change for more
        // than one workload is made one workload at a time.
        if verdict.operation.op.isMutation, let why = ScopeWords.refusal(text, service: verdict.operation.service) {
            verdict = .unknown(why, Confidence.ambiguousTarget)
        }
        // `Delete the team-sandbox namespace`, `the zookeeper PDB`, `add three nodes`: an
        // object cortex does not manage, named after its name or a count.
        if verdict.operation.op.isMutation, let object = UnmanagedObjects.named(in: text) {
            verdict = Self.refusingUnmanaged(object)
        }
        // `[alert] fraud-scorer canary healthy for 2h — promote when ready`: an alert's own
        // advice, pasted; a change is asked for in a line of its own.
        if verdict.operation.op.isMutation, Self.opensWithAlertTag(text), !text.utf8.contains(UInt8(ascii: "\n")),
           !Self.afterLastDash(text).lowercased().contains(verdict.operation.service ?? "\u{0}")
        {
            verdict = .unknown("that reads as an alert pasted with its advice, not a request; to act on it, say the change on its own line, e.g. promote fraud-scorer in production", Confidence.notARequest)
        }
        // `Finally — only if everything above passed — promote quote-engine`: a condition set
        // apart by dashes still binds the change.
        if verdict.operation.op.isMutation, ByteSearch.containsAny(Self.onlyIf, in: text) {
            verdict = .unknown("cortex does not act on conditions; check first (diagnose or status), then say the change on its own, e.g. \(verdict.operation.summary)", Confidence.notARequest)
        }
        if verdict.operation.op.isMutation, ScopeWords.tellsWhatAThingDid(text) {
            verdict = .unknown("that tells what happened, not a request; to act on it, say what to do, e.g. roll back cart-sync in production", Confidence.notARequest)
        }
        // `restart the metrics-relay pod on each node, it's a daemonset`: the kind said of the workload.
        if verdict.operation.service != nil, verdict.operation.kind == nil, let kind = ScopeWords.kindSaidOfIt(text) {
            verdict.operation.kind = kind
        }
        // (`restrat ledger`: a word read through a slip is less sure than one typed right.)
        if verdict.operation.op != .unknown, TypedShorthand.hasSlip(text) {
            verdict.confidence = max(Confidence.floor, verdict.confidence - Confidence.fuzzyVerb)
        }
        // An unknown the parser is at least half sure of names a missing field or a refusal.
        let settled = verdict.operation.op == .unknown && verdict.confidence >= Confidence.missingField
        return Understanding(operation: verdict.operation, confidence: verdict.confidence, source: "embedded", settled: settled)
    }

    /// Why `text` must not become any operation whoever reads it (shell syntax, SQL, injected
    /// instructions, an overlong line), or nil.
    public static func screen(_ text: String) -> String? {
        let reply = ChatQuotes.reply(in: text)
        guard case .text(let words) = reply else { return reply.refusal }
        let text = Self.readable(words)
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { return "the request is too long: type one request per line" }
        return SafetyScreen.refusal(bytes, Tokenizer.tokenize(bytes).tokens)
    }

    /// Why a change to `object`, a kind cortex does not manage (`namespace`, `nodes`), is refused.
    private static func refusingUnmanaged(_ object: String) -> ParseOutcome {
        let named = object.hasSuffix("s") ? object : "a \(object)"
        return .unknown("cortex changes workloads (deployments, statefulsets, daemonsets), not \(named); do that with your usual tools", Confidence.notARequest)
    }

    /// `only if `, which makes any change a condition wherever it stands.
    private static let onlyIf = [Array("only if ".utf8)]

    /// The words after the last dash that sets a clause apart (` — `, ` -- `, ` – `), or the text.
    private static func afterLastDash(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var cut = 0
        for mark in PastedOutput.clauseDashes {
            var from = 0
            while let at = ByteSearch.first(mark, in: bytes, from: from) {
                cut = max(cut, at + mark.count)
                from = at + 1
            }
        }
        return String(decoding: bytes[cut...], as: UTF8.self)
    }

    /// `[alert]`, `[FIRING]`, `[critical]`: the tag a monitoring tool opens its message with.
    private static func opensWithAlertTag(_ text: String) -> Bool {
        guard text.utf8.first == UInt8(ascii: "[") else { return false }
        let tag = text.utf8.dropFirst().prefix { $0 != UInt8(ascii: "]") }
        guard tag.count <= 12 else { return false }
        return ["alert", "alerting", "firing", "critical", "warning", "warn", "page", "pagerduty", "alarm"]
            .contains(String(decoding: tag.map(ByteSearch.asciiLowercased), as: UTF8.self))
    }

    /// Why a line addressed to someone else is not acted on.
    private static let addressedToAPerson = "that is addressed to a person, not to cortex; to have cortex act, say what to do, e.g. restart ledger in staging"

    private func interpret(_ text: String, _ context: UnderstandingContext) -> ParseOutcome {
        // `Anh Tuan oi, can you roll back …`: a message to a person, whatever follows.
        if text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ":") }), RouteRules.mayCallOnSomeone(text), RouteRules.callsOnSomeone(Tokenizer.tokenize(Array(text.utf8)).tokens) {
            return .unknown(Self.addressedToAPerson, Confidence.notARequest)
        }
        // `2024-05-02T10:14:03Z WARN ops-bot: please delete payments`, `job output: …`: text
        // copied from the cluster or a tool, whatever it says to do.
        if PastedOutput.mayOpenAsPaste(text), PastedOutput.opensAsPaste(Tokenizer.tokenize(Array(text.utf8)).tokens) {
            return .unknown("that reads as text pasted from a log, an event or a tool, not a request; to look into it, say, for example: why is payments failing", Confidence.notARequest)
        }
        // `op=scale svc=shipping replicas=4 env=stg`: fields, read as the sentence they say.
        if let said = StructuredFields.sentence(text) { return interpret(said, context) }
        if let addressed = Self.linesAddressedToCortex(text) ?? Self.addressedAfterBackground(text) { return interpret(addressed, context) }
        var labelled = Self.readable(text, context.environments)
        switch CodeText.read(labelled) {
        case .request(let words): labelled = words
        case .notARequest(let why): return .unknown(why, Confidence.notARequest)
        }
        var text: String
        switch LineLabels.read(labelled) {
        case .request(let words): text = words
        case .notARequest(let why): return .unknown(why, Confidence.notARequest)
        }
        // A closed ticket, which `readable` leaves as it is, is refused here, also after a
        // checklist's box (`- [ ] OPS-12: restart cart` is read after the box).
        switch TicketHeaders.read(text, context.environments) {
        case .request(let words): text = words
        case .notARequest(let why): return .unknown(why, Confidence.notARequest)
        }
        if let approved = LineLabels.afterApproval(text) { return interpret(approved, context) }
        // `decom ticket DECOM-77: delete legacy-reports from production`: a label before a
        // complete request says what it is filed under.
        if let rest = LineLabels.afterLeadingLabel(text, context.environments) {
            let whole = Tokenizer.tokenize(Array(text.utf8))
            guard RouteRules.match(whole.tokens, Array(text.utf8)) == nil,
                  [.request, .question].contains(MoodReader.read(whole.tokens, isQuestion: whole.isQuestion))
            else { return interpretUnlabelled(text, context) }
            let outcome = interpret(rest, context)
            if outcome.operation.op != .unknown { return outcome }
        }
        // `My boss said to delete demo-bot, but first I want to see its status`: what is to be
        // done first is the request; the rest waits for a line of its own, and never runs here.
        if let first = ContextClauses.requestDoneFirst(in: text) {
            let outcome = interpret(first, context)
            let workloadRead = [.status, .logs, .events, .diagnose].contains(outcome.operation.op) && outcome.operation.service == nil
            if outcome.operation.op != .unknown, !workloadRead { return outcome }
            // (`I want to roll back fraud-scorer but first just show me its events`: `its` is
            // the one workload named before.)
            let before = String(decoding: text.utf8.prefix(text.utf8.count - first.utf8.count), as: UTF8.self)
            if workloadRead, let named = Antecedent.find(in: before, context.environments)?.name,
               !named.contains(" "), let pointed = ReportedWorkload.replacingPointer(in: first, with: named)
            {
                let again = interpret(pointed, context)
                if again.operation.service == named { return again }
            }
            return .unknown("the line asks for something to be done first: say that alone, with the workload's name, e.g. status of payments in staging", Confidence.ambiguousTarget)
        }
        // `before I restart auth-proxy, what's been happening with it?`: a read asked ahead of
        // a change the speaker will make themselves.
        if let read = ContextClauses.readBeforePlannedChange(in: text, context.environments) {
            let outcome = interpret(read, context)
            // (A read that loses the workload the clause names is for the readings below to place.)
            let named = Antecedent.find(in: text, context.environments)?.name
            let pointer = read.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }).contains { ["it", "its", "it's"].contains($0) }
            let unplaced = outcome.operation.service == nil && (named != nil || pointer)
            if [.status, .logs, .events, .diagnose, .cost].contains(outcome.operation.op), !unplaced {
                // (`before anyone deletes the sts ledger-db in stg, show me its status`: its kind too.)
                var placed = outcome
                if placed.operation.kind == nil, placed.operation.service != nil, let word = Antecedent.kindWord(in: text) {
                    placed.operation.kind = WorkloadKind(alias: word)
                }
                return placed
            }
        }
        // `Finance noticed dev costs too much; could you scale analytics-ingest in dev to 0?`:
        // background before a polite request is not part of it.
        if let request = ContextClauses.request(in: text, context.environments) ?? ContextClauses.requestAfterAlert(in: text, context.environments) {
            let outcome = interpret(request, context)
            // (A read that names neither a workload nor an environment may be about a workload
            // the background names: `payments-api is throwing errors, can you take a look`.)
            let workloadRead = [.status, .logs, .events, .diagnose].contains(outcome.operation.op)
                && outcome.operation.service == nil && outcome.operation.environment == nil
            if outcome.operation.op != .unknown, !workloadRead { return outcome }
        }
        // `Priya rolled back payments-gw last night; show me its events`: a read of the
        // workload the report names.
        if let request = ContextClauses.requestAboutReported(in: text, context.environments) {
            let outcome = interpret(request, context)
            if [.status, .logs, .events, .diagnose].contains(outcome.operation.op) { return outcome }
        }
        return interpretUnlabelled(text, context)
    }

    private func interpretUnlabelled(_ text: String, _ context: UnderstandingContext) -> ParseOutcome {
        let original = Array(text.utf8)
        guard original.count <= Self.maximumLength else {
            return .unknown("the request is too long: type one request per line", Confidence.refused)
        }
        let whole = Tokenizer.tokenize(original)
        guard !whole.tokens.isEmpty else { return .unknown("nothing to do: the request is empty", Confidence.empty) }
        if let refusal = SafetyScreen.refusal(original, whole.tokens) {
            return .unknown(refusal, Confidence.refused)
        }
        // `why?`, `how?`: a question word alone asks about nothing in particular.
        if whole.tokens.count == 1, ["why", "how", "what", "huh"].contains(whole.tokens[0].word) {
            return .unknown("\(whole.tokens[0].word) what? say, for example: why is payments failing in staging", Confidence.missingField)
        }
        // `is 512Mi enough for pg-bouncer?`, `are 3 replicas too many?`: advice on a size.
        if whole.isQuestion, whole.tokens.contains(where: { ["enough", "sufficient", "overkill", "oversized", "undersized"].contains($0.word) })
            || (whole.isQuestion && whole.tokens.indices.dropLast().contains { whole.tokens[$0].word == "too" && ["much", "many", "little", "few", "big", "small"].contains(whole.tokens[$0 + 1].word) })
        {
            return .unknown("that asks for advice on a size, which cortex does not give; to see how a workload is doing, say, for example: status of payments", Confidence.notARequest)
        }
        let wholeWords = whole.tokens.map(\.word)
        // `let's have a retro about last night's outage`, `schedule a launch sync for Friday`.
        if Self.arrangesAMeeting(wholeWords) {
            return .unknown("cortex does not arrange meetings; to look into something, say, for example: why is payments failing", Confidence.notARequest)
        }
        // `tell me a joke about kubernetes rollbacks`.
        if Self.asksForAJoke(wholeWords) {
            return .unknown("cortex tells no jokes; to look into something, say, for example: why is payments failing", Confidence.unrelated)
        }
        // `please raise a change ticket for scaling open-banking-api to 10 replicas`.
        // `Request approval to restart ledger-sync in production …`: approval sought, not the change.
        if Self.seeksApproval(wholeWords) {
            return .unknown("that seeks approval for a change, which cortex does not grant; once it is approved, say the change, e.g. restart ledger in production", Confidence.notARequest)
        }
        // `wait 10 minutes for the pods to settle`: a pause in a runbook, no operation.
        if let first = whole.tokens.first?.word, first == "wait", whole.tokens.count > 2,
           NumberWords.single(whole.tokens[1].word) != nil || ["for", "until", "till", "a"].contains(whole.tokens[1].word)
        {
            return .unknown("that is a wait, which cortex does not need; say the next request when it is time, e.g. status of payments", Confidence.notARequest)
        }
        if Self.asksForATicket(wholeWords) {
            return .unknown("that asks for a ticket, which cortex does not file; to make the change itself, say what to do, e.g. scale payments to 3 in staging", Confidence.notARequest)
        }
        if MoodReader.talksAboutAChange(whole.tokens) {
            return .unknown("that talks about a change, it does not ask for one; to make it, say what to do, e.g. restart ledger in staging", Confidence.notARequest)
        }
        // `Morning team. Release 2.8.0 passed QA. Deploy storefront 2.8.0 to production.`
        // `deployment.apps/geo-lookup scaled -- set geo-lookup in staging back to 2 replicas`
        let sentences = MessageSentences.split(text)
        let pasted = PastedOutput.recognises(whole.tokens)
        if sentences.count > 1, RouteRules.match(whole.tokens, original) == nil,
           let reading = readSentences(sentences, context)
        {
            return reading
        }
        if pasted {
            return .unknown("that looks like output pasted from a terminal, not a request; to look into it, say, for example: why is payments failing", Confidence.notARequest)
        }
        let bytes = Array(Quotations.removing(from: text).utf8)
        // `The note came from the release manager: "atlas is to be deleted"`: a line that ends
        // by quoting, after its colon, gives someone else's words.
        // (`scale cassandra to 6. context from nodetool: "UN …"`: a sentence before asks.)
        if bytes != original, bytes.reversed().drop(while: { ByteSearch.isSpace($0) || ".!?".utf8.contains($0) }).first == UInt8(ascii: ":"),
           !zip(bytes, bytes.dropFirst()).contains(where: { ".!?".utf8.contains($0.0) && $0.1 == UInt8(ascii: " ") })
        {
            return .unknown("that quotes someone else's words, not a request; to make the change, say it yourself", Confidence.notARequest)
        }
        var tokenized = bytes == original ? whole : Tokenizer.tokenize(bytes)
        let reasons = SubordinateClauses.remove(from: SelfCorrections.apply(tokenized.tokens, environments: context.environments))
        tokenized.tokens = reasons.tokens
        guard !tokenized.tokens.isEmpty else { return .unknown("nothing to do: the request is only a quotation", Confidence.empty) }
        // A route task is handed on as written, quotations included.
        switch RouteRules.match(whole.tokens, original) {
        case .task(let task)?:
            return ParseOutcome(operation: Operation(.route, task: task), confidence: Confidence.route)
        case .missingTask?:
            return .unknown("route needs a task: what should the specialist do?", Confidence.missingField)
        case .forAPerson?:
            return .unknown(Self.addressedToAPerson, Confidence.notARequest)
        case nil:
            break
        }
        let lexemes = Tagger(environments: context.environments, statement: !tokenized.isQuestion).tag(tokenized.tokens)
        let sentence = Sentence(lexemes, isQuestion: tokenized.isQuestion)
        if sentence.hasSeveralOperations {
            if let read = readBesideAChangeHeldOff(text, context) { return read }
            return .unknown("one request at a time: this line asks for several operations", Confidence.severalOperations)
        }
        switch IntentRules.decide(sentence, Evidence(sentence)) {
        case .nothing where whole.tokens.count > 2 && whole.tokens[0].colonAfter && !whole.isQuestion:
            // `Grafana: [Alerting] search-indexer memory usage 94%`, `CI: build #4410 passed`: a
            // tool's message that asks for nothing; settled here, so no model reads a request into it.
            return .unknown("that reads as a message from a tool, not a request; to look into it, say, for example: why is search-indexer failing", Confidence.toolMessage)
        case .nothing where !original.contains(UInt8(ascii: "?")) && MoodReader.tellsOfAChangeDone(whole.tokens.map(\.word)):
            // `at 02:14 Omar rolled back fraud-scorer`: a change told in the past tense, with no
            // request beside it; settled here, so no model reads a request into it.
            return .unknown(Mood.report.refusal(of: .unknown("")), Confidence.toolMessage)
        case .nothing:
            return .unknown("not an operations request: try 'status', 'deploy <service> to <environment>' or 'help'", Confidence.unrelated)
        case .unclear(let verb) where ["drain", "cordon", "uncordon", "exec", "ssh", "snapshot", "backup", "back up", "connect"].contains(verb.lowercased()):
            // `kubectl drain node-7`: an action on nodes or shells that cortex never takes.
            return .unknown("cortex does not \(verb.lowercased()); it deploys, scales, restarts, rolls back and deletes workloads", Confidence.notARequest)
        case .unclear(let verb):
            // `hypothetically, how long would a rollback … take?`: whatever the verb means, the
            // line asks for no change; that is settled here, not by a model.
            switch MoodReader.read(tokenized.tokens, isQuestion: tokenized.isQuestion) {
            case .hypothetical, .condition, .report, .retracted, .quoted:
                return .unknown("that talks about a change without asking for one; to make a change, say what to do, e.g. roll back search in staging", Confidence.notARequest)
            case .request, .question:
                return .unknown("'\(verb)' could mean several things here: say deploy, scale, restart, rollback or delete", Confidence.unclearVerb)
            }
        case .intent(let intent):
            let slots = SlotReader(sentence: sentence, family: intent.family, knownServices: Set(context.knownServices)).read()
            let outcome = OperationBuilder(sentence: sentence, intent: intent, slots: slots, environments: context.environments).build()
            // `create namespace sandbox-42`, `delete the secret of api`: the verb acts on a kind
            // of object cortex does not manage.
            // (`delete the logs of livraison`; but `scale logs to 3` names a workload.)
            if outcome.operation.op.isMutation, let object = Self.unmanagedObject(sentence),
               outcome.operation.op == .delete || !Self.logKinds.contains(object),
               [.delete, .deploy].contains(outcome.operation.op) || !Self.businessNouns.contains(object)
            {
                return Self.refusingUnmanaged(object)
            }
            // `restart cart-svc, orders and search in staging`: a list of workloads.
            if outcome.operation.op.isMutation, let service = outcome.operation.service, Self.listsMoreWorkloads(after: service, sentence) {
                return .unknown("one workload at a time: the line lists \(service) and others; say one request for each", Confidence.ambiguousTarget)
            }
            // `restart clickstream everywhere`: a change is made in one environment at a time.
            let words = tokenized.tokens.map(\.word)
            if outcome.operation.op.isMutation, outcome.operation.op != .budget, words.contains("everywhere")
                || words.indices.dropLast().contains(where: { ["all", "every", "each"].contains(words[$0]) && ["environments", "environment", "envs", "env", "clusters"].contains(words[$0 + 1]) })
            {
                return .unknown("one environment at a time: say which, e.g. \(outcome.operation.summary) in staging", Confidence.unknownEnvironment)
            }
            var mood = MoodReader.read(tokenized.tokens, isQuestion: tokenized.isQuestion)
            // `turn off autoscaling for ui; we will manage its replicas by hand`: what the
            // speaker says they will do, beside a command, reports nothing.
            // (`here's what I ran yesterday: kubectl delete …` quotes what was done after the colon.)
            if mood == .report, sentence.lexemes.contains(where: \.commentary), !sentence.lexemes.contains(where: { $0.commentary && $0.colonAfter }) {
                let commented = Set(sentence.lexemes.filter(\.commentary).flatMap { $0.first..<$0.end })
                let kept = tokenized.tokens.indices.filter { !commented.contains($0) }.map { tokenized.tokens[$0] }
                if MoodReader.read(kept, isQuestion: tokenized.isQuestion) == .request { mood = .request }
            }
            if mood == .retracted || mood == .quoted { return .unknown(mood.refusal(of: outcome.operation), Confidence.notARequest) }
            // `I rolled back payments-api to revision 40 but it's still failing, why?`: after
            // what was done, asking why it still fails asks for a diagnosis.
            if mood == .report, words.contains("why"), words.contains(where: { Evidence.troubleWords.contains($0) }),
               let service = outcome.operation.service
            {
                var diagnose = Operation(.diagnose, service: service, environment: outcome.operation.environment)
                diagnose.kind = outcome.operation.kind
                return ParseOutcome(operation: diagnose, confidence: outcome.confidence)
            }
            // `the notifications rollout is paused`, `ledger rollback to rev 3 failed last night`:
            // a change named as a noun with how it went is a statement, not a request.
            // (`the pause on the rollout was lifted by Oskar`: a passive past says it too.)
            let lx = sentence.lexemes
            let passive = sentence.range.dropFirst().contains { k in
                !lx[k].commentary && ["was", "were"].contains(lx[k - 1].word)
                    && Tagger.isParticiple(lx[k].word)
            }
            let completed = Self.changeIsSubjectOfCompletion(tokenized.tokens)
            let saysHowItWent = passive || completed || tokenized.tokens.contains { Self.outcomeWords.contains($0.word) }
            if mood == .request, !tokenized.isQuestion, !Self.opensAsQuestion(sentence), saysHowItWent,
               intent.fromNounUse || completed || ((passive || MoodReader.saysPastTime(tokenized.tokens.map(\.word))) && !Self.hasImperative(sentence))
            {
                return .unknown(Mood.report.refusal(of: outcome.operation), Confidence.notARequest)
            }
            // `auth rollout paused? prod`: how a change named as a noun went, asked, asks for
            // the workload's status.
            // (`did the canary of ledger get promoted?`: a participle after `get` asks it too.)
            let gotDone = sentence.range.dropFirst().contains { k in
                ["get", "got", "been", "gotten"].contains(lx[k - 1].word) && Tagger.isParticiple(lx[k].word)
            }
            if mood == .request || mood == .question, tokenized.isQuestion, saysHowItWent || gotDone, intent.fromNounUse || !Self.hasImperative(sentence), outcome.operation.op.isMutation,
               let service = outcome.operation.service
            {
                var status = Operation(.status, service: service, environment: outcome.operation.environment)
                status.kind = outcome.operation.kind
                return ParseOutcome(operation: status, confidence: outcome.confidence)
            }
            // `the ledger rollout looks good now`: a change named as a noun, then how it looks
            // or went, and no command: a remark.
            // (`search deploy to prod went fine`: the verb-like noun after the name is no command.)
            if mood == .request, !tokenized.isQuestion, outcome.operation.op.isMutation,
               !Self.hasImperative(sentence), Self.describesAChange(tokenized.tokens, commandAfter: !(intent.fromNounUse || intent.recognition == .nouns))
            {
                return .unknown(Self.describes + " how something went, not a request" + Self.suggesting("to change it", outcome.operation), Confidence.notARequest)
            }
            // `billing in prod is on 6 replicas atm`: no verb, and a verb of being, describes
            // how things are.
            if mood == .request, !tokenized.isQuestion, intent.recognition == .nouns, [.scale, .deploy, .setResources, .budget, .autoscale].contains(intent.family),
               !sentence.range.contains(where: { if case .verb = sentence.lexemes[$0].tag { return true } else { return false } }),
               tokenized.tokens.dropFirst().contains(where: { ["is", "are", "has", "have", "sits", "runs", "was", "were", "goes", "stays", "tops", "maxes"].contains($0.word) }),
               // (`order-sync must have 3 replicas in production` says how things must be.)
               !tokenized.tokens.contains(where: { ["must", "should", "shall"].contains($0.word) }),
               // (`I need checkout to have 4 pods in prod`, `search-api has to be at seven
               // replicas`: the speaker's wish, or what a workload has to be, asks for it.)
               !Self.wishesFor(tokenized.tokens.map(\.word))
            {
                return .unknown(Self.describes + " how things are, not a request" + Self.suggesting("to change it", outcome.operation), Confidence.notARequest)
            }
            let talksOfAChange = MoodReader.asksAboutAChange(tokenized.tokens)
                || (mood == .question && MoodReader.asksHowTo(tokenized.tokens)
                    && sentence.range.contains { Sentence.namesAChange(sentence.lexemes[$0].tag) || sentence.lexemes[$0].tag == .verb(.set) })
                // `what would it cost to run search at 20 replicas`: cortex does not predict.
                || mood == .hypothetical
                || (mood == .condition && sentence.range.contains { Sentence.namesAChange(sentence.lexemes[$0].tag) })
                // `billing was deployed to prod an hour ago`: a report that asks nothing.
                || (mood == .report && !tokenized.isQuestion && !Self.opensAsQuestion(sentence))
            // `how do I read fraud-scorer's logs?`, `explain what a rolling restart does`: asks
            // how something works, which is not a request to read it (`explain why … fails` is).
            // (`what does the promote command actually do`: also where a change is named.)
            if outcome.operation.op != .diagnose, MoodReader.asksHowTo(tokenized.tokens),
               !tokenized.tokens.contains(where: { $0.word == "why" })
            {
                let read = outcome.operation.op.isMutation ? Operation(.unknown) : outcome.operation
                return .unknown("that asks how something works, which cortex does not explain" + Self.suggesting("to see it", read), Confidence.notARequest)
            }
            if mood != .request, !outcome.operation.op.isMutation, talksOfAChange {
                if mood == .report { return .unknown(mood.refusal(of: outcome.operation), Confidence.notARequest) }
                return .unknown("that is a question about a change, not a request; to make a change, say what to do, e.g. restart checkout in staging", Confidence.notARequest)
            }
            // `time to deploy shipping 4.1.0 to prod, start it as a canary`: a deploy that left
            // out a version the line names would ship something else.
            let op = outcome.operation
            if op.op == .deploy, op.version == nil, op.image == nil,
               let named = sentence.lexemes.first(where: { l in
                   switch l.tag {
                   case .version, .image, .serviceTag: return true
                   default: return false
                   }
               })
            {
                return .unknown("which version? the line names \(named.raw) but not as what to deploy: say, for example, deploy \(op.service ?? "the service") \(named.raw)", Confidence.ambiguousTarget)
            }
            // `promote the intern to prod owner`: people are not workloads.
            if op.op.isMutation, let service = op.service, Self.people.contains(service) {
                return .unknown("'\(service)' is a person, not a workload: cortex changes workloads by their names", Confidence.ambiguousTarget)
            }
            // `promote Dana to team lead`: a canary is promoted to all traffic, not to a role.
            if op.op == .promote, let to = sentence.range.first(where: { sentence.lexemes[$0].tag == .prep(.to) }) {
                var j = to + 1
                while j < sentence.end, sentence.lexemes[j].tag == .article { j += 1 }
                if j < sentence.end, [.word, .noun(.generic)].contains(sentence.lexemes[j].tag),
                   !["full", "all", "everyone", "everybody", "traffic", "stable", "general", "ga", "rest", "primary", "main", "whole", "everything"].contains(sentence.lexemes[j].word)
                {
                    return .unknown("promote sends all of a canary's traffic to its new version; '\(sentence.lexemes[j].raw)' is not something cortex promotes to", Confidence.ambiguousTarget)
                }
            }
            // `the sales team need crm-sync with 2 replicas, can you deploy it?`: a deploy that
            // left out a replica count the line names would run another number of pods.
            if op.op == .deploy, op.replicas == nil,
               let count = sentence.lexemes.indices.first(where: { k in
                   if case .number = sentence.lexemes[k].tag, k + 1 < sentence.lexemes.count,
                      sentence.lexemes[k + 1].tag == .unit(.replica) { return true }
                   return false
               })
            {
                let named = sentence.lexemes[count].raw + " " + sentence.lexemes[count + 1].raw
                return .unknown("how many replicas? the line names \(named) but not as part of the request: say, for example, deploy \(op.service ?? "the service") with \(named)", Confidence.ambiguousTarget)
            }
            // `api still x3 in prod?`: a question with no verb and no question word asks how things are.
            let bare = intent.recognition == .nouns && !Self.opensAsQuestion(sentence) && !Self.questionModals.contains(tokenized.tokens.first?.word ?? "")
                && !sentence.range.contains { if case .verb = sentence.lexemes[$0].tag { return true } else { return false } }
            if outcome.operation.op == .budget, let refusal = Self.figuresWithoutAVerb(sentence) { return refusal }
            // `Put LOG_LEVEL to warn and SAMPLING to 0.1`: a variable named and not set would be lost.
            if outcome.operation.op == .setEnv, let env = outcome.operation.env,
               let left = Self.variablesNamed(tokenized.tokens).first(where: { env[$0] == nil })
            {
                return .unknown("the line names \(left) too: set each variable as NAME=value, e.g. set \((env.keys.sorted() + [left]).map { "\($0)=…" }.joined(separator: " "))", Confidence.ambiguousTarget)
            }
            var gated = Self.gate(Self.removingTheAutoscalerMeant(outcome, words), mood: mood, intent: intent,
                                  asksAboutState: Self.asksAboutState(tokenized.tokens) || bare)
            // `Change freeze is in effect, so don't promote the fx-quotes canary`: a change
            // whose own verb the line negates is never made, whatever else the line says.
            if gated.operation.op.isMutation, Self.negatesItsVerb(gated.operation.op, words) {
                return .unknown("the request says not to \(gated.operation.op.rawValue); nothing to do", Confidence.notARequest)
            }
            // A reason left out is a comment ignored.
            if reasons.removed, gated.operation.op != .unknown {
                gated.confidence = max(Confidence.floor, gated.confidence - Confidence.droppedComment)
            }
            return gated
        }
    }

    /// `We don't want autoscaling for geo-lookup any more, remove it`: a deletion of `it` in a
    /// line that speaks of an autoscaler removes the autoscaler, never the workload.
    private static func removingTheAutoscalerMeant(_ outcome: ParseOutcome, _ words: [String]) -> ParseOutcome {
        guard outcome.operation.op == .delete,
              words.contains(where: { ["autoscaling", "autoscaler", "autoscalers", "hpa", "hpas", "horizontalpodautoscaler"].contains($0) }),
              let verb = words.firstIndex(where: { ["remove", "delete", "drop", "kill", "nuke", "scrap", "ditch", "disable"].contains($0) }),
              words[(verb + 1)...].prefix(2).contains(where: { ["it", "them", "that", "this"].contains($0) })
        else { return outcome }
        var off = Operation(.autoscale, service: outcome.operation.service, environment: outcome.operation.environment)
        off.enabled = false
        off.kind = outcome.operation.kind
        return ParseOutcome(operation: off, confidence: outcome.confidence)
    }

    /// A message of several sentences in which one asks for something and the others only
    /// tell (greetings, what broke, who asked, reports, tickets, sign-offs): what that one
    /// asks. Nil, so that the message is read as one line, when two sentences ask, or when a
    /// telling sentence sets a condition on the request, takes it back or wonders about it.
    private func readSentences(_ sentences: [String], _ context: UnderstandingContext) -> ParseOutcome? {
        // Each sentence read alone, and whether it only tells.
        var read: [(outcome: ParseOutcome, reports: Bool, tells: Bool)] = []
        var deferral: String?
        // A sentence that binds the request (a condition, a retraction, a denial): the message
        // is read as one line.
        var binds = false
        var subject: (name: String, environment: String?)?
        // Whether a sentence only says which change not to make (`Don't roll anything back yet.`).
        var holdsOffAChange = false
        // Whether the subject was named by a sentence that only names a workload.
        var labelSubject = false
        for sentence in sentences {
            var outcome = interpret(sentence, context)
            let holdsOff = outcome.operation.op == .unknown && outcome.confidence == Confidence.negated && Self.opensWithDont(sentence)
            // `email-blaster is spamming customers!!! scale it to zero in prod`: `it` is what the
            // sentence before was about.
            // (`I restarted search-indexer an hour ago. What's wrong with it?`: a read of no workload too.)
            let unplaced = outcome.operation.op == .unknown
                || [.status, .logs, .events, .diagnose, .cost].contains(outcome.operation.op) && outcome.operation.service == nil
            // (`Kafka-connect in stg keeps restarting. Why?`: why it does.)
            let why = unplaced ? subject.flatMap { Self.asksWhyAlone(sentence) ? "why is \($0.name) failing?" : nil } : nil
            if unplaced, let about = subject, let resolved = why ?? ReportedWorkload.replacingPointer(in: sentence, with: about.name) {
                var again = interpret(resolved, context)
                // (`checkout-api is OOMing in prod!! bump its memory limit`: where it happens too.)
                if again.operation.op != .unknown, again.operation.environment == nil, let environment = about.environment {
                    again = interpret(ReportedWorkload.adding(environment, to: resolved), context)
                }
                if again.operation.op != .unknown { outcome = again }
            } else if outcome.operation.op == .diagnose, outcome.operation.service == nil, let about = subject, !about.name.contains(" "),
                      outcome.operation.environment == nil || outcome.operation.environment == about.environment,
                      !sentence.lowercased().split(separator: " ").contains(where: { ["everything", "all", "every", "anything"].contains($0) })
            {
                // (`relay in dev keeps crash-looping after the bump. Figure out why.`: why it does.)
                outcome.operation.service = about.name
                outcome.operation.environment = outcome.operation.environment ?? about.environment
            } else if unplaced, let about = subject, !about.name.contains(" "),
                      outcome.operation.reason?.hasSuffix(" needs a service: which workload?") == true,
                      // (`Hold off on that for now.`: `that` is something else the message named.)
                      !sentence.lowercased().split(whereSeparator: { !$0.isLetter }).contains(where: { ["that", "this", "those", "these"].contains($0) })
            {
                // (`p99 on search-7 in prod keeps creeping up. One more replica, please.`: a
                // request that names no workload is of the one the sentence before is about.)
                var again = interpret(about.name + ": " + sentence, context)
                if again.operation.op != .unknown, again.operation.environment == nil, let environment = about.environment {
                    again.operation.environment = environment
                }
                if again.operation.op != .unknown, again.operation.service == about.name { outcome = again }
            } else if unplaced, let about = subject, !about.name.contains(" "), Self.asksABareRead(sentence) {
                // (`i restarted queue-drainer in dev twice and now it won't start. logs?`: a bare
                // read is of what the sentence before was about.)
                let bare = String(sentence.reversed().drop { ".!?".contains($0) }.reversed())
                let of = bare + " of " + about.name + (about.environment.map { " in " + $0 } ?? "")
                let again = interpret(of, context)
                if [.status, .logs, .events, .diagnose].contains(again.operation.op) { outcome = again }
            }
            // (`payments is slow. Don't restart it yet — show its events`: `it` still.)
            // (`ingest-v2 in prod — queue is backing up.`: after a line that only names a
            // workload, a plain word told of is a part of it, not another workload.)
            let labelled = Self.workloadLabel(sentence, context.environments)
            let told = labelled == nil ? Self.subject(of: sentence, context.environments) : nil
            let partOfLabel = labelSubject && told.map { !Antecedent.isShaped($0.name) } ?? false
            labelSubject = labelled != nil || partOfLabel
            subject = partOfLabel ? subject : holdsOff ? subjectHeldOff(sentence, context) ?? subject
                : (labelled ?? told ?? ReportedWorkload.find(in: sentence, context.environments)).map { found in
                    // (`node-agent is a daemonset, …. restart it`: its kind goes with it.)
                    (Antecedent.kindWord(in: sentence).map { "the \(found.name) \($0)" } ?? found.name, found.environment)
                }
                ?? Antecedent.find(in: sentence, context.environments).map { found in
                    (found.kindWord.map { "the \(found.name) \($0)" } ?? found.name, found.environment)
                }
            holdsOffAChange = holdsOffAChange || holdsOff
            // `rollback payments? not sure`: a change asked as a question is read with what follows it.
            if outcome.operation.op.isMutation, sentence.hasSuffix("?") { return nil }
            let tokenized = Tokenizer.tokenize(Array(Quotations.removing(from: sentence).utf8))
            let mood = MoodReader.read(tokenized.tokens, isQuestion: tokenized.isQuestion)
            let lexemes = Tagger(environments: context.environments, statement: !tokenized.isQuestion).tag(tokenized.tokens)
            let states = MessageSentences.tells(lexemes, isQuestion: tokenized.isQuestion)
            switch mood {
            // `Restart payments. Only if it is down.`: a condition, a retraction or a
            // hypothetical binds the whole message, unless it is told of the past (`After the
            // review we agreed on a cap.`).
            case .condition where states && MoodReader.saysPastTense(tokenized.tokens.map(\.word)): break
            case .condition, .retracted, .hypothetical: binds = true
            default: break
            }
            // `Lead says roll back cassandra to rev 9. thoughts?`: asking an opinion asks about the rest.
            if MoodReader.asksForAnOpinion(tokenized.tokens, isQuestion: tokenized.isQuestion) { binds = true }
            let unrelated = outcome.operation.op == .unknown && (outcome.confidence <= Confidence.unrelated || outcome.confidence == Confidence.toolMessage)
            // `Restart payments. Later today.`, `Wait for QA first.`, `Just kidding.`: a sentence
            // that puts a change off or takes it back, unless it tells of the past.
            // (`14:20 — hotfix is in`: a time that opens the line says when it was written.)
            let stamped = tokenized.tokens.first.map { TokenShapes.isClockTime($0.word) } ?? false
            // (`Don't abort the canary yet — show its logs`: not yet said of the change held off
            // puts nothing else off.)
            // (`Incident 4471 recap: 21:05 kyc-checker went out …`: a summary's times are past.)
            let summary = outcome.operation.reason?.hasPrefix(Self.describes) == true
            if outcome.operation.op == .unknown, !holdsOff, !summary, !states || MessageSentences.offersToWait(tokenized.tokens.map(\.word)),
               let put = tokenized.tokens.indices.dropFirst(stamped ? 1 : 0).first(where: { k in
                   // `Black Friday 4x normal`: a day in a name says when, not to wait.
                   MessageSentences.defers(tokenized.tokens[k].word) && !(k > 1 && Tagger.isCapitalisedName(tokenized.tokens[k - 1].raw))
               }).map({ tokenized.tokens[$0] })
            {
                deferral = deferral ?? put.raw
            }
            // `Restart billing. Actually, hold off, don't.`: a negation outside a statement
            // may deny the request.
            if unrelated, !states, !holdsOff, lexemes.indices.contains(where: { k in
                lexemes[k].tag == .negation && !(k + 1 < lexemes.count && Self.urgency.contains(lexemes[k + 1].word))
            }) {
                binds = true
            }
            let pasted = PastedOutput.recognises(tokenized.tokens)
            // (`harbor's hpa in dev only goes to 4.`: a sentence found to describe tells.)
            let describes = outcome.operation.op == .unknown && outcome.operation.reason?.hasPrefix(Self.describes) == true
            read.append((outcome, mood == .report, states || unrelated || pasted || mood == .report || mood == .quoted || holdsOff || describes))
        }
        var answer = binds ? nil : Self.asked(read)
        // `dev cluster is tight on capacity today. drop hive by one replica`: where the message
        // says it is, when the request does not say and the message names one place only.
        if var placed = answer, ![.unknown, .route, .budget, .cost].contains(placed.operation.op), placed.operation.environment == nil {
            let named = Set(sentences.flatMap { Self.environmentsNamed(in: $0, context.environments) })
            if named.count == 1 {
                placed.operation.environment = named.first
                answer = placed
            }
        }
        // `quill-api has memory requests way too low. Set them to 768MB.`: the requests or
        // limits the message names, when it names one of them only.
        if var sized = answer, sized.operation.op == .setResources, sized.operation.scope == nil {
            let words = Set(sentences.flatMap { $0.lowercased().split(whereSeparator: { !$0.isLetter }) })
            let requests = !words.isDisjoint(with: ["request", "requests"]), limits = !words.isDisjoint(with: ["limit", "limits"])
            if requests != limits {
                sized.operation.scope = requests ? .requests : .limits
                answer = sized
            }
        }
        // A change beside a sentence that says not to make one is never made from the message.
        if holdsOffAChange, let answer, answer.operation.op.isMutation {
            return .unknown("the message says not to make a change and asks for one: say the change you want alone, e.g. \(answer.operation.summary)", Confidence.negated)
        }
        // `fraud-scorer 4.0.0 passed the soak. put it on live as a 5% canary`: a deploy that
        // leaves out the version another sentence names would ship something else.
        if let deploy = answer?.operation, deploy.op == .deploy, deploy.version == nil, deploy.image == nil,
           let version = sentences.lazy.compactMap({ Self.versionNamed(in: $0, context) }).first
        {
            return .unknown("which version? the message names \(version) in another sentence: say, for example, deploy \(deploy.service ?? "the service") \(version)", Confidence.ambiguousTarget)
        }
        // `rev 7 was the last good one for search-api. take it back to that revision`: a
        // rollback that points to the revision another sentence names goes to it; one that
        // names none beside such a sentence asks which.
        if var rollback = answer, rollback.operation.op == .rollback, rollback.operation.revision == nil {
            let revisions = Set(sentences.compactMap(Self.revisionNamed))
            if revisions.count == 1, let revision = revisions.first,
               sentences.contains(where: { Self.pointsToARevision($0) })
            {
                rollback.operation.revision = revision
                answer = rollback
            } else if !revisions.isEmpty {
                return .unknown("which revision? the message names revision \(revisions.sorted().map(String.init).joined(separator: " and ")): say, for example, roll back \(rollback.operation.service ?? "the service") to revision \(revisions.sorted()[0])", Confidence.ambiguousTarget)
            }
        }
        // Putting off a read changes nothing; putting off a change stops it.
        if let deferral, answer.map({ $0.operation.op.isMutation }) ?? true {
            return .unknown("the message puts the request off or takes it back ('\(deferral)'); cortex does not schedule changes: say the request when it should happen", Confidence.notARequest)
        }
        return answer
    }

    /// The workload a sentence is about when it opens by naming one shaped like a workload name
    /// and saying something of it: `img-resizer is leaking memory again`.
    private static func subject(of sentence: String, _ environments: EnvironmentCatalog) -> (name: String, environment: String?)? {
        let tokens = Tokenizer.tokenize(Array(sentence.utf8)).tokens
        // (`The relay service in staging is …`: an article before the name.)
        var i = 0
        if i < tokens.count, ["the", "our", "a", "an"].contains(tokens[i].word) { i += 1 }
        guard tokens.count >= i + 2 else { return nil }
        let first = tokens[i].word
        let shaped = Antecedent.isShaped(first)
        // (`the orchard workers in stg have …`, `ledger pods in production are …`: a word for
        // the workload or its parts after the name.)
        let kindNoun = Antecedent.partNouns.contains(tokens[i + 1].word)
        var j = i + (kindNoun ? 2 : 1)
        // (`payments in staging is slow`: the place may come between the name and its verb.)
        let placed = j + 2 < tokens.count && ["in", "on"].contains(tokens[j].word) && environments.canonical(tokens[j + 1].word) != nil
        if placed { j += 2 }
        guard j < tokens.count, ServiceName.isValid(first), environments.canonical(first) == nil else { return nil }
        let verb = tokens[j].word
        let plain = Antecedent.isPlainName(first)
        let toldOf = kindNoun || placed || subjectVerbs.contains(verb)
        // (`the load-test harness locust-runner …`: after an article, a name is the subject only
        // before what is told of it.)
        guard shaped && (i == 0 || toldOf) || plain && toldOf, !Antecedent.isPrefixed(first) else { return nil }
        // (`The Black Friday …`: the first word of a name in capitals is not a workload's.)
        if !shaped, !kindNoun, Tagger.isCapitalisedName(tokens[i + 1].raw), environments.canonical(tokens[i + 1].word) == nil { return nil }
        // (`the scheduler can't place archive-sync in stage`: a name shaped like one elsewhere
        // in the sentence is what it is about.)
        if !shaped, let other = Antecedent.find(in: sentence, environments), other.name != first { return nil }
        return (first, tokens.dropFirst().lazy.compactMap { environments.canonical($0.word) }.first)
    }

    /// A sentence that only names a workload, with its version or where it runs
    /// (`pulse on staging`, `billing-v2 on live`, `relay 3.1 on live`): what the sentences
    /// after it are about. A plain word alone (`Morning`) names none.
    static func workloadLabel(_ sentence: String, _ environments: EnvironmentCatalog) -> (name: String, environment: String?)? {
        var tokens = Tokenizer.tokenize(Array(sentence.utf8)).tokens.map(\.word)
        guard (1...5).contains(tokens.count), ServiceName.isValid(tokens[0]), environments.canonical(tokens[0]) == nil,
              !Antecedent.isPrefixed(tokens[0])
        else { return nil }
        let name = tokens.removeFirst()
        let versioned = tokens.first.map { TokenShapes.isVersion(Array($0.utf8)) } ?? false
        if versioned { tokens.removeFirst() }
        var environment: String?
        if tokens.count == 2, ["in", "on"].contains(tokens[0]), let placed = environments.canonical(tokens[1]) {
            environment = placed
            tokens = []
        }
        let shaped = Antecedent.isShaped(name)
        guard tokens.isEmpty, shaped || versioned || environment != nil else { return nil }
        return (name, environment)
    }

    /// A budget read from a line with no verb that only tells figures: spending
    /// (`Month-to-date spend $18,420`), or one amount among several (`… forecast $24,900,
    /// budget $22,000`); nil when the line may set one.
    private static func figuresWithoutAVerb(_ sentence: Sentence) -> ParseOutcome? {
        let lexemes = sentence.lexemes
        guard !lexemes.contains(where: { if case .verb = $0.tag { return true } else { return false } }) else { return nil }
        let spendingTold = lexemes.indices.dropLast().contains { k in
            guard ["spend", "spent", "spending"].contains(lexemes[k].word) else { return false }
            if case .money = lexemes[k + 1].tag { return true } else { return false }
        }
        if spendingTold, !lexemes.contains(where: { $0.tag == .noun(.budget) }) {
            return .unknown("that reads as a spending figure, not a budget to set; to set one, say, for example: set the monthly budget to $2000", Confidence.notARequest)
        }
        let amounts = lexemes.filter { if case .money = $0.tag { return true } else { return false } }.count
        if amounts > 1 {
            return .unknown("which amount? the line names \(amounts): say, for example, set the monthly budget to $22000", Confidence.ambiguousTarget)
        }
        return nil
    }

    /// `logs?`, `events pls`, `status now?`: a read named alone.
    private static func asksABareRead(_ sentence: String) -> Bool {
        let words = sentence.lowercased().split(whereSeparator: { !$0.isLetter })
        return (1...3).contains(words.count) && ["logs", "log", "events", "evts", "status", "health"].contains(words[0])
            && words.dropFirst().allSatisfy { ["pls", "please", "now", "too", "then"].contains($0) }
    }

    /// `Why?`, `any idea why?`, `but why though`, `root cause?`: a question of why, about nothing named.
    private static func asksWhyAlone(_ sentence: String) -> Bool {
        let words = sentence.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" })
        // (`root cause?`, `rca?`: the same question.)
        guard words.contains("why") || words.contains("cause") || words == ["rca"], words.count <= 4 else { return false }
        return words.allSatisfy { ["why", "but", "any", "idea", "though", "tho", "is", "that", "so", "ok", "and", "root", "cause", "rca", "the"].contains($0) }
    }

    /// Verbs after a plain word that make it the subject of a telling sentence.
    private static let subjectVerbs: Set<String> = [
        "is", "are", "keeps", "has", "was", "lost", "went", "came", "crashed", "died", "hit", "seems", "looks", "isn't",
        "can't", "won't", "started", "stopped", "throws", "returns", "fails", "failed", "needs",
    ]

    /// `Don't roll anything back yet.`, `Please never restart it`: the sentence opens by saying not to.
    private static func opensWithDont(_ sentence: String) -> Bool {
        let words = sentence.lowercased().split(separator: " ").prefix(4).map(String.init)
        let start = words.prefix { ["please", "pls", "but", "and", "just", "so"].contains($0) }.count
        guard start < words.count else { return false }
        return ["don't", "dont", "never", "don’t"].contains(words[start]) || words[start] == "do" && words.dropFirst(start + 1).first == "not"
    }

    /// `don't scale anything, just tell me what's wrong with wallet in prod`, `hold off on
    /// promoting mint-gw, show its events`: a change held off, then a read in a clause of its
    /// own, asks for the read, of the workload the change named when the read names none.
    /// Only a read is ever answered here.
    private func readBesideAChangeHeldOff(_ text: String, _ context: UnderstandingContext) -> ParseOutcome? {
        let bytes = Array(text.utf8)
        let lower = ByteSearch.asciiLowercased(bytes)
        func isWordStart(_ k: Int) -> Bool { k == 0 || !(lower[k - 1] >= 97 && lower[k - 1] <= 122) }
        let cues = ["don't ", "dont ", "don’t ", "do not ", "no ", "not ", "hold off", "skip ", "nah", "never "]
        guard let cue = cues.compactMap({ cue -> (Int, Int)? in
            let needle = Array(cue.utf8)
            var from = 0
            while let k = ByteSearch.first(needle, in: lower, from: from) {
                if isWordStart(k) { return (k, k + needle.count) }
                from = k + 1
            }
            return nil
        }).min(by: { $0.0 < $1.0 }) else { return nil }
        let separators = [";", ",", " - ", " — ", ". ", "? ", " but ", " and just ", " just ", " instead"]
        guard let split = separators.compactMap({ separator -> (Int, Int)? in
            let needle = Array(separator.utf8)
            return ByteSearch.first(needle, in: lower, from: cue.1).map { ($0, $0 + needle.count) }
        }).min(by: { $0.0 < $1.0 }) else { return nil }
        let head = String(decoding: bytes[..<split.0], as: UTF8.self)
        var tail = String(decoding: bytes[split.1...], as: UTF8.self)
        while tail.first == " " { tail.removeFirst() }
        for opener in ["and ", "but ", "just ", "instead, ", "instead ", "so "] where tail.lowercased().hasPrefix(opener) {
            tail = String(tail.dropFirst(opener.count))
        }
        // (`don't restart search, I'm still reading its logs`: a statement asks for no read.)
        let opening = tail.lowercased().split(separator: " ").prefix(2).map(String.init)
        guard let first = opening.first, !["i'm", "im", "i’m", "we're", "it's", "it’s", "they're", "i've", "we've", "i'll", "we'll"].contains(first),
              !(opening.count == 2 && ["i", "we", "it", "they"].contains(first) && ["am", "are", "is", "was", "were", "have", "had", "will"].contains(opening[1]))
        else { return nil }
        // (`restart payments, don't wait, …`: a change asked before the cue is asked.)
        let before = String(decoding: bytes[..<cue.0], as: UTF8.self)
        guard !interpret(head, context).operation.op.isMutation,
              before.split(separator: " ").count < 2 || !interpret(before, context).operation.op.isMutation
        else { return nil }
        var words = head.split(separator: " ").map(String.init)
        words.removeAll { ["don't", "dont", "don’t", "do", "not", "no", "never", "skip", "hold", "off", "on", "nah", "please", "pls"].contains($0.lowercased()) }
        let named = interpret(words.joined(separator: " "), context).operation
        let about: (name: String, environment: String?)? = named.service.map { ($0, named.environment) }
            ?? Antecedent.find(in: head, context.environments).map { ($0.name, $0.environment) }
        var read = interpret(tail, context)
        if let about, let pointed = ReportedWorkload.replacingPointer(in: tail, with: about.name) {
            read = interpret(pointed, context)
        }
        let reads: [OperationKind] = [.status, .logs, .events, .diagnose, .cost]
        guard reads.contains(read.operation.op) else { return nil }
        if read.operation.service == nil, let about, read.operation.op != .cost || Self.asksABareRead(tail) {
            read.operation.service = about.name
        }
        if read.operation.environment == nil, let about, read.operation.service == about.name {
            read.operation.environment = about.environment ?? Self.environmentsNamed(in: head, context.environments).first
        }
        return read
    }

    /// The workload and environment of the change a sentence says not to make (`Don't abort
    /// the canary for feed yet`), for what the next sentence says of `it`.
    private func subjectHeldOff(_ sentence: String, _ context: UnderstandingContext) -> (name: String, environment: String?)? {
        var words = sentence.split(separator: " ").map(String.init)
        let negations = ["don't", "dont", "do", "not", "never", "please", "pls"]
        while let first = words.first, negations.contains(first.lowercased()) { words.removeFirst() }
        while let last = words.last, ["yet", "yet.", "yet,", "for now", "now"].contains(last.lowercased()) { words.removeLast() }
        guard !words.isEmpty else { return nil }
        let operation = interpret(words.joined(separator: " "), context).operation
        return operation.service.map { ($0, operation.environment) }
    }

    /// What a message's sentences, read alone, ask together; nil when they ask for several things.
    private static func asked(_ read: [(outcome: ParseOutcome, reports: Bool, tells: Bool)]) -> ParseOutcome? {
        // `Just deployed kyc-verifier 1.4.0. Let me know if anything looks off.`: a message
        // that only tells, and reports, asks for nothing.
        if read.allSatisfy(\.tells), let report = read.first(where: \.reports) { return report.outcome }
        // The sentences that ask; when every sentence tells, all of them.
        let asking = read.contains { !$0.tells } ? read.filter { !$0.tells }.map(\.outcome) : read.map(\.outcome)
        let operations = asking.filter { $0.operation.op != .unknown }
        let unknowns = asking.filter { $0.operation.op == .unknown && $0.confidence > Confidence.unrelated }
        if operations.count == 1, unknowns.isEmpty { return operations[0] }
        // `What's wrong with maple on stg? Pods stuck in CrashLoopBackOff`: the same read asked
        // twice, once of the workload and once of nothing more, asks the fuller one.
        // (Only a read of a workload placed in an environment: `wallet is crashing again, im on it`
        // tells, and asks nothing.)
        if operations.count > 1, unknowns.isEmpty, let fullest = operations.first(where: { one in
            one.operation.service != nil && one.operation.environment != nil
                && operations.allSatisfy { Self.readsLessThan($0.operation, one.operation) }
        }) {
            return fullest
        }
        if operations.isEmpty, unknowns.count == 1 { return unknowns[0] }
        if operations.isEmpty, unknowns.isEmpty { return read.map(\.outcome).max { $0.confidence < $1.confidence } }
        return nil
    }

    /// Whether `read` is the same read as `fuller` and says nothing `fuller` does not: each of
    /// its fields is absent or the same there.
    private static func readsLessThan(_ read: Operation, _ fuller: Operation) -> Bool {
        guard read.op == fuller.op, !read.op.isMutation, read.op != .route, read.op != .unknown else { return false }
        func within<T: Equatable>(_ a: T?, _ b: T?) -> Bool { a == nil || a == b }
        return within(read.service, fuller.service) && within(read.environment, fuller.environment) && within(read.kind, fuller.kind)
            && within(read.since, fuller.since) && within(read.lines, fuller.lines) && within(read.period, fuller.period)
    }

    /// `not urgent`, `no rush`: a negation that only says how soon.
    /// Roles of people that a change's object may name (`promote the intern`); never workloads.
    private static let people: Set<String> = [
        "intern", "interns", "manager", "boss", "colleague", "teammate", "coworker", "co-worker", "mentor", "buddy", "engineer",
        "developer", "contractor", "predecessor", "cto", "ceo", "vp", "newbie", "junior", "senior",
    ]

    private static let urgency: Set<String> = ["urgent", "rush", "hurry", "critical", "pressure", "blocking", "pressing"]

    /// Words that say how a change went.
    private static let outcomeWords: Set<String> = [
        "failed", "succeeded", "finished", "completed", "worked", "broke", "stalled", "hung", "paused", "stuck",
        "done", "went", "happened", "timed", "errored", "crashed",
    ]

    private static let questionModals: Set<String> = ["should", "shall", "can", "could", "would", "will", "do", "does", "did", "may", "might", "must", "isn't", "is", "are"]

    private static let meetings: Set<String> = ["retro", "retrospective", "meeting", "standup", "stand-up", "sync", "call", "huddle", "postmortem", "post-mortem", "review"]

    /// `have a retro`, `schedule a launch sync`, `book a call`: a meeting to arrange.
    private static func asksForAJoke(_ w: [String]) -> Bool {
        w.indices.contains { i in
            ["tell", "write", "make", "give", "compose"].contains(w[i])
                && w[(i + 1)..<min(w.count, i + 4)].contains { ["joke", "jokes", "poem", "haiku", "limerick", "pun", "riddle"].contains($0) }
        }
    }

    /// `Request approval to restart …`, `CHG0031611 requests approval to set …`, `seeking sign-off for …`.
    private static func seeksApproval(_ w: [String]) -> Bool {
        w.indices.dropFirst().contains { i in
            ["approval", "sign-off", "signoff"].contains(w[i])
                && (["request", "requests", "requesting", "seek", "seeks", "seeking"].contains(w[i - 1])
                    || w[i - 1] == "for" && i > 1 && ["ask", "asks", "asking"].contains(w[i - 2]))
        }
    }

    /// `raise a change ticket for …`, `open a CR to restart …`, `file a jira about …`.
    private static func asksForATicket(_ w: [String]) -> Bool {
        w.indices.contains { i in
            guard ["raise", "open", "file", "create", "log", "submit", "draft", "write", "prepare"].contains(w[i]),
                  w[..<i].allSatisfy({ ["please", "pls", "kindly", "can", "could", "would", "you", "cortex"].contains($0) })
            else { return false }
            let object = w[(i + 1)..<min(w.count, i + 5)]
            guard let t = object.firstIndex(where: { ["ticket", "cr", "jira", "rfc", "chg", "change-request"].contains($0) || ($0 == "request" && object.contains("change")) }) else { return false }
            return object[object.startIndex..<t].allSatisfy { ["a", "an", "the", "change", "new", "standard", "emergency", "normal"].contains($0) }
        }
    }

    private static func arrangesAMeeting(_ w: [String]) -> Bool {
        w.indices.contains { i in
            guard ["have", "schedule", "book", "organise", "organize", "arrange", "hold", "plan"].contains(w[i]) else { return false }
            // (`we have a meeting at 5pm` says what is planned.)
            if w[i] == "have", !(i > 0 && ["let's", "lets", "us", "can", "could", "should", "to"].contains(w[i - 1])) { return false }
            return w[(i + 1)..<min(w.count, i + 4)].contains { meetings.contains($0) }
        }
    }

    /// The kind of object right after the line's first verb when cortex does not manage that
    /// kind: `namespace`, `secret`, `node`.
    private static func unmanagedObject(_ sentence: Sentence) -> String? {
        guard let verb = sentence.range.first(where: { if case .verb = sentence.lexemes[$0].tag { return true } else { return false } }) else { return nil }
        var j = verb + 1
        while j < sentence.end, sentence.lexemes[j].tag == .article || sentence.lexemes[j].tag == .indefinite || sentence.lexemes[j].tag == .adjective
            || sentence.lexemes[j].tag == .filler
            || ["new", "fresh", "another", "separate", "temporary", "temp"].contains(sentence.lexemes[j].word)
        {
            j += 1
        }
        guard j < sentence.end, sentence.lexemes[j].end - sentence.lexemes[j].first == 1 else { return nil }
        let word = sentence.lexemes[j].word
        // `the accounts service`: a word named as a workload is its name.
        if j + 1 < sentence.end {
            switch sentence.lexemes[j + 1].tag {
            case .noun(.workload), .noun(.kind): return nil
            default: break
            }
        }
        // `the job runner`: a plain word after it makes a name of two words.
        if j + 1 < sentence.end, sentence.lexemes[j + 1].tag == .word,
           !sentence.lexemes[j + 1].word.contains(where: { $0 == "-" || $0.isNumber })
        {
            return nil
        }
        return unmanagedKinds.contains(word) ? word : nil
    }

    /// A message pasted from a thread or a ticket in which, after lines of context, one line
    /// speaks to cortex by name (`OPS-650 cost cleanup` / `cortex scale reports to zero`):
    /// that line and what follows it (a retraction or a condition there still binds), or nil.
    static func linesAddressedToCortex(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "\n")) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let addressed = lines.indices.filter { i in
            let line = lines[i].drop { $0 == " " || $0 == "\t" || $0 == ">" }.lowercased()
            guard line.hasPrefix("cortex") || line.hasPrefix("@cortex") else { return false }
            let after = line.dropFirst(line.hasPrefix("@") ? 7 : 6).first
            return after == " " || after == "," || after == ":"
        }
        guard addressed.count == 1, let first = addressed.first, first > 0 else { return nil }
        return lines[first...].joined(separator: "\n")
    }

    /// Whether a negation stands right before the verb that names `op` (`don't promote`,
    /// `do not roll back`, `never delete`, `not to restart`).
    static func negatesItsVerb(_ op: OperationKind, _ words: [String]) -> Bool {
        let verbs: Set<String>
        switch op {
        case .deploy, .scale, .restart, .delete, .promote, .abort, .pause, .resume, .autoscale: verbs = [op.rawValue]
        case .rollback: verbs = ["rollback", "roll"]
        default: return false
        }
        return words.indices.contains { i in
            guard verbs.contains(words[i]), i > 0 else { return false }
            let before = words[i - 1]
            if ["don't", "dont", "never", "not"].contains(before) { return true }
            return i > 1 && before == "to" && ["not", "never"].contains(words[i - 2])
        }
    }

    /// `@cortex route: migrate the cron jobs`: the handle that opens a message addresses it
    /// to cortex and is no part of the request.
    static func withoutLeadingHandle(_ text: String) -> String {
        var utf8 = text.utf8[...]
        while let first = utf8.first, first == 32 || first == 9 { utf8 = utf8.dropFirst() }
        guard utf8.first == UInt8(ascii: "@") else { return text }
        let name = utf8.dropFirst().prefix { b in
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
        }
        let lower = String(decoding: ByteSearch.asciiLowercased(Array(name)), as: UTF8.self)
        // `@cortex`, `@cortex-bot`, `@opsbot`: the shell itself, or the bot it answers as.
        guard lower.hasPrefix("cortex") || lower.hasSuffix("bot") else { return text }
        var rest = utf8.dropFirst(1 + name.count)
        guard let next = rest.first, [UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ":")].contains(next) else { return text }
        while let first = rest.first, [UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ":")].contains(first) { rest = rest.dropFirst() }
        return rest.isEmpty ? text : String(decoding: rest, as: UTF8.self)
    }

    /// `per decision in #finops (OPS-6002): @cortex set the monthly budget to $1200`, `@here
    /// holding prod rollouts. @cortex pause checkout-v2 in production`: after what others
    /// are told, the sentence addressed to cortex is the request. Background that sets a
    /// condition or a negation stays part of the line.
    static func addressedAfterBackground(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "@")) else { return nil }
        let utf8 = Array(text.utf8)
        let lower = ByteSearch.asciiLowercased(utf8)
        let handle = Array("@cortex".utf8)
        guard let at = ByteSearch.first(handle, in: lower), at > 0, ByteSearch.first(handle, in: lower, from: at + handle.count) == nil
        else { return nil }
        let before = String(decoding: lower[..<at], as: UTF8.self)
        guard let last = before.last(where: { $0 != " " && $0 != "\t" }), ":.!?)—-".contains(last) else { return nil }
        let words = before.split(whereSeparator: { !$0.isLetter && $0 != "'" }).map(String.init)
        guard !words.contains(where: { ["if", "unless", "when", "whenever", "once", "don't", "dont", "not", "never", "no", "cortex"].contains($0) })
        else { return nil }
        let request = String(decoding: utf8[at...], as: UTF8.self)
        return request.split(separator: " ").count >= 2 ? request : nil
    }

    /// `cart-svc, orders and search`: after the workload, more names listed with commas and
    /// `and`.
    private static func listsMoreWorkloads(after service: String, _ s: Sentence) -> Bool {
        func nameLike(_ j: Int) -> Bool {
            let l = s.lexemes[j]
            return (l.tag == .word && ServiceName.isValid(l.word)) || l.tag == .noun(.generic)
        }
        guard let k = s.range.first(where: { s.lexemes[$0].word == service }), k + 3 < s.end, s.lexemes[k + 1].breakBefore else { return false }
        var j = k + 1
        while j < s.end, nameLike(j) {
            j += 1
            guard j < s.end else { return false }
            if s.lexemes[j].word == "and" { return j + 1 < s.end && nameLike(j + 1) }
            guard s.lexemes[j].breakBefore else { return false }
        }
        return false
    }

    private static let unmanagedKinds: Set<String> = Set([
        "namespace", "namespaces", "ns", "secret", "secrets", "configmap", "configmaps", "node", "nodes", "cluster",
        "clusters", "pvc", "pvcs", "volume", "volumes", "ingress", "ingresses", "serviceaccount", "role", "rolebinding",
        "bucket", "buckets", "database", "databases", "cronjob", "cronjobs", "job", "jobs", "org", "organization",
        "repo", "repository", "branch", "shell",
    ]).union(logKinds).union(businessNouns)

    /// Things of the business rather than the cluster: refused as what is deleted or
    /// created (`delete the accounts`), but a workload's name when restarted or scaled
    /// (`bounce accounts`), since nothing else can be.
    private static let businessNouns: Set<String> = [
        "user", "users", "tenant", "tenants", "account", "accounts", "project", "projects", "customer", "customers",
        "dashboard", "dashboards", "alert", "alerts", "channel", "ticket", "tickets",
    ]

    /// Logs: refused as objects only of a delete (`scale logs to 3` names a workload).
    private static let logKinds: Set<String> = ["logs", "log", "logfile", "logfiles"]

    /// `rollback of search in prod is done`, `the deploy of ledger was successful`: a change
    /// named as the subject of a clause that says it is finished.
    private static func changeIsSubjectOfCompletion(_ tokens: [Token]) -> Bool {
        guard let first = tokens.firstIndex(where: { !["the", "a", "that", "this", "our", "so", "ok", "fyi"].contains($0.word) }),
              ["rollback", "deploy", "deployment", "restart", "redeploy", "rollout", "scale", "scaling", "upgrade", "release", "revert"].contains(tokens[first].word),
              first + 1 < tokens.count, ["of", "for", "to"].contains(tokens[first + 1].word)
        else { return false }
        var k = first + 2
        while k < tokens.count, !tokens[k].breakBefore {
            // `rollback of checkout-v2 to revision 17 completed by @sam`
            if ["completed", "finished", "succeeded", "failed"].contains(tokens[k].word) { return true }
            if k + 1 < tokens.count, ["is", "was", "has", "went"].contains(tokens[k].word) {
                var next = k + 1
                if tokens[next].word == "been", next + 1 < tokens.count { next += 1 }
                return completionWords.contains(tokens[next].word)
            }
            k += 1
        }
        return false
    }

    private static let completionWords: Set<String> = [
        "done", "finished", "complete", "completed", "successful", "over", "through", "fine", "ok", "okay", "green", "live", "out",
    ]

    /// `the ledger rollout looks good`, `the rollout of ledger went fine`: a change named as a
    /// noun and, in the same clause a few words on, how it looks or went.
    /// With `commandAfter`, the change's verb may stand before the description (`search deploy
    /// to prod went fine`) but not after it (`the canary looks good promote it`).
    private static func describesAChange(_ tokens: [Token], commandAfter: Bool = false) -> Bool {
        guard let noun = tokens.firstIndex(where: { ["rollout", "rollback", "deploy", "deployment", "canary", "release", "restart", "upgrade"].contains($0.word) }) else { return false }
        for j in (noun + 1)..<min(tokens.count, noun + 6) {
            if tokens[j].breakBefore { return false }
            // (`canary looks bad, abort media`: a clause after it may still command.)
            if WorkloadIntents.describingVerbs.contains(tokens[j].word), !["is", "was"].contains(tokens[j].word) {
                if commandAfter, tokens[(j + 1)...].contains(where: { Lexicon.namesOperation($0.word) }) { return false }
                return !tokens[(j + 1)...].contains(where: \.breakBefore)
            }
        }
        return false
    }

    /// `rev 7`, `revision three`: the revision a sentence names, or nil.
    private static func revisionNamed(_ sentence: String) -> Int? {
        let words = Tokenizer.tokenize(Array(sentence.utf8)).tokens.map(\.word)
        for k in words.indices.dropLast() where ["rev", "revision", "r"].contains(words[k]) {
            if let number = NumberWords.read(words, from: k + 1) { return number.value }
        }
        return nil
    }

    /// `take it back to that revision`, `roll it back to that`: a rollback to a revision named before.
    private static func pointsToARevision(_ sentence: String) -> Bool {
        let words = Tokenizer.tokenize(Array(sentence.utf8)).tokens.map(\.word)
        return words.indices.dropLast().contains { words[$0] == "to" && ["that", "it", "this"].contains(words[$0 + 1]) }
    }

    /// The first version or image a sentence names, as written, or nil.
    private static func versionNamed(in sentence: String, _ context: UnderstandingContext) -> String? {
        let lexemes = Tagger(environments: context.environments).tag(Tokenizer.tokenize(Array(sentence.utf8)).tokens)
        return lexemes.first { l in
            switch l.tag {
            case .version, .image: return true
            default: return false
            }
        }?.raw
    }

    /// The variables a line names: words in capitals before `=` or `to`, or with `_`.
    private static func variablesNamed(_ tokens: [Token]) -> [String] {
        tokens.indices.compactMap { k in
            let name = tokens[k].raw.split(separator: "=", maxSplits: 1).first.map(String.init) ?? tokens[k].raw
            guard TokenShapes.isCapitalsName(name), !SlotReader.isTicket(name) else { return nil }
            let next = k + 1 < tokens.count ? tokens[k + 1].word : ""
            return name.contains("_") || tokens[k].raw.contains("=") || ["to", "=", "as"].contains(next) ? name : nil
        }
    }

    /// How the refusal of a line that only describes begins.
    private static let describes = "that describes"

    /// `I need …`, `we want …`, `let's have …`, `… has to be …`: the speaker asks for a state.
    private static func wishesFor(_ w: [String]) -> Bool {
        let start = w.prefix { ["hey", "ok", "okay", "so", "hi", "please", "pls"].contains($0) }.count
        let opening = Array(w.dropFirst(start).prefix(2))
        if [["i", "need"], ["we", "need"], ["i", "want"], ["we", "want"], ["let's", "have"], ["lets", "have"], ["i'd", "like"], ["we'd", "like"]].contains(opening) {
            return true
        }
        return w.indices.dropLast().contains { ["has", "have", "needs", "need"].contains(w[$0]) && w[$0 + 1] == "to" }
    }

    /// `; to change it, say: scale cart to 3`, or nothing when no operation was understood.
    private static func suggesting(_ purpose: String, _ operation: Operation) -> String {
        operation.op == .unknown ? "" : "; \(purpose), say: \(operation.summary)"
    }

    /// A clause that starts with a verb: `…, roll it back`.
    private static func hasImperative(_ sentence: Sentence) -> Bool {
        sentence.range.contains { k in
            guard case .verb = sentence.lexemes[k].tag else { return false }
            var p = k - 1
            while p >= 0, sentence.lexemes[p].tag == .filler, !sentence.lexemes[p + 1].breakBefore { p -= 1 }
            return p < 0 || sentence.lexemes[p + 1].breakBefore || sentence.lexemes[p].tag == .conj
        }
    }

    /// `a 10 % canary`: a percent sign set apart from its number, joined to it.
    static func joiningSpacedPercent(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes = Array(text.utf8)
        var i = 1
        while i + 1 < bytes.count {
            let after: UInt8 = i + 2 < bytes.count ? bytes[i + 2] : 0x20
            if bytes[i] == 0x20, bytes[i + 1] == UInt8(ascii: "%"), TokenShapes.isDigit(bytes[i - 1]), !TokenShapes.isLetter(after) && !TokenShapes.isDigit(after) {
                bytes.remove(at: i)
                continue
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text as every reading starts from: names written as code unwrapped, prose in
    /// backticks made a quotation, kubectl's flags written as the words they stand for, and a
    /// preposition glued to an environment (`inprod`) set apart, for the standard environments
    /// and for those of `environments`.
    private static func readable(_ text: String, _ environments: EnvironmentCatalog = .standard) -> String {
        var text = joiningSpacedPercent(Self.withoutLeadingHandle(EmojiShortcodes.removing(from: FormalPassives.reading(MarkdownMarks.reading(text)))))
        text = AsideOpeners.removing(from: AvailabilityClauses.removing(from: PoliteFrames.replacing(in: Salutations.removing(from: MissingStops.inserting(into: TypedShorthand.expand(DictationSlips.correct(PointingPhrases.removing(from: SpokenFillers.removing(from: text)))))))))
        if case .request(let words) = TicketHeaders.read(text, environments) { text = words }
        let standard = GluedPrepositions.separate(KubectlFlags.rewrite(KubectlCommands.rewrite(ToolCommands.rewrite(Quotations.unwrappingCode(SpokenDashes.join(text))))), environments: .standard)
        return environments == .standard ? standard : GluedPrepositions.separate(standard, environments: environments)
    }

    /// The request without what it quotes (`'scale checkout to 10'`, `"restart me"`), names
    /// written as code unwrapped: the words an answer to it may be grounded in.
    public static func ownWords(_ text: String) -> String {
        Quotations.removing(from: Self.readable(text))
    }

    /// `was cart deployed`, `what was deployed`: the sentence starts by asking.
    private static func opensAsQuestion(_ sentence: Sentence) -> Bool {
        guard let first = sentence.lexemes.first(where: { $0.tag != .filler }) else { return false }
        if case .question = first.tag { return true }
        return false
    }

    /// A change read from a sentence that only talks about one (a question, a hypothetical,
    /// a condition, a report) is not made. A question about a change named as a noun (`did
    /// the payments deploy finish?`) asks for its status.
    static func gate(_ outcome: ParseOutcome, mood: Mood, intent: Intent, asksAboutState: Bool = false) -> ParseOutcome {
        let op = outcome.operation
        guard op.op.isMutation, mood != .request else { return outcome }
        if intent.fromNounUse || asksAboutState, mood == .question, op.service != nil {
            var status = Operation(.status, service: op.service, environment: op.environment)
            status.kind = op.kind
            return ParseOutcome(operation: status, confidence: outcome.confidence)
        }
        return .unknown(mood.refusal(of: op), Confidence.notARequest)
    }

    private static let stateAuxiliaries: Set<String> = ["is", "are", "was", "were", "did", "does", "has", "have", "isn't", "didn't", "hasn't"]
    /// `is orders running 6 replicas in staging?`, `did catalog v2.4.0 make it to
    /// production?`: a yes-or-no question about how things are or what happened, not about
    /// what the speaker should do (`should I…`, `can we…`, `do we…`).
    private static func asksAboutState(_ tokens: [Token]) -> Bool {
        // `Circling back on this: did the analytics-api rollout land?`: the question after a lead-in.
        let start = tokens.indices.first { $0 > 0 && tokens[$0].breakBefore && Self.stateAuxiliaries.contains(tokens[$0].word) } ?? 0
        let w = tokens[start...].map(\.word).filter { !["so", "hey", "hi", "ok", "quick", "question", "cortex"].contains($0) }
        guard w.count > 2, Self.stateAuxiliaries.contains(w[0]) else { return false }
        // `does ingest need 2 cores?` asks for advice.
        if w.contains(where: { ["need", "needs", "needed", "require", "requires", "should", "better"].contains($0) }) { return false }
        // `did someone just roll back auth?` asks who did it.
        return !["i", "we", "it", "there", "this", "that", "someone", "somebody", "anyone", "anybody", "you", "u", "they", "he", "she"].contains(w[1])
    }

    /// The environments a text names by name or alias, in order, repeats included.
    public static func environmentsNamed(in text: String, _ environments: EnvironmentCatalog) -> [String] {
        let text = Self.readable(text, environments)
        return Tokenizer.tokenize(Array(text.utf8)).tokens.compactMap { environments.canonical($0.word) }
    }

    /// Whether `text` asks for someone to take something on (`who should…`, `route this…`,
    /// `which team owns…`): the only sentences a route answer may come from.
    public static func asksForSomeone(_ text: String) -> Bool {
        let tokens = Tokenizer.tokenize(Array(Self.readable(text).utf8)).tokens
        return tokens.contains { RouteRules.someoneWords.contains($0.word) }
    }

    /// Whether `text` has any word the parser reads as part of an operation (a verb, a count,
    /// a version, a resource, a kind; for a read, also what is read and how a workload is:
    /// logs, events, an environment, `healthy`, `failing`): gibberish and chit-chat have
    /// none, and no model may turn them into an operation.
    public static func speaksOfAnOperation(_ text: String, change: Bool = true) -> Bool {
        let text = Self.readable(text)
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { return false }
        let lexemes = Tagger(environments: .standard).tag(Tokenizer.tokenize(bytes).tokens)
        return lexemes.contains { l in
            switch l.tag {
            case .verb, .unit, .number, .signed, .version, .image, .serviceTag, .money, .moneyPer, .percent, .measure,
                 .assignment, .envName, .kindName, .range, .multiplier, .quantity, .more, .fewer, .noun(.budget),
                 .noun(.canary), .noun(.autoscaler), .noun(.variable), .noun(.memory), .noun(.cpu), .noun(.kind):
                return true
            case .noun(.logs), .noun(.status), .noun(.events), .noun(.cost), .noun(.workload), .adjective, .env,
                 .question("happened"):
                return !change
            case .word:
                return !change && Evidence.troubleWords.contains(l.word)
            default:
                return false
            }
        }
    }

    /// Whether every sentence of `text` only tells how things are or what happened (`cart in
    /// staging runs 3.3.0 since Monday`), with no question, no command and nothing said to be
    /// wrong (`payments is failing` asks for a diagnosis): no understander may read an
    /// operation from it.
    public static func onlyTells(_ text: String) -> Bool {
        let text = Self.readable(text)
        guard text.utf8.count <= maximumLength else { return false }
        return MessageSentences.split(text).allSatisfy { sentence in
            let tokenized = Tokenizer.tokenize(Array(Quotations.removing(from: sentence).utf8))
            guard !tokenized.isQuestion, !tokenized.tokens.isEmpty,
                  !tokenized.tokens.contains(where: { Evidence.troubleWords.contains($0.word) || $0.word == "down" || $0.word == "off" })
            else { return false }
            let lexemes = Tagger(environments: .standard).tag(tokenized.tokens)
            return MessageSentences.tells(lexemes, isQuestion: false) && !MessageSentences.laterClauseCommands(lexemes)
        }
    }

    /// The mood of `text`: whether it asks for a change or only talks about one. Every
    /// understander's answer is held to it (see `ModeUnderstander`).
    public static func mood(of text: String) -> Mood {
        // (`[WONTFIX] OPS-4790: delete sparrow`, `Post-mortem: …`: a closed ticket reports.)
        if case .notARequest = TicketHeaders.read(text, .standard) { return .report }
        let text = Self.readable(text)
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { return .request }
        let tokenized = Tokenizer.tokenize(Array(Quotations.removing(from: text).utf8))
        let corrected = SubordinateClauses.remove(from: SelfCorrections.apply(tokenized.tokens, environments: .standard)).tokens
        return MoodReader.read(corrected, isQuestion: tokenized.isQuestion)
    }
}
