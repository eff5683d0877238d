import CortexCore
import Foundation

/// The simulated cluster's behaviour: the API (discovery, objects, subresources, watches,
/// logs) and the controllers, over one object store.
///
/// Not thread-safe by design: `ClusterEngine` owns one and serialises every call, so each
/// request and each controller pass sees and leaves a consistent state.
final class Cluster {
    let store: ObjectStore
    let watches = WatchHub()
    let pace: SimulationPace
    /// Called with a watch's id when its stream ends (client gone, timeout, shutdown).
    var onWatchTerminated: @Sendable (Int) -> Void = { _ in }
    /// Bumped by every stored change, so that a saver can tell whether anything changed.
    private(set) var changeCount = 0

    /// Where generated names and uids come from.
    let names: SimulationNames
    /// Pods the controllers found with a current status, kept between passes.
    let podStages: PodStages
    /// What the last controller pass changed, so that the next one at the same time can skip the rest.
    let passMemory: PassMemory
    /// The users whose bearer tokens are accepted; nil serves everyone without authentication.
    var users: SimUsers?

    init(pace: SimulationPace, resourceVersion: Int = 1000, names: SimulationNames = SimulationNames(seed: nil)) {
        self.pace = pace
        self.names = names
        self.store = ObjectStore(resourceVersion: resourceVersion)
        podStages = PodStages()
        passMemory = PassMemory()
        publishChanges()
    }

    /// A cluster in the state `other` is in (objects, history, where its names and uids go
    /// on from, what its controllers remember), without its watches and users: from then
    /// on the two change independently.
    init(copying other: Cluster) {
        pace = other.pace
        names = other.names.copy()
        store = ObjectStore(copying: other.store)
        podStages = PodStages(copying: other.podStages)
        passMemory = PassMemory(copying: other.passMemory)
        changeCount = other.changeCount
        publishChanges()
    }

    private func publishChanges() {
        store.onChange = { [unowned self] event in
            self.changeCount += 1
            self.watches.publish(event)
        }
    }

    func newUID() -> String { names.uid() }

    func newSuffix() -> String { names.suffix() }

    /// The controllers over this cluster's store.
    var controllers: ControllerManager {
        ControllerManager(store: store, pace: pace, newUID: newUID, newSuffix: newSuffix, podStages: podStages, memory: passMemory)
    }

    /// Answers one API request.
    func handle(_ request: APIRequest, now: Date) -> APIResponse {
        if let answer = authenticationAnswer(request) { return answer }
        if let answer = accessReviewAnswer(request) { return answer }
        guard let route = APIRoute(path: request.path) else { return .error(.pathNotFound) }
        do throws(APIError) {
            if case .resource(let target) = route {
                return try handleResource(target, request, now: now)
            }
            guard request.method == .get || request.method == .head else { throw APIError.methodNotAllowed }
            return try discovery(route)
        } catch {
            return .error(error)
        }
    }

    private func discovery(_ route: APIRoute) throws(APIError) -> APIResponse {
        switch route {
        case .version: return .json(Discovery.version)
        case .health: return .text("ok")
        case .coreVersions: return .json(Discovery.coreVersions)
        case .groupList: return .json(Discovery.groupList)
        case .group(let name):
            guard let group = Discovery.group(named: name) else { throw .pathNotFound }
            return .json(group)
        case let .resourceList(group, version):
            guard let list = Discovery.resourceList(group: group, version: version) else { throw .pathNotFound }
            return .json(list)
        case .openAPIV2: throw .pathNotFound
        case .openAPIV3Index: return .json(OpenAPIDocuments.index)
        case .openAPIV3(let groupVersion):
            guard let answer = OpenAPIDocuments.answer(for: groupVersion) else { throw .pathNotFound }
            return answer
        case .resource: throw .pathNotFound
        }
    }

    private func handleResource(_ target: APIRoute.ResourceTarget, _ request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        let kind = target.kind
        if kind.isMetrics { return try metrics(target, request, now: now) }
        guard let name = target.name else {
            switch request.method {
            case .get, .head:
                if ["true", "1"].contains(request.query["watch"]) { return try watch(target, request) }
                return try list(target, request, now: now)
            case .post:
                guard kind.verbs.contains("create") else { throw .methodNotAllowed }
                return try create(target, request, now: now)
            default: throw .methodNotAllowed
            }
        }
        switch target.subresource {
        case nil:
            switch request.method {
            case .get, .head: return try get(target, name: name, request: request, now: now)
            case .put: return try update(target, name: name, request: request, now: now)
            case .patch: return try patch(target, name: name, request: request, now: now)
            case .delete: return try delete(target, name: name, request: request, now: now)
            default: throw .methodNotAllowed
            }
        case "status" where kind.hasStatus:
            switch request.method {
            case .get, .head: return try get(target, name: name, request: request, now: now)
            case .put: return try update(target, name: name, request: request, now: now)
            case .patch: return try patch(target, name: name, request: request, now: now)
            default: throw .methodNotAllowed
            }
        case "scale" where kind.hasScale:
            switch request.method {
            case .get, .head: return .json(Scale.from(try existing(target, name: name).value, kind: kind))
            case .put: return try updateScale(target, name: name, request: request, now: now)
            case .patch: return try patchScale(target, name: name, request: request, now: now)
            default: throw .methodNotAllowed
            }
        case "log" where kind == .pods:
            guard request.method == .get || request.method == .head else { throw .methodNotAllowed }
            return try podLog(target, name: name, request: request, now: now)
        default:
            throw .pathNotFound
        }
    }

    /// The stored object a request names, or 404.
    func existing(_ target: APIRoute.ResourceTarget, name: String) throws(APIError) -> StoredObject {
        guard let object = store.get(target.kind, namespace: target.namespace ?? "", name: name) else {
            throw .notFound(target.kind, name)
        }
        return object
    }
}
