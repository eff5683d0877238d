/// Why a patch could not be read or applied.
public enum JSONPatchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The patch document itself is not well formed (wrong shape, unknown op, missing member).
    case malformed(String)
    /// A JSON Pointer that does not follow RFC 6901.
    case invalidPointer(String)
    /// The patch is well formed but does not fit the document (missing path, failed test,
    /// bad array index).
    case conflict(String)

    /// Whether the fault lies in the patch document rather than in the target.
    public var isMalformed: Bool {
        switch self {
        case .malformed, .invalidPointer: true
        case .conflict: false
        }
    }

    public var description: String {
        switch self {
        case .malformed(let reason): reason
        case .invalidPointer(let pointer): "invalid JSON pointer \"\(pointer)\""
        case .conflict(let reason): reason
        }
    }
}

/// A JSON Patch document (RFC 6902): a list of operations applied in order, all or nothing.
public struct JSONPatch: Equatable, Sendable {
    public enum Operation: Equatable, Sendable {
        case add(path: JSONPointer, value: JSONValue)
        case remove(path: JSONPointer)
        case replace(path: JSONPointer, value: JSONValue)
        case move(from: JSONPointer, path: JSONPointer)
        case copy(from: JSONPointer, path: JSONPointer)
        case test(path: JSONPointer, value: JSONValue)
    }

    public var operations: [Operation]

    public init(operations: [Operation]) {
        self.operations = operations
    }

    /// Reads a patch document: an array of objects with `op`, `path` and, depending on the
    /// op, `value` or `from`.
    public init(_ document: JSONValue) throws(JSONPatchError) {
        guard let elements = document.arrayValue else {
            throw .malformed("a JSON patch must be an array of operations")
        }
        var operations: [Operation] = []
        for (position, element) in elements.enumerated() {
            operations.append(try Self.operation(element, at: position))
        }
        self.operations = operations
    }

    private static func operation(_ element: JSONValue, at position: Int) throws(JSONPatchError) -> Operation {
        guard element.objectValue != nil else { throw .malformed("operation \(position) is not an object") }
        guard let op = element["op"]?.stringValue else { throw .malformed("operation \(position) has no \"op\"") }
        guard let pathText = element["path"]?.stringValue else {
            throw .malformed("operation \(position) (\(op)) has no \"path\"")
        }
        let path = try JSONPointer(pathText)
        func value() throws(JSONPatchError) -> JSONValue {
            guard let value = element["value"] else { throw .malformed("operation \(position) (\(op)) has no \"value\"") }
            return value
        }
        func from() throws(JSONPatchError) -> JSONPointer {
            guard let text = element["from"]?.stringValue else {
                throw .malformed("operation \(position) (\(op)) has no \"from\"")
            }
            return try JSONPointer(text)
        }
        switch op {
        case "add": return .add(path: path, value: try value())
        case "remove": return .remove(path: path)
        case "replace": return .replace(path: path, value: try value())
        case "move": return .move(from: try from(), path: path)
        case "copy": return .copy(from: try from(), path: path)
        case "test": return .test(path: path, value: try value())
        default: throw .malformed("operation \(position) has an unknown op \"\(op)\"")
        }
    }

    /// The document after every operation; the input is untouched when one fails.
    public func apply(to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var result = document
        for operation in operations {
            result = try Self.apply(operation, to: result)
        }
        return result
    }

    private static func apply(_ operation: Operation, to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        switch operation {
        case let .add(path, value):
            return try document.adding(value, at: path.tokens[...], pointer: path)
        case let .remove(path):
            return try document.removing(at: path.tokens[...], pointer: path)
        case let .replace(path, value):
            _ = try document.value(at: path)
            if path.tokens.isEmpty { return value }
            return try document.removing(at: path.tokens[...], pointer: path)
                .adding(value, at: path.tokens[...], pointer: path)
        case let .move(from, path):
            if path.tokens.starts(with: from.tokens), path.tokens.count > from.tokens.count {
                throw .conflict("cannot move \(from) into one of its own children")
            }
            let value = try document.value(at: from)
            return try document.removing(at: from.tokens[...], pointer: from)
                .adding(value, at: path.tokens[...], pointer: path)
        case let .copy(from, path):
            let value = try document.value(at: from)
            return try document.adding(value, at: path.tokens[...], pointer: path)
        case let .test(path, expected):
            guard try document.value(at: path) == expected else {
                throw .conflict("test failed: the value at \(path) is not the expected value")
            }
            return document
        }
    }
}

extension JSONValue {
    /// The value a pointer designates.
    public func value(at pointer: JSONPointer) throws(JSONPatchError) -> JSONValue {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { throw .conflict("path \(pointer) does not exist") }
                current = next
            case .array(let elements):
                guard let index = Self.arrayIndex(token), index < elements.count else {
                    throw .conflict("path \(pointer) does not exist")
                }
                current = elements[index]
            default:
                throw .conflict("path \(pointer) does not exist")
            }
        }
        return current
    }

    fileprivate func adding(
        _ value: JSONValue, at tokens: ArraySlice<String>, pointer: JSONPointer
    ) throws(JSONPatchError) -> JSONValue {
        guard let token = tokens.first else { return value }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else { throw .conflict("path \(pointer) does not exist") }
                members[token] = try child.adding(value, at: rest, pointer: pointer)
            }
            return .object(members)
        case .array(var elements):
            if rest.isEmpty {
                if token == "-" {
                    elements.append(value)
                } else {
                    guard let index = Self.arrayIndex(token), index <= elements.count else {
                        throw .conflict("index \(token) is out of range at \(pointer)")
                    }
                    elements.insert(value, at: index)
                }
            } else {
                guard let index = Self.arrayIndex(token), index < elements.count else {
                    throw .conflict("path \(pointer) does not exist")
                }
                elements[index] = try elements[index].adding(value, at: rest, pointer: pointer)
            }
            return .array(elements)
        default:
            throw .conflict("path \(pointer) does not exist")
        }
    }

    fileprivate func removing(at tokens: ArraySlice<String>, pointer: JSONPointer) throws(JSONPatchError) -> JSONValue {
        guard let token = tokens.first else { throw .conflict("cannot remove the whole document") }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var members):
            guard let child = members[token] else { throw .conflict("path \(pointer) does not exist") }
            if rest.isEmpty {
                members.removeValue(forKey: token)
            } else {
                members[token] = try child.removing(at: rest, pointer: pointer)
            }
            return .object(members)
        case .array(var elements):
            guard let index = Self.arrayIndex(token), index < elements.count else {
                throw .conflict("path \(pointer) does not exist")
            }
            if rest.isEmpty {
                elements.remove(at: index)
            } else {
                elements[index] = try elements[index].removing(at: rest, pointer: pointer)
            }
            return .array(elements)
        default:
            throw .conflict("path \(pointer) does not exist")
        }
    }

    /// An array index token: `0` or digits without a leading zero.
    fileprivate static func arrayIndex(_ token: String) -> Int? {
        guard let first = token.utf8.first, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if first == 0x30, token.utf8.count > 1 { return nil }
        return Int(token)
    }
}
