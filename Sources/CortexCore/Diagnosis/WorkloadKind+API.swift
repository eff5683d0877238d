extension WorkloadKind {
    /// The kind of an API object's `kind` (`StatefulSet` -> `.statefulset`); nil for others.
    public init?(apiKind: String) {
        guard let kind = WorkloadKind.allCases.first(where: { $0.apiKind == apiKind }) else { return nil }
        self = kind
    }
}
