import CEditLine
import CortexCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The completion engine libedit's callback consults. libedit calls a plain C function
/// that cannot carry context, so the engine lives in this process-wide, locked slot; the
/// reader replaces it whenever the session's vocabulary changes.
let completionSlot = Mutex(CompletionEngine())

/// libedit's attempted-completion callback: `word` is the word under the cursor, `start`
/// its offset in characters. Returns readline's format (see ``readlineMatches(_:)``), or
/// nil to offer nothing — libedit never falls back to file names.
func completeWord(
    _ word: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    cortex_rl_completion_over()
    let text = word.map { String(cString: $0) } ?? ""
    var before = ""
    if let line = cortex_rl_copy_line() {
        before = String(String.UnicodeScalarView(String(cString: line).unicodeScalars.prefix(Int(max(0, start)))))
        free(line)
    }
    let completion = completionSlot.withLock { $0.completion(for: text, after: before) }
    return readlineMatches(completion)
}

/// readline's completion result: a malloc'd array whose first entry replaces the word (the
/// single match, or the common prefix), then every candidate, then NULL. libedit frees it.
/// A single match is returned alone; an extra NULL pads the array, since libedit looks at
/// the third slot to tell a single match from several.
func readlineMatches(_ completion: Completion) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    guard !completion.candidates.isEmpty else { return nil }
    let entries = completion.candidates.count == 1
        ? [completion.replacement]
        : [completion.replacement] + completion.candidates
    guard let array = calloc(entries.count + 2, MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)?
        .assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self) else { return nil }
    for (i, entry) in entries.enumerated() {
        array[i] = strdup(entry)
    }
    return array
}
