@testable import CortexCore
import Testing

/// The strict decoder's rules, one by one.
@Suite struct LLMDecoderTests {
    let decoder = StrictOperationDecoder(environments: .standard)

    func reason(_ answer: String) -> String {
        let op = decoder.decode(answer)
        #expect(op.op == .unknown, "\(answer) gave \(op.canonicalJSON)")
        return op.reason ?? ""
    }

    @Test func plainObjectBecomesTheOperation() {
        #expect(decoder.decode(#"{"op":"deploy","service":"security-worker","environment":"staging","replicas":3}"#)
            == Operation(.deploy, service: "security-worker", environment: "staging", replicas: 3))
    }

    @Test(arguments: [
        "  \n{\"op\":\"restart\",\"service\":\"api\"}\n\t",
        "```json\n{\"op\":\"restart\",\"service\":\"api\"}\n```",
        "```JSON\r\n{\"op\":\"restart\",\"service\":\"api\"}\r\n```",
        "```\n{\"op\":\"restart\",\"service\":\"api\"}\n```",
        "\n```json\n  {\"op\":\"restart\",\"service\":\"api\"}  \n```\n",
    ])
    func whitespaceAndOneFenceAreAccepted(answer: String) {
        #expect(decoder.decode(answer) == Operation(.restart, service: "api"))
    }

    @Test(arguments: [
        "Sure! {\"op\":\"restart\",\"service\":\"api\"}",
        "{\"op\":\"restart\",\"service\":\"api\"} Let me know if you need more.",
        "Here is the operation:\n```json\n{\"op\":\"restart\",\"service\":\"api\"}\n```",
        "```json\n{\"op\":\"restart\",\"service\":\"api\"}\n```\nDone.",
        "```python\n{\"op\":\"restart\",\"service\":\"api\"}\n```",
        "```json\n{\"op\":\"restart\",\"service\":\"api\"}\n```\n```json\n{\"op\":\"status\"}\n```",
        "```json {\"op\":\"restart\",\"service\":\"api\"}```",
        "I cannot help with that.",
        "restart api",
    ])
    func proseIsRefused(answer: String) {
        #expect(reason(answer) == "the model answered with prose")
    }

    @Test(arguments: [
        #"[{"op":"restart","service":"api"},{"op":"delete","service":"db"}]"#,
        #"{"op":"restart","service":"api"}{"op":"delete","service":"db"}"#,
        "{\"op\":\"restart\",\"service\":\"api\"}\n{\"op\":\"delete\",\"service\":\"db\"}",
        #"{"op":"restart","service":"api"}, {"op":"delete","service":"db"}"#,
    ])
    func severalOperationsAreRefused(answer: String) {
        #expect(reason(answer) == "the model answered with several operations")
    }

    @Test func otherShapesAreRefused() {
        #expect(reason("") == "the model gave an empty answer")
        #expect(reason("```json\n\n```") == "the model gave an empty answer")
        #expect(reason(#"[{"op":"restart","service":"api"}]"#).contains("a list"))
        #expect(reason(#""restart""#).contains("not a JSON object"))
        #expect(reason("42").contains("not a JSON object"))
        #expect(reason(#"{"op":"restart","service":"api""#).contains("not valid JSON"))
        #expect(reason(#"{"op":"restart",}"#).contains("not valid JSON"))
        #expect(reason(String(repeating: "[", count: 10_000)).contains("nests deeper"))
        #expect(reason(String(repeating: " ", count: 70_000) + #"{"op":"status"}"#).contains("longer than 64 KiB"))
    }

    @Test func opMustBeAKnownKind() {
        #expect(reason(#"{"service":"api"}"#) == "the model's answer has no op")
        #expect(reason(#"{"op":null,"service":"api"}"#) == "the model's answer has no op")
        #expect(reason(#"{"op":3}"#) == "the model's op is not a string")
        #expect(reason(#"{"op":"exec","service":"api"}"#) == #"the model named an operation that does not exist: "exec""#)
        #expect(reason(#"{"op":"Restart","service":"api"}"#).contains("does not exist"))
    }

    @Test func unknownPassesThroughWithACleanReason() {
        #expect(decoder.decode(#"{"op":"unknown","reason":"two requests at once"}"#) == .unknown("two requests at once"))
        #expect(decoder.decode(#"{"op":"unknown","reason":"line\none\u0007 \u202Ebell\ttab"}"#) == .unknown("line one bell tab"))
        #expect(decoder.decode(#"{"op":"unknown"}"#) == .unknown("the model did not understand the request"))
        #expect(decoder.decode(#"{"op":"unknown","reason":7}"#) == .unknown("the model did not understand the request"))
        let long = decoder.decode(#"{"op":"unknown","reason":""# + String(repeating: "x", count: 5_000) + #""}"#)
        #expect(long.reason?.count == StrictOperationDecoder.maxReasonLength)
        #expect(long.reason?.hasSuffix("…") == true)
    }

    @Test func fieldsOutsideTheFormatOrTheOperationAreRefused() {
        #expect(reason(#"{"op":"restart","service":"api","force":true}"#)
            == #"the model's answer has a field the operation format does not have: "force""#)
        #expect(reason(#"{"op":"restart","service":"api","replicas":3}"#)
            == "the model's answer gives replicas to restart, which does not take it")
        #expect(reason(#"{"op":"route","task":"fix it","service":"api"}"#).contains("gives service to route"))
        #expect(reason(#"{"op":"restart","service":"api","co\u0000mmand":"x"}"#).contains(#""command""#))
    }

    @Test func nullCountsAsAbsent() {
        #expect(decoder.decode(#"{"op":"restart","service":"api","environment":null,"replicas":null,"reason":null}"#)
            == Operation(.restart, service: "api"))
        #expect(reason(#"{"op":"restart","service":null}"#).contains("service: required for restart"))
    }

    @Test(arguments: [
        (#"{"op":"scale","service":"api","replicas":"3"}"#, "replicas is not a whole number"),
        (#"{"op":"scale","service":"api","replicas":3.5}"#, "replicas is not a whole number"),
        (#"{"op":"scale","service":"api","replicas":3.0}"#, "replicas is not a whole number"),
        (#"{"op":"scale","service":"api","replicas":true}"#, "replicas is not a whole number"),
        (#"{"op":"scale","service":"api","replicas":[3]}"#, "replicas is not a whole number"),
        (#"{"op":"scale","service":"api","replicas":{"n":3}}"#, "replicas is not a whole number"),
        (#"{"op":"scale","service":"api","replicas":99999999999999999999999}"#, "replicas is implausibly large"),
        (#"{"op":"scale","service":"api","replicas":1e400}"#, "replicas is not a whole number"),
        (#"{"op":"scale","service":"api","delta":-2000000}"#, "delta is implausibly large"),
        (#"{"op":"budget","amount":"5","period":"day"}"#, "amount is not a number"),
        (#"{"op":"budget","amount":1e400,"period":"day"}"#, "amount is not a number"),
        (#"{"op":"budget","amount":1e15,"period":"day"}"#, "amount is implausibly large"),
        (#"{"op":"budget","amount":5,"period":"year"}"#, "period is not one of day, week, month"),
        (#"{"op":"budget","amount":5,"period":1}"#, "period is not one of day, week, month"),
        (#"{"op":"restart","service":3}"#, "service is not text"),
        (#"{"op":"route","task":""}"#, "task is empty"),
        (#"{"op":"route","task":"   "}"#, "task is empty"),
        (#"{"op":"deploy","service":"api","version":"v1 && rm -rf /"}"#, "version contains spaces"),
        (#"{"op":"deploy","service":"api","version":"v1\u0000"}"#, "version contains control characters"),
        (#"{"op":"route","task":"fix\nthe bug"}"#, "task contains control characters"),
        (#"{"op":"route","task":"fix \u202Egub the"}"#, "task contains control characters"),
    ])
    func wrongTypesAreRefused(answer: String, expected: String) {
        #expect(reason(answer) == "the model's \(expected)")
    }

    @Test func longTextIsRefused() {
        let task = String(repeating: "a", count: 501)
        #expect(reason(#"{"op":"route","task":""# + task + #""}"#) == "the model's task is longer than 500 characters")
        #expect(decoder.decode(#"{"op":"route","task":""# + task.dropLast() + #""}"#).op == .route)
    }

    @Test(arguments: [
        (#"{"op":"scale","service":"api","replicas":-1}"#, "replicas: must be >= 0"),
        (#"{"op":"scale","service":"api","delta":0}"#, "delta: must not be zero"),
        (#"{"op":"scale","service":"api"}"#, "replicas: scale needs replicas or delta"),
        (#"{"op":"scale","service":"api","replicas":2,"delta":1}"#, "delta: scale takes replicas or delta, not both"),
        (#"{"op":"rollback","service":"api","revision":0}"#, "revision: must be >= 1"),
        (#"{"op":"logs","service":"api","lines":0}"#, "lines: must be >= 1"),
        (#"{"op":"budget","amount":-5,"period":"day"}"#, "amount: must be a finite number >= 0"),
        (#"{"op":"budget","amount":5}"#, "period: required for budget"),
        (#"{"op":"deploy"}"#, "service: required for deploy"),
    ])
    func violationsAreRefused(answer: String, violation: String) {
        #expect(reason(answer) == "the model's answer breaks the operation format: \(violation)")
    }

    @Test func servicesMustBeWorkloadNames() {
        #expect(reason(#"{"op":"restart","service":"API"}"#) == #"the model's service "API" is not a valid workload name"#)
        #expect(reason(#"{"op":"restart","service":"api;rm"}"#).contains("not a valid workload name"))
        #expect(reason(#"{"op":"restart","service":"api gateway"}"#) == "the model's service contains spaces")
        #expect(reason(#"{"op":"restart","service":""# + String(repeating: "a", count: 64) + #""}"#).contains("longer than 63"))
        #expect(decoder.decode(#"{"op":"restart","service":" api "}"#) == Operation(.restart, service: "api"))
    }

    @Test func environmentsAreCanonicalOrRefused() {
        #expect(decoder.decode(#"{"op":"restart","service":"api","environment":"prod"}"#)
            == Operation(.restart, service: "api", environment: "production"))
        #expect(decoder.decode(#"{"op":"restart","service":"api","environment":"Staging"}"#)
            == Operation(.restart, service: "api", environment: "staging"))
        #expect(reason(#"{"op":"restart","service":"api","environment":"qa"}"#)
            == #"the model named an environment that is not configured: "qa" (configured: development, staging, production)"#)
        #expect(reason(#"{"op":"restart","service":"api","environment":"prodution"}"#).contains("not configured"))
        let custom = StrictOperationDecoder(environments: EnvironmentCatalog([.init(name: "qa", aliases: ["test"])]))
        #expect(custom.decode(#"{"op":"restart","service":"api","environment":"test"}"#)
            == Operation(.restart, service: "api", environment: "qa"))
        #expect(custom.decode(#"{"op":"restart","service":"api","environment":"production"}"#).op == .unknown)
    }

    @Test func repeatedFieldsAreRefused() {
        #expect(reason(#"{"op":"scale","service":"api","replicas":3,"replicas":30}"#)
            == "the model's answer names a field more than once")
        #expect(reason(#"{"op":"restart","op":"delete","service":"api"}"#) == "the model's answer names a field more than once")
        // Colons inside strings are not members.
        #expect(decoder.decode(#"{"op":"deploy","service":"api","image":"ghcr.io/acme/api:1.2"}"#).image == "ghcr.io/acme/api:1.2")
    }

    @Test func valuesArriveAsObjectsFromToolCalls() {
        #expect(decoder.decode(["op": "logs", "service": "api", "lines": 20] as JSONValue)
            == Operation(.logs, service: "api", lines: 20))
        #expect(decoder.decode(["op": "logs", "service": "api", "lines": "20"] as JSONValue).op == .unknown)
        #expect(decoder.decode([["op": "status"], ["op": "status"]] as JSONValue).reason == "the model answered with several operations")
        #expect(decoder.decode("status" as JSONValue).reason == "the model's answer is not a JSON object")
    }

    @Test func amountsKeepFractions() {
        #expect(decoder.decode(#"{"op":"budget","amount":12.5,"period":"week"}"#) == Operation(.budget, amount: 12.5, period: .week))
        #expect(decoder.decode(#"{"op":"budget","amount":40,"period":"month"}"#) == Operation(.budget, amount: 40, period: .month))
    }
}
