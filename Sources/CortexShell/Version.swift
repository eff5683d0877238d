/// The version `cortex --version` prints.
public enum CortexVersion {
    public static let string = "0.1.0"
}
