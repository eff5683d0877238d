/// One JSON object written member by member, in the form `JSONEncoder` gives with
/// `.sortedKeys` and `.withoutEscapingSlashes`; the caller adds members in key order.
struct CanonicalJSONText {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]

    init() { bytes.reserveCapacity(128) }

    mutating func member(_ key: StaticString, raw: StaticString) {
        start(key)
        append(raw)
    }

    mutating func member(_ key: StaticString, _ text: String) {
        start(key)
        string(text)
    }

    mutating func member(_ key: StaticString, _ number: Int) {
        start(key)
        bytes.append(contentsOf: String(number).utf8)
    }

    mutating func member(_ key: StaticString, _ flag: Bool) {
        member(key, raw: flag ? "true" : "false")
    }

    /// `JSONEncoder` writes a finite double as its `description` less a trailing `.0`.
    mutating func member(_ key: StaticString, number: Double) {
        start(key)
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Variables in the UTF-8 order of their names; a removal is `null`.
    mutating func member(_ key: StaticString, _ env: [String: EnvValue]) {
        start(key)
        bytes.append(UInt8(ascii: "{"))
        for (position, name) in env.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            string(name)
            bytes.append(UInt8(ascii: ":"))
            switch env[name] {
            case .set(let value): string(value)
            case .remove, nil: append("null")
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// An array of strings, in their order.
    mutating func member(_ key: StaticString, strings: [String]) {
        start(key)
        list(strings) { $0.string($1) }
    }

    /// A nested object, finished here.
    mutating func member(_ key: StaticString, object: CanonicalJSONText) {
        start(key)
        append(object)
    }

    /// An array of objects, each finished here.
    mutating func member(_ key: StaticString, objects: [CanonicalJSONText]) {
        start(key)
        list(objects) { $0.append($1) }
    }

    /// A value already written as JSON text (another canonical object).
    mutating func member(_ key: StaticString, json: String) {
        start(key)
        bytes.append(contentsOf: json.utf8)
    }

    mutating func finished() -> String {
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func start(_ key: StaticString) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        append(key)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// `[`, the items as `write` writes them, separated by commas, and `]`.
    private mutating func list<Item>(_ items: [Item], _ write: (inout CanonicalJSONText, Item) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (position, item) in items.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Another object, finished.
    private mutating func append(_ object: CanonicalJSONText) {
        bytes.append(contentsOf: object.bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A string as `JSONEncoder` writes it (`\b` and `\f` by name).
    private mutating func string(_ text: String) {
        JSONStringEscaping.append(text, to: &bytes, namingBackspaceAndFormFeed: true)
    }
}
