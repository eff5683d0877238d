import Synchronization

/// The words and phrases the parser knows, with their meaning.
///
/// Phrases are matched longest first, so `roll back` wins over `roll` and `this week` over
/// `this`. Everything here is vocabulary; the rules that combine words live elsewhere.
enum Lexicon {
    struct Entry: Equatable, Sendable {
        /// The words after the first: empty for a one-word phrase (most of them), so that
        /// such an entry allocates nothing.
        let rest: [String]
        let tag: Tag

        /// How many words the phrase has.
        var length: Int { rest.count + 1 }
    }

    /// The phrases that start with `word`, longest first (in the order written among
    /// phrases of one length); nil when none does.
    ///
    /// A process that parses one sentence (`cortex parse`, `cortex nl`) looks up a few dozen
    /// words: each is found by a scan of the vocabulary, which costs a small part of building
    /// the whole table. Past `scansBeforeTable` lookups (a shell, a replay, the corpora) the
    /// table is built once and used from then on. Both give the same answer.
    static func phrases(startingWith word: String) -> [Entry]? {
        if scans.load(ordering: .relaxed) < scansBeforeTable, scannable(word) {
            scans.wrappingAdd(1, ordering: .relaxed)
            return scan(word)
        }
        return table[word]
    }

    /// Whether comparing bytes finds what the table's `String` keys find: an ASCII word
    /// without spaces is equal to a key exactly when its bytes are (the phrases are written
    /// in Unicode normal form C, which a test holds).
    private static func scannable(_ word: String) -> Bool {
        word.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: " ") }
    }

    /// About as many scans as building the table costs.
    static let scansBeforeTable = 48
    private static let scans = Atomic<Int>(0)

    /// Phrases indexed by their first word, as `phrases(startingWith:)` gives them. A one-word
    /// phrase is its own key; only the rest of a longer one is split, on the space byte (no
    /// phrase has a space followed by a combining mark).
    static let table: [String: [Entry]] = {
        var table: [String: [Entry]] = [:]
        table.reserveCapacity(entries.count)
        for (text, tag) in entries {
            let (first, entry) = split(text, tag)
            table[first, default: []].append(entry)
        }
        for index in table.indices where table.values[index].count > 1 {
            table.values[index].sort(by: longerFirst)
        }
        return table
    }()

    /// The phrases starting with `word` (ASCII, no spaces), found by reading every phrase.
    static func scan(_ word: String) -> [Entry]? {
        let key = word.utf8
        guard let lead = key.first else { return nil }
        var found: [Entry] = []
        for (text, tag) in entries {
            let utf8 = text.utf8
            guard utf8.first == lead, utf8.starts(with: key) else { continue }
            let end = utf8.index(utf8.startIndex, offsetBy: key.count)
            guard end == utf8.endIndex || utf8[end] == UInt8(ascii: " ") else { continue }
            found.append(split(text, tag).entry)
        }
        guard !found.isEmpty else { return nil }
        if found.count > 1 { found.sort(by: longerFirst) }
        return found
    }

    private static func split(_ text: String, _ tag: Tag) -> (first: String, entry: Entry) {
        let utf8 = text.utf8
        guard let space = utf8.firstIndex(of: UInt8(ascii: " ")) else { return (text, Entry(rest: [], tag: tag)) }
        let rest = utf8[utf8.index(after: space)...].split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
        return (String(Substring(utf8[..<space])), Entry(rest: rest, tag: tag))
    }

    private static func longerFirst(_ a: Entry, _ b: Entry) -> Bool { a.rest.count > b.rest.count }

    /// Words written with `'s` that are not possessives.
    static let contractions: Set<String> = [
        "what's", "how's", "who's", "where's", "when's", "why's", "it's", "that's", "there's",
        "here's", "let's", "he's", "she's", "one's",
    ]

    /// Lead words an operator types, for completion; each names an operation by itself.
    static let completionVerbs: [String] = [
        "bounce", "budget", "cost", "cycle", "decommission", "delete", "deploy", "describe",
        "destroy", "install", "kick", "launch", "list", "logs", "nuke", "promote", "push",
        "reboot", "recycle", "release", "remove", "restart", "revert", "rollback", "route",
        "scale", "ship", "show", "spend", "status", "tail", "teardown", "undo", "uninstall",
    ]

    /// Whether `word` starts a verb that changes a workload by itself (`restart`, `roll`).
    static func namesOperation(_ word: String) -> Bool {
        phrases(startingWith: word)?.contains { Sentence.namesAChange($0.tag) } ?? false
    }

    private static func many(_ words: [String], _ tag: Tag) -> [(String, Tag)] {
        words.map { ($0, tag) }
    }

    /// Every phrase with its meaning, in the order written.
    static let entries: [(String, Tag)] = {
        var e: [(String, Tag)] = []
        e.reserveCapacity(2048)
        // Politeness, fillers and the people in the sentence.
        e += many([
            "please", "pls", "plz", "plse", "pleae", "plase", "pleas", "kindly", "thanks", "thank you", "thankyou", "thx", "ty",
            "cheers", "thanks a lot", "thank you very much", "many thanks", "much appreciated",
            // Courtesies of the languages mixed into English (Indonesian, Polish, Swahili, Arabic).
            "tolong", "mohon", "makasih", "terima kasih", "proszę", "prosze", "dziękuję", "dziekuje", "tafadhali", "asante",
            "shukran", "min fadlak", "be so kind and", "be so kind as to", "could you be so kind and", "could you be so kind as to",
            // Light verbs and frames of the languages mixed into English, around the operation's
            // own word (`hazle un restart a …`, `… restart karna hai`, `mach mal einen restart`).
            "necesito que", "hagas", "hazle un", "hazle", "haz un", "haz", "dale un", "dale", "gracias", "yaar", "jaldi", "kar do",
            "karna hai", "kannst du bitte", "kannst du", "mach mal", "einen", "faz o", "faz um", "da um", "fais un", "stp",
            "s'il te plait", "al",
            // (`kripya increase …`, `Yalla, deploy …`, `… is ok không?`, `… 감사합니다`.)
            "kripya", "yalla", "khalas", "khong", "không", "ạ", "vậy", "nhé", "nha", "giúp em", "감사합니다", "해주세요",
            "appreciated", "could you", "can you", "would you", "will you", "would you mind",
            "could you maybe", "can you maybe", "could you perhaps", "could you possibly", "can you possibly", "would you maybe",
            "can u", "could u", "would u", "will u", "u", "as agreed", "as discussed", "as requested",
            "as planned", "as mentioned", "as per", "as approved", "as decided", "as promised", "as noted",
            "as usual", "effective immediately", "kubectl", "in place", "hold on", "hang on", "time to", "it's time to", "its time to", "no need to ask", "no need to confirm", "no need to check",
            "do you mind", "mind", "i'd like to", "i would like to", "id like to", "i'd like you to",
            "i would like you to", "i'd like", "i would like", "i want to", "i want you to",
            "i need you to", "i need to", "we need to", "we want to", "i wanna", "i need", "i want",
            "we need", "we want", "go ahead and", "go ahead", "go and", "for me", "for us", "just",
            "quickly", "right now", "now", "asap", "immediately", "straight away", "right away",
            "hey", "hi", "hello", "yo", "hiya", "howdy", "heya", "greetings", "alright", "good", "ok", "okay", "so", "cortex", "let's", "lets", "let us",
            "real quick", "quick one", "quick", "when you get a chance", "when you can", "if you can",
            "if possible", "if you could", "help me", "try to", "we should", "you should",
            "i think", "maybe", "actually", "again", "once more", "already", "yes", "yeah", "yep",
            "sure", "btw", "fyi", "me", "us", "i", "we", "you", "tell me", "tell me about",
            "let me know", "can i get", "could i get", "can we", "remind me",
            "could we", "make sure", "there", "well", "um", "uh", "hmm", "currently", "right",
            "still", "really", "exactly", "doing", "going", "looking", "performing", "holding up",
            "behaving", "should", "could", "would", "will", "shall", "must", "might", "may",
            "be", "been", "being", "so far", "total", "overall", "our", "your", "their", "its",
            "exceed", "go over", "more than", "under", "below", "at most", "no more than",
            "stay", "max", "maximum", "allow", "cloud", "everything ok", "everything okay",
            "as well", "for now", "for the moment", "for the time being", "like", "bitte", "por favor", "s'il vous plaît", "s'il vous plait", "svp", "onegai", "nice", "great", "too", "also please",
            "by the way", "one more time", "here", "anything", "something", "going on",
            "on call", "on-call", "breakdown", "summary", "a resume of", "a resumen of", "a resumé of", "a résumé of", "totals", "per service", "by service",
            "safely", "carefully", "gracefully", "completely", "entirely", "fully", "all of",
            "over there", "as soon as possible", "when ready", "at once", "soon",
            "can someone", "could someone", "can somebody", "could somebody", "can anyone",
            "could anyone", "would someone", "will someone", "someone please", "somebody please",
            "if you don't mind", "when you're ready", "when you get a moment", "let", "kind of", "sort of",
            "kinda", "sorta", "i'd like to know", "i would like to know", "i want to know", "want to know",
            "i wonder", "wondering", "i was wondering", "across", "throughout", "lol", "lmao", "haha", "welp", "dare", "oof", "sigh", "resources",
            "revert back to me", "revert to me", "revert back to us", "revert to us", "and revert back to me", "and revert to me",
            "do the needful", "and do the needful", "say me", "abeg", "reckon", "i reckon", "ever", "else", "whether",
            "back to normal", "it would be great if", "it'd be great if", "it would be nice if", "it'd be nice if",
            "it would be good if", "it'd be good if", "would be great if",
            "and send all traffic back to stable", "send all traffic back to stable", "and send traffic back to stable",
            "and route all traffic back to stable", "and shift all traffic back to stable", "and move all traffic back to stable",
            "around", "roughly", "approximately", "approx", "circa", "k8s", "kube",
            // (`live demo: deploy storefront …`: a demonstration, not the live environment.)
            "live demo", "live-demo", "live coding", "live session", "livestream", "live stream",
            "nip in and", "pop in and", "hop in and", "jump in and", "hop on and",
            "both the requests and limits", "both requests and limits", "both the request and limit", "requests and limits",
            "the requests and limits", "request and limit",
            // (`pull the plug on the canary`: ends it; `plug` is read by the canary's evidence.)
            "pull the plug on", "pull the plug",
        ], .filler)
        e += many(["the", "my", "this", "that", "these", "those", "teh"], .article)
        e += many(["a", "an"], .indefinite)
        e += many([
            "what", "what's", "whats", "what is", "what are", "how", "how's", "hows", "how is", "how're",
            "how are", "is", "are", "was", "were", "did", "does", "do", "has", "have", "had",
            "which", "why", "why is", "why's", "whys", "why are", "why're", "when", "where", "where's", "who", "who's", "what about", "wtf", "wth",
            "how about", "any", "is there", "are there", "isn't", "aren't", "or not", "or nah", "or nope",
        ], .question("q"))
        e += many([
            "what happened", "what's happened", "whats happened", "what has happened", "what went on",
            "what changed", "what's changed", "what has changed", "what's been happening", "whats been happening",
            "what has been happening", "what's been going on", "what has been going on", "what was happening", "what was going on",
            "wtf happened", "wth happened", "wtf has been happening", "wtf is going on", "wth is going on",
        ], .question("happened"))

        // Verbs.
        e += many([
            "deploy", "deploys", "deploying", "ship", "ship out", "release", "launch", "install",
            "roll out", "rollout", "roll-out", "spin up", "spin-up", "bring up", "stand up", "set up", "fire up",
            "redeploy", "re-deploy", "provision", "publish", "create", "promote", "graduate", "roll forward",
            "go live with",
        ], .verb(.deploy))
        e += many(["push", "update", "upgrade", "move", "switch", "swap", "send", "actualize", "actualise", "actualizar", "atualizar", "aggiorna"], .verb(.update))
        e += many([
            "set", "make", "change", "configure", "adjust", "put", "modify", "bring", "export", "setenv", "set-env",
            "bung", "stick", "slap", "whack", "pop", "flick", "sort out", "flip", "toggle", "pon", "ponlo", "ponle", "setz", "setze", "mets",
            // (`don't touch the $2k monthly budget`: said not to, any change is ruled out.)
            "touch", "mess with", "fiddle with", "tinker with",
        ], .verb(.set))
        e += many(["give"], .verb(.give))
        e += many(["scale", "resize", "rescale", "escala", "escalar", "skaliere", "skalieren"], .verb(.scale))
        e += many([
            "increase", "raise", "bump", "bump up", "boost", "add", "grow", "expand", "crank up",
            "ramp up", "dial up", "turn up", "up the", "chuck", "throw", "augment", "enlarge", "increment", "scale-up", "scaleup",
            "sube", "aumenta", "agrega", "anade", "adiciona",
        ], .verb(.grow))
        e += many([
            "decrease", "reduce", "lower", "shrink", "cut", "trim", "shave", "ramp down", "dial down",
            "scale back", "turn down", "cut down", "downscale", "downsize", "scale-down", "scaledown", "diminish", "lessen", "decrement",
        ], .verb(.shrink))
        e += many(["remove", "drop", "take away", "take off", "subtract", "get rid of", "take out", "quita", "quitale"], .verb(.remove))
        e += many([
            "restart", "restarts", "reboot", "bounce", "cycle", "recycle", "kick", "rolling restart", "reinitialize", "reinitialise", "reinitiate", "riavvia",
            "rollout restart", "rolling-restart", "re-start", "reload", "respawn", "power cycle",
            "power-cycle", "kickstart", "hard restart", "soft restart", "rolling bounce", "kick over", "rs",
            "off and on again", "off and on", "turn it off and on again", "turn it off and on",
            // (The verb in the language mixed into English: `reinicia cart en prod`.)
            "reinicia", "reiniciar", "reinicie", "neustarten", "neu starten", "starte neu", "redémarre", "redemarre", "redémarrer",
        ], .verb(.restart))
        e += many([
            "rollback", "roll back", "roll-back", "revert", "revert back", "undo", "undo rollout", "go back",
            "back out", "backout", "downgrade", "restore", "roll it back", "rollout undo", "return", "rb",
        ], .verb(.rollback))
        e += many([
            "delete", "destroy", "decommission", "decom", "nuke", "tear down", "teardown", "retire",
            "tear-down", "uninstall", "kill", "purge", "erase", "scrap", "deprovision",
            "take down", "wipe out", "wipe", "trash", "delete off", "bin", "bin off", "del", "suppress", "eliminate",
            "tear it down", "tear them down", "out of existence",
            "borra", "borrar", "elimina", "eliminar", "lösche", "löschen", "supprime", "supprimer",
        ], .verb(.delete))
        e += many([
            "status", "describe", "inspect", "health", "health check", "healthcheck",
            "what's running", "what is running", "whats running", "what's deployed",
            "what is deployed", "whats deployed", "what's live", "what is live", "what's up with",
            "whats up with", "what's going on with", "what is going on with", "what's going on in",
            "what is going on in", "what's happening in", "what's happening with", "how many",
            "what version", "which version", "overview", "rundown", "run-down", "ps", "check on", "check up on",
            "look at", "take a look at", "have a look at", "take a look", "have a look", "what's the state of", "anything running",
            "anything deployed", "what runs", "whats live", "what's the story with", "whats the story with",
            "what's the craic with", "what's the crack with", "whats the craic with", "whats the crack with",
            "what's the deal with", "whats the deal with", "what's the word on", "whats the word on",
            "vibe check", "vibe-check", "vibecheck",
        ], .verb(.status))
        e += many([
            "show", "get", "list", "ls", "view", "display", "check", "see", "fetch", "print", "retrieve", "obtain", "control",
            "pull up", "dump", "output", "read", "give me", "gimme", "find", "query",
            "report", "share", "can i see", "let me see", "i want to see", "i'd like to see", "show me", "pull", "grab",
            "send me", "send us", "i need see", "i need to see", "get me", "fetch me", "revert with", "revert back with",
            "chuck us", "chuck me", "bung us", "bung me", "shoot me", "shoot us", "flick me", "flick us", "send over",
            // (`Verify relay is healthy in production`, `confirm that the deploy of hub finished`.)
            "peek at", "peek", "sneak a peek at", "peek into",
            "verify", "verify that", "confirm", "confirm that", "double-check", "double check", "double-check that",
            "note down", "write down", "jot down", "look for",
            "dame", "pasame", "gib mir",
            "muestra", "muéstrame", "muestrame", "mostra", "mostrar", "zeig", "zeige", "zeig mir", "montre", "montre-moi", "dikhao", "dikha do",
        ], .verb(.show))
        e += many([
            "diagnose", "diagnosis", "diagnostics", "troubleshoot", "debug", "investigate", "look into",
            "dig into", "triage", "root cause", "root-cause", "rca", "figure out", "find out", "fix",
            "run diagnostics on", "run a diagnosis on", "health-check", "sanity check", "diag", "understand why",
            "diagnostic", "make a diagnostic of", "make a diagnosis of", "do a diagnostic of", "run a diagnostic on",
            "identify", "pinpoint", "sweep", "what's eating", "whats eating", "what is eating",
        ], .verb(.diagnose))
        e += many(["pause", "halt", "pause the rollout of", "hold", "hold off", "rollout pause", "park", "hit the brakes on", "pump the brakes on", "pausa", "pausar", "put on pause", "put on hold", "hit pause on", "press pause on", "hit pause"], .verb(.pause))
        e += many(["resume", "unpause", "un-pause", "continue", "unfreeze", "rollout resume", "carry on with", "carry on", "crack on with"], .verb(.resume))
        e += many([
            "autoscale", "auto-scale", "autoscaling", "auto-scaling", "auto scale", "scale automatically", "automatic scaling", "auto scaling",
            "automatically scale", "scale automatic", "float",
        ], .verb(.autoscale))
        e += many(["unset", "clear"], .verb(.unset))
        e += many(["allocate", "assign", "allot", "reserve", "grant"], .verb(.allocate))
        e += many(["tail"], .verb(.tail))
        e += many(["follow", "stream", "watch"], .verb(.stream))
        e += many(["limit", "cap", "set a limit", "set a cap", "restrict", "constrain"], .verb(.limit))
        e += many([
            "stop", "start", "suspend", "shut down", "shutdown",
            // (`yeet` sends something out, to production or out of existence.)
            "yeet",
            "shut off", "turn off", "turn on", "disable", "enable", "spin down", "wind down", "band kar do", "band karo", "band kar",
            "freeze", "take offline", "power off", "power down", "activate", "deactivate", "disactivate", "desactivate", "quit",
            "bring down", "migrate", "backup", "back up",
            "snapshot", "patch", "drain", "cordon", "exec", "ssh", "connect", "open",
        ], .verb(.ambiguous))
        e += many(["crank", "ramp", "dial", "knock", "turn", "notch"], .verb(.scale))
        e += [("roll", .verb(.phrasal("roll"))), ("tear", .verb(.phrasal("tear"))),
              ("spin", .verb(.phrasal("spin"))), ("take", .verb(.phrasal("take")))]
        e += many(["need", "needs", "want", "wants", "run", "keep", "have it run", "should have", "could do with", "could use"], .verb(.want))
        e += many([
            "perform", "trigger", "initiate", "execute", "kick off", "carry out", "realize a", "realize the", "realise a", "realise the", "effectuate",
            "start a", "start the", "run a", "fire off", "schedule", "launch a", "do a", "begin", "begin a",
        ], .verb(.lead))

        for word in ["up", "down", "out", "back", "over", "off", "away"] { e.append((word, .particle(word))) }
        // `take loyalty back one release`: one step back is the revision before.
        e += many(["back one release", "back one version", "back one revision", "back a release"], .particle("back"))

        // Prepositions.
        e += many(["in", "on", "at", "into", "inside", "within", "onto", "in the", "on the", "en", "em", "mein", "pe"], .prep(.inside))
        e += many(["to", "towards", "up to", "down to", "->", "=>", "→", "to just", "to only", "to exactly", "down to just", "down to only"], .prep(.to))
        e += many(["from", "out of", "off of"], .prep(.from))
        // (`memory request de bolt`, `die Logs von auth-gw`: `of` in the languages mixed in.)
        e += many(["of", "de", "von", "vom"], .prep(.of))
        e += many(["for"], .prep(.for))
        e += many(["with", "using", "via", "w/", "at version"], .prep(.with))
        e += many(["by"], .prep(.by))
        e += many(["as", "named", "called", "under the name", "als"], .prep(.as))
        e += many(["about", "regarding"], .prep(.about))

        // Units.
        e += many([
            "replica", "replicas", "instance", "instances", "pod", "pods", "po", "copy", "copies",
            "container", "containers", "replica count", "number of replicas", "replica number",
            "replicaset", "replica set", "replicas count", "count of replicas", "replics", "replcias", "replicacount", "replica_count",
        ], .unit(.replica))
        e += many([
            "line", "lines", "log lines", "log line", "entries", "entry", "log entries", "messages",
            "log messages", "rows", "lines of logs", "lines of log", "lines of output", "lineas", "zeilen", "lignes",
        ], .unit(.line))
        e += many(["revision", "revisions", "rev", "revs", "revision number", "rev number", "rev no", "revision no", "rollout revision", "revison", "revsion", "reivsion"], .unit(.revision))
        e += many(["version", "versions", "tag", "tagged", "image tag", "version number", "build"], .unit(.version))
        e += many(["image", "container image", "docker image"], .unit(.image))

        // Nouns.
        e += many([
            "service", "services", "svc", "deployment", "deployments", "app", "apps", "application",
            "applications", "workload", "workloads", "microservice", "microservices", "micro-service",
            "deploy-ment",
        ], .noun(.workload))
        e += many(["logs", "log", "logging", "log output", "output of", "error logs", "logfile"], .noun(.logs))
        e += many([
            "cost", "costs", "costing", "spend", "spent", "spending", "bill", "bills",
            "expenses", "expense", "expenditure", "expenditures", "outlay", "charges", "how much", "money", "burn", "burned", "burnt", "burn rate", "cloud bill",
            "price", "spendings", "llm", "llms", "llm tokens", "model tokens", "llm usage",
            "token usage", "llm spend", "ai spend", "what's the damage", "whats the damage", "quanto costa", "quanto custa", "cuanto cuesta", "cuánto cuesta", "costed",
        ], .noun(.cost))
        e += many([
            "budget", "budgets", "spending limit", "spend limit", "spending cap", "spend cap",
            "cost limit", "budget limit", "cost cap",
        ], .noun(.budget))
        e += many([
            "state", "info", "information", "details", "condition", "rollout status", "health status",
            "status update", "status report", "an update on", "any update on", "any updates on", "updates on",
            "health report",
        ], .noun(.status))
        e += many([
            "events", "event", "event log", "event logs", "k8s events", "kubernetes events", "warnings",
            "warning events", "evts", "evt",
        ], .noun(.events))
        e += many(["canary", "canaries", "canary release", "canary deployment", "canary deploy"], .noun(.canary))
        e += many([
            "hpa", "hpas", "autoscaler", "autoscalers", "horizontal pod autoscaler", "auto-scaler",
            "auto scaler", "pod autoscaler",
        ], .noun(.autoscaler))
        e += many([
            "env var", "env vars", "envvar", "envvars", "env variable", "env variables",
            "environment variable", "environment variables", "variable", "variables", "var", "vars",
            "env setting", "config var", "config vars",
        ], .noun(.variable))
        e += many(["memory", "mem", "ram", "memory limit", "memory limits", "memory request", "memory requests"], .noun(.memory))
        e += many([
            "cpu", "cpus", "vcpu", "vcpus", "core", "cores", "millicores", "millicore", "millicpu",
            "cpu limit", "cpu limits", "cpu request", "cpu requests", "processor",
        ], .noun(.cpu))
        e += many(["statefulset", "statefulsets", "stateful set", "stateful sets", "sts"], .noun(.kind(.statefulset)))
        e += many(["daemonset", "daemonsets", "daemon set", "daemon sets", "ds", "demon set", "demon sets", "demonset", "demonsets"], .noun(.kind(.daemonset)))
        e += many([
            "environment", "environments", "env", "envs", "cluster", "clusters", "namespace", "namespaces", "ns",
            "enviroment", "enviornment", "envrionment", "environmnet", "site",
        ], .noun(.environment))
        e += many(["all", "everything", "every", "each", "all the", "every single"], .noun(.everything))
        e += many([
            "it", "them", "they", "that one", "this one", "itself", "him", "her", "same service", "same one", "same app",
            "same workload", "same deployment", "that service", "this service", "that workload", "that app",
        ], .noun(.pronoun))
        e += many([
            "thing", "things", "stuff", "server", "servers", "machine", "machines", "system", "systems",
            "stack", "infra", "infrastructure", "node", "nodes", "box", "boxes", "weather", "joke",
            "jokes", "time", "date", "news", "story", "poem", "song", "music", "movie", "film", "recipe",
            "lunch", "dinner", "breakfast", "coffee", "tea", "beer", "food", "pizza", "game", "name",
            "age", "life", "meaning", "world", "love", "friend", "question", "answer", "problem",
            "bug", "bugs", "issue", "issues", "ticket", "tickets", "code", "file", "files", "password",
            "secret", "secrets", "key", "keys", "token", "tokens", "email", "mail", "meeting",
            "calendar", "traffic", "user", "users", "customer", "customers", "someone", "anyone",
            "everyone", "somebody", "anybody", "everybody", "way", "idea", "nothing",
            "computer", "laptop", "phone", "internet", "website", "homework", "essay", "vacation",
            "birthday", "day off", "tomorrow", "morning", "evening", "afternoon",
            "yesterday's", "capital", "france", "president", "sky", "rain", "sun", "kill switch", "killswitch", "hotfix", "change freeze", "release freeze", "deploy freeze", "deployment freeze",
        ], .noun(.generic))

        // Periods.
        e += many([
            "today", "daily", "per day", "a day", "each day", "every day", "/day", "per-day",
            "today so far", "so far today", "for the day", "for today", "in the last day", "last day",
            "yesterday", "last 24 hours", "past 24 hours", "past day", "24h", "day", "days", "a-day",
        ], .period(.day))
        e += many([
            "this week", "weekly", "per week", "a week", "each week", "every week", "/week", "/wk",
            "per-week", "last week", "past week", "the week", "week", "wk", "this past week",
            "last 7 days", "past 7 days", "last seven days", "past seven days", "for the week",
            "week to date", "wtd", "so far this week", "weeks", "week-to-date",
        ], .period(.week))
        e += many([
            "this month", "monthly", "per month", "a month", "each month", "every month", "/month",
            "/mo", "per-month", "last month", "past month", "the month", "month", "mo", "month to date",
            "mtd", "last 30 days", "past 30 days", "last thirty days", "so far this month",
            "for the month", "months", "per mo", "month-to-date",
        ], .period(.month))
        e += many([
            "yearly", "annually", "annual", "per year", "a year", "this year", "last year", "year",
            "years", "hourly", "per hour", "an hour", "this quarter", "quarterly", "per minute",
            "forever", "all time", "all-time", "per quarter", "ytd", "year to date", "hour", "hours",
            "minute", "minutes", "min", "mins", "seconds", "second", "ago", "last hour", "past hour",
            "the last hour", "the past hour", "this morning", "this afternoon", "tonight", "since yesterday",
            "hr", "hrs", "sec", "secs", "half hour", "half an hour", "last half hour", "past half hour",
            "the last half hour", "the past half hour", "quarter of an hour", "a quarter of an hour", "quarter hour", "quarter-hour",
        ], .badPeriod)

        // Joining words and counts.
        e += many([
            "and", "then", "and then", "also", "plus", "as well as", "after that", "afterwards",
            "followed by", "&", "+", "next", "and also", "along with", "after which", "or", "either",
        ], .conj)
        e += many([
            "don't", "dont", "do not", "never", "not", "no need to", "shouldn't", "should not", "refrain from", "abstain from",
            "mustn't", "won't", "no", "nope", "don’t", "cancel", "abort", "never mind", "nevermind",
            "can't", "cannot", "can not", "doesn't", "didn't", "couldn't", "wouldn't",
            "haven't", "havent", "hasn't", "hasnt", "didnt", "doesnt", "cant", "shouldnt", "wouldnt", "couldnt",
            // (`Bitte NICHT deleten`, `delete mat karo`, `não apaga`: a negation in the language mixed in.)
            "nicht", "nahi", "nahin", "não", "nao",
        ], .negation)
        e += [("a grand", .money(1000)), ("one grand", .money(1000))]
        e += [("another", .quantity(1)), ("another couple of", .quantity(2)), ("another couple", .quantity(2)), ("another pair of", .quantity(2)), ("a couple of", .quantity(2)), ("a couple", .quantity(2)),
              ("couple of", .quantity(2)), ("a pair of", .quantity(2)), ("a single", .quantity(1)),
              ("single", .quantity(1)), ("one additional", .quantity(1)), ("one extra", .quantity(1))]
        e += many([
            "few", "a few", "several", "some", "many", "a bunch of", "bunch", "lots", "a lot of",
            "lots of", "a handful of", "plenty", "a bit", "a little", "a lot", "more of",
        ], .vague)
        e += many(["more", "extra", "additional", "added", "further"], .more)
        e += many(["fewer", "less"], .fewer)
        e += many([
            "double", "triple", "halve", "quadruple", "cut in half", "twice", "twice as many",
            "half as many",
        ], .multiplier)
        e += many([
            "because", "since", "so that", "as it", "as it's", "it's", "it is", "cause", "cuz",
            "'cause", "in order to", "to pick up", "to apply", "to fix", "to reload", "to refresh",
            "to clear", "so it", "so we", "so the", "which is", "that is", "when done", "once done",
            "when you're done", "and wait", "and let me know", "and tell me", "and report back",
            "and notify me", "and ping me", "and make sure", "and confirm", "and watch", "while",
            "if", "unless", "until", "wait", "seems", "looks like", "it seems", "apparently",
            "after the", "before the", "thanks to", "due to", "ahead of", "to save", "in time for",
        ], .tailMarker)
        e += many([
            "healthy", "unhealthy", "running", "alive", "ready", "available",
            "working", "fine", "broken", "failing", "stuck", "flaky", "crashing", "crashed", "hung",
            "slow", "degraded", "dead", "bad", "faulty", "misbehaving", "new", "old", "current",
            "existing", "whole", "entire", "main", "primary", "green", "happy", "sick", "erroring",
            "up and running", "in good shape", "struggling", "overloaded", "busy", "idle", "stable",
            "deployed", "responding", "online", "offline", "serving", "acting up", "fresh", "in-progress",
            "ongoing", "in progress",
        ], .adjective)
        e += many([
            "last", "lsat", "previous", "prior", "latest", "most recent", "recent", "last good",
            "last known good", "previous good", "earlier", "the one before", "former", "older", "precedent", "anterior",
            "last working", "newest", "first", "past",
            // (`las ultimas 100 lineas`, `der letzten 15 Minuten`, `pichle ek ghante`.)
            "ultimas", "ultimos", "ultima", "ultimo", "letzten", "pichle", "derniers", "dernieres",
        ], .relative)
        e += many(["dollars", "dollar", "bucks", "buck", "usd", "us dollars", "$"], .currency)
        e += many([
            "euro", "euros", "eur", "€", "pounds", "gbp", "£", "yen", "jpy", "cents", "bitcoin", "btc", "eth", "ether",
            "cad", "aud", "nzd", "chf", "inr", "rupees", "rupee", "cny", "rmb", "yuan", "sek", "nok", "dkk", "krona", "kronor",
            "pesos", "mxn", "brl", "reais", "francs", "zar", "sgd", "hkd", "krw",
        ], .foreignCurrency)
        e += [("route", .route), ("route this", .route)]
        return e
    }()
}
