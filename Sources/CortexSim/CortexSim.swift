/// The simulated cluster.
public enum CortexSim {}
