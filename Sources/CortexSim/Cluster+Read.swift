import CortexCore
import Foundation

/// Reads: get, list (with selectors, paging and Table rendering) and watch.
extension Cluster {
    func get(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        let object = try existing(target, name: name)
        if target.kind.version != ResourceKind.horizontalPodAutoscalers.version, target.kind == .horizontalPodAutoscalers {
            return .json(AutoscalerVersions.v1(object.value))
        }
        if request.wantsTable {
            return .json(
                TableRenderer.table(
                    target.kind, objects: [object.value], resourceVersion: object.resourceVersion,
                    includeObject: request.query["includeObject"], now: now))
        }
        return .stored(object)
    }

    func filter(_ target: APIRoute.ResourceTarget, _ request: APIRequest) throws(APIError) -> ObjectFilter {
        var filter = ObjectFilter(namespace: target.namespace)
        if let text = request.query["labelSelector"], !text.isEmpty { filter.labels = try LabelSelector(parsing: text) }
        if let text = request.query["fieldSelector"], !text.isEmpty { filter.fields = try FieldSelector(parsing: text, for: target.kind) }
        return filter
    }

    func list(_ target: APIRoute.ResourceTarget, _ request: APIRequest, now: Date) throws(APIError) -> APIResponse {
        let filter = try filter(target, request)
        var items: [StoredObject]
        if target.kind == .events, let namespace = target.namespace, let about = filter.fields.value(of: ["involvedObject", "name"]) {
            // The Events about one object, from the store's index of them.
            items = store.events(in: namespace, about: about).filter { filter.matches($0.value) }
                .sorted { $0.value.name < $1.value.name }
        } else {
            items = store.list(target.kind, namespace: target.namespace, matching: filter.matches)
        }
        var metadata: JSONValue = ["resourceVersion": .string(String(store.resourceVersion))]
        let offset = try continueOffset(request.query["continue"])
        if offset > 0 { items = Array(items.dropFirst(offset)) }
        if let limit = request.query["limit"].flatMap(Int.init), limit > 0, items.count > limit {
            metadata["continue"] = .string("offset-\(offset + limit)")
            metadata["remainingItemCount"] = .number(items.count - limit)
            items = Array(items.prefix(limit))
        }
        if request.wantsTable {
            var table = TableRenderer.table(
                target.kind, objects: items.map(\.value), resourceVersion: store.resourceVersion,
                includeObject: request.query["includeObject"], now: now)
            table["metadata"] = metadata
            return .json(table)
        }
        var body = Array(#"{"apiVersion":""#.utf8)
        body += target.kind.apiVersion.utf8
        body += #"","items":["#.utf8
        let asV1 = target.kind.version != ResourceKind.horizontalPodAutoscalers.version && target.kind == .horizontalPodAutoscalers
        let values = asV1 || request.readsValues ? items.map { asV1 ? AutoscalerVersions.v1($0.value) : $0.value } : []
        for (index, item) in items.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += asV1 ? values[index].serialized() : item.encoded
        }
        body += #"],"kind":""#.utf8
        body += target.kind.listKind.utf8
        body += #"","metadata":"#.utf8
        body += metadata.serialized()
        body.append(UInt8(ascii: "}"))
        let value: JSONValue? = request.readsValues ? [
            "apiVersion": .string(target.kind.apiVersion), "items": .array(values),
            "kind": .string(target.kind.listKind), "metadata": metadata,
        ] : nil
        return APIResponse(code: 200, contentType: "application/json", body: .bytes(body), value: value)
    }

    private func continueOffset(_ token: String?) throws(APIError) -> Int {
        guard let token, !token.isEmpty else { return 0 }
        guard token.hasPrefix("offset-"), let offset = Int(token.dropFirst("offset-".count)), offset >= 0 else {
            throw .expired("The provided continue parameter is too old to display a consistent list result.")
        }
        return offset
    }

    /// A watch: NDJSON events, first the current objects as ADDED when no resource version
    /// (or "0") is given, else the retained changes after that version; an ERROR event with a
    /// 410 Expired Status (HTTP 200, as kube-apiserver's watch cache answers) when it is older
    /// than the retained history. `sendInitialEvents` is refused with 422 like a server whose
    /// WatchList feature is off, so clients fall back to list-then-watch.
    func watch(_ target: APIRoute.ResourceTarget, _ request: APIRequest) throws(APIError) -> APIResponse {
        try Self.validateWatchOptions(request.query)
        let filter = try filter(target, request)
        let kind = target.kind
        let initial: [WatchEvent]
        let version = request.query["resourceVersion"] ?? ""
        if version.isEmpty || version == "0" {
            initial = store.list(kind, namespace: target.namespace).map { WatchEvent(type: .added, resource: kind, object: $0) }
        } else {
            guard let number = Int(version) else { throw .badRequest("invalid resource version \"\(version)\"") }
            guard let events = store.events(of: kind, after: number) else {
                let status = APIError.expired("too old resource version: \(number) (\(store.oldestResumableVersion))").status
                let line = WatchHub.eventLine("ERROR", status.serialized())
                return APIResponse(
                    code: 200, contentType: "application/json",
                    body: .stream(AsyncStream { $0.yield(line); $0.finish() }))
            }
            initial = events
        }
        let format: WatchFormat = request.wantsTable ? .table(includeObject: request.query["includeObject"]) : .objects
        let bookmarks = request.query["allowWatchBookmarks"] == "true"
        let (id, stream) = watches.add(
            kind: kind, filter: filter, format: format, bookmarks: bookmarks, initial: initial,
            onTermination: onWatchTerminated)
        var response = APIResponse(code: 200, contentType: "application/json", body: .stream(stream))
        response.watch = APIResponse.WatchHandle(
            id: id, timeoutSeconds: request.query["timeoutSeconds"].flatMap(Double.init), bookmarks: bookmarks)
        return response
    }

    /// kube-apiserver's checks of a watch's `sendInitialEvents` and `resourceVersionMatch`
    /// with the WatchList feature off.
    static func validateWatchOptions(_ query: [String: String]) throws(APIError) {
        var errors: [FieldError] = []
        let match = query["resourceVersionMatch"] ?? ""
        let sendInitialEvents = query["sendInitialEvents"]
        if sendInitialEvents != nil {
            if match != "NotOlderThan" {
                errors.append(.forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"))
            }
            errors.append(.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled"))
        }
        if !match.isEmpty {
            if sendInitialEvents == nil {
                errors.append(.forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"))
            }
            if match != "NotOlderThan" {
                errors.append(.notSupported("resourceVersionMatch", .string(match), supported: ["NotOlderThan"]))
            }
        }
        guard !errors.isEmpty else { return }
        throw .invalidOptions(errors)
    }
}
