"""Drives the simulated cluster with the official Kubernetes Python client.

Usage: python client_check.py KUBECONFIG

Each check prints "ok: <what>" or "FAIL: <what>: <why>"; the last line is
"python client checks: N ok, N failed" and the exit status is 1 when any check failed.
"""
import sys
import threading
import time

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

NAMESPACE = "staging"
passed = 0
failed = 0


def check(what, condition, why=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok: {what}", flush=True)
    else:
        failed += 1
        print(f"FAIL: {what}: {why}", flush=True)


def as_dict(answer):
    """The delete answer as a dict whatever the client version returns."""
    if isinstance(answer, dict):
        return answer
    return client.ApiClient().sanitize_for_serialization(answer)


def main():
    config.load_kube_config(config_file=sys.argv[1])
    core = client.CoreV1Api()
    apps = client.AppsV1Api()

    pods = core.list_namespaced_pod(NAMESPACE)
    check("list pods", len(pods.items) > 0 and pods.metadata.resource_version, f"{len(pods.items)} pods")
    deployments = apps.list_namespaced_deployment(NAMESPACE)
    names = [d.metadata.name for d in deployments.items]
    check("list deployments", len(names) > 0, f"names {names}")

    # Deployment: create, read, patch (scale), watch its pods, delete.
    body = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "pyclient", "labels": {"app": "pyclient"}},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "pyclient"}},
            "template": {
                "metadata": {"labels": {"app": "pyclient"}},
                "spec": {"containers": [{"name": "pyclient", "image": "ghcr.io/acme/pyclient:1.0"}]},
            },
        },
    }
    created = apps.create_namespaced_deployment(NAMESPACE, body)
    check("create deployment", created.metadata.uid and created.spec.replicas == 1, str(created.metadata))
    read = apps.read_namespaced_deployment("pyclient", NAMESPACE)
    check("read deployment", read.metadata.uid == created.metadata.uid, f"uid {read.metadata.uid}")

    # Watch the deployment's pods (no resourceVersion: ADDED for the current ones first),
    # scaling it to 3 once the stream is open, until the timeout ends the stream.
    events = []
    stream_ended = threading.Event()

    def watch_pods():
        w = watch.Watch()
        try:
            for event in w.stream(core.list_namespaced_pod, NAMESPACE, label_selector="app=pyclient", timeout_seconds=6):
                events.append((event["type"], event["object"].metadata.name))
        finally:
            stream_ended.set()

    watcher = threading.Thread(target=watch_pods)
    started = time.monotonic()
    watcher.start()
    time.sleep(1.5)
    patched = apps.patch_namespaced_deployment("pyclient", NAMESPACE, {"spec": {"replicas": 3}})
    check("patch deployment replicas", patched.spec.replicas == 3, f"replicas {patched.spec.replicas}")
    watcher.join(timeout=30)
    elapsed = time.monotonic() - started
    check("watch stream ends at timeout_seconds", stream_ended.is_set() and 5 <= elapsed < 15, f"{elapsed:.1f}s")
    types = [t for t, _ in events]
    check("watch sees ADDED first", types[:1] == ["ADDED"], f"events {events}")
    check("watch sees ADDED for new pods after the scale", types.count("ADDED") >= 3, f"events {events}")
    # A pod the scale made is first ADDED, then MODIFIED as it starts.
    first_pod = events[0][1] if events else None
    new_pods = {name for kind, name in events if kind == "ADDED" and name != first_pod}
    modified_later = any(
        kind == "MODIFIED" and name in new_pods and events.index(("ADDED", name)) < index
        for index, (kind, name) in enumerate(events)
    )
    check("watch sees a new pod ADDED then MODIFIED as it starts", modified_later, f"events {events}")

    scaled = apps.read_namespaced_deployment("pyclient", NAMESPACE)
    check("deployment spec after patch", scaled.spec.replicas == 3, f"replicas {scaled.spec.replicas}")
    # This client version answers a delete with the decoded JSON (a dict), older ones with V1Status.
    status = as_dict(apps.delete_namespaced_deployment("pyclient", NAMESPACE))
    check("delete deployment", status.get("kind") == "Status" and status.get("status") == "Success", str(status)[:200])
    try:
        apps.read_namespaced_deployment("pyclient", NAMESPACE)
        check("deployment gone after delete", False, "still readable")
    except ApiException as error:
        check("deployment gone after delete", error.status == 404 and error.reason == "Not Found", f"{error.status} {error.reason}")

    # ConfigMap: create, read, patch, delete.
    config_map = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="pyclient-settings"), data={"mode": "fast"})
    made = core.create_namespaced_config_map(NAMESPACE, config_map)
    check("create configmap", made.data == {"mode": "fast"}, str(made.data))
    got = core.read_namespaced_config_map("pyclient-settings", NAMESPACE)
    check("read configmap", got.data == {"mode": "fast"} and got.metadata.uid == made.metadata.uid, str(got.data))
    changed = core.patch_namespaced_config_map("pyclient-settings", NAMESPACE, {"data": {"mode": "slow", "extra": "1"}})
    check("patch configmap", changed.data == {"mode": "slow", "extra": "1"}, str(changed.data))
    status = as_dict(core.delete_namespaced_config_map("pyclient-settings", NAMESPACE))
    check("delete configmap", status.get("kind") == "Status" and status.get("status") == "Success", str(status)[:200])
    try:
        core.read_namespaced_config_map("pyclient-settings", NAMESPACE)
        check("configmap gone after delete", False, "still readable")
    except ApiException as error:
        check("configmap gone after delete", error.status == 404, f"{error.status} {error.reason}")

    print(f"python client checks: {passed} ok, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
