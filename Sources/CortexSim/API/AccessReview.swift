import CortexCore

/// `SelfSubjectAccessReview` (authorization.k8s.io/v1), which `kubectl auth can-i` asks. The
/// simulated cluster authorizes every request it authenticates (it has no RBAC), so the
/// review allows what names a resource or path and a verb, and says why.
extension Cluster {
    static let selfSubjectAccessReviewPath = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"

    /// The review for `POST selfsubjectaccessreviews`; nil for every other request.
    func accessReviewAnswer(_ request: APIRequest) -> APIResponse? {
        guard request.path == Self.selfSubjectAccessReviewPath else { return nil }
        guard request.method == .post else { return .error(.methodNotAllowed) }
        do throws(APIError) {
            let body = try decodeBody(request)
            guard body.objectValue != nil else { throw .badRequest("the body of the request must be a JSON object") }
            if let kind = body["kind"]?.stringValue, !kind.isEmpty, kind != "SelfSubjectAccessReview" {
                throw .badRequest("the object provided is unrecognized (must be of type SelfSubjectAccessReview): kind \(kind)")
            }
            let spec = body["spec"] ?? [:]
            let resource = spec["resourceAttributes"]
            let nonResource = spec["nonResourceAttributes"]
            guard (resource == nil) != (nonResource == nil) else {
                throw APIError(
                    code: 422, reason: "Invalid",
                    message: "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: "
                        + "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified",
                    details: nil)
            }
            var review: JSONValue = [
                "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
                "metadata": ["creationTimestamp": .null], "spec": spec,
            ]
            review["status"] = ["allowed": true, "reason": "the simulated cluster authorizes every authenticated request"]
            return .json(review, code: 201)
        } catch {
            return .error(error)
        }
    }
}
