/// A word that says what to do, grouped by the operation it points to.
enum Verb: Equatable, Sendable {
    /// deploy, ship, release, launch, install, roll out, spin up …
    case deploy
    /// push, update, upgrade: a deploy, or a scale when only a replica count follows.
    case update
    /// set, make, change, configure: decided entirely by what follows.
    case set
    /// give: `give api a restart`, `give api two more replicas`.
    case give
    /// scale, resize.
    case scale
    /// increase, raise, bump, add, boost …: scale up, or a new version (`bump api to 1.3`).
    case grow
    /// decrease, reduce, lower, shrink, cut …
    case shrink
    /// remove, drop, take away: scale down with a replica count, delete without.
    case remove
    case restart
    case rollback
    case delete
    /// status, describe, inspect, health.
    case status
    /// show, get, list, view, check, see: a status unless logs, cost or a budget is named.
    case show
    /// tail: always logs.
    case tail
    /// follow, stream: logs when logs are named.
    case stream
    /// limit, cap: a budget, or a scale when a replica count follows.
    case limit
    /// stop, start, pause, shut down …: words with no single meaning here.
    case ambiguous
    /// roll, tear, spin, bring: verbs whose particle (`back`, `down`, `up`, `out`) decides.
    case phrasal(String)
    /// need, want, run: a scale when a replica count follows.
    case want
    /// do, perform, trigger, run a …: carry no meaning of their own.
    case lead
    /// diagnose, troubleshoot, debug, investigate, fix: find out what is wrong.
    case diagnose
    /// pause, halt: stop a rollout where it stands.
    case pause
    /// resume, unpause, continue: let a paused rollout go on.
    case resume
    /// autoscale: create or change a HorizontalPodAutoscaler.
    case autoscale
    /// unset: remove an environment variable.
    case unset
    /// allocate, assign: give a workload resources.
    case allocate

    /// Verbs that name an operation by themselves; the others need a noun or a slot.
    var isStrong: Bool {
        switch self {
        case .deploy, .update, .scale, .grow, .shrink, .remove, .restart, .rollback, .delete,
            .status, .tail, .limit, .ambiguous, .phrasal:
            true
        case .diagnose, .pause, .resume, .autoscale, .unset:
            true
        case .set, .give, .show, .stream, .want, .lead, .allocate:
            false
        }
    }
}

/// Prepositions that introduce slots.
enum Prep: Equatable, Sendable {
    /// in, on, at, into, inside, within: an environment follows.
    case inside
    case to, from, of, with, by, `as`, about
    /// for: a workload, an environment or a period follows.
    case `for`
}

/// Counted things.
enum Unit: Equatable, Sendable {
    case replica, line, revision, version, image
}

/// Nouns that carry meaning.
enum Noun: Equatable, Sendable {
    /// service, deployment, app, workload …: the kind of thing a service is.
    case workload
    case logs
    /// cost, spend, bill …
    case cost
    case budget
    /// status, health, state …
    case status
    /// environment, env, cluster, namespace.
    case environment
    /// all, everything, every.
    case everything
    /// it, them, that one: never names a workload.
    case pronoun
    /// thing, stuff, server, weather, joke …: words that are never a workload name.
    case generic
    /// events, event: the cluster's event records.
    case events
    /// canary: a second workload with the new version beside the stable one.
    case canary
    /// hpa, autoscaler, autoscaling: the HorizontalPodAutoscaler.
    case autoscaler
    /// env var, environment variable, variable: a container environment variable.
    case variable
    /// memory, mem, ram.
    case memory
    /// cpu, cores, vcpu, millicores.
    case cpu
    /// statefulset, daemonset, sts, ds: a workload kind named in words.
    case kind(WorkloadKind)
}

/// A direction for relative scaling.
enum Direction: Equatable, Sendable {
    case up, down
}

/// The meaning of one word or phrase, or of a shaped token (number, version, image, amount).
enum Tag: Equatable, Sendable {
    /// please, just, now, go ahead and, could you …: explained and ignored.
    case filler
    /// the, my, our, this, that.
    case article
    /// a, an: `1` before a unit (`add a replica`), otherwise nothing.
    case indefinite
    case verb(Verb)
    /// up, down, out, back, over, off: completes a phrasal verb or gives a direction.
    case particle(String)
    case prep(Prep)
    case unit(Unit)
    case noun(Noun)
    case period(Period)
    /// and, then, also, plus: separates clauses.
    case conj
    /// don't, do not, never, not.
    case negation
    /// another (1), a couple (2): counts that come with their own noun.
    case quantity(Int)
    /// a few, several, some, many: amounts nobody can act on.
    case vague
    /// more, extra, additional.
    case more
    /// fewer, less.
    case fewer
    /// double, triple, halve: needs the current count.
    case multiplier
    /// because, since, so that: the rest of the clause is a comment.
    case tailMarker
    /// what, how, is, are, did, does …: questions.
    case question(String)
    /// healthy, running, stuck, broken …: describe a workload.
    case adjective
    /// last, previous, latest, prior.
    case relative
    /// dollars, bucks, usd.
    case currency
    /// euros, pounds …: money the operation format cannot hold.
    case foreignCurrency
    /// a period the format cannot hold: yearly, hourly, this year.
    case badPeriod
    /// Route wrappers are handled before tagging; this only marks the bare word `route`.
    case route
    /// `LOG_LEVEL=debug`: an environment variable and its value, as typed.
    case assignment(name: String, value: String)
    /// `70%`.
    case percent(Int)
    /// A number with a unit written onto it: `500m`, `1Gi`, `512MB`, `2h`, `15min`.
    case measure(Int, unit: String)
    /// `sts/kafka`, `deployment/payments`: a workload named with its kind.
    case kindName(WorkloadKind, service: String)
    /// `between 2 and 10`: a range of counts.
    case range(Int, Int)
    /// `LOG_LEVEL`, `FEATURE_X`: an environment variable named in capitals, as typed.
    case envName(String)

    // Shaped tokens.
    /// A canonical environment name.
    case env(String)
    case number(Int)
    /// `+2`, `-1`.
    case signed(Int)
    /// `1.5`: a version or an amount, decided by the operation.
    case decimal(Double)
    /// `$500`, `1.5k`, `20 dollars` once joined: dollars.
    case money(Double)
    /// `$100/day`.
    case moneyPer(Double, Period)
    case version
    case image
    /// `api:1.2`, `api@v2`: a workload and a version.
    case serviceTag(service: String, version: String)
    /// `#3`.
    case hashNumber(Int)
    /// `-n`, `--tail`, `--lines`: a line count follows.
    case lineFlag
    /// Any other command-line flag (`--force`).
    case flag
    /// Anything else: maybe a workload name, maybe an unexplained word.
    case word
}

/// A tagged stretch of the sentence: one token, or several for a phrase or a number in words.
struct Lexeme: Sendable {
    var tag: Tag
    /// Index of the first and one past the last token covered.
    var first: Int
    var end: Int
    /// The lowercased first word (or the whole token for shaped tokens).
    var word: String
    /// The text as typed, for versions and images.
    var raw: String
    var breakBefore: Bool
    var colonAfter: Bool
    var possessive: Bool
    /// Matched with a typo tolerated (an environment or a verb).
    var fuzzy = false
    /// Part of a clause that comments on the line's command (`…, we'll pin it by hand`).
    var commentary = false
}
