@testable import CortexCore
import Testing

/// A sentence that talks about a change (asks, supposes, sets a condition, reports) is read
/// as such before its verbs, and never becomes the change.
@Suite struct ParserMoodTests {
    @Test(arguments: [
        ("would restarting auth in prod cause downtime?", Mood.hypothetical),
        ("what if I scaled checkout to 0", .hypothetical),
        ("is it safe to restart payments in prod right now?", .hypothetical),
        ("should I roll back auth-v2 or wait?", .question),
        ("can I delete the payments deployment?", .question),
        ("how do I roll back payments?", .question),
        ("restart payments if it's unhealthy", .condition),
        ("when payments is healthy, restart cart", .condition),
        ("I restarted payments yesterday", .report),
        ("who deleted cart in staging?", .report),
        ("restart payments in staging", .request),
        ("can you restart cart in staging", .request),
        ("could someone roll back payments", .request),
        ("do a rolling restart of api-gateway", .request),
        ("have the reports rolled back on dev", .request),
        ("restart payments when you get a chance", .request),
        ("deploy ledger v2 if possible", .request),
        ("I want payments restarted", .request),
        ("when did payments last deploy?", .question),
    ])
    func moods(_ sentence: String, _ mood: Mood) {
        #expect(EmbeddedParser.mood(of: sentence) == mood, "\(sentence)")
    }

    /// The refusal names the request that would make the change, so the operator can say it.
    @Test func aRefusalSaysWhatToTypeInstead() {
        let u = EmbeddedParser().understand("is it safe to restart payments in prod right now?", context: UnderstandingContext())
        #expect(u.operation.op == .unknown)
        #expect(u.operation.reason?.contains("restart payments in production") == true, "\(u.operation.reason ?? "")")
        #expect(u.confidence >= ModeUnderstander.defaultThreshold, "a question is not sent on to a model")
    }

    /// A question about a change named as a noun asks for its status.
    @Test func aQuestionAboutADeployIsAStatus() {
        let u = EmbeddedParser().understand("has the checkout rollout completed in prod?", context: UnderstandingContext())
        #expect(u.operation == Operation(.status, service: "checkout", environment: "production"))
    }

    /// `=` is accepted only inside one `NAME=value` word; anywhere else it is still code.
    @Test(arguments: [
        ("set LOG_LEVEL=debug on payments", true),
        ("set a=b on payments", true),
        ("set x = 1 on payments", false),
        ("set FOO==bar on api", false),
        ("set 1A=b on api", false),
        ("payments where id=1 or 1=1", false),
    ])
    func assignments(_ sentence: String, _ allowed: Bool) {
        let u = EmbeddedParser().understand(sentence, context: UnderstandingContext())
        let refused = u.operation.reason?.contains("`=` sign") == true
        #expect(refused == !allowed, "\(sentence): \(u.operation.canonicalJSON)")
    }

    @Test func aYesOrNoQuestionAboutHowThingsAreAsksForTheStatus() {
        let parser = EmbeddedParser()
        func parse(_ text: String) -> Operation { parser.understand(text, context: UnderstandingContext()).operation }
        #expect(parse("is orders running 6 replicas in staging?") == Operation(.status, service: "orders", environment: "staging"))
        // Who did something, or what the speaker should do, is not asked of the status.
        #expect(parse("did someone just roll back auth?").op == .unknown)
        #expect(parse("should we restart orders in staging?").op == .unknown)
        #expect(parse("do we scale orders to 6 in staging?").op == .unknown)
    }

    /// A model's reading of a plain statement is refused, even a read; a statement of trouble
    /// or a line with a command in it is left to the model.
    @Test func aModelReadsNoOperationFromAPlainStatement() {
        let status = Understanding(operation: Operation(.status, service: "cart", environment: "staging"), confidence: 0.9, source: "llm")
        let none = Understanding(operation: .unknown("not an operations request"), confidence: 0.1, source: "embedded")
        let held = ModeUnderstander.hold(status, to: "cart in staging runs ghcr.io/northwind/cart:3.3.0 since Monday",
                                         context: UnderstandingContext(), reading: none)
        if case .success = held { Issue.record("a statement became \(status.operation.summary)") }
        #expect(EmbeddedParser.onlyTells("cart in staging runs 3.3.0 since Monday. It has been fine."))
        #expect(!EmbeddedParser.onlyTells("payments is failing in prod"))
        #expect(!EmbeddedParser.onlyTells("payments in stg feels sluggish, give it a fresh start"))
        #expect(!EmbeddedParser.onlyTells("is cart running in staging?"))
    }

    /// Advice on a size is not asked of the cluster, and a route answer needs a sentence that
    /// asks someone to take a task on.
    @Test func sizingAdviceIsSettledAndRoutesNeedSomeone() {
        let u = EmbeddedParser().understand("is 512Mi enough memory for thumbnailer?", context: UnderstandingContext())
        #expect(u.operation.op == .unknown && u.settled)
        #expect(EmbeddedParser().understand("are 3 replicas too many for cart?", context: UnderstandingContext()).operation.op == .unknown)
        let route = Understanding(operation: Operation(.route, task: "set-resources for ws-gateway"), confidence: 0.9, source: "llm")
        let none = Understanding(operation: .unknown("not an operations request"), confidence: 0.1, source: "embedded")
        if case .success = ModeUnderstander.hold(route, to: "set-resources for ws-gateway", context: UnderstandingContext(), reading: none) {
            Issue.record("a route was read from a sentence that asks nobody")
        }
        let asked = Understanding(operation: Operation(.route, task: "fix the flaky login test"), confidence: 0.9, source: "llm")
        if case .failure(let error) = ModeUnderstander.hold(asked, to: "who could fix the flaky login test", context: UnderstandingContext(), reading: none) {
            Issue.record("a route for a sentence that asks someone was refused: \(error.message)")
        }
    }

    /// A model's change that names no environment is made where the sentence names exactly
    /// one, and refused where it names several.
    @Test func aModelsChangeTakesTheOnlyEnvironmentTheSentenceNames() {
        let none = Understanding(operation: .unknown("'role' could mean several things"), confidence: 0.4, source: "embedded")
        let rollback = Understanding(operation: Operation(.rollback, service: "catalog", revision: 9), confidence: 0.9, source: "llm")
        switch ModeUnderstander.hold(rollback, to: "role back catalog in prod to revision 9", context: UnderstandingContext(), reading: none) {
        case .success(let held): #expect(held.operation.environment == "production")
        case .failure(let error): Issue.record("refused: \(error.message)")
        }
        if case .success = ModeUnderstander.hold(rollback, to: "role back catalog from prod to staging revision 9", context: UnderstandingContext(), reading: none) {
            Issue.record("a change was placed although the sentence names two environments")
        }
        // Node and shell actions are refused by the parser, so no model is asked.
        let drain = EmbeddedParser().understand("kubectl drain node-7", context: UnderstandingContext())
        #expect(drain.operation.op == .unknown && drain.settled)
    }
}
