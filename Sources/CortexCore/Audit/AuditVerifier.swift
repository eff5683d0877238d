/// What is known about the head record beside the log.
public enum AuditHeadState: Equatable, Sendable {
    case absent
    case unreadable
    case present(AuditHead)
}

/// The remains of an interrupted write at the end of the log: not tampering, and nothing
/// before it is affected.
public struct TornTail: Equatable, Sendable {
    public var line: Int
    public var bytes: Int

    public init(line: Int, bytes: Int) {
        self.line = line
        self.bytes = bytes
    }
}

/// The first thing wrong with a log, and where.
public struct AuditProblem: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case garbled, edited, missing, outOfOrder, brokenLink, recoveryMismatch, downgraded, unknownAlgorithm
        case truncated, rewritten, headMissing, headUnreadable, headForged, headNotKeyed, needsKey
    }

    public var kind: Kind
    /// The line at fault (1-based); nil for problems of the head record.
    public var line: Int?
    public var message: String

    public var description: String { message }

    /// How `cortex audit verify` ends: 2 when it lacks the key to check, else 1.
    public var exitCode: ExitCode { kind == .needsKey ? .usage : .failed }

    public init(kind: Kind, line: Int?, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }
}

/// The outcome of checking a log: how many entries are intact, what was recovered, and the
/// first problem if any.
public struct AuditVerification: Equatable, Sendable {
    /// Entries checked and found intact.
    public var entries = 0
    public var last: AuditLink?
    /// Lines left by interrupted writes that a later entry vouches for.
    public var recoveredLines: [Int] = []
    public var tornTail: TornTail?
    public var problem: AuditProblem?

    public var isIntact: Bool { problem == nil }

    public init() {}
}

/// Checks an audit log's hash chain and head record. Pure: it is given the bytes of the log
/// and the head, and the digests to check them with.
///
/// Detects an edited entry (its hash), a deleted or moved entry (sequence numbers and the
/// `prev` links), entries removed from the end (the head record), a re-hashed chain in keyed
/// mode (no key, no valid HMAC), and tells a torn last line after a crash apart from all these.
public struct AuditVerifier: Sendable {
    public var plain: any Digest
    public var keyed: (any Digest)?

    public init(plain: any Digest, keyed: (any Digest)? = nil) {
        self.plain = plain
        self.keyed = keyed
    }

    public func verify(_ log: [UInt8], head: AuditHeadState) -> AuditVerification {
        log.withUnsafeBufferPointer { verify($0, head: head) }
    }

    public func verify(_ log: UnsafeBufferPointer<UInt8>, head: AuditHeadState) -> AuditVerification {
        var result = AuditVerification()
        var chain = ChainState(log: log, verifier: self)
        let headSeq: Int? = if case .present(let h) = head { h.seq } else { nil }
        var headHash: String?
        var lastLine: Range<Int>?
        var start = 0, lineNumber = 0
        while start < log.count {
            lineNumber += 1
            let newline = log[start...].firstIndex(of: 10)
            let end = newline ?? log.count
            if let layout = EntryLayout(UnsafeBufferPointer(rebasing: log[start..<end])) {
                if let problem = chain.accept(layout, at: start, lineNumber: lineNumber) {
                    result.problem = problem
                    break
                }
                if let recovered = chain.recoveredLine { result.recoveredLines.append(recovered) }
                chain.lastValidEnd = newline.map { $0 + 1 } ?? end
                result.entries += 1
                lastLine = start..<end
                if layout.seq == headSeq { headHash = chain.text(layout.hash, at: start) }
            } else if chain.pending == nil {
                chain.pending = (lineNumber, start)
            }
            start = end + 1
        }
        result.last = lastLine.flatMap { EntryHeader(UnsafeBufferPointer(rebasing: log[$0])) }?.link
        if result.problem == nil, let pending = chain.pending {
            result.tornTail = TornTail(line: pending.line, bytes: log.count - pending.start)
        }
        if result.problem == nil {
            result.problem = checkHead(head, lastSeq: result.last?.seq ?? 0, hashAtHead: headHash)
        }
        return result
    }

    /// The running state of the chain while lines are read. Hashes are compared where they
    /// stand in the log, without copying them.
    struct ChainState {
        let log: UnsafeBufferPointer<UInt8>
        let verifier: AuditVerifier
        let plainName: [UInt8]
        let keyedName: [UInt8]?
        var expectedSeq = 1
        /// Where the previous entry's hash stands in the log; nil before the first entry.
        var previousHash: Int?
        var lastValidEnd = 0
        var keyedSeen = false
        /// The first line since the last valid entry that is not an entry.
        var pending: (line: Int, start: Int)?
        /// The line a recovering entry just vouched for.
        var recoveredLine: Int?

        init(log: UnsafeBufferPointer<UInt8>, verifier: AuditVerifier) {
            self.log = log
            self.verifier = verifier
            plainName = Array(verifier.plain.algorithm.utf8)
            keyedName = verifier.keyed.map { Array($0.algorithm.utf8) }
        }

        func bytes(_ range: Range<Int>, at start: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: log[(start + range.lowerBound)..<(start + range.upperBound)])
        }

        func text(_ range: Range<Int>, at start: Int) -> String {
            String(decoding: bytes(range, at: start), as: UTF8.self)
        }

        mutating func accept(_ h: EntryLayout, at start: Int, lineNumber n: Int) -> AuditProblem? {
            recoveredLine = nil
            let algorithm = bytes(h.algorithm, at: start)
            let digest: any Digest
            if algorithm.elementsEqual(plainName) {
                if verifier.keyed != nil, keyedSeen {
                    return AuditProblem(kind: .downgraded, line: n, message:
                        "entry \(h.seq) (line \(n)) is not keyed although earlier entries are: it was re-hashed without the key")
                }
                digest = verifier.plain
            } else if let keyed = verifier.keyed, let keyedName, algorithm.elementsEqual(keyedName) {
                keyedSeen = true
                digest = keyed
            } else if algorithm.elementsEqual(DigestAlgorithm.hmacSHA256.utf8) {
                return AuditProblem(kind: .needsKey, line: n, message:
                    "entry \(h.seq) (line \(n)) is keyed (HMAC-SHA256): set CORTEX_AUDIT_KEY to verify this log")
            } else {
                return AuditProblem(kind: .unknownAlgorithm, line: n, message:
                    "entry \(h.seq) (line \(n)) uses an unknown digest '\(text(h.algorithm, at: start))'")
            }
            if let region = h.recovered {
                let vouched = UnsafeBufferPointer(rebasing: log[lastValidEnd..<start])
                guard vouched.count == region.bytes,
                      Hex.matches(bytes(region.digest, at: start), digest.digest(UnsafeRawBufferPointer(vouched)))
                else {
                    return AuditProblem(kind: .recoveryMismatch, line: n, message:
                        "entry \(h.seq) (line \(n)) vouches for the remains of an interrupted write, but the bytes before it differ: they were altered")
                }
                recoveredLine = pending?.line
                pending = nil
            } else if let pending {
                return AuditProblem(kind: .garbled, line: pending.line, message:
                    "line \(pending.line) is not a valid entry: it was edited or damaged")
            }
            let hashed = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(log)[start..<(start + h.hashedLength)])
            guard Hex.matches(bytes(h.hash, at: start), digest.digest(hashed)) else {
                return AuditProblem(kind: .edited, line: n, message:
                    "entry \(h.seq) (line \(n)) was edited: its hash does not match its content")
            }
            if h.seq > expectedSeq {
                return AuditProblem(kind: .missing, line: n, message:
                    "entry \(expectedSeq) is missing: line \(n) holds entry \(h.seq) (entries were deleted or moved)")
            }
            if h.seq < expectedSeq {
                return AuditProblem(kind: .outOfOrder, line: n, message:
                    "entry \(h.seq) (line \(n)) comes after entry \(expectedSeq - 1): entries were moved or copied")
            }
            let prev = bytes(h.prev, at: start)
            let follows = previousHash.map { prev.elementsEqual(UnsafeBufferPointer(rebasing: log[$0..<($0 + EntryLayout.hexLength)])) }
                ?? prev.allSatisfy { $0 == 48 }
            guard follows else {
                return AuditProblem(kind: .brokenLink, line: n, message:
                    "entry \(h.seq) (line \(n)) does not follow the entry before it: an entry was replaced")
            }
            previousHash = start + h.hash.lowerBound
            expectedSeq += 1
            return nil
        }
    }

    func checkHead(_ state: AuditHeadState, lastSeq: Int, hashAtHead: String?) -> AuditProblem? {
        let head: AuditHead
        switch state {
        case .absent:
            guard lastSeq == 0 else {
                return AuditProblem(kind: .headMissing, line: nil, message:
                    "the head record beside the log is missing, so entries removed from the end would go unnoticed")
            }
            return nil
        case .unreadable:
            return AuditProblem(kind: .headUnreadable, line: nil, message: "the head record beside the log is damaged")
        case .present(let h):
            head = h
        }
        let digest: any Digest
        if let keyed = verifier(for: head.algorithm) {
            digest = keyed
        } else if head.algorithm == DigestAlgorithm.hmacSHA256 {
            return AuditProblem(kind: .needsKey, line: nil, message:
                "the head record is keyed (HMAC-SHA256): set CORTEX_AUDIT_KEY to verify this log")
        } else {
            return AuditProblem(kind: .unknownAlgorithm, line: nil, message:
                "the head record uses an unknown digest '\(head.algorithm)'")
        }
        if keyed != nil, !digest.isKeyed {
            return AuditProblem(kind: .headNotKeyed, line: nil, message:
                "the head record is not keyed although CORTEX_AUDIT_KEY is set: the log was written without the key, or re-hashed")
        }
        guard head.isAuthentic(digest: digest) else {
            return AuditProblem(kind: .headForged, line: nil, message:
                "the head record's check value is wrong: it was altered")
        }
        if head.seq > lastSeq {
            return AuditProblem(kind: .truncated, line: nil, message:
                "entry \(head.seq) was written, but the log ends at entry \(lastSeq): entries were removed from the end")
        }
        if head.seq > 0, hashAtHead != head.hash {
            return AuditProblem(kind: .rewritten, line: nil, message:
                "entry \(head.seq) is not the one the head record vouches for: the log was rewritten")
        }
        return nil
    }

    func verifier(for algorithm: String) -> (any Digest)? {
        if algorithm == plain.algorithm { return plain }
        if let keyed, keyed.algorithm == algorithm { return keyed }
        return nil
    }
}
