/// Frames that formal writing puts around a request: `we would appreciate it if you could
/// …`, `it would be great if you could …`, `would you be so kind as to …`. They only ask
/// politely: the frame is read as `please`, so that its words (`appreciate it`, `grateful`)
/// are never taken for a workload or a condition.
enum PoliteFrames {
    static func replacing(in text: String) -> String {
        let lower = Array(text.lowercased().utf8)
        // (One look for the words every frame has, before anything is copied.)
        guard ByteSearch.first(Array(" if you ".utf8), in: lower) != nil || ByteSearch.first(Array("kind".utf8), in: lower) != nil
                || ByteSearch.first(Array("wondering".utf8), in: lower) != nil || ByteSearch.first(Array(" you to ".utf8), in: lower) != nil
                || ByteSearch.first(Array(" that you ".utf8), in: lower) != nil || ByteSearch.first(Array(" able to ".utf8), in: lower) != nil
                || ByteSearch.first(Array("could you".utf8), in: lower) != nil || ByteSearch.first(Array("care to ".utf8), in: lower) != nil
                || ByteSearch.first(Array("got a ".utf8), in: lower) != nil || ByteSearch.first(Array("you could".utf8), in: lower) != nil
        else { return text }
        let bytes = Array(text.utf8)
        for frame in frames {
            guard let start = ByteSearch.first(frame, in: lower) else { continue }
            // The frame starts a word.
            if start > 0, lower[start - 1] != 0x20, lower[start - 1] != UInt8(ascii: ",") { continue }
            // (An offhand frame opens the line or a clause: `take care to restart` has none.)
            if offhand.contains(frame), start > 0, !(start >= 2 && ",:".utf8.contains(lower[start - 2])) { continue }
            let out = Array(bytes[..<start]) + Array("please".utf8) + Array(bytes[(start + frame.count)...])
            return String(decoding: out, as: UTF8.self)
        }
        return text
    }

    /// Offhand ways of asking (`any chance you could …`, `got a sec to …`, `care to …`), read
    /// only where they open the line or a clause.
    private static let offhandPhrases = [
        "any chance you could", "any chance you can", "is there any chance you could", "reckon you could", "think you could",
        "do you think you could", "you think you could", "are you able to", "you able to", "r u able to", "care to", "would you care to",
        "got a sec to", "got a second to", "got a minute to", "got a moment to", "you got a sec to", "have you got a sec to",
    ]

    private static let offhand: Set<[UInt8]> = Set(offhandPhrases.map { Array($0.utf8) })

    private static let frames: [[UInt8]] = {
        var phrases: [String] = []
        for subject in ["we would", "we'd", "i would", "i'd", "i should", "we should"] {
            for feeling in [
                "appreciate it", "really appreciate it", "be grateful", "be very grateful", "be most grateful", "be thankful", "love it", "be glad",
                "be obliged",
            ] {
                phrases.append("\(subject) \(feeling) if you could")
                phrases.append("\(subject) \(feeling) if you would")
            }
        }
        for value in ["great", "good", "helpful", "nice", "appreciated", "wonderful", "ideal"] {
            phrases.append("it would be \(value) if you could")
            phrases.append("it'd be \(value) if you could")
        }
        phrases += [
            "would you be so kind as to", "could you be so kind as to", "would you kindly", "i was wondering if you could",
            "we were wondering if you could", "i am wondering if you could", "i'm wondering if you could", "may we ask you to",
            "may i ask you to", "could i ask you to", "could we ask you to", "we would ask you to", "we would therefore ask you to",
            "we request that you", "i request that you", "would you be able to", "could you kindly", "please could you",
            "it would be much appreciated if you could", "it would be appreciated if you could", "i would ask that you kindly",
            "i would ask that you", "we would ask that you", "we would ask that you kindly",
        ] + offhandPhrases
        // Longest first, so that a frame is never cut short by one inside it.
        return phrases.sorted { $0.count > $1.count }.map { Array($0.utf8) }
    }()
}
