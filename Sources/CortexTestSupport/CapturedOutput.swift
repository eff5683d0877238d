public import CortexCore

/// The in-memory output sink under the name tests use.
public typealias CapturedOutput = OutputBuffer
