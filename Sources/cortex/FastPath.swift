import CortexCore
import CortexShell

/// The common forms of hot one-shot commands, recognised without ArgumentParser.
///
/// Parsing with ArgumentParser first builds the whole command tree by reflecting over every
/// command and option group, which costs a few milliseconds of a command that otherwise takes
/// a few more. The forms below can neither fail to parse nor ask for help, so they are answered
/// directly, exactly as the full parser would answer them; every other form (any other option,
/// a word that starts with `-`, `--help`, no words at all) is left to ArgumentParser, which
/// stays the source of truth for help, errors and everything unusual.
enum FastPath {
    /// `parse [--json] <word>...` with at least one word and no word that starts with `-`:
    /// whether JSON was asked for and the words; nil for any other form.
    static func parseCommand(_ arguments: some Collection<String>) -> (json: Bool, words: [String])? {
        guard arguments.first == "parse" else { return nil }
        var rest = arguments.dropFirst()
        let json = rest.first == "--json"
        if json { rest = rest.dropFirst() }
        guard !rest.isEmpty, !rest.contains(where: { $0.hasPrefix("-") }) else { return nil }
        return (json, Array(rest))
    }

    /// The launch options `SessionOptions.launch()` gives when no option was given.
    static func defaultLaunch() -> LaunchOptions {
        LaunchOptions(processEnvironment: processEnvironment())
    }
}
