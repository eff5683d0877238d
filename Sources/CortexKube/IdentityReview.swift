public import CortexCore
import FoundationEssentials

/// Asks the API server who the credentials belong to (`SelfSubjectReview`,
/// authentication.k8s.io/v1). Where the server cannot say (404: too old, or the API is
/// off), the kubeconfig user stands in, marked unverified.
public enum IdentityReview {
    public static let path = "/apis/authentication.k8s.io/v1/selfsubjectreviews"

    /// The request: a POST of an empty review.
    public static var request: KubeRequest {
        let body: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"]
        return KubeRequest(method: .post, path: path, contentType: "application/json", body: Data(body.serialized()))
    }

    /// The identity in a review's answer; nil when it names no user.
    public static func identity(in answer: JSONValue) -> OperatorIdentity? {
        guard let info = answer[path: ["status", "userInfo"]], let name = info["username"]?.stringValue, !name.isEmpty else {
            return nil
        }
        let groups = (info["groups"]?.arrayValue ?? []).compactMap(\.stringValue)
        return OperatorIdentity(user: name, groups: groups, verified: true)
    }

    /// Who the client's credentials belong to. `fallback` names the operator when the
    /// server does not serve the review.
    public static func identity(client: KubeClient, fallback: String) throws(CortexError) -> OperatorIdentity {
        let answer: JSONValue
        do { answer = try client.json(request) } catch {
            if error.isNotFound { return OperatorIdentity(user: fallback, verified: false) }
            throw error.cortexError(client.context(nil, "the identity of the credentials", "review"))
        }
        guard let identity = identity(in: answer) else {
            throw .failed("the cluster's SelfSubjectReview named no user",
                          hint: "check the credentials of context \(client.config.contextName)")
        }
        return identity
    }
}
