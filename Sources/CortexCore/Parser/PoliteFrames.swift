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
                || ByteSearch.first(Array("could you".utf8), in: lower) != nil
        else { return text }
        let bytes = Array(text.utf8)
        for frame in frames {
            guard let start = ByteSearch.first(frame, in: lower) else { continue }
            // The frame starts a word.
            if start > 0, lower[start - 1] != 0x20, lower[start - 1] != UInt8(ascii: ",") { continue }
            let out = Array(bytes[..<start]) + Array("please".utf8) + Array(bytes[(start + frame.count)...])
            return String(decoding: out, as: UTF8.self)
        }
        return text
    }

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
        ]
        // Longest first, so that a frame is never cut short by one inside it.
        return phrases.sorted { $0.count > $1.count }.map { Array($0.utf8) }
    }()
}
