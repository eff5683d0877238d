import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Testing

/// Canary deploys end to end on the simulated cluster, with the fixed clock of transcripts:
/// start, health check, promote, abort, one canary per workload, `status`, and a failing
/// canary aborted by the rollout-failure rule. The sentences reach the pipeline as typed
/// operations from a table (the embedded parser does not understand them yet), so these
/// are transcripts in all but the understanding.
@Suite(.serialized) struct CanaryReplayTests {
    static let table: [String: Operation] = [
        "deploy payments v2.1 to production as a 10% canary":
            Operation(.deploy, service: "payments", environment: "production", version: "v2.1", canary: 10),
        "deploy payments v2.2 to production as a 10% canary":
            Operation(.deploy, service: "payments", environment: "production", version: "v2.2", canary: 10),
        "deploy payments crashloop-3 to production as a 10% canary":
            Operation(.deploy, service: "payments", environment: "production", version: "crashloop-3", canary: 10),
        "deploy payments crashloop-3 to staging as a 50% canary":
            Operation(.deploy, service: "payments", environment: "staging", version: "crashloop-3", canary: 50),
        "promote the payments canary in prod": Operation(.promote, service: "payments", environment: "production"),
        "abort the canary of payments in production": Operation(.abort, service: "payments", environment: "production"),
        "status of payments in production": Operation(.status, service: "payments", environment: "production"),
        "status of payments in staging": Operation(.status, service: "payments", environment: "staging"),
        "status of production": Operation(.status, environment: "production"),
    ]

    /// Replays `body` (requests, answers, expected output) with the table as understander.
    func replay(_ body: String, name: String = #function) throws -> TranscriptReplay.Result {
        let transcript = try Transcript.parse("@understand llm\n" + body)
        let understanders: TranscriptReplay.ModeUnderstanders = { _ in TableUnderstander(table: Self.table) }
        return try TranscriptReplay(understanders: understanders).replay(transcript, name: name)
    }

    func expectMatch(_ body: String, name: String = #function) throws {
        let result = try replay(body, name: name)
        if ProcessInfo.processInfo.environment["CORTEX_PRINT_CANARY"] == "1" { print(result.output) }
        if let mismatch = result.mismatch { Issue.record(Comment(rawValue: mismatch)) }
    }
}

extension CanaryReplayTests {
    /// One canary per workload; promote gives payments the canary's version and removes the canary.
    @Test func aProductionCanaryIsStartedSizedCheckedShownAndPromoted() throws {
        try expectMatch(#"""
        @env production

        cortex (production)> deploy payments v2.1 to production as a 10% canary
        > deploy payments version v2.1 in production as a 10% canary
        Plan: deploy payments version v2.1 in production as a 10% canary
          where     context cortex-sim, namespace production
          replicas  3 → 4
          image     ghcr.io/acme/payments:2.3.1 → ghcr.io/acme/payments:v2.1
          cost      scaling 3 → 4 replicas costs $16.43 more a month ($49.29 → $65.72)
        Risk: medium, confirmation needed
          confirm  production-changes (guardrails/default.yaml:23)
                   production is protected: every change there is checked
                   Production serves customers; every change there is confirmed.
        ? Proceed? [y/N] y
        started the canary of payments in production: payments-canary with image ghcr.io/acme/payments:v2.1, 1 canary pod beside 3 stable: 25% of the pods, the closest to the 10% asked with 3 stable replicas (exactly 10% takes 9 stable replicas)
        payments-canary in production: 1/1 replicas ready (image ghcr.io/acme/payments:v2.1, revision 1)
        the canary of payments in production stayed healthy for 2 minutes: 1/1 ready, image ghcr.io/acme/payments:v2.1; 1 of 4 ready pods (25%, asked 10%)
        next: promote the payments canary in production, or abort the canary of payments in production
        cortex (production)> status of payments in production
        > status of payments in production
        payments in production: 3/3 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 3)
          updated 3, available 3, total 3
          conditions: Available=True (MinimumReplicasAvailable), Progressing=True (NewReplicaSetAvailable)
          canary: payments-canary 1/1 ready, image ghcr.io/acme/payments:v2.1; 1 of 4 ready pods (25%, asked 10%)
        cortex (production)> deploy payments v2.2 to production as a 10% canary
        > deploy payments version v2.2 in production as a 10% canary
        error: payments already has a canary in production (payments-canary, image ghcr.io/acme/payments:v2.1); one canary per workload
          hint: promote or abort it first
        cortex (production)> promote the payments canary in prod
        > promote the canary of payments in production
        Plan: promote the canary of payments in production
          where     context cortex-sim, namespace production
          replicas  4 → 3
          image     ghcr.io/acme/payments:2.3.1 → ghcr.io/acme/payments:v2.1
          cost      scaling 4 → 3 replicas saves $16.43 a month ($65.72 → $49.29)
        Risk: medium, confirmation needed
          confirm  production-changes (guardrails/default.yaml:23)
                   production is protected: every change there is checked
                   Production serves customers; every change there is confirmed.
        ? Proceed? [y/N] y
        promoting the canary of payments in production: updating payments in production: image ghcr.io/acme/payments:2.3.1 → ghcr.io/acme/payments:v2.1
        payments in production: 3/3 replicas ready (image ghcr.io/acme/payments:v2.1, revision 4)
        deleted payments-canary in production
        cortex (production)> status of production
        > status of everything in production
        production (namespace production):
        api-gateway   3/3 ready  ghcr.io/acme/api-gateway:1.14.2  revision 2  rolled out
        payments      3/3 ready  ghcr.io/acme/payments:v2.1       revision 4  rolled out
        web-frontend  4/4 ready  ghcr.io/acme/web-frontend:3.8.0  revision 1  rolled out
        """#)
    }

    /// Abort removes the canary; the stable version serves alone again.
    @Test func anAbortRemovesTheCanaryAndOnlyAnExistingOneCanBeAborted() throws {
        try expectMatch(#"""
        @env production

        cortex (production)> abort the canary of payments in production
        > abort the canary of payments in production
        error: payments has no canary in production
          hint: start one with a deploy that names a canary share, e.g. deploy payments v2 to production as a 10% canary
        cortex (production)> deploy payments v2.1 to production as a 10% canary
        > deploy payments version v2.1 in production as a 10% canary
        Plan: deploy payments version v2.1 in production as a 10% canary
          where     context cortex-sim, namespace production
          replicas  3 → 4
          image     ghcr.io/acme/payments:2.3.1 → ghcr.io/acme/payments:v2.1
          cost      scaling 3 → 4 replicas costs $16.43 more a month ($49.29 → $65.72)
        Risk: medium, confirmation needed
          confirm  production-changes (guardrails/default.yaml:23)
                   production is protected: every change there is checked
                   Production serves customers; every change there is confirmed.
        ? Proceed? [y/N] y
        started the canary of payments in production: payments-canary with image ghcr.io/acme/payments:v2.1, 1 canary pod beside 3 stable: 25% of the pods, the closest to the 10% asked with 3 stable replicas (exactly 10% takes 9 stable replicas)
        payments-canary in production: 1/1 replicas ready (image ghcr.io/acme/payments:v2.1, revision 1)
        the canary of payments in production stayed healthy for 2 minutes: 1/1 ready, image ghcr.io/acme/payments:v2.1; 1 of 4 ready pods (25%, asked 10%)
        next: promote the payments canary in production, or abort the canary of payments in production
        cortex (production)> abort the canary of payments in production
        > abort the canary of payments in production
        Plan: abort the canary of payments in production
          where     context cortex-sim, namespace production
          replicas  4 → 3
          image     ghcr.io/acme/payments:v2.1 → ghcr.io/acme/payments:2.3.1
          cost      scaling 4 → 3 replicas saves $16.43 a month ($65.72 → $49.29)
        Risk: medium, confirmation needed
          confirm  production-changes (guardrails/default.yaml:23)
                   production is protected: every change there is checked
                   Production serves customers; every change there is confirmed.
        ? Proceed? [y/N] y
        aborting the canary of payments in production (image ghcr.io/acme/payments:v2.1)
        deleted payments-canary in production
        payments in production: 3/3 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 3)
        cortex (production)> status of payments in production
        > status of payments in production
        payments in production: 3/3 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 3)
          updated 3, available 3, total 3
          conditions: Available=True (MinimumReplicasAvailable), Progressing=True (NewReplicaSetAvailable)
        """#)
    }

    /// The canary's crash decides at once; staging undoes it without a keystroke.
    @Test func aFailingCanaryInStagingIsAbortedByTheRolloutFailureRule() throws {
        try expectMatch(#"""
        @env staging

        cortex (staging)> deploy payments crashloop-3 to staging as a 50% canary
        > deploy payments version crashloop-3 in staging as a 50% canary
        started the canary of payments in staging: payments-canary with image ghcr.io/acme/payments:crashloop-3, 2 canary pods beside 2 stable: 50% of the pods, as asked
        the canary of payments (crashloop-3) failed in staging: 2 of 2 new pods CrashLoopBackOff (exit 1: 2026-01-05T10:00:01Z FATAL cannot connect to dependency: dial tcp 10.96.0.42:5432: connect: connection refused)
          certain 1 second after the first crash, without waiting for the progress deadline
        payments-canary in staging: 0/2 replicas ready (image ghcr.io/acme/payments:crashloop-3, revision 1)
        rule undo-failed-rollouts (guardrails/default.yaml:132): undoing it at once
        > abort the canary of payments in staging
        aborting the canary of payments in staging (image ghcr.io/acme/payments:crashloop-3)
        deleted payments-canary in staging
        payments in staging: 2/2 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 1)
        payments in staging runs only its stable version again, healthy 1 second after the first crash
        cortex (staging)> status of payments in staging
        > status of payments in staging
        payments in staging: 2/2 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 1)
          updated 2, available 2, total 2
          conditions: Available=True (MinimumReplicasAvailable), Progressing=True (NewReplicaSetAvailable)
        """#)
    }

    /// Production offers the abort; nobody can answer, so the failing canary stays and status shows it.
    @Test func aFailingCanaryInProductionIsOfferedForAbortAndWithoutATerminalLeftRunning() throws {
        try expectMatch(#"""
        @env production
        @interactive no
        @yes

        cortex (production)> deploy payments v2.1 to production as a 10% canary
        > deploy payments version v2.1 in production as a 10% canary
        Plan: deploy payments version v2.1 in production as a 10% canary
          where     context cortex-sim, namespace production
          replicas  3 → 4
          image     ghcr.io/acme/payments:2.3.1 → ghcr.io/acme/payments:v2.1
          cost      scaling 3 → 4 replicas costs $16.43 more a month ($49.29 → $65.72)
        Risk: medium, confirmation needed
          confirm  production-changes (guardrails/default.yaml:23)
                   production is protected: every change there is checked
                   Production serves customers; every change there is confirmed.
        started the canary of payments in production: payments-canary with image ghcr.io/acme/payments:v2.1, 1 canary pod beside 3 stable: 25% of the pods, the closest to the 10% asked with 3 stable replicas (exactly 10% takes 9 stable replicas)
        payments-canary in production: 1/1 replicas ready (image ghcr.io/acme/payments:v2.1, revision 1)
        the canary of payments in production stayed healthy for 2 minutes: 1/1 ready, image ghcr.io/acme/payments:v2.1; 1 of 4 ready pods (25%, asked 10%)
        next: promote the payments canary in production, or abort the canary of payments in production
        cortex (production)> deploy payments crashloop-3 to production as a 10% canary
        > deploy payments version crashloop-3 in production as a 10% canary
        error: payments already has a canary in production (payments-canary, image ghcr.io/acme/payments:v2.1); one canary per workload
          hint: promote or abort it first
        cortex (production)> abort the canary of payments in production
        > abort the canary of payments in production
        Plan: abort the canary of payments in production
          where     context cortex-sim, namespace production
          replicas  4 → 3
          image     ghcr.io/acme/payments:v2.1 → ghcr.io/acme/payments:2.3.1
          cost      scaling 4 → 3 replicas saves $16.43 a month ($65.72 → $49.29)
        Risk: medium, confirmation needed
          confirm  production-changes (guardrails/default.yaml:23)
                   production is protected: every change there is checked
                   Production serves customers; every change there is confirmed.
        aborting the canary of payments in production (image ghcr.io/acme/payments:v2.1)
        deleted payments-canary in production
        payments in production: 3/3 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 3)
        cortex (production)> deploy payments crashloop-3 to production as a 10% canary
        > deploy payments version crashloop-3 in production as a 10% canary
        Plan: deploy payments version crashloop-3 in production as a 10% canary
          where     context cortex-sim, namespace production
          replicas  3 → 4
          image     ghcr.io/acme/payments:2.3.1 → ghcr.io/acme/payments:crashloop-3
          cost      scaling 3 → 4 replicas costs $16.43 more a month ($49.29 → $65.72)
        Risk: medium, confirmation needed
          confirm  production-changes (guardrails/default.yaml:23)
                   production is protected: every change there is checked
                   Production serves customers; every change there is confirmed.
        started the canary of payments in production: payments-canary with image ghcr.io/acme/payments:crashloop-3, 1 canary pod beside 3 stable: 25% of the pods, the closest to the 10% asked with 3 stable replicas (exactly 10% takes 9 stable replicas)
        the canary of payments (crashloop-3) failed in production: 1 of 1 new pod CrashLoopBackOff (exit 1: 2026-01-05T10:02:03Z FATAL cannot connect to dependency: dial tcp 10.96.0.42:5432: connect: connection refused)
          certain 1 second after the first crash, without waiting for the progress deadline
        payments-canary in production: 0/1 replicas ready (image ghcr.io/acme/payments:crashloop-3, revision 1)
        rule offer-undo-in-production (guardrails/default.yaml:137) offers to undo it, and nobody can answer here: nothing was changed
        to undo it, run: cortex nl "abort the canary of payments in production"
        cortex (production)> status of payments in production
        > status of payments in production
        payments in production: 3/3 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 3)
          updated 3, available 3, total 3
          conditions: Available=True (MinimumReplicasAvailable), Progressing=True (NewReplicaSetAvailable)
          canary: payments-canary 0/1 ready, image ghcr.io/acme/payments:crashloop-3; 0 of 3 ready pods (0%, asked 10%)
        """#)
    }
}
