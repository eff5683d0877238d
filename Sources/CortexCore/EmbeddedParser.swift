/// The embedded, rule-based understander: no network, no model files.
public struct EmbeddedParser: Understander {
    public init() {}

    public func understand(_ text: String, context: UnderstandingContext) -> Understanding {
        Understanding(operation: .unknown("not implemented"), confidence: 0, source: "embedded")
    }
}
