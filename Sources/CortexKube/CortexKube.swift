/// Kubernetes client logic: kubeconfig, requests, object models, rollout status.
public enum CortexKube {}
