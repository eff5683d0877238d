extension JSONValue {
    /// The value as compact UTF-8 JSON. Object members are written in key order, so equal
    /// values always give the same bytes.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        JSONWriter(pretty: false).write(self, into: &output, indent: 0)
        return output
    }

    /// The value as JSON text; `pretty` indents by two spaces, one member per line.
    public func serializedString(pretty: Bool = false) -> String {
        var output: [UInt8] = []
        JSONWriter(pretty: pretty).write(self, into: &output, indent: 0)
        return String(decoding: output, as: UTF8.self)
    }
}

private struct JSONWriter {
    let pretty: Bool

    func write(_ value: JSONValue, into output: inout [UInt8], indent: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): writeDouble(number, into: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements): writeArray(elements, into: &output, indent: indent)
        case .object(let members): writeObject(members, into: &output, indent: indent)
        }
    }

    private func writeDouble(_ number: Double, into output: inout [UInt8]) {
        guard number.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        if number.rounded() == number, abs(number) < 1e15 {
            output.append(contentsOf: String(Int64(number)).utf8)
        } else {
            output.append(contentsOf: "\(number)".utf8)
        }
    }

    private func writeArray(_ elements: [JSONValue], into output: inout [UInt8], indent: Int) {
        output.append(UInt8(ascii: "["))
        for (position, element) in elements.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline(into: &output, indent: indent + 1)
            write(element, into: &output, indent: indent + 1)
        }
        if !elements.isEmpty { newline(into: &output, indent: indent) }
        output.append(UInt8(ascii: "]"))
    }

    private func writeObject(_ members: [String: JSONValue], into output: inout [UInt8], indent: Int) {
        output.append(UInt8(ascii: "{"))
        // Members sorted with their values, so that no value is looked up again by its key.
        for (position, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline(into: &output, indent: indent + 1)
            writeString(member.key, into: &output)
            output.append(UInt8(ascii: ":"))
            if pretty { output.append(UInt8(ascii: " ")) }
            write(member.value, into: &output, indent: indent + 1)
        }
        if !members.isEmpty { newline(into: &output, indent: indent) }
        output.append(UInt8(ascii: "}"))
    }

    private func newline(into output: inout [UInt8], indent: Int) {
        guard pretty else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private func writeString(_ text: String, into output: inout [UInt8]) {
        JSONStringEscaping.append(text, to: &output, namingBackspaceAndFormFeed: false)
    }
}
