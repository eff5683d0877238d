@testable import CortexCore
import Testing

/// Requests typed as fields (`op=scale svc=… replicas=4`, `action: delete | service: …`),
/// read as the sentence their fields say, and lines that only look like fields.
@Suite struct ParserStructuredFieldsTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        ("op=scale svc=heron replicas=4 env=stg", Operation(.scale, service: "heron", environment: "staging", replicas: 4)),
        ("env=prd svc=heron op=scale delta=-2", Operation(.scale, service: "heron", environment: "production", delta: -2)),
        ("op:scale svc:heron by:+3 env:live", Operation(.scale, service: "heron", environment: "production", delta: 3)),
        ("action: delete | service: scratch-9 | env: stg | kind: deployment",
         Operation(.delete, service: "scratch-9", environment: "staging", kind: .deployment)),
        ("deploy | svc: kestrel | ver: 2.14.0 | env: live | canary: 20%",
         Operation(.deploy, service: "kestrel", environment: "production", version: "2.14.0", canary: 20)),
        ("cost: {service: heron, env: prod, period: month}", Operation(.cost, service: "heron", environment: "production", period: .month)),
        ("action: set-budget, amount: 120, period: weekly", Operation(.budget, amount: 120, period: .week)),
        ("op=set-env svc=heron env=prod vars=TIMEOUT_MS=2500,RETRIES=3",
         Operation(.setEnv, service: "heron", environment: "production", env: ["TIMEOUT_MS": .set("2500"), "RETRIES": .set("3")])),
        ("op: set-env | svc: heron | env: dev | FEATURE_X: on | OLD_FLAG: (remove)",
         Operation(.setEnv, service: "heron", environment: "development", env: ["FEATURE_X": .set("on"), "OLD_FLAG": .remove])),
        ("op: set-resources; svc: zk; kind: statefulset; memory: 512 megs; scope: limits",
         Operation(.setResources, service: "zk", kind: .statefulset, memory: "512Mi", scope: .limits)),
        ("op=autoscale svc=heron env=prod min=2 max=10 cpu=70%",
         Operation(.autoscale, service: "heron", environment: "production", min: 2, max: 10, cpuPercent: 70)),
        ("rollout: pause, service: heron, env: staging", Operation(.pause, service: "heron", environment: "staging")),
        ("op=status svc=heron env=prod  # checking before I restart it", Operation(.status, service: "heron", environment: "production")),
        ("op=route task=\"migrate the orders database to Postgres 16\"", Operation(.route, task: "migrate the orders database to Postgres 16")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        "what-if: op=scale svc=heron replicas=0",
        "reminder for later: action: promote, service: heron, env: prod",
        "compare: op=rollback vs op=abort for svc=heron, which is safer?",
        "don't run this: op=abort svc=heron env=prod",
        // A comment beside a change may take it back: the fields are not read alone.
        "op=abort svc=heron env=prod # don't actually run it",
        "op: delete, svc: heron, env: prod, note: only after QA signs off",
        // A name that is not one stays refused.
        "op=restart svc=$(reboot) env=prod",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func onlyFieldsOfKnownNamesAreRead() {
        #expect(StructuredFields.sentence("op=scale svc=heron replicas=4 env=stg") == "scale heron to 4 replicas in stg")
        #expect(StructuredFields.sentence("Status: draft, reviewers @kenji") == nil)
        #expect(StructuredFields.sentence("deploy: payments to prod") == nil)
        #expect(StructuredFields.sentence("colour=blue op=scale svc=heron") == nil)
    }
}
