/// A Kubernetes resource quantity (`250m`, `1`, `0.5`, `512Mi`, `1Gi`, `1G`, `100M`, `1e3`),
/// kept exactly as `mantissa × 10^decimalExponent × 1024^binaryPower`.
///
/// The grammar is the API server's: an optional sign, a decimal number, then one suffix:
/// binary (`Ki Mi Gi Ti Pi Ei`), decimal (`n u m k M G T P E`) or an exponent (`e3`, `E-2`).
public struct ResourceQuantity: Equatable, Sendable, CustomStringConvertible {
    public let mantissa: Int64
    public let decimalExponent: Int
    public let binaryPower: Int
    /// The text as written.
    public let text: String

    public var description: String { text }

    /// Reads a quantity; the error names the text and shows the accepted forms.
    public init(_ text: String) throws(CortexError) {
        guard let parsed = ResourceQuantity.parse(text) else {
            throw .usage("invalid resource quantity `\(text)`",
                         hint: "write it as Kubernetes does: 250m, 0.5, 2 (CPU); 512Mi, 1Gi, 1G, 100M (memory)")
        }
        self = parsed
    }

    init(mantissa: Int64, decimalExponent: Int, binaryPower: Int, text: String) {
        self.mantissa = mantissa
        self.decimalExponent = decimalExponent
        self.binaryPower = binaryPower
        self.text = text
    }

    /// The quantity in whole units of `10^unitExponent`, rounded up as the API server rounds
    /// (`milli` for CPU is `-3`, bytes are `0`). Nil when the result does not fit in 64 bits.
    public func value(inUnitsOf unitExponent: Int = 0) -> Int64? {
        var n = mantissa
        for _ in 0..<binaryPower {
            let (m, o) = n.multipliedReportingOverflow(by: 1024)
            if o { return nil }
            n = m
        }
        let shift = decimalExponent - unitExponent
        if shift >= 0 {
            for _ in 0..<shift {
                let (m, o) = n.multipliedReportingOverflow(by: 10)
                if o { return nil }
                n = m
            }
            return n
        }
        var divisor: Int64 = 1
        for _ in 0..<(-shift) {
            let (m, o) = divisor.multipliedReportingOverflow(by: 10)
            if o { return n == 0 ? 0 : (n > 0 ? 1 : 0) }
            divisor = m
        }
        let q = n / divisor
        return n % divisor > 0 ? q + 1 : q
    }

    /// Thousandths of the unit: millicores for CPU.
    public var millis: Int64? { value(inUnitsOf: -3) }

    /// The whole value: bytes for memory.
    public var units: Int64? { value(inUnitsOf: 0) }

    static let binarySuffixes: [String: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]
    static let decimalSuffixes: [String: Int] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]

    static func parse(_ text: String) -> ResourceQuantity? {
        let chars = Array(text.unicodeScalars)
        var i = 0
        var negative = false
        if i < chars.count, chars[i] == "+" || chars[i] == "-" {
            negative = chars[i] == "-"
            i += 1
        }
        var mantissa: Int64 = 0
        var exponent = 0
        var digits = 0, significant = 0
        var seenPoint = false
        while i < chars.count {
            let c = chars[i]
            if c == ".", !seenPoint {
                seenPoint = true
            } else if c.value >= 48, c.value <= 57 {
                let d = Int64(c.value - 48)
                digits += 1
                if mantissa != 0 || d != 0 { significant += 1 }
                guard significant <= 18 else { return nil }
                mantissa = mantissa * 10 + d
                if seenPoint { exponent -= 1 }
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        let suffix = String(String.UnicodeScalarView(chars[i...]))
        var binaryPower = 0
        if let p = binarySuffixes[suffix] {
            binaryPower = p
        } else if let e = decimalSuffixes[suffix] {
            exponent += e
        } else if let first = suffix.first, first == "e" || first == "E",
                  let e = Int(suffix.dropFirst()), abs(e) <= 30 {
            exponent += e
        } else {
            return nil
        }
        return ResourceQuantity(mantissa: negative ? -mantissa : mantissa, decimalExponent: exponent,
                                binaryPower: binaryPower, text: text)
    }
}
