/// The default guardrail policy built into cortex: the text of `guardrails/default.yaml`,
/// used when no policy folder is configured. A test keeps the two identical; after editing
/// the YAML file, paste it between the delimiters below, keeping one empty line before the
/// closing delimiter (the file's final newline).
public enum DefaultPolicy {
    /// The name locations in messages refer to.
    public static let file = "guardrails/default.yaml"

    public static let text = #"""
# cortex guardrails: the default policy.
#
# cortex judges every change after it has understood the request and read the live
# state, never the words of the request: "just a tiny safe delete" is a delete. Each rule
# below may speak about a change; the strongest action among the rules that spoke decides:
#
#   confirm   ask "Proceed? [y/N]" (or accept --yes where nobody can answer)
#   typed     the operator types the service name back (or passes --confirm <service>)
#   approval  a second operator runs `cortex approve <id>` before it can run
#   deny      refused
#
# Reading (status, logs, cost, route) is never judged. Every rule has an `id`, a `kind`,
# and may narrow itself with `environments` and `operations` (deploy, scale, restart, rollback,
# delete, budget, set-env, set-resources, autoscale, pause, resume) and set its `action`. Times are UTC.
#
# To use your own policy, copy this folder to ~/.config/cortex/guardrails (or point
# --policy / CORTEX_POLICY_DIR at a folder) and edit it. `cortex policy check` validates
# it; `cortex policy explain "<request>"` shows which rules would speak.
version: 1

rules:
  # Every change to production gets a second look.
  - id: production-changes
    kind: protection
    description: Production serves customers; every change there is confirmed.
    environments: [production]
    action: confirm

  # Changing the spending limit is confirmed wherever it happens.
  - id: budget-changes
    kind: protection
    operations: [budget]
    action: confirm

  # Deleting a workload or scaling it to zero stops it: type its name to go ahead.
  - id: destructive
    kind: destructive
    action: typed

  # Replica counts each environment may run with. Production keeps two replicas at least,
  # so that a rollout or a lost node never takes a service down; to stop a production
  # service, delete it: bounds judge scaling and deploys, never a delete.
  - id: production-replicas
    kind: replica-bounds
    environments: [production]
    min: 2
    max: 50

  - id: staging-replicas
    kind: replica-bounds
    environments: [staging]
    min: 0
    max: 20

  - id: development-replicas
    kind: replica-bounds
    environments: [development]
    min: 0
    max: 10

  # A change to more than twice (or less than half) the running replicas, or by more than
  # ten either way, is easy to get wrong by a digit.
  - id: large-replica-jump
    kind: large-jump
    factor: 2
    step: 10

  # The cluster's own machinery is never changed from cortex.
  - id: cluster-system
    kind: protected
    description: System namespaces belong to the platform team's tooling.
    namespaces: [kube-system, kube-public, kube-node-lease]

  # No deployments on Friday afternoon or over the weekend. Rollbacks, restarts and scaling
  # stay possible, so that whoever is on call can still act.
  - id: friday-deploy-freeze
    kind: freeze
    description: Nobody wants to debug a Friday-evening deploy on Saturday.
    environments: [production]
    operations: [deploy]
    days: [fri]
    from: "15:00"
    to: "24:00"

  - id: weekend-deploy-freeze
    kind: freeze
    environments: [production]
    operations: [deploy]
    days: [sat, sun]

  # A runaway script or a loop of mistakes stops after ten production changes in ten minutes.
  - id: production-rate-limit
    kind: rate-limit
    environments: [production]
    max: 10
    window: 10m

  # Production runs images that say what they are: no `latest`, no missing tag.
  - id: production-image-tags
    kind: image
    environments: [production]
    forbid-tags: [latest]
    require-tag: true

  # Changes that raise the estimated monthly cluster spend by more than $500 are
  # confirmed; those that would spend more than is left of the monthly budget
  # (`set the monthly budget to $2000`) are refused.
  - id: cost-ceiling
    kind: cost-ceiling
    max-monthly-increase: 500
    action: confirm

  - id: over-budget
    kind: cost-ceiling
    within-budget: true
    action: deny

  # Deleting anything in production takes two people.
  - id: production-delete-approval
    kind: two-person
    environments: [production]
    operations: [delete]
    valid-for: 1h

  # What happens when a rollout fails (its new pods crash, do not pull, cannot be
  # scheduled or never become ready): `rollback` undoes it at once, `offer` asks
  # "Roll back …? [y/N]" (without a terminal it prints the command), `none` only reports.
  # These rules judge no request; their `action` is one of those three words. Undoing is
  # a rollback to the revision before, or the abort of a failing canary, and it is its own
  # request: the rules above still judge it (a freeze that covers rollbacks stops it,
  # production still asks). Development and staging undo at once; production asks first.
  - id: undo-failed-rollouts
    kind: rollout-failure
    environments: [development, staging]
    action: rollback

  - id: offer-undo-in-production
    kind: rollout-failure
    environments: [production]
    action: offer

  # Configuration and autoscaling. An autoscaler is judged by its maximum: the replica
  # bounds, large jumps and the budget above see it as the replica count it may reach.
  # New requests or limits in production restart every pod of the workload, and a limit
  # set too low gets its containers killed: confirmed.
  - id: production-resource-changes
    kind: protection
    description: New requests and limits restart every pod; a low memory limit means OOM kills.
    environments: [production]
    operations: [set-resources]
    action: confirm

  # Without its autoscaler a production workload stays at the replicas it has, whatever
  # its load.
  - id: production-autoscaler-removal
    kind: autoscaler-removal
    environments: [production]
    action: confirm

"""#
}
