#!/usr/bin/env python3
"""Trims official Kubernetes OpenAPI v3 documents to the kinds the simulated cluster serves.

The sources are the per-group-version documents of kubernetes/kubernetes
`api/openapi-spec/v3/` (kubectl keeps the same files in `testdata/openapi/v3/`). For each
served group-version this keeps the paths of the served resources (their collection, object
and `status`/`scale`/`log` subresources, without the deprecated `watch/` paths) and every
schema those paths and kinds reach through `$ref`, descriptions included: they are what
`kubectl explain` prints. The output is compact JSON, one file per group-version, named
like the URL after `/openapi/v3/` with `/` written as `__`.

Usage: trim.py SOURCE_DIR OUTPUT_DIR
SOURCE_DIR holds `api/v1.json`, `apis/apps/v1.json`, ... (the kubectl testdata layout).
"""
import json
import os
import sys

# Group-version (URL form) -> plural resource names the simulator serves there.
SERVED = {
    "api/v1": [
        "namespaces", "pods", "events", "configmaps", "secrets", "services", "endpoints", "nodes",
        "persistentvolumeclaims", "resourcequotas", "limitranges",
    ],
    "apis/apps/v1": ["deployments", "replicasets", "statefulsets", "daemonsets", "controllerrevisions"],
    "apis/autoscaling/v1": ["horizontalpodautoscalers"],
    "apis/autoscaling/v2": ["horizontalpodautoscalers"],
}
SUBRESOURCES = {"status", "scale", "log"}


def served_path(path, prefix, plurals):
    if not path.startswith("/" + prefix + "/"):
        return False
    segments = path[len(prefix) + 2:].split("/")
    if len(segments) >= 3 and segments[0] == "namespaces" and segments[1] == "{namespace}":
        segments = segments[2:]
    plural, rest = segments[0], segments[1:]
    if plural not in plurals:
        return False
    if not rest:
        return True
    if rest[0] != "{name}" or len(rest) > 2:
        return False
    return len(rest) == 1 or rest[1] in SUBRESOURCES


def references(value, found):
    if isinstance(value, dict):
        for key, member in value.items():
            if key == "$ref" and isinstance(member, str):
                found.add(member.rsplit("/", 1)[-1])
            else:
                references(member, found)
    elif isinstance(value, list):
        for member in value:
            references(member, found)


def trim(document, prefix, plurals):
    paths = {p: v for p, v in document["paths"].items() if served_path(p, prefix, plurals)}
    schemas = document["components"]["schemas"]
    wanted = set()
    references(paths, wanted)
    pending = list(wanted)
    while pending:
        name = pending.pop()
        reached = set()
        references(schemas.get(name, {}), reached)
        for other in reached - wanted:
            wanted.add(other)
            pending.append(other)
    trimmed = dict(document)
    trimmed["paths"] = paths
    trimmed["components"] = dict(document["components"])
    trimmed["components"]["schemas"] = {n: schemas[n] for n in sorted(wanted) if n in schemas}
    return trimmed


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, output = sys.argv[1], sys.argv[2]
    os.makedirs(output, exist_ok=True)
    for prefix, plurals in SERVED.items():
        with open(os.path.join(source, *prefix.split("/")) + ".json") as f:
            document = json.load(f)
        trimmed = trim(document, prefix, set(plurals))
        target = os.path.join(output, prefix.replace("/", "__") + ".json")
        with open(target, "w") as f:
            json.dump(trimmed, f, separators=(",", ":"), sort_keys=True)
        print(f"{target}: {len(trimmed['paths'])} paths, {len(trimmed['components']['schemas'])} schemas, "
              f"{os.path.getsize(target)} bytes")


if __name__ == "__main__":
    main()
